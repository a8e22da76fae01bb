// The web app's pages work without this script; it adds the progress of an upload, the instant
// filters of the review page, and going to a finding's box or cell with a flash.
(function () {
  "use strict";

  function randomId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    var text = btoa(String.fromCharCode.apply(null, bytes));
    return text.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // Upload forms: the step the server is on and the time elapsed, until the answer arrives.
  // A button marked data-plain (the 单位信息 form's download) answers with a file: no progress.
  document.querySelectorAll("form.upload").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.hasAttribute("data-plain")) return;
      var button = event.submitter || form.querySelector("button[type=submit]");
      // disabled once the form's data is taken, so that the button's own name and value go with it
      if (button) setTimeout(function () { button.disabled = true; }, 0);
      var note = document.createElement("p");
      note.className = "busy";
      note.setAttribute("role", "status");
      var busy = form.getAttribute("data-busy") || "正在处理……";
      note.textContent = busy;
      form.appendChild(note);
      var id = null;
      if (form.hasAttribute("data-progress")) {
        id = randomId();
        form.action = form.getAttribute("action").split("?")[0] + "?progress=" + id;
      }
      var started = Date.now();
      var step = "";
      function show() {
        var seconds = Math.floor((Date.now() - started) / 1000);
        note.textContent = (step || busy) + "（已用时 " + seconds + " 秒）";
      }
      setInterval(show, 1000);
      if (!id) return;
      setInterval(function () {
        fetch("/progress/" + id, { cache: "no-store" })
          .then(function (answer) { return answer.ok ? answer.json() : null; })
          .then(function (said) { if (said && said.step) { step = "正在" + said.step.replace(/^正在/, ""); show(); } })
          .catch(function () {});
      }, 700);
    });
  });

  // Back to a page that was submitting (the browser's page cache): its buttons work again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form.upload button[disabled]").forEach(function (b) { b.disabled = false; });
    document.querySelectorAll("form.upload p.busy").forEach(function (p) { p.remove(); });
  });

  // The 单位信息 form: a further row (科目, 项目) as a copy of the last one, emptied.
  document.querySelectorAll(".info-form .more .add-row").forEach(function (add) {
    add.hidden = false;
    add.addEventListener("click", function () {
      var rows = add.parentNode.querySelectorAll(".more-row");
      var last = rows[rows.length - 1];
      var row = last.cloneNode(true);
      row.classList.remove("invalid");
      row.querySelectorAll(".field-error").forEach(function (p) { p.remove(); });
      row.querySelectorAll("input, textarea").forEach(function (input) {
        input.value = "";
        input.removeAttribute("aria-invalid");
      });
      last.parentNode.insertBefore(row, add);
      var first = row.querySelector("input, textarea");
      if (first) first.focus();
    });
  });

  // The review page.
  var list = document.querySelector(".review-findings");
  if (!list) return;

  function flash(el) {
    el.scrollIntoView({ behavior: "smooth", block: "center", inline: "center" });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    clearTimeout(el.flashTimer);
    el.flashTimer = setTimeout(function () { el.classList.remove("flash"); }, 3000);
  }

  function activate(item) {
    document.querySelectorAll(".finding.active").forEach(function (li) { li.classList.remove("active"); });
    if (item) item.classList.add("active");
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-goto]");
    if (link) {
      var el = document.getElementById(link.getAttribute("data-goto"));
      if (!el) return;
      event.preventDefault();
      activate(link.closest(".finding"));
      document.querySelectorAll(".box.selected").forEach(function (b) { b.classList.remove("selected"); });
      if (el.classList.contains("box")) {
        var number = el.getAttribute("data-finding");
        document.querySelectorAll('.box[data-finding="' + number + '"]').forEach(function (b) { b.classList.add("selected"); });
      }
      history.replaceState(null, "", "#" + el.id);
      flash(el);
      return;
    }
    var box = event.target.closest(".box[data-finding]");
    if (box) {
      var item = document.getElementById("finding-" + box.getAttribute("data-finding"));
      if (!item) return;
      event.preventDefault();
      item.hidden = false;
      activate(item);
      item.scrollIntoView({ behavior: "smooth", block: "nearest" });
    }
  });

  // Arriving at a box or a cell (from the other view's link): flash it and mark its finding.
  var arrived = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (arrived && arrived.classList.contains("box")) {
    activate(document.getElementById("finding-" + arrived.getAttribute("data-finding")));
    window.addEventListener("load", function () { flash(arrived); });
  }

  // Filters: applied at once (the form's button does the same without the script).
  var filter = list.querySelector("form.finding-filter");
  function applyFilter() {
    var shown = {};
    filter.querySelectorAll("input[name=severity]").forEach(function (box) { shown[box.value] = box.checked; });
    var table = filter.querySelector("select[name=table]").value;
    list.querySelectorAll(".finding").forEach(function (li) {
      var severity = ["error", "warning", "info"].filter(function (s) { return li.classList.contains(s); })[0];
      li.hidden = !shown[severity] || (table !== "" && li.getAttribute("data-table") !== table);
    });
    document.querySelectorAll(".box[data-finding]").forEach(function (box) {
      var item = document.getElementById("finding-" + box.getAttribute("data-finding"));
      box.hidden = !!(item && item.hidden);
    });
  }
  if (filter) {
    var apply = filter.querySelector(".apply");
    if (apply) apply.hidden = true;
    filter.addEventListener("change", applyFilter);
    applyFilter();
  }
})();

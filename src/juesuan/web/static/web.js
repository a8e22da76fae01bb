// Upload forms: show that the server is working (reading, checking and building take a while).
document.querySelectorAll("form.upload").forEach(function (form) {
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var note = document.createElement("p");
    note.className = "busy";
    note.textContent = form.getAttribute("data-busy") || "正在处理……";
    form.appendChild(note);
  });
});

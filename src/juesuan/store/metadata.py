"""What the corpus keeps of a disclosure besides its cells: who the unit is, and last year's figures.

Unit metadata is read from what the document prints, never guessed; what it does not print is
None (NULL in the database):

- region: the places its name opens with (上海市普陀区 of 上海市普陀区规划和自然资源局; none in
  国家信访局 or 西南大学);
- level: 中央 / 省级 / 市级 / 县级, from the same name (国家…, 中共中央…: 中央; a county or district:
  县级; a city: 市级; a province or 北京/天津/上海/重庆 alone: 省级);
- rank: the 机构规格 the 概况 gives the unit (正科级, 副处级 …), only in a sentence about the unit;
- unit_kind: 行政单位, 参照公务员法管理事业单位, 事业单位 … as the 概况 says the unit is (not the
  kind of a subordinate unit it lists);
- money_unit: the 金额单位 the table heads state (the most of them), 万元 or 元;
- staff: 年末实有在职人员 N 名 (人), 在职人员 N 人 …, as the 机构设置 prints it (编制 is no
  staff count).

Last year's figures are `juesuan.rules.last_year.last_year_figures`: stated or derived, each with
the cell of this year it is of.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.rules.last_year import money_unit

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
CENTRAL = re.compile(r"^(国家|中华人民共和国|中共中央|中央|全国|国务院)")
_PROVINCE = r"[^省市县区州盟\s]{2,7}?(?:省|自治区)"
_CITY = r"[^省市县区州盟\s]{2,7}?(?:市|自治州|州|盟|地区)"
_COUNTY = r"[^省市县区州盟\s]{1,6}?(?:自治县|县|区|旗)"
_REGION = re.compile(rf"^(?:中共)?(?P<province>{_PROVINCE})?(?P<city>{_CITY})?(?P<county>{_COUNTY})?")
# words ending in 区 that name no district (社区矫正中心, 园区管委会 …)
_NOT_A_DISTRICT = ("社区", "园区", "景区", "片区", "辖区", "小区", "校区", "库区", "营区", "街区")
_KIND = r"(?P<kind>参照公务员法管理的?事业单位|参公事业单位|行政单位|公益[一二]类事业单位|事业单位)"
_RANK = r"(?P<rank>[正副](?:部|厅|局|处|县处|科|股)级)"
# 年末实有在职人员12名, 实有人数12人, 在职在编人员12人: only these words between (no 编制, no 退休)
_STAFF = re.compile(
    r"(?:年末)?(?:实有|在职)(?:在职|在编|在岗)?(?:人员|人数|职工|干部职工)?(?:共|为|有)?[：:]?(?P<count>\d{1,6})[名人]"
)


def unit_metadata(disclosure: Disclosure) -> dict[str, object]:
    """region, level, rank, unit_kind, staff and money_unit; None where the document does not
    print them."""
    region, level = region_of(disclosure.unit)
    text = "\n".join(p.text for p in disclosure.overview.organisation)  # not the duties (培训在职人员…)
    about = _about_the_unit(disclosure.unit, text)
    kind = re.search(_KIND, about)
    rank = re.search(_RANK, about)
    return {
        "region": region,
        "level": level,
        "rank": rank.group("rank") if rank else None,
        "unit_kind": _kind_name(kind.group("kind")) if kind else None,
        "staff": staff_of(text),
        "money_unit": money_unit(disclosure),
    }


def region_of(unit: str) -> tuple[str | None, str | None]:
    """(region, level) from the unit's name."""
    name = re.sub(r"\s+", "", unit or "")
    if CENTRAL.match(name):
        return None, "中央"
    found = _REGION.match(name)
    parts = {key: value for key, value in (found.groupdict() if found else {}).items() if value}
    if parts.get("county", "").endswith(_NOT_A_DISTRICT) or parts.get("county") == name:
        parts.pop("county", None)
    if not parts or "".join(parts.values()) == name:
        return None, None
    region = "".join(parts[key] for key in ("province", "city", "county") if key in parts)
    if "county" in parts:
        return region, "县级"
    if "city" in parts and parts["city"] not in MUNICIPALITIES:
        return region, "市级"
    return region, "省级"


def _about_the_unit(unit: str, text: str) -> str:
    """The sentences that say what the unit itself is: 〈unit〉是…, 本单位是…, 单位性质：…."""
    name = re.escape(re.sub(r"\s+", "", unit or "")) or "(?!)"
    plain = re.sub(r"[ \t]+", "", text)
    said = re.findall(rf"(?:{name}|本单位|本部门|我单位|我局)(?:系|是|为)[^。；\n]*", plain)
    said += re.findall(r"单位(?:性质|类型|类别)[：:为是][^。；\n]*", plain)
    return "\n".join(said)


def _kind_name(kind: str) -> str:
    if kind.startswith("参"):
        return "参照公务员法管理事业单位"
    return kind


def staff_of(text: str) -> int | None:
    """年末实有在职人员12名, 在职人员12人: the first such count in the 机构设置 text."""
    found = _STAFF.search(re.sub(r"\s+", "", text))
    return int(found.group("count")) if found else None


def last_year_rows(disclosure: Disclosure) -> list[tuple[object, ...]]:
    """(section, what, amount, value as text, places, derived, cell, sentence) per figure."""
    from juesuan.rules.last_year import last_year_figures

    rows = []
    for figure in last_year_figures(disclosure):
        claim = figure.trace.claim
        words = f"{claim.label}{claim.figure.text}{claim.figure.unit}"
        rows.append(
            (
                figure.section,
                figure.what,
                str(Decimal(figure.text)),
                figure.text,
                figure.places,
                figure.derived,
                figure.source,
                words,
            )
        )
    return rows

"""Who a synthetic unit is: its place, department, kind, name, duties and organisation.

A department is the 功能分类 款 its money mostly goes to (20106 财政事务 for a 财政局), with the
name of the 行政单位 that runs it and of a 参照公务员法管理事业单位 under it. Only these two kinds
are drawn: for them 公开10表 机关运行经费 equals 公开06表 公用经费合计, so a synthetic disclosure
checks without the warning an ordinary 事业单位 legitimately raises.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

ADMINISTRATIVE = "行政单位"
CIVIL_SERVICE = "参照公务员法管理事业单位"

# 款 code → (行政单位 name, 参公 unit name, what the department's work is about)
DEPARTMENTS: dict[str, tuple[str, str, str]] = {
    "20103": ("人民政府办公室", "政务服务中心", "政务服务"),
    "20104": ("发展和改革委员会", "价格认证中心", "发展改革"),
    "20105": ("统计局", "社情民意调查中心", "统计"),
    "20106": ("财政局", "财政国库支付中心", "财政"),
    "20108": ("审计局", "审计服务中心", "审计"),
    "20111": ("纪律检查委员会", "廉政教育中心", "纪检监察"),
    "20126": ("档案局", "档案馆", "档案"),
    "20138": ("市场监督管理局", "市场监管综合行政执法队", "市场监管"),
    "20402": ("公安局", "公安局交通警察支队", "公安"),
    "20406": ("司法局", "公共法律服务中心", "司法行政"),
    "20701": ("文化和旅游局", "文化市场综合行政执法队", "文化和旅游"),
    "20801": ("人力资源和社会保障局", "社会保险事业中心", "人力资源和社会保障"),
    "20802": ("民政局", "社会组织服务中心", "民政"),
    "21101": ("生态环境局", "生态环境保护综合行政执法队", "生态环境"),
    "21201": ("住房和城乡建设局", "城市管理综合执法队", "住房和城乡建设"),
    "21301": ("农业农村局", "农业综合行政执法队", "农业农村"),
    "21303": ("水利局", "水资源管理中心", "水利"),
    "21401": ("交通运输局", "交通运输综合行政执法队", "交通运输"),
    "22001": ("自然资源局", "自然资源综合行政执法队", "自然资源"),
    "22401": ("应急管理局", "应急救援指挥中心", "应急管理"),
}
CITIES = (
    "大同市", "太原市", "朔州市", "忻州市", "晋中市", "长治市", "晋城市", "临汾市", "运城市", "吕梁市",
    "阳泉市", "洛阳市", "开封市", "宜昌市", "襄阳市", "绵阳市", "南充市", "赣州市", "九江市", "柳州市",
    "桂林市", "遵义市", "保定市", "邯郸市", "潍坊市", "烟台市", "湖州市", "嘉兴市", "芜湖市", "常德市",
)  # fmt: skip
COUNTIES = (
    "", "", "", "平城区", "云冈区", "新荣区", "阳高县", "天镇县", "广灵县", "灵丘县", "浑源县", "左云县",
    "城关区", "东城区", "西城区", "北关区", "南郊区", "高新区", "经济开发区", "安定区",
)  # fmt: skip
SECTIONS = ("办公室", "综合科", "财务科", "业务一科", "业务二科", "法规科", "监督科", "信息科", "人事科")
DUTIES = (
    "贯彻执行国家和省有关{field}工作的方针政策和法律法规，拟订本地{field}工作的规划和制度并组织实施。",
    "负责本地{field}工作的统筹协调，指导、监督下级单位的{field}业务工作。",
    "负责{field}领域的信息化建设和数据管理，推进{field}服务标准化、规范化、便利化。",
    "组织开展{field}领域的调查研究、宣传培训和政策咨询工作。",
    "负责{field}领域的安全生产、风险防控和应急处置工作。",
    "负责本单位财务、资产和政府采购管理，加强预算绩效管理。",
    "承办上级党委、政府和主管部门交办的其他任务。",
)


@dataclass(frozen=True)
class Profile:
    city: str
    place: str  # the city, or city and county
    department: str  # 款 code
    kind: str  # 行政单位 or 参照公务员法管理事业单位
    unit: str
    parent: str  # the 主管部门 (the unit itself for a 行政单位)
    field: str
    staff: int
    retirees: int
    sections: tuple[str, ...]

    @property
    def running_line(self) -> str:
        """The 公开10表 行次 of 机关运行经费: 5 for 行政单位, 6 for 参公事业单位."""
        return "5" if self.kind == ADMINISTRATIVE else "6"


def draw_profile(rng: random.Random) -> Profile:
    city = rng.choice(CITIES)
    place = city + rng.choice(COUNTIES)
    department = rng.choice(sorted(DEPARTMENTS))
    office, agency, field = DEPARTMENTS[department]
    kind = rng.choice((ADMINISTRATIVE, CIVIL_SERVICE))
    parent = place + office
    unit = parent if kind == ADMINISTRATIVE else place + agency
    staff = rng.randint(8, 120)
    sections = tuple(rng.sample(SECTIONS, rng.randint(3, 6)))
    retirees = rng.randint(0, staff // 3)
    return Profile(city, place, department, kind, unit, parent, field, staff, retirees, sections)


def duties(profile: Profile, rng: random.Random) -> tuple[str, ...]:
    """(一)… numbered duties, always ending with the 交办 duty."""
    chosen = [*sorted(rng.sample(range(len(DUTIES) - 1), rng.randint(3, 5))), len(DUTIES) - 1]
    return tuple(
        f"（{_numeral(n)}）{DUTIES[index].format(field=profile.field)}" for n, index in enumerate(chosen, 1)
    )


def organisation(profile: Profile, rng: random.Random) -> tuple[str, ...]:
    bodies = "、".join(profile.sections)
    level = rng.choice(("正科级", "副处级", "正处级"))
    quota = profile.staff + rng.randint(0, 5)
    return (
        f"1. 机构设置情况：{profile.unit}是{profile.place}{profile.field}工作的{level}{profile.kind}，"
        f"内设{len(profile.sections)}个机构：{bodies}。",
        f"2. 人员情况：核定编制{quota}名，年末实有在职人员{profile.staff}名，"
        f"离退休人员{profile.retirees}名。",
        f"3. 从部门预算机构构成情况，本单位有独立编制机构数1个，即{profile.unit}，没有下设单位。",
    )


def _numeral(value: int) -> str:
    return "一二三四五六七八九十"[value - 1]

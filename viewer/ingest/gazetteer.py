"""A gazetteer of Chinese provinces and all Jiangsu cities and county-level units.

Names match in full (盐城市, 大丰区) and in their common short forms (盐城, 大丰).
Short forms that are ordinary words or shared by two places (鼓楼, 东海, 滨海) match
only in full. One-character city abbreviations (宁 = 南京, 锡 = 无锡, 通 = 南通) are
used only where the press uses them: collective pen names such as 通工宣 or 锡工办.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

PROVINCES = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区", "台湾省", "香港特别行政区", "澳门特别行政区"]

# city: (one-character abbreviation, county-level units)
JIANGSU: dict[str, tuple[str, tuple[str, ...]]] = {
    "南京市": ("宁", ("玄武区", "秦淮区", "建邺区", "鼓楼区", "浦口区", "栖霞区", "雨花台区",
                      "江宁区", "六合区", "溧水区", "高淳区")),
    "无锡市": ("锡", ("锡山区", "惠山区", "滨湖区", "梁溪区", "新吴区", "江阴市", "宜兴市")),
    "徐州市": ("徐", ("鼓楼区", "云龙区", "贾汪区", "泉山区", "铜山区", "丰县", "沛县", "睢宁县",
                      "新沂市", "邳州市")),
    "常州市": ("常", ("天宁区", "钟楼区", "新北区", "武进区", "金坛区", "溧阳市")),
    "苏州市": ("苏", ("虎丘区", "吴中区", "相城区", "姑苏区", "吴江区", "常熟市", "张家港市",
                      "昆山市", "太仓市")),
    "南通市": ("通", ("崇川区", "通州区", "海门区", "如东县", "启东市", "如皋市", "海安市")),
    "连云港市": ("连", ("连云区", "海州区", "赣榆区", "东海县", "灌云县", "灌南县")),
    "淮安市": ("淮", ("淮安区", "淮阴区", "清江浦区", "洪泽区", "涟水县", "盱眙县", "金湖县")),
    "盐城市": ("盐", ("亭湖区", "盐都区", "大丰区", "响水县", "滨海县", "阜宁县", "射阳县",
                      "建湖县", "东台市")),
    "扬州市": ("扬", ("广陵区", "邗江区", "江都区", "宝应县", "仪征市", "高邮市")),
    "镇江市": ("镇", ("京口区", "润州区", "丹徒区", "丹阳市", "扬中市", "句容市")),
    "泰州市": ("泰", ("海陵区", "高港区", "姜堰区", "兴化市", "靖江市", "泰兴市")),
    "宿迁市": ("宿", ("宿城区", "宿豫区", "沭阳县", "泗阳县", "泗洪县")),
}

# Short forms that are ordinary words, other places, or shared: match only the full name.
FULL_NAME_ONLY = frozenset(
    ["鼓楼", "钟楼", "天宁", "新北", "云龙", "泉山", "东海", "滨海", "滨湖", "连云", "新吴", "惠山", "锡山", "虎丘", "吴中", "相城", "玄武", "六合", "高港", "海陵", "京口", "润州", "崇川", "广陵", "淮安", "清江浦", "亭湖", "宿城", "丰", "沛", "通州"]
)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    level: str  # province | city | county
    province: str
    city: str | None = None
    abbreviation: str = ""


def _short(name: str) -> str:
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "区", "县"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class Gazetteer:
    """Lookup of place names in text; build once and share (it compiles a large regex)."""

    def __init__(self) -> None:
        places: list[Place] = [Place(p, "province", p) for p in PROVINCES]
        for city, (abbr, counties) in JIANGSU.items():
            places.append(Place(city, "city", "江苏省", city, abbr))
            places.extend(Place(c, "county", "江苏省", city) for c in counties)
        self.places = tuple(places)

    @cached_property
    def by_alias(self) -> dict[str, tuple[Place, ...]]:
        """Every full and short name → the places it can mean."""
        table: dict[str, list[Place]] = {}
        for place in self.places:
            table.setdefault(place.name, []).append(place)
            short = _short(place.name)
            county_only_full = place.level == "county" and short in FULL_NAME_ONLY
            if short != place.name and not county_only_full:
                table.setdefault(short, []).append(place)
        return {k: tuple(v) for k, v in table.items()}

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        aliases = sorted(self.by_alias, key=len, reverse=True)
        return re.compile("|".join(re.escape(a) for a in aliases))

    @cached_property
    def by_name(self) -> dict[str, Place]:
        return {p.name: p for p in self.places if p.level != "county"} | {
            f"{p.city}/{p.name}": p for p in self.places if p.level == "county"
        }

    @cached_property
    def abbreviations(self) -> dict[str, Place]:
        return {p.abbreviation: p for p in self.places if p.abbreviation}

    def find(self, text: str) -> list[tuple[int, str, tuple[Place, ...]]]:
        """(offset, matched alias, candidate places) for every place name in the text."""
        return [(m.start(), m.group(), self.by_alias[m.group()]) for m in self.pattern.finditer(text)]

    def from_pen_name(self, pen_name: str) -> Place | None:
        """通工宣 → 南通市; 锡工办 → 无锡市: a city abbreviation followed by 工."""
        if len(pen_name) >= 3 and pen_name[1] == "工":
            return self.abbreviations.get(pen_name[0])
        return None


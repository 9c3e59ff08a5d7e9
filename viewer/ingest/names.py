"""Person names in bylines: surname check, splitting glued names, collective pen names."""

from __future__ import annotations

import re
from functools import lru_cache

# The commonest Chinese surnames (covering the great majority of people), plus compound ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冒鞠羌茅郜揭蔺阚"
    "都傅伏佘逄薄綦芮诸宓蔚糜阎仝邰赖洪俞晁迟禹暴鲜仇斯亓蓝淡漆缑练戈怀贲"
    # rarer surnames of the 百家姓 whose characters seldom begin an ordinary word
    "萧杭宣钮滑羿汲戎束韶屠贡雍茹宦廉湛狄贝裘嵇荀邴隗郗钭蓟莘郦璩濮扈郏庾暨殳夔厍訾乜蒯逯阙昝酆"
)
COMPOUND_SURNAMES = frozenset(["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "夏侯", "长孙", "宇文", "司徒"])

ROLE_WORDS = ("特约记者", "通讯员", "记者", "摄影", "实习生", "本报记者", "见习记者", "撰稿", "文/图", "文", "图")
ORG_HINTS = re.compile(r"(工会|总工|办公室|委员会|宣传|中心|公司|集团|协会|学校|医院|[省市县区镇乡]$|^[省市县区]总)")
NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# one-character city abbreviations used in union pen names (宁工萱 = 南京市总工会宣传)
CITY_ABBREVIATIONS = "宁锡徐常苏通连淮盐扬镇泰宿"
# 通工宣, 锡工办, 宁工萱, 穗工宣: a place's one-character name, 工, and the office (宣传, 办公室 …)
PEN_NAME_RE = re.compile(rf"(?:[{CITY_ABBREVIATIONS}省市区县]工[\u4e00-\u9fff]{{1,2}}|[\u4e00-\u9fff]工[宣萱办研组青联])")


def is_person_name(token: str) -> bool:
    """A 2-4 character token that starts with a known surname and is not an organisation."""
    if not NAME_RE.match(token) or ORG_HINTS.search(token) or PEN_NAME_RE.fullmatch(token):
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return len(token) in (3, 4)
    return token[0] in SURNAMES and len(token) in (2, 3)


def is_pen_name(token: str) -> bool:
    """Collective pen names of union offices: 通工宣, 锡工办, 宁工萱 (a place, 工, a word)."""
    return PEN_NAME_RE.fullmatch(token) is not None


@lru_cache(maxsize=4096)
def split_glued_names(run: str) -> tuple[str, ...] | None:
    """Split names printed without spaces: 吴新宇张强卢克余 → (吴新宇, 张强, 卢克余).

    Each piece must be a plausible name; among valid splits the one with the fewest
    pieces wins, preferring three-character names. None when no split works.
    """
    n = len(run)
    best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (n + 1)
    best[0] = (0, 0, ())
    for i in range(n):
        if best[i] is None:
            continue
        count, twos, names = best[i]  # type: ignore[misc]
        for size in (3, 2, 4):
            j = i + size
            if j > n or not is_person_name(run[i:j]):
                continue
            cand = (count + 1, twos + (size == 2), names + (run[i:j],))
            if best[j] is None or cand[:2] < best[j][:2]:  # type: ignore[index]
                best[j] = cand
    return best[n][2] if best[n] else None


def parse_name_list(text: str) -> tuple[list[str], list[str]] | None:
    """Names in a credit line ("朱建良 王娟 仲齐慧", "赵金荣王雨婷"): (persons, pen names) or None.

    Returns None when any token is neither a person name, a glued run of names, nor a pen name.
    """
    tokens = [t for t in re.split(r"[\s　、，,]+", text.strip()) if t]
    if not tokens:
        return None
    persons: list[str] = []
    groups: list[str] = []
    for token in tokens:
        if token in ROLE_WORDS:
            continue
        if is_person_name(token):
            persons.append(token)
        elif is_pen_name(token):
            groups.append(token)
        else:
            glued = split_glued_names(token) if len(token) >= 4 else None
            if not glued:
                return None
            persons.extend(glued)
    if not persons and not groups:
        return None
    return persons, groups


AFFILIATION_HINT = re.compile(r"(工会|主席|书记|记者|调研员|主任|委员|部长|经理|校长|院长|教授|局长|区长|县长|市长)")


def author_line(text: str) -> tuple[str, str] | None:
    """An author line of a column: "高邮经济开发区总工会 张国庆" → (affiliation, person)."""
    m = re.fullmatch(r"(\S.{2,40}?)[\s\u3000]+([\u4e00-\u9fff]{2,3})", text.strip())
    if not m or not is_person_name(m.group(2)) or not AFFILIATION_HINT.search(m.group(1)):
        return None
    if re.search(r"[。！？（(）)：:]|讯|电$", m.group(1)):
        return None
    return m.group(1).strip(), m.group(2)

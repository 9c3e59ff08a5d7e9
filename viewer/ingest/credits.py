"""Source lines and credits: 本报讯（记者 X 通讯员 Y）, 西江日报讯, （记者 X）, X 摄, 记者X报道, 作者：X."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from viewer.ingest import names

# Words that say what a person did; they separate names in a credit and are not names.
ROLE_RE = re.compile(
    r"(本报记者|本刊记者|本报通讯员|供图|本台记者|特约记者|见习记者|实习记者|首席记者|全媒体记者|融媒体记者|记者|"
    r"特约通讯员|通讯员|实习生|摄影报道|摄影|摄像|撰稿|作者|执笔|文/图|图/文|文图|图文|文·图|编辑|责编|"
    r"(?<![\u4e00-\u9fff])文(?=[/／:：\s])|(?<![\u4e00-\u9fff])图(?=[/／:：\s])|报道$|摄$)"
)
PERSON_ROLES = ("记者", "通讯员", "实习生", "作者", "撰稿", "执笔")  # roles followed by one person's name
SEPARATORS = re.compile(r"[\s\u3000、，,/／:：;；·|｜]+")
FILLER_RE = re.compile(r"^(本组图片由|本组照片由|图片由|照片由|由|本报|本刊|发自[\u4e00-\u9fff]{2,6}|报道|摄|供稿|供稿方|供稿单位|资料|资料图|资料图片)$")
# an office and a person printed together: 翠屏区总工会陈莉
OFFICE_PERSON_RE = re.compile(r"(.{2,16}?(?:总工会|工会|工委|委员会|办公室|工作部|中心))([\u4e00-\u9fff]{2,3})")

# The agency or source that opens a story.  Papers print their own (本报讯), other outlets'
# (西江日报讯, 陕工网讯), news agencies (新华社北京3月14日电) and reports (据工人日报报道).
AGENCY_RE = re.compile(
    r"^(?:"
    r"(?:本报|本刊|本台|本网)[\u4e00-\u9fff]{0,6}?(?:\d{1,2}月\d{1,2}日)?(?:讯|电)"
    r"|[\u4e00-\u9fff·]{1,14}?(?:报|网|台|刊|社|频道|客户端|新闻)(?:（[^（）]{1,12}）)?"
    r"(?:[\u4e00-\u9fff]{0,6}?\d{1,2}月\d{1,2}日[\u4e00-\u9fff]{0,4}?(?:讯|电|消息)|[\u4e00-\u9fff]{0,4}?(?<![通资快简喜])讯"
    r"|消息(?=\s*[（(]))"  # 四川新闻网消息（X Y）, 苍南新闻网5月25日消息
    r"|[\u4e00-\u9fff·]{2,14}?报道(?=\s*[:：]?\s*[（(])"
    r"|[\u4e00-\u9fff]{2,6}?讯(?=\s*[（(][^（）()]{0,12}?(?:记者|通讯员))"  # 海都讯（见习记者 X）: any outlet's short name
    r"|据?新华社[^\s，。]{0,14}?电"
    r"|据[^\s，。（]{1,14}?(?:报道|消息|电)"
    r"|[\u4e00-\u9fff·]{0,16}?记者\s*[\u4e00-\u9fff]{2,3}\s*(?:报道|发自[\u4e00-\u9fff]{2,6}?(?=[\s，,]|$))"
    r")"
)
AGENCY_CREDIT_RE = re.compile(r"\s*[:：]?\s*[（(]([^（）()]{1,60})[）)][:：]?")
# 记者吴晓静 通讯员章明飞报道 after the agency: a credit that ends in 报道
REPORTER_RE = re.compile(
    r"\s*((?:本报|本刊)?(?:见习|实习|特约|全媒体|融媒体)?(?:记者|通讯员)[^，。：“”（）()]{2,30}?(?:报道|发自[\u4e00-\u9fff]{2,6}))\s*"
)
# a name and 报道 right after the agency, with no role word: 本报讯 徐金星报道
NAMED_REPORT_RE = re.compile(r"\s*([\u4e00-\u9fff]{2,3})报道\s*")
# (记者 梁熙) or (张庆) closing a story's last paragraph
TRAILING_CREDIT_RE = re.compile(r"[（(]([^（）()]{2,40})[）)]")  # matched from the last opening bracket
REPORTER = r"(?:见习|实习|特约|首席|全媒体|融媒体)?(?:记者|通讯员)"  # a reporter's role with its qualifier
ROLE_LINE_RE = re.compile(rf"^[□■▇◆]?\s*(?:本报|本刊)?{REPORTER}")  # a line that opens with a reporter's role
OWN_REPORTER_RE = re.compile(rf"^(?:本报|本刊){REPORTER}")  # 本报全媒体记者…: the paper's own, never mid-sentence
TRAILING_PHOTO_RE = re.compile(r"(?<=[。！？”])\s*[\u4e00-\u9fff、 ]{2,16}?\s*(?:摄影报道|摄影|摄)$")
PHOTO_END_RE = re.compile(r"(摄影报道|摄影|摄)$")
ORG_RE = re.compile(r"(工会|总工会|工委|委员会|办公室|工作部|联合会|宣传部|中心)$")
SPACED_ROLE_RE = re.compile(r"通\s+讯\s+员|记\s+者")
# a credit run after the agency with no brackets: 孝感日报讯  全媒体记者佘玥  通讯员李凤琴  7月13日…
ROLE_RUN_RE = re.compile(
    r"\s*((?:(?:本报|本刊)?(?:见习|实习|特约|全媒体|融媒体)?(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,4}"
    r"(?:\s+[\u4e00-\u9fff]{2,3})*\s*)+?)(?=\s|\d)"
)
# （通讯员 王悦）日前，… : a lead that opens with its credit
OPENING_CREDIT_RE = re.compile(r"[（(]((?:本报|本刊)?(?:见习|特约|全媒体|融媒体)?(?:记者|通讯员)[^（）()]{2,30})[）)]")
OUTLET_END_RE = re.compile(r"(报|网|台|社|刊|中心|视窗|频道|客户端|媒体)$")
LABELLED_RE = re.compile(r"^(作者|文|撰稿|执笔|来源|稿件来源)[:：/／]\s*(\S.*)$")


@dataclass
class Credit:
    """Who made a story: person names, collective pen names or offices, and whether it is a photo credit."""

    persons: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    photo: bool = False


def parse_credit(text: str) -> Credit | None:  # noqa: C901 - one pass over the tokens
    """Names in a credit: "记者 陈松连 通讯员 周铭渲", "记者/黄胜 通讯员/邹景云 黄泽彬", "本组图片由本报记者 刘强 摄".

    Tokens before a role word may be an outlet or office (时报记者 凌明信); after the
    roles, every token must be a person, a glued run of names or a pen name.
    None when the text is not a credit.
    """
    text = SPACED_ROLE_RE.sub(lambda m: re.sub(r"\s+", "", m.group()), text.strip())  # 通 讯 员 冯云华
    photo = PHOTO_END_RE.search(text) is not None
    pieces = [p for p in ROLE_RE.split(text) if p]
    roles_seen = 0
    credit = Credit(photo=photo)
    others = 0
    after_role = editing = False
    previous = ""
    for piece in pieces:
        glued = "\u4e00" <= previous[-1:] <= "\u9fff"  # 先进工|作者 is no role: a word cut by the line
        previous = piece
        if ROLE_RE.fullmatch(piece) or piece in ("文", "图"):  # 文/图 split off their slash
            roles_seen += 1
            after_role = piece.endswith(PERSON_ROLES) and not glued
            editing = piece in ("编辑", "责编")  # 编辑/林珊珊 edited the page: no byline
            continue
        if editing:
            editing = False
            continue
        for token in _tokens(piece):
            if FILLER_RE.match(token):
                continue
            # right after 记者/通讯员 a short name needs no surname: given names and pen names (记者 晓亮)
            named = names.is_person_name(token) or (after_role and _bare_name(token))
            after_role = False
            if named and not OUTLET_END_RE.search(token):
                credit.persons.append(token)
            elif names.is_pen_name(token):
                credit.groups.append(token)
            elif len(token) >= 4 and (glued := names.split_glued_names(token)):
                credit.persons.extend(glued)
            elif (office := OFFICE_PERSON_RE.fullmatch(token)) and names.is_person_name(office.group(2)):
                credit.groups.append(office.group(1))
                credit.persons.append(office.group(2))
            elif len(token) <= 16 and not re.search(r"[。！？，“”‘’《》（）()【】]", token):
                credit.groups.append(token)  # an outlet or office: 时报记者 凌明信, 江苏工人报记者 丁彬彬
                if not (names.ORG_HINTS.search(token) and not credit.persons):
                    others += 1  # an office before the names is expected; other words are not
            else:
                return None
    pen_names = any(names.is_pen_name(g) for g in credit.groups)
    offices = all(ORG_RE.search(g) or OUTLET_END_RE.search(g) for g in credit.groups)
    if not credit.persons and not pen_names and not (credit.groups and roles_seen and not photo and offices):
        return None  # 记者节走访一线职工 is a title, not a credit
    if others and not roles_seen:
        return None  # without a role word, every token must be a name
    if others > 3 or (not credit.persons and len(credit.groups) > 2):
        return None
    return credit


def _tokens(piece: str) -> list[str]:
    """The words of a credit; a two-character name spaced to the width of three (王 瑞) is one word."""
    tokens = [t for t in SEPARATORS.split(piece.strip("□■▇◆ ")) if t]
    merged: list[str] = []
    for token in tokens:
        if merged and len(token) == 1 and len(merged[-1]) == 1 and merged[-1] in names.SURNAMES and "\u4e00" <= token <= "\u9fff":
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def _bare_name(token: str) -> bool:
    """A name printed without a surname: 2-3 Chinese characters, not an office, outlet or pen name."""
    return (len(token) <= 3 and names.NAME_RE.match(token) is not None and not names.ORG_HINTS.search(token)
            and not OUTLET_END_RE.search(token) and not names.is_pen_name(token))


def split_agency(text: str) -> tuple[str, str, Credit]:
    """Split an opening source line off a lead: (source line, rest of the lead, its credit)."""
    m = AGENCY_RE.match(text)
    if not m:
        opening = OPENING_CREDIT_RE.match(text)
        parsed = parse_credit(opening.group(1)) if opening else None
        if opening and parsed is not None and parsed.persons:
            return opening.group(0), text[opening.end() :].lstrip(" \u3000"), parsed
        return "", text, Credit()
    end = m.end()
    credit = Credit()
    reporter = re.search(r"记者\s*([\u4e00-\u9fff]{2,3})\s*(?:报道|发自)", m.group(0))
    if reporter and names.is_person_name(reporter.group(1)):
        credit.persons.append(reporter.group(1))
    paren = AGENCY_CREDIT_RE.match(text, end)
    if paren:
        parsed = parse_credit(paren.group(1))
        if parsed is not None:
            credit.persons.extend(p for p in parsed.persons if p not in credit.persons)
            credit.groups.extend(parsed.groups)
            end = paren.end()
    run = ROLE_RUN_RE.match(text, end) if not paren else None
    parsed_run = parse_credit(run.group(1)) if run else None
    if run and parsed_run is not None and parsed_run.persons:
        credit.persons.extend(p for p in parsed_run.persons if p not in credit.persons)
        end = run.end()
    named_report = NAMED_REPORT_RE.match(text, end)  # 本报讯 徐金星报道 近日…
    if named_report and not credit.persons and names.is_person_name(named_report.group(1)):
        credit.persons.append(named_report.group(1))
        end = named_report.end()
    reporter_after = REPORTER_RE.match(text, end)
    parsed_after = parse_credit(reporter_after.group(1)) if reporter_after else None
    if reporter_after and parsed_after is not None and parsed_after.persons:
        credit.persons.extend(p for p in parsed_after.persons if p not in credit.persons)
        end = reporter_after.end()
    return text[:end].strip(), text[end:].lstrip(" \u3000"), credit


@lru_cache(maxsize=8192)
def credit_line(text: str) -> Credit | None:
    """A line that is only a credit: （通讯员 郑珠太）, （张庆）, 张旭 摄, 南方日报记者 梁锐呈 摄影报道, 作者：张波."""
    text = text.strip()
    if AGENCY_RE.match(text):
        return None
    m = re.fullmatch(r"[（(]([^（）()]{2,40})[）)]", text)
    if m:
        inner = m.group(1).strip()
        office = re.sub(r"(报送|供稿|提供)$", "", inner)
        parsed = parse_credit(inner)
        if parsed is None and ORG_RE.search(office) and not re.search(r"[，。、：]", inner):
            return Credit(groups=[office])  # （海州区总工会）, （农发集团工会报送）: the office that sent it
        return parsed
    labelled = LABELLED_RE.match(text)
    if labelled and labelled.group(1) in ("作者", "文", "撰稿", "执笔"):
        value = re.sub(r"\s*(信息)?来源[:：].*$", "", labelled.group(2))
        return parse_credit(value) or Credit(groups=[value.strip()])  # 作者：综合管理部
    if len(text) > 40 or re.search(r"[。！？，：]", text) or re.search(r"(发自|记者|通讯员|特约|见习)$", text):
        return None
    if "、" in text and not (ROLE_LINE_RE.match(text) or PHOTO_END_RE.search(text)):
        return None  # 、 between names only in a line that opens with its role or ends in 摄 (通讯员钟伟、赵炜 摄)
    if PHOTO_END_RE.search(text) or ROLE_RE.search(text) or text[:1] in "□■▇◆":
        return parse_credit(text.lstrip("□■▇◆ "))
    return None


def split_trailing_credit(text: str) -> tuple[str, Credit | None, str]:
    """Split a bracketed credit off a paragraph's end: "…意见和建议。（通讯员 张淑萍）" → (body, credit, printed)."""
    start = max(text.rfind("（"), text.rfind("("))
    m = TRAILING_CREDIT_RE.fullmatch(text[start:]) if start > 0 else None
    if not m:
        return text, None, ""
    head = text[:start].rstrip(" \u3000")
    if not head:
        return text, None, ""
    credit = parse_credit(m.group(1))
    if credit is None and ORG_RE.search(m.group(1)) and len(m.group(1)) <= 16 and not re.search(r"[，。、：]", m.group(1)):
        credit = Credit(groups=[m.group(1).strip()])  # （市总工会）: the office that wrote it
    if credit is None:
        return text, None, ""
    return head, credit, text[len(head) :].strip()


def split_photo_credit(text: str) -> tuple[str, str]:
    """A photo credit run on after a caption's last sentence: "…开始新生活。王海欣 摄" → (caption, "王海欣 摄")."""
    m = TRAILING_PHOTO_RE.search(text)
    if m is None or m.start() == 0:
        return text, ""
    credit = m.group().strip()
    parsed = credit_line(credit)
    if parsed is None or not parsed.photo or not parsed.persons:
        return text, ""
    return text[: m.start()].rstrip(), credit

"""A story being assembled from a page's paragraphs: its draft, its source line and its signatures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viewer.ingest import credits, layout, names

REPRINT_RE = re.compile(r"^(据新华社|新华社|据|来源)")
BRIEF_MARKS = layout.BRIEF_MARKS
# how a story's first sentence opens (not 据悉/据了解, which go on inside a story)
STORY_LEAD_RE = re.compile(r"^(日前|近日|近期|今年以来|连日来|今天|昨天|昨日|(\d{4}年)?\d{1,2}月\d{1,2}日)")
PURPOSE_LEAD_RE = re.compile(r"^(为了|在[^，。]{2,12}(之际|期间|来临|前夕))")
ORG_LEAD_RE = re.compile(r"^[\u4e00-\u9fff]{2,12}?(总工会|工会|工委)[^，。]{0,12}?(日前|近日|近期|于|在|开展|举办|举行|组织)")
CONTINUED_TO_RE = re.compile(r"下转|转第|转至|转下")
SOURCE_LABEL_RE = re.compile(r"^[（(]?(来源|稿件来源|供稿)[:：]\s*[^（）()\s]{2,30}[）)]?$")
COLUMN_RE = re.compile(r"^【([^】]{2,24})】$")
NOTE_RE = re.compile(r"^(小编说|编者按|编后)[:：]")
GLUED_NAME_TRAILER_RE = re.compile(r"^(.*[。！？])([\u4e00-\u9fff]{2,3})$")  # …的温暖。汪诚
GLUED_CREDIT_TRAILER_RE = re.compile(r"^(.*[。！？])((?:本报|本刊)?(?:通讯员|记者|特约记者)[^。！？]{2,30})$")
TRAILER_RE = re.compile(r"^(.*[。！？”…])[\s\u3000]+(\S[^。！？]{1,30})$")
# an office alone on a line under a story: the one that sent it in
ORG_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(局|委|办|工会|总工会|工委|委员会|办公室|中心|公司|集团|协会|联合会)$")
ORG_SIGNATURE_RE = re.compile(r"(工会|总工会|委员会|办公室|工作部|联合会)$")


@dataclass
class Unit:
    """A headline-like line: a candidate headline, kicker or subheadline."""

    text: str
    line: int
    run: int  # index of the run of headline lines it belongs to
    last_line: int = 0  # its last source line (a title may take two)


@dataclass(frozen=True)
class PlaceMention:
    """A place name in a text: the cities it may stand for, the counties it may be, whether it is ambiguous."""

    cities: frozenset[str]
    counties: frozenset[str]
    weak: bool


@dataclass
class Draft:
    """An article being assembled."""

    line: int
    paragraphs: list[str] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    run: int | None = None  # the headline run printed right above it
    source_line: str = ""
    persons: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    column: str = ""
    brief: bool = False
    photo: bool = False
    reprint: bool = False
    closed: bool = False
    continued_from: bool = False
    continued_to: bool = False
    signatures: list[str] = field(default_factory=list)  # credit and signature lines as printed
    gaps: list[int] = field(default_factory=list)  # blank lines before each later paragraph
    markers: list[str] = field(default_factory=list)  # continuation markers as printed: （下转第2版）
    weak_headline: bool = False  # its headline was matched to it by little shared wording
    listing: bool = False  # its last paragraphs are the lines of a list (名单)
    indented: bool = False  # its paragraphs are indented: an indented paragraph goes on with it

    @property
    def text(self) -> str:
        return "".join(self.paragraphs)

    def add_credit(self, printed: str, names_part: str) -> None:
        """The names of a signature: a plain list (朱建良 王娟), a credit with roles (本报通讯员 王华斌 摄),
        else the whole as an office or pen name."""
        parsed = names.parse_name_list(names_part)
        credit = credits.parse_credit(printed) if parsed is None else None
        if parsed:
            self.add_names(*parsed)
        elif credit is not None and credit.persons:
            self.add_names(credit.persons, credit.groups)
        else:
            self.groups.append(names_part)

    def add_names(self, persons: list[str], groups: list[str]) -> None:
        self.persons.extend(p for p in persons if p not in self.persons)
        self.groups.extend(g for g in groups if g not in self.groups)


def starts_mid_sentence(text: str) -> bool:
    """Text continued from another page: 补、共同发展… or 1+N”职工…"""
    if not text:
        return False
    if text[0] in layout.CANNOT_START:
        return True
    if len(text) > 1 and text[1] in "、，":
        return True
    head = text[:12]
    # a closing mark before its opener (1+N”职工…) means the opening was on another page
    return any(c in head and (o not in head or head.index(c) < head.index(o)) for o, c in layout.OPENERS.items())


def split_trailer(text: str) -> tuple[str, str]:
    """Split a trailing signature off a paragraph: "…人。 通讯员 吴新宇张强卢克余" → (body, tail)."""
    m = TRAILER_RE.match(text)
    if m is None:  # …前八名。通讯员柳庭和 记者孟万成 摄: a role credit set right after the last sentence
        role = GLUED_CREDIT_TRAILER_RE.match(text)
        if role and (credit := credits.parse_credit(role.group(2))) is not None and credit.persons:
            return role.group(1), role.group(2)
    glued = GLUED_NAME_TRAILER_RE.match(text) if m is None else None
    if glued is not None:  # a name set right after the last sentence is its author
        return (glued.group(1), glued.group(2)) if names.is_person_name(glued.group(2)) else (text, "")
    if not m:
        return text, ""
    tail = m.group(2).strip()
    is_signature = (
        tail.startswith("来源")
        or tail.endswith("摄")
        or names.parse_name_list(tail) is not None
        or (ORG_SIGNATURE_RE.search(tail) is not None and len(tail) <= 16)
    )
    return (m.group(1), tail) if is_signature else (text, "")


def apply_signature(draft: Draft, tail: str) -> None:
    """Record a signature as byline, source or photo credit."""
    if not tail.startswith("来源"):
        draft.signatures.append(tail)
    if tail.startswith("来源"):
        if draft.source_line:
            draft.signatures.append(tail)  # the story has its source line already: keep this one as printed
        draft.source_line = draft.source_line or tail
        # 来源：《工人日报》 is a reprint; 来源：武进区总工会 names the office that sent it in
        draft.reprint = draft.reprint or re.search(r"《|(报|网|社|台|客户端)\s*$", tail) is not None
        return
    if credits.PHOTO_END_RE.search(tail):
        draft.photo = True
    draft.add_credit(tail, credits.PHOTO_END_RE.sub("", tail).strip())


def parse_source(text: str) -> tuple[str, str, list[str], list[str]]:
    """Split a source line off a lead: (source line, rest, persons, pen names)."""
    source, rest, credit = credits.split_agency(text)
    return source, rest, credit.persons, credit.groups

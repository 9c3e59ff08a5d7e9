"""From page text to paragraphs: page furniture apart, wrapped lines joined, repairs applied."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from viewer.ingest import credits, repair

KNOWN_PUBLICATIONS = ("江苏工人报", "工人日报", "中国工人报", "新华日报", "人民日报")
TERMINAL = "。！？!?…"
CLOSERS = "”’』」）)》】"
CONTINUING_END = "，、；,;"
OPENERS = {"“": "”", "《": "》", "（": "）", "【": "】", "‘": "’", "「": "」", "『": "』"}
_OPENER_RE = re.compile(f"[{''.join(OPENERS)}]")
BRIEF_MARKS = ("●", "▲", "◆", "★", "▶", "►", "◎", "◇", "☆")  # a brief's bullet (kept in its text, as printed)
# characters that never begin a sentence: particles and closing punctuation
CANNOT_START = frozenset("的得了着过们之等，。、；：）》”’！？")
ITEM_START = re.compile(rf"^([{''.join(BRIEF_MARKS)}■]|本报讯|本刊讯|据新华社|新华社|据[^\s，。]{{1,10}}(报道|消息|电)|【|小编说|编者按|来源[:：])")

# continuation markers: （下转第2版） at a story's end, （上接第1版） at its head
# (in brackets, or bare but naming a page: 下转第2版)
CONTINUATION_RE = re.compile(
    r"(?<!\s)[（(【\[]\s*(?:下转|转第|转至|转下页|转下版|上接|接第|接上页|接上版|续第|续前页)[^（）()【】\s]{0,12}[）)】\]]$"
    r"|^(?:下转|上接|转|接|续)(?:第?[\d一二三四五六七八九十]{1,2}版|上页|下页|前页)$"
)
CONTENTS_RE = re.compile(r"^(本版|本期)?(导读|要目|目录)$")
QUOTED_RE = re.compile(r"“[^“”]{1,30}”")  # a quoted name or list: its commas are not the sentence's
COLUMN_MARGIN = 4  # leading blanks from which a run of lines is a column set off to the right
BULLETS = "".join(BRIEF_MARKS) + "■□ "  # marks before a brief's first words (■ also marks a credit)
JOIN_CONTEXT = 200  # characters of a paragraph's end that the decision to join the next line looks at
CREDIT_MAX = 48  # characters: no credit or author line is longer
BOTTOM_LINES = 2  # the non-blank lines at a page's foot that may be its running foot
TOP_LINES = 8  # the non-blank lines at a page's head that may be masthead or running head
WEB_RE = re.compile(r"(E-?mail|www\.|https?://|(?<!\w)\w{1,64}@\w{1,64}\.\w)", re.I)  # bounded: linear on any line
# a paper's imprint is furniture too: 国内统一连续出版物号 CN51-0011, 邮发代号 61-27, ISSN 1002-1234
FOOTER_RE = re.compile(r"(责任编辑|责任编审|责任校对|本版编辑|本版责编|版面编辑|美术编辑|校对[/／:：\s\u3000]|编辑[/／:：\s\u3000]|报料热线"
                       r"|新闻部电话|热线电话"
                       r"|连续出版物号|邮发代号|(?<![A-Za-z])CN\s?\d{2}\s?-\s?\d{4}|ISSN\s?\d{4}-\d{3}[\dX])")
PAPER_NAME = r"[\u4e00-\u9fff·]{0,10}?(?:报|专刊|周刊|画刊|通讯)"
# a masthead names a paper: 日报, 晚报, 工人报, 工报, 劳动报 … (a title ending in 喜报 is no paper)
MASTHEAD_NAME = (r"[\u4e00-\u9fff·]{0,10}?(?:日报|晚报|午报|早报|快报|时报|导报|商报|都市报|周报|法治报|工人报|工报|劳动报"
                 r"|妇女报|青年报|简报|专刊|周刊|画刊|通讯)")
PAGE_SECTION_RE = re.compile(rf"^(?:{PAPER_NAME}\s+)?第?(\d{{1,2}})版?\s+([\u4e00-\u9fff·]{{2,8}})(?=\s|$)")
MASTHEAD_RE = re.compile(rf"^{MASTHEAD_NAME}$")
UNION_PERIODICAL_RE = re.compile(r"(?!地方|基层|产业|行业|企业|职工|机关|社区|各地|全国)[\u4e00-\u9fff]{2,4}工会")  # on a page's first line, its union periodical: 常州工会
ORGANISER_RE = re.compile(r"^[\u4e00-\u9fff]{2,20}\s*[主协]办$")
# what only a page's running head or issue line prints: dates, weekdays, page numbers, rules
RUNNING_HEAD_RE = re.compile(
    r"\d{4}\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}|[〇零一二三四五六七八九]{4}年|星期[一二三四五六日天]|农历"
    r"|第\s*\d+\s*版|总第\s*\d+|今日\s*\d+\s*版|内部资料|[|｜]|[─━]{4,}"
    r"|^[A-Z]?\d{1,2}\s*[\u4e00-\u9fff·]{2,8}$|^[\u4e00-\u9fff·]{2,8}\s*\d{1,2}$"
    rf"|^{MASTHEAD_NAME}\s+[\u4e00-\u9fff·]{{2,8}}$"
)
# marks a title may carry too (第5期劳模培训班, 省总工会主办…, 奋进丨…): a running head needs two of them
WEAK_HEAD_RE = re.compile(r"第\s*\d+\s*期|[主协]办|丨|专刊|周刊|简报")
DATE_LINE_RE = re.compile(
    rf"^(?:{PAPER_NAME}\s*)?(?:\d{{4}}年\d{{1,2}}月\d{{1,2}}日|\d{{4}}-\d{{1,2}}-\d{{1,2}})"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*农历\S{2,8})?$"
)
SECTION_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{0,4}(速递|新闻|快讯|简讯|动态|视点|要闻|聚焦|之窗|纵横|论坛|时评|综合|图说|传真|掠影|集锦)$"
                              r"|^[\u4e00-\u9fff]{0,2}工会$")  # 基层工会; not 农民工入工会


@dataclass
class Furniture:
    """Page furniture: text that is not part of any article, kept as page metadata."""

    mastheads: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    web: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    banners: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # doubled halves removed by repairs
    organisers: list[str] = field(default_factory=list)  # 平顶山市总工会 主办

    def all_text(self) -> list[str]:
        return self.mastheads + self.organisers + self.sections + self.web + self.footer + self.banners


@dataclass
class Paragraph:
    """A paragraph after wrapped lines are joined."""

    text: str
    line: int  # first line number (1-based)
    gap_before: int  # blank lines before it
    indented: bool = False
    lines: int = 1
    last_index: int = -1  # 0-based index of its last source line
    previous_index: int = -1  # 0-based index of the source line before that


def _is_furniture_line(text: str, index: int, first_lines: int, last: bool = False) -> str | None:
    top = index < first_lines
    compact = text.replace(" ", "").replace("\u3000", "")
    if top:
        compact = re.sub(r"[A-Za-z'.&-]{2,}$", "", compact) or compact  # 劳动报 LABOUR DAILY
    folded = unicodedata.normalize("NFKC", text).strip()  # full-width digits: ２０２３年
    sentence = re.search(r"[，。；！？]", text) is not None  # furniture is never a sentence of a story
    if not sentence and (FOOTER_RE.search(text) or (PAGE_SECTION_RE.match(text) and re.search(r"\d{3,4}-\d{6,8}|电话", text))):
        return "footer"
    if not sentence and WEB_RE.search(text):
        return "web"
    if DATE_LINE_RE.match(folded):
        return "footer"
    if ORGANISER_RE.match(text) and (top or len(compact) <= 14):
        return "organiser"
    if top and PAGE_SECTION_RE.fullmatch(folded):
        return "footer"  # a running head: 2 工会, 河北工人报  3  基层·文体
    if (top or last) and _is_running_head(text, folded):
        return "footer"  # 工人日报 | 2021年12月22日 星期三 | 02 | 工会新闻, 二〇二五年十一月十七日 A5工会·职工
    if compact in KNOWN_PUBLICATIONS or (top and (MASTHEAD_RE.match(compact) and len(compact) <= 12
                                                   or index == 1 and UNION_PERIODICAL_RE.fullmatch(compact))):
        return "masthead"
    if top and re.fullmatch(r"[A-Z][A-Z' .&-]{3,40}", text):
        return "web"  # a masthead's English name: WORKERS' DAILY
    return None


def _is_running_head(text: str, folded: str) -> bool:
    if len(folded) > 70 or re.search(r"[，。；！？,;!?]", text) or CONTINUATION_RE.search(text):
        return False
    return RUNNING_HEAD_RE.search(folded) is not None or len(WEAK_HEAD_RE.findall(folded)) >= 2


def split_furniture(lines: list[str]) -> tuple[list[str], Furniture]:
    """Blank out furniture lines (keeping line numbers) and collect them."""
    furniture = Furniture()
    out = list(lines)
    nonblank_seen = 0
    nonblank_total = sum(1 for line in lines if line.strip())
    in_contents = False  # 本版导读: the page's own table of contents, up to the next blank line
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            in_contents = False
            continue
        if in_contents or CONTENTS_RE.match(text):
            in_contents = True
            furniture.banners.append(text)
            out[i] = ""
            continue
        nonblank_seen += 1
        kind = _is_furniture_line(text, nonblank_seen, first_lines=TOP_LINES,
                                  last=nonblank_seen > nonblank_total - BOTTOM_LINES)
        if kind == "web":
            furniture.web.append(text)
        elif kind == "footer":
            furniture.footer.append(text)
        elif kind == "masthead":
            furniture.mastheads.append(text)
        elif kind == "organiser":
            furniture.organisers.append(text)
        else:
            continue
        out[i] = ""
    return out, furniture


def is_terminal(text: str) -> bool:
    """Does a line end a sentence (。！？… possibly followed by closing quotes)?"""
    stripped = text.rstrip()
    end = len(stripped)  # an index, not a shrinking copy: a line of 100,000 closers stays linear
    while end and stripped[end - 1] in CLOSERS:
        if end >= 2 and stripped[end - 2] in TERMINAL:
            return True
        end -= 1
    return bool(end) and stripped[end - 1] in TERMINAL


def unbalanced(text: str) -> bool:
    """True when a line opens a quote or bracket it does not close (“ without ”)."""
    return _OPENER_RE.search(text) is not None and any(text.count(o) > text.count(c) for o, c in OPENERS.items())


def is_wrapped_page(lines: list[str]) -> bool:
    """Hard-wrapped pages have many short lines of similar width that end mid-sentence."""
    widths = [repair.cell_width(t) for t in (x.strip() for x in lines) if len(t) >= 6]
    if len(widths) < 8:
        return False
    open_ends = sum(1 for t in (x.strip() for x in lines) if len(t) >= 6 and not is_terminal(t))
    return statistics.median(widths) <= 30 and open_ends / len(widths) > 0.5


def _local_width(widths: list[float], i: int, radius: int = 5) -> float:
    """The column width around a line: the median width of its non-blank neighbours."""
    window = [w for w in widths[max(0, i - radius) : i + radius + 1] if w >= 8]
    return statistics.median(window) if window else 0.0


@lru_cache(maxsize=8192)
def looks_like_credit(text: str, bare_only: bool = False) -> bool:
    """A photo credit or a names-only signature line (张旭 摄, 朱建良 王娟 仲齐慧).

    With bare_only, bracketed, labelled and role credits ((记者 梁熙), 作者：X) do not count.
    """
    from viewer.ingest import names  # local: names is a sibling helper without state

    if len(text) > CREDIT_MAX or re.search(r"[。！？，]", text) and not text.rstrip().endswith(("）", ")")):
        return False  # credits are short and hold no sentence
    body = re.sub(r"\s*摄$", "", text.strip())
    if body != text.strip() and (names.parse_name_list(body) is not None or re.fullmatch(r"[\u4e00-\u9fff ]{2,12}", body)):
        return True
    if names.author_line(text) is not None or (not bare_only and credits.credit_line(text) is not None):
        return True
    return len(text) <= 20 and names.parse_name_list(text) is not None


def _reporter_line(text: str) -> bool:
    """本报全媒体记者多路随车全程报道: who reported, on a line of its own (not a sentence going on)."""
    return len(text) <= CREDIT_MAX and credits.OWN_REPORTER_RE.match(text) is not None and not re.search(r"[，。；！？]", text)


def _agency_only(text: str) -> bool:
    """本报讯（记者 王鑫） or ●（记者 王鑫） with nothing after it: the lead's text is on the next line."""
    stripped = text.lstrip(BULLETS)
    if credits.AGENCY_RE.match(stripped) is None and stripped[:1] not in "（(":
        return False
    source, rest, _ = credits.split_agency(stripped)
    return bool(source) and not rest


def continues(
    prev: str, nxt: str, gap: int, wrapped: bool, prev_full: bool, crosses_word: Callable[[str, str], bool]
) -> bool:
    """Should line `nxt` be joined to `prev` (same paragraph, cut by wrapping or a column break)?"""
    if not prev or not nxt:
        return False
    if _agency_only(prev) and (gap == 0 and prev[:1] in BULLETS or credits.AGENCY_RE.match(prev.lstrip(BULLETS))) \
            and not credits.AGENCY_RE.match(nxt):
        return True  # 本报讯 on a line of its own leads into the text below; ●（记者 王鑫） right above it too
    if CONTINUATION_RE.match(nxt) or CONTINUATION_RE.match(prev):
        return False
    if ITEM_START.match(nxt) or credits.AGENCY_RE.match(nxt) or is_terminal(prev) or looks_like_credit(nxt) \
            or (len(prev) <= CREDIT_MAX and looks_like_credit(prev)) or _reporter_line(nxt) \
            or (prev.endswith("摄") and credits.split_photo_credit(prev)[1]):
        return False
    if (prev[-1] in "：:" or prev.endswith("——")) and gap > 0:
        return False
    if prev[-1] in "：:" and len(nxt) <= 40 and not re.search(r"[，。、；！？“]", nxt):
        return False  # 分别是： over the lines of a list
    if prev[-1] in "）)" and credits.split_trailing_credit(prev)[1] is not None:
        return False  # …项目。（本报记者 刘强 摄）: the credit ends the story
    if prev[-1] in CONTINUING_END or unbalanced(prev) or nxt[0] in CANNOT_START:
        return True
    if len(nxt) <= 2 and gap == 0:  # a single character wrapped onto its own line
        return True
    if wrapped:
        if gap == 0:  # a line with a comma inside is a sentence, not a title: it goes on
            if nxt.startswith("——"):
                return False  # a subtitle under its title
            return prev_full or crosses_word(prev, nxt) or re.search(r"[，；]", prev) is not None
        # across a blank line only text with sentence punctuation goes on (not headlines), or a word cut
        # in two by a column break (交警支 | 队芙蓉大队: no title ends inside a word)
        crosses = crosses_word(prev, nxt)
        return (prev_full and (re.search(r"[，、；。]", prev) is not None or crosses)) or (gap == 1 and crosses)
    return len(prev) >= 10 and re.search(r"[，、；。：]", QUOTED_RE.sub("“”", prev)) is not None


def _is_full_line(
    widths: list[float], index: int, next_index: int, first: bool, gap: int, previous: int
) -> bool:
    """Does a line reach its column's right edge (so the text must go on)?

    A paragraph's first line is indented two characters in print, so it is allowed to be
    shorter, but it is never wider than the line after it (a wider one is a headline).
    """
    width, local = widths[index], _local_width(widths, index)
    following = widths[next_index]
    if first and gap == 0:
        return min(local, following) - 3 <= width <= following + 0.5
    if first:
        return local - 2.5 <= width <= following + 0.5
    return width >= local - 2 or (width >= widths[previous] - 0.5 and width >= local - 6)


def build_paragraphs(lines: list[str], crosses_word: Callable[[str, str], bool]) -> list[Paragraph]:
    """Join wrapped lines (also across blank lines at column breaks) into paragraphs."""
    wrapped = is_wrapped_page(lines)
    stripped = [line.strip() for line in lines]
    caption_starts = set() if wrapped else _caption_lines(stripped)
    # a paragraph's first line keeps its printed indent in the width (\u3000 one cell, a space half)
    widths = [repair.cell_width(t) + _indent_cells(raw) for t, raw in zip(stripped, lines, strict=True)]
    paragraphs: list[Paragraph] = []
    gap = 0
    for i, text in enumerate(stripped):
        if not text:
            gap += 1
            continue
        if paragraphs:
            last = paragraphs[-1]
            prev_full = _is_full_line(
                widths, last.last_index, i, first=last.lines == 1, gap=gap, previous=last.previous_index
            )
            # an indented line starts a paragraph, unless the line above left a bracket open
            tail = last.text[-JOIN_CONTEXT:]  # what decides a join lies near the paragraph's end: linear time
            opened = unbalanced(tail) or _agency_only(tail)
            if gap <= 3 and i not in caption_starts and (opened or not lines[i][:1].isspace()) and continues(
                tail, text, gap, wrapped, prev_full, crosses_word
            ):
                last.text = _glue(last.text, text)
                last.lines += 1
                last.previous_index, last.last_index = last.last_index, i
                gap = 0
                continue
        indented = lines[i][:1] in " \u3000"
        paragraphs.append(Paragraph(text, i + 1, gap, indented, 1, last_index=i, previous_index=i))
        gap = 0
    for para in paragraphs:
        para.text = repair.tidy_spaces(para.text)
    return paragraphs


def _indent_cells(line: str) -> float:
    indent = line[: len(line) - len(line.lstrip(" \u3000"))]
    return min(4.0, sum(1.0 if ch == "\u3000" else 0.5 for ch in indent))


def _caption_lines(stripped: list[str]) -> set[int]:
    """Lines directly above a photo credit (张旭 摄): captions start there, never join upwards."""
    starts: set[int] = set()
    for i, text in enumerate(stripped):
        if text.endswith("摄") and looks_like_credit(text):
            k = i - 1
            while k >= 0 and not stripped[k]:
                k -= 1
            if k >= 0:
                starts.add(k)
    return starts


def _glue(left: str, right: str) -> str:
    """Join two pieces of one sentence; keep a space only between Latin words."""
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


def prepare_lines(text: str) -> tuple[list[str], Furniture]:
    """Repair every line (undouble, widen punctuation), join vertical runs, split furniture."""
    removed: list[str] = []
    lines: list[str] = []
    raws = text.split("\n")
    for raw, margin in zip(raws, _column_margins(raws), strict=True):
        fixed, gone = repair.repair_line(raw)
        if gone:
            removed.append(gone)
        indented = len(raw) - len(raw.lstrip(" \u3000")) > margin
        lines.append((" " if indented and fixed else "") + fixed)
    lines = repair.join_vertical_runs(lines)
    lines, furniture = split_furniture(lines)
    furniture.removed.extend(removed)
    return lines, furniture


def _column_margins(raws: list[str]) -> list[int]:
    """The blank margin every line of a run shares (a right-hand column extracted with its offset); only
    indentation beyond it marks a paragraph. Runs of three lines or more with a margin of four or more."""
    leads = [len(r) - len(r.lstrip(" \u3000")) if r.strip() else -1 for r in raws]
    margins = [0] * len(raws)
    start = 0
    while start < len(raws):
        end = start
        while end < len(raws) and leads[end] >= COLUMN_MARGIN:
            end += 1
        if end - start >= 3:
            margin = min(leads[start:end])
            margins[start:end] = [margin] * (end - start)
        start = end + 1 if end == start else end
    return margins

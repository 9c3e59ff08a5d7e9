"""From paragraphs to article drafts: headlines (also printed after their bodies), bylines, kinds.

The page is read in order. Headline-like paragraphs form runs; bodies start at a
headline run, a source line (本报讯), a brief (●), an indented text box or after a
signature. Each headline unit is then given to the body it matches best by content,
so headlines printed below or beside their articles still find them.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from viewer.ingest import credits, layout, names
from viewer.ingest.layout import Furniture, Paragraph

REPRINT_RE = re.compile(r"^(据新华社|新华社|据|来源)")
BRIEF_MARKS = ("●", "▲", "◆", "★")  # a brief's bullet (kept in its text, as printed)
CONTINUED_TO_RE = re.compile(r"下转|转第|转至|转下")
SOURCE_LABEL_RE = re.compile(r"^(来源|稿件来源|供稿)[:：]\s*\S{2,30}$")
COLUMN_RE = re.compile(r"^【([^】]{2,12})】$")
NOTE_RE = re.compile(r"^(小编说|编者按|编后)[:：]")
LEAD_RE = re.compile(
    r"^(日前|近日|近期|目前|今年以来|去年以来|近年来|连日来|又是|今天|昨天|昨日|今年|"
    r"(\d{4}年)?\d{1,2}月\d{1,2}日|\d{1,2}日|本报讯|本刊讯|据|新华社)"
)
TRAILER_RE = re.compile(r"^(.*[。！？”…])[\s\u3000]+(\S[^。！？]{1,30})$")
ORG_SIGNATURE_RE = re.compile(r"(工会|总工会|委员会|办公室|工作部|联合会)$")
HEADLINE_MAX = 64
WORD_CHAR_RE = re.compile(r"[\u4e00-\u9fff]|[^\W_]")
NEAREST_BODIES = 40  # bodies a headline is compared with (by distance on the page)


@dataclass
class Unit:
    """A headline-like line: a candidate headline, kicker or subheadline."""

    text: str
    line: int
    run: int  # index of the run of headline lines it belongs to
    last_line: int = 0  # its last source line (a title may take two)
    role: str = ""  # kicker | sub | "" (decided when assigned)


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
    affiliation: str = ""
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

    @property
    def text(self) -> str:
        return "".join(self.paragraphs)

    def add_names(self, persons: list[str], groups: list[str]) -> None:
        self.persons.extend(p for p in persons if p not in self.persons)
        self.groups.extend(g for g in groups if g not in self.groups)


@dataclass
class Layout:
    """Drafts of a page plus the furniture found while splitting."""

    drafts: list[Draft]
    furniture: Furniture


def is_headline_like(text: str) -> bool:
    """Short, not a sentence: no sentence end, no sentence-internal punctuation."""
    if len(text) > HEADLINE_MAX or len(text) < 3:
        return False
    if credits.AGENCY_RE.match(text) or text.startswith(BRIEF_MARKS) or layout.unbalanced(text):
        return False
    if text.endswith(("——", "……")) and "。" not in text:
        return True  # a kicker (引题) leading into the headline
    if layout.is_terminal(text) and not (text.rstrip("”’").endswith(("！", "？")) and 8 <= len(text) <= 40 and "。" not in text):
        return False
    punct = text.count("，") + text.count("、") + text.count("。")
    return punct == 0 or (punct == 1 and (len(text) <= 30 or "——" in text))


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
        draft.source_line = draft.source_line or tail
        draft.reprint = True
        return
    if tail.endswith("摄"):
        draft.photo = True
        tail = tail[:-1].strip()
    parsed = names.parse_name_list(tail)
    if parsed:
        draft.add_names(*parsed)
    else:
        draft.groups.append(tail)


def parse_source(text: str) -> tuple[str, str, list[str], list[str]]:
    """Split a source line off a lead: (source line, rest, persons, pen names)."""
    source, rest, credit = credits.split_agency(text)
    return source, rest, credit.persons, credit.groups


class PageSplitter:
    """Walks a page's paragraphs and produces drafts; one instance per page."""

    def __init__(self, paragraphs: list[Paragraph], furniture: Furniture, wrapped: bool) -> None:
        self.paragraphs = paragraphs
        self.furniture = furniture
        self.wrapped = wrapped
        self.drafts: list[Draft] = []
        self.units: list[Unit] = []
        self.run_index = -1
        self.in_run = False
        self.pending_credit: tuple[credits.Credit, str] | None = None
        self.pending_from = ""  # a （上接第1版） marker waiting for its story
        # Where most paragraphs are indented, indentation marks a paragraph, not a text box.
        long_ones = [p for p in paragraphs if len(p.text) >= 40]
        self.indent_marks_box = sum(p.indented for p in long_ones) * 2 < len(long_ones)
        # The blank lines a page usually leaves between paragraphs; a wider gap after a finished
        # sentence separates stories (pages that set paragraphs solid and stories apart).
        gaps = sorted(p.gap_before for p in paragraphs[1:] if len(p.text) >= 20)
        self.paragraph_gap = gaps[len(gaps) // 2] if gaps else 1

    # -- walking ---------------------------------------------------------------------------
    def split(self) -> Layout:
        for i, para in enumerate(self.paragraphs):
            nxt = self.paragraphs[i + 1].text if i + 1 < len(self.paragraphs) else ""
            self._take(para, nxt)
        self._assign_units()
        drafts = [d for d in self.drafts if d.paragraphs or d.units or d.source_line or d.signatures or d.column or d.markers]
        for d in drafts:
            self._finish(d)
        return Layout(drafts=drafts, furniture=self.furniture)

    def _current(self) -> Draft | None:
        return self.drafts[-1] if self.drafts else None

    def _new_draft(self, para: Paragraph) -> Draft:
        run = self.run_index if self.in_run else None
        draft = Draft(line=para.line, run=run)
        if self.pending_from:
            draft.continued_from = True
            draft.markers.append(self.pending_from)
            self.pending_from = ""
        if self.pending_credit is not None:
            credit, printed = self.pending_credit
            draft.add_names(credit.persons, credit.groups)
            draft.signatures.append(printed)
            self.pending_credit = None
        self.drafts.append(draft)
        self.in_run = False
        return draft

    def _start_unit(self, text: str, para: Paragraph) -> None:
        if not self.in_run:
            self.run_index += 1
            self.in_run = True
        previous = self.units[-1] if self.units else None
        if previous is not None and previous.run == self.run_index and self._same_title(previous, text, para):
            glue = "" if previous.text[-1:] in "：:·、，“《（" or len(previous.text) < 8 else " "
            previous.text = f"{previous.text}{glue}{text}"
            previous.last_line = para.line
            return
        self.units.append(Unit(text=text, line=para.line, run=self.run_index, last_line=para.line))

    def _same_title(self, previous: Unit, text: str, para: Paragraph) -> bool:
        """A title broken over two lines (市总工会召开十四届九次 / 全委（扩大）会): adjacent, same type size.

        A kicker (…——), a subtitle (——…) or a bold (doubled) line beside a plain one stays apart.
        """
        if para.gap_before or para.line != previous.last_line + 1:
            return False
        if previous.text.endswith(("——", "……")) or text.startswith("——") or names.author_line(text):
            return False
        bold = {t for t in self.furniture.removed if t}
        return (previous.text in bold) == (text in bold)

    def _take(self, para: Paragraph, nxt: str) -> None:
        text = para.text
        current = self._current()
        compact = text.replace(" ", "")
        if len(compact) <= 6 and layout.SECTION_LABEL_RE.match(compact) and not layout.is_terminal(text):
            self.furniture.sections.append(text)
            self.in_run = False
            if current is not None and current.paragraphs:
                current.closed = True  # a section label (图片新闻, 工会动态) starts a new block of the page
            return
        column = COLUMN_RE.match(text)
        if column:
            self._column_label(column.group(1), para)
            return
        credit = credits.credit_line(text) if not layout.looks_like_credit(text, bare_only=True) else None
        if credit is not None and self._current() is not None and not self.in_run:
            self._close_with_credit(credit, text)
            return
        if credit is not None:  # a byline under the headline (■通讯员 贾志云 缪东生): for the story below
            self.pending_credit = (credit, text)
            return
        author = names.author_line(text)
        if author and self.in_run:
            self._start_unit(text, para)
            return
        if layout.looks_like_credit(text) and not author:
            self._credit(text, para)
            return
        if SOURCE_LABEL_RE.match(text) and current is not None and current.paragraphs and not self.in_run:
            apply_signature(current, text)  # 来源：崇明县总工会 on its own line ends the story
            current.closed = True
            return
        if layout.CONTINUATION_RE.match(text):
            self._continuation(text, current)
            return
        if NOTE_RE.match(text) and current is not None:
            current.paragraphs.append(text)
            current.closed = True
            return
        if is_headline_like(text) and not self._is_inline_subhead(para, nxt):
            self._start_unit(text, para)
            return
        self._body(para)

    def _is_inline_subhead(self, para: Paragraph, nxt: str) -> bool:
        """A short heading inside a running article (全链条发力，职工安“薪”无忧)."""
        current = self._current()
        if current is None or current.closed or current.brief or current.photo or self.in_run:
            return False
        if not current.paragraphs or not nxt or para.gap_before > 2:
            return False
        if is_headline_like(nxt) or LEAD_RE.match(nxt) or credits.AGENCY_RE.match(nxt) or nxt.startswith(BRIEF_MARKS):
            return False
        if starts_mid_sentence(nxt) or COLUMN_RE.match(nxt) or layout.looks_like_credit(nxt):
            return False
        if para.text.endswith(("——", "……")):
            return False
        # a headline sums up the text below it more than the story above it; a subheading does both
        title = set(_bigrams(para.text))
        below = _overlap(title, set(_bigrams(nxt)))
        above = _overlap(title, set(_bigrams(current.text)))
        return not (below >= 0.3 and below > above + 0.15)

    def _column_label(self, label: str, para: Paragraph) -> None:
        current = self._current()
        # a column label printed twice around the headline: keep one
        if current is not None and self.in_run and current.column == label:
            self.furniture.removed.append(f"【{label}】")
            return
        if self.in_run and current is not None and current.run == self.run_index and not current.paragraphs:
            current.column = label
            return
        if not self.in_run:
            self.run_index += 1
            self.in_run = True
        draft = Draft(line=para.line, run=self.run_index, column=label)
        self.drafts.append(draft)

    def _credit(self, text: str, para: Paragraph) -> None:
        current = self._current()
        photo = text.endswith("摄")
        body = text[:-1].strip() if photo else text
        if current is None:
            current = self._new_draft(para)
        captioned_alone = len(current.paragraphs) == 1 and current.run is not None
        if photo and not captioned_alone and (len(current.paragraphs) > 1 or current.source_line):
            # the caption is the last paragraph, printed below the article it follows
            caption = current.paragraphs.pop()
            current = Draft(line=para.line, paragraphs=[caption])
            self.drafts.append(current)
        if photo:
            current.photo = True
        current.signatures.append(text)
        parsed = names.parse_name_list(body)
        if parsed:
            current.add_names(*parsed)
        else:
            current.groups.append(body)
        current.closed = True
        self.in_run = False

    def _continuation(self, marker: str, current: Draft | None) -> None:
        """（下转第2版） ends a story that goes on elsewhere; （上接第1版） opens one that began elsewhere."""
        if CONTINUED_TO_RE.search(marker) and current is not None and current.paragraphs:
            current.continued_to = True
            current.markers.append(marker)
            current.closed = True
            self.in_run = False
        else:
            self.pending_from = marker

    def _wider_gap(self, para: Paragraph, current: Draft | None) -> bool:
        """A wider blank than the story's own paragraphs have (or the page's, for a one-paragraph story)."""
        if current is None or not current.paragraphs:
            return False
        usual = max([*current.gaps, self.paragraph_gap]) if current.gaps else max(self.paragraph_gap, 1)
        if para.gap_before <= usual:
            return False
        return layout.is_terminal(current.paragraphs[-1]) and not starts_mid_sentence(para.text)

    def _close_with_credit(self, credit: credits.Credit, printed: str) -> None:
        """A credit on its own line ends the article above it: （通讯员 郑珠太）, 南方日报记者 梁锐呈 摄影报道."""
        current = self._current()
        assert current is not None
        current.signatures.append(printed)
        current.add_names(credit.persons, credit.groups)
        current.photo = current.photo or (credit.photo and len(current.paragraphs) <= 3 and not current.source_line)
        current.closed = True
        self.in_run = False

    def _body(self, para: Paragraph) -> None:
        text = para.text
        current = self._current()
        source, _rest, persons, groups = parse_source(text)  # the source line stays in the body, as printed
        starts_new = (
            current is None
            or current.closed
            or self.in_run
            or text.startswith(BRIEF_MARKS)
            or (current is not None and current.brief)
            or (source and (current is not None and (current.paragraphs or current.source_line)))
            or (para.indented and self.wrapped and self.indent_marks_box)
            or self._wider_gap(para, current)
        )
        if starts_new:
            if current is not None and self.in_run and current.run == self.run_index and not current.paragraphs:
                draft = current  # a column label opened this draft already
                self.in_run = False
            else:
                draft = self._new_draft(para)
            if not source and not text.startswith(BRIEF_MARKS) and starts_mid_sentence(text):
                draft.continued_from = True
        else:
            draft = current  # type: ignore[assignment]
            draft.gaps.append(para.gap_before)
        if text.startswith(BRIEF_MARKS):
            draft.brief = True
        if source:
            draft.source_line = source
            draft.add_names(persons, groups)
            draft.reprint = draft.reprint or bool(REPRINT_RE.match(source))
        marker = layout.CONTINUATION_RE.search(text)
        if marker and marker.start() > 0 and CONTINUED_TO_RE.search(marker.group()):
            draft.markers.append(marker.group().strip())  # …全市上下要（下转第2版）
            draft.continued_to = True
            draft.closed = True
            text = text[: marker.start()].rstrip()
        body, credit, printed = credits.split_trailing_credit(text)
        if credit is not None:
            if body:
                draft.paragraphs.append(body)
            draft.signatures.append(printed)
            draft.add_names(credit.persons, credit.groups)
            draft.photo = draft.photo or (credit.photo and not draft.source_line)
            draft.closed = True
            return
        body, tail = split_trailer(text)
        if body:
            draft.paragraphs.append(body)
        if tail:
            apply_signature(draft, tail)
            draft.closed = True

    # -- headlines by content --------------------------------------------------------------
    def _assign_units(self) -> None:
        bodies = [d for d in self.drafts if d.paragraphs]
        if not self.units:
            return
        grams = [set(_bigrams(d.source_line + d.text)) for d in bodies]
        idf = _bigram_idf(grams)
        default = max(idf.values(), default=1.0)
        positional = {d.run: d for d in self.drafts if d.run is not None}
        headed = {d.run for d in self.drafts if d.run is not None}
        open_bodies = [(d, g) for d, g in zip(bodies, grams, strict=True) if d.run not in headed and not d.photo]
        open_lines = [d.line for d, _ in open_bodies]  # drafts are in page order
        own_grams = {id(d): g for d, g in zip(bodies, grams, strict=True)}
        unplaced: list[Unit] = []
        for unit in self.units:
            if unit.text.startswith("——") or names.author_line(unit.text):
                target = positional.get(unit.run)
                if target is not None:
                    self._attach(target, unit)
                    continue
            own = positional.get(unit.run)
            # the nearest open bodies only: a page's length never makes this quadratic
            at = bisect.bisect_left(open_lines, unit.line)
            window = open_bodies[max(0, at - NEAREST_BODIES) : at + NEAREST_BODIES]
            candidates = sorted(window, key=lambda pair: abs(pair[0].line - unit.line))[:NEAREST_BODIES]
            if own is not None and id(own) in own_grams:
                candidates.append((own, own_grams[id(own)]))
            unit_grams = set(_bigrams(unit.text))
            best, best_score = None, 0.0
            for draft, body_grams in candidates:
                score = _similarity(unit_grams, body_grams, idf, default) + (0.25 if draft is own else 0.0)
                if score > best_score:
                    best, best_score = draft, score
            if best is not None and (best is own and best_score >= 0.3 or best_score >= 0.35):
                self._attach(best, unit)
                best.weak_headline = best.weak_headline or (best is not own and best_score < 0.5)
            elif own is not None and own.column and not own.units:
                self._attach(own, unit)
            else:
                unplaced.append(unit)
        for unit in unplaced:  # a line of a title block whose other lines found their story goes with them
            own = positional.get(unit.run)
            if own is not None and any(u.run == unit.run for u in own.units):
                self._attach(own, unit)
            else:
                self.furniture.banners.append(unit.text)

    @staticmethod
    def _attach(draft: Draft, unit: Unit) -> None:
        draft.units.append(unit)

    # -- finishing -------------------------------------------------------------------------
    def _finish(self, draft: Draft) -> None:
        if draft.paragraphs and not layout.is_terminal(draft.paragraphs[-1]) and not draft.photo:
            last = draft.paragraphs[-1]
            if not NOTE_RE.match(last) and not last.endswith(("》", "”")):
                draft.continued_to = True


def headline_parts(units: list[Unit]) -> tuple[str, str, str, str, list[str]]:
    """(kicker, headline, subheadline, affiliation, author persons) from a draft's units.

    Lines ending in ——/…… are kickers and lines starting with —— are subheadlines; of
    the others the first is the headline (papers print the main title first, a 副题 below it).
    """
    affiliation = ""
    persons: list[str] = []
    lines: list[str] = []
    for unit in sorted(units, key=lambda u: u.line):
        author = names.author_line(unit.text)
        if author:
            affiliation, person = author
            persons.append(person)
        else:
            lines.append(unit.text)
    plain = [t for t in lines if not t.startswith("——") and not t.endswith(("——", "……"))]
    main = plain[0] if plain else (lines[-1] if lines else "")
    position = lines.index(main) if main else 0
    kicker = [t for t in lines[:position] if not t.startswith("——")]
    subs = [t for t in lines[position + 1 :]] + [t for t in lines[:position] if t.startswith("——")]
    return " ".join(kicker), main, " ".join(subs), affiliation, persons


def _bigrams(text: str) -> list[str]:
    chars = WORD_CHAR_RE.findall(text)
    return [a + b for a, b in zip(chars, chars[1:], strict=False)]


def _overlap(title: set[str], text: set[str]) -> float:
    """Share of a title's bigrams found in a text (unweighted)."""
    return len(title & text) / len(title) if title else 0.0


def _bigram_idf(grams: list[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for bag in grams:
        df.update(bag)
    n = max(1, len(grams))
    return {g: math.log(1 + n / c) for g, c in df.items()}


def _similarity(headline: set[str], body: set[str], idf: dict[str, float], default: float) -> float:
    """Share of a headline's (idf-weighted) bigrams that occur in a body."""
    if not headline:
        return 0.0
    total = sum(idf.get(g, default) for g in headline)
    return sum(idf.get(g, default) for g in headline if g in body) / total

"""From paragraphs to stories: where each story starts and ends, its title lines, credits and kind.

The page is read in order. Title-like paragraphs form runs; bodies start at a title run, a source
line (本报讯), a brief (●), a text box, a wider blank, a lead about another place or after a
signature. Each title is then given to the story it fits (`titles.assign_titles`), so titles printed
below or beside their stories still find them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from viewer.ingest import credits, layout, leads, names
from viewer.ingest.drafts import (
    BRIEF_MARKS,
    COLUMN_RE,
    CONTINUED_TO_RE,
    NOTE_RE,
    ORG_LINE_RE,
    REPRINT_RE,
    SOURCE_LABEL_RE,
    Draft,
    PlaceMention,
    Unit,
    apply_signature,
    parse_source,
    split_trailer,
    starts_mid_sentence,
)
from viewer.ingest.layout import Furniture, Paragraph
from viewer.ingest.titles import assign_titles, is_headline_like, side_by_side


@dataclass
class SplitPage:
    """Drafts of a page plus the furniture found while splitting."""

    drafts: list[Draft]
    furniture: Furniture


class PageSplitter:
    """Walks a page's paragraphs and produces drafts; one instance per page."""

    def __init__(
        self,
        paragraphs: list[Paragraph],
        furniture: Furniture,
        wrapped: bool,
        places: Callable[[str], list[PlaceMention]] | None = None,
    ) -> None:
        self.paragraphs = paragraphs
        self.places = places
        self.furniture = furniture
        self.wrapped = wrapped
        self.drafts: list[Draft] = []
        self.units: list[Unit] = []
        self.run_units: dict[int, list[Unit]] = {}  # the title lines of each run, for the story below it
        self.run_index = -1
        self.in_run = False
        self.next_gap = 1  # blank lines before the paragraph after the one being read
        self.bold = {t for t in furniture.removed if t}  # lines printed twice (bold in the PDF)
        self.pending_credits: list[tuple[credits.Credit, str]] = []  # bylines under a title, for the story below
        self.pending_markers: list[str] = []  # （上接第1版） markers waiting for their story
        # Where most paragraphs are indented, indentation marks a paragraph, not a text box.
        long_ones = [p for p in paragraphs if len(p.text) >= 40]
        self.indent_marks_box = sum(p.indented for p in long_ones) * 2 < len(long_ones)
        # The blank lines a page usually leaves between paragraphs; a wider gap after a finished
        # sentence separates stories (pages that set paragraphs solid and stories apart).
        gaps = sorted(p.gap_before for p in paragraphs[1:] if len(p.text) >= 20)
        self.paragraph_gap = gaps[len(gaps) // 2] if gaps else 1

    # -- walking ---------------------------------------------------------------------------
    def split(self) -> SplitPage:
        for i, para in enumerate(self.paragraphs):
            nxt = self.paragraphs[i + 1].text if i + 1 < len(self.paragraphs) else ""
            self.next_gap = self.paragraphs[i + 1].gap_before if i + 1 < len(self.paragraphs) else 1
            self._take(para, nxt)
        self._keep_pending()
        assign_titles(self.drafts, self.units, self.furniture.banners)
        drafts = [d for d in self.drafts if d.paragraphs or d.units or d.source_line or d.signatures or d.column or d.markers]
        for d in drafts:
            self._finish(d)
        return SplitPage(drafts=drafts, furniture=self.furniture)

    def _keep_pending(self) -> None:
        """A byline or （上接…） marker that no story followed stays with the last story, or alone."""
        if not self.pending_credits and not self.pending_markers:
            return
        target = self.drafts[-1] if self.drafts else Draft(line=self.paragraphs[-1].line if self.paragraphs else 1)
        if not self.drafts:
            self.drafts.append(target)
        self._take_pending_credits(target)
        target.markers.extend(self.pending_markers)
        self.pending_markers = []

    def _take_pending_credits(self, draft: Draft) -> None:
        for credit, printed in self.pending_credits:
            draft.add_names(credit.persons, credit.groups)
            draft.signatures.append(printed)
        self.pending_credits = []

    def _current(self) -> Draft | None:
        return self.drafts[-1] if self.drafts else None

    def _new_draft(self, para: Paragraph) -> Draft:
        run = self.run_index if self.in_run else None
        draft = Draft(line=para.line, run=run)
        if self.pending_markers:
            draft.continued_from = any(not CONTINUED_TO_RE.search(m) for m in self.pending_markers)
            draft.markers.extend(self.pending_markers)
            self.pending_markers = []
        self._take_pending_credits(draft)
        self.drafts.append(draft)
        self.in_run = False
        return draft

    def _start_unit(self, text: str, para: Paragraph) -> None:
        half = len(text) // 2
        if len(text) >= 8 and len(text) % 2 == 0 and text[:half] == text[half:]:
            self.furniture.removed.append(text[half:])  # a bold title printed twice, its two lines joined
            text = text[:half]
        # a wide blank between two titles, or a union's name set right on its brief: a title block of its own
        union_heading = para.gap_before >= 1 and self.next_gap == 0 and leads.UNION_NAME_RE.match(text) is not None
        if not self.in_run or para.gap_before >= 2 or union_heading:
            self.run_index += 1
            self.in_run = True
        previous = self.units[-1] if self.units else None
        if previous is not None and previous.run == self.run_index and previous.text == text \
                and para.line == previous.last_line + 1:
            self.furniture.removed.append(text)  # a bold title printed twice, on two lines
            previous.last_line = para.line
            return
        if previous is not None and previous.run == self.run_index and self._same_title(previous, text, para):
            glue = "" if previous.text[-1:] in "：:·、，“《（" or len(previous.text) < 8 else " "
            previous.text = f"{previous.text}{glue}{text}"
            previous.last_line = para.line
            return
        unit = Unit(text=text, line=para.line, run=self.run_index, last_line=para.line)
        self.units.append(unit)
        self.run_units.setdefault(self.run_index, []).append(unit)

    def _same_title(self, previous: Unit, text: str, para: Paragraph) -> bool:
        """A title broken over two lines (市总工会召开十四届九次 / 全委（扩大）会): adjacent, same type size.

        A kicker (…——), a subtitle (——…) or a bold (doubled) line beside a plain one stays apart.
        """
        if para.gap_before or para.line != previous.last_line + 1:
            return False
        if previous.text.endswith(("——", "……")) or text.startswith("——") or names.author_line(text):
            return False
        if credits.OWN_REPORTER_RE.match(text) or SOURCE_LABEL_RE.match(text):
            return False  # 本报全媒体记者…报道, 来源：《泰州日报》 under a title: who reported, not more title
        if not is_headline_like(previous.text + text):
            return False  # short lines of text that together make a sentence, not one long title
        return (previous.text in self.bold) == (text in self.bold)

    def _take(self, para: Paragraph, nxt: str) -> None:
        text = para.text
        current = self._current()
        compact = text.replace(" ", "")
        if (len(compact) <= 6 and layout.SECTION_LABEL_RE.match(compact) and not layout.is_terminal(text)
                and not compact.endswith("总工会")):  # 汝州市总工会 over a brief names its sender, not a section
            self.furniture.sections.append(text)
            self.in_run = False
            if current is not None and current.paragraphs:
                current.closed = True  # a section label (图片新闻, 工会动态) starts a new block of the page
            return
        column = COLUMN_RE.match(text)
        if column:
            self._column_label(column.group(1), para)
            return
        # a bare name line is a signature; with a role word (融媒体记者 | 朱小芳) it is a credit
        bare = layout.looks_like_credit(text, bare_only=True) and not credits.ROLE_LINE_RE.match(text)
        credit = credits.credit_line(text) if not bare else None
        # a byline set apart from the text above and right on top of the text below opens that story
        opens_below = (para.gap_before > 0 and self.next_gap == 0 and bool(nxt) and not layout.is_terminal(text)
                       and credits.credit_line(nxt) is None)  # 伍迪 文 / 各县市总工会 图: credits closing the story above
        if credit is not None and self._current() is not None and not self.in_run and not opens_below:
            self._close_with_credit(credit, text)
            return
        if credit is not None and opens_below and self._current() is not None:
            self._current().closed = True
        if credit is not None:  # a byline under the headline (■通讯员 贾志云 缪东生): for the story below
            self.pending_credits.append((credit, text))
            return
        author = names.author_line(text)
        if author and self.in_run:
            self._start_unit(text, para)
            return
        if layout.looks_like_credit(text) and not author:
            self._credit(text, para)
            return
        if (ORG_LINE_RE.match(text) and current is not None and current.paragraphs and not self.in_run
                and layout.is_terminal(current.paragraphs[-1]) and self.next_gap > 0 and not _opens_text(nxt)):
            apply_signature(current, text)  # 邗江城管局 under the story it sent in
            current.closed = True
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
        if self._is_list_item(para):
            self._body(para, nxt)
            return
        run_in = leads.RUN_IN_TITLE_RE.match(text)
        if run_in and is_headline_like(run_in.group(1)):  # 【市总工会表彰…“十佳”好事】6月14日，…: its title, printed inline
            self.in_run = False
            self._start_unit(run_in.group(1), para)
            self._body(replace(para, text=text[run_in.end():]), nxt)
            return
        if is_headline_like(text) and not self._is_inline_subhead(para, nxt):
            below_its_story = self._title_below_story(para)
            for title in side_by_side(text):  # two columns' headlines extracted onto one line
                self._start_unit(title, para)
            if below_its_story and current is not None:
                current.run, current.closed, self.in_run = self.run_index, True, False
            return
        caption, photo_credit = credits.split_photo_credit(text)
        if photo_credit:
            self._captioned(replace(para, text=caption), nxt, photo_credit)
            return
        self._body(para, nxt)

    def _captioned(self, caption: Paragraph, nxt: str, credit: str) -> None:
        """…开始新生活。王海欣 摄: a photo story whose credit runs on after its text; with text right below
        it, a caption set inside its story (the credit joins the story's byline)."""
        self._body(caption, nxt)
        story = self.drafts[-1]
        if self.next_gap or not nxt:
            story.photo, story.closed, self.in_run = True, True, False
        story.signatures.append(credit)
        story.add_credit(credit, credit[:-1].strip())

    def _is_list_item(self, para: Paragraph) -> bool:
        """A line of a list inside a story (名单: 分别是：/ 新沂市…站点 / 沛县…站): set solid under a colon."""
        current = self._current()
        if current is None or current.closed or self.in_run or not current.paragraphs or para.gap_before:
            return False
        last = current.paragraphs[-1]
        return last.endswith(("：", ":")) or (current.listing and len(para.text) <= 40)

    def _title_below_story(self, para: Paragraph) -> bool:
        """A title set closer to the untitled story above it than to the text below: printed under that story."""
        current = self._current()
        return (current is not None and bool(current.paragraphs) and current.run is None and not self.in_run
                and 0 < para.gap_before < self.next_gap)

    def _is_inline_subhead(self, para: Paragraph, nxt: str) -> bool:
        """A short heading inside a running article (全链条发力，职工安“薪”无忧)."""
        current = self._current()
        if current is None or current.closed or current.brief or current.photo or self.in_run:
            return False
        if not current.paragraphs or not nxt or para.gap_before > 2 or self._title_below_story(para):
            return False
        if para.gap_before > max(self.next_gap, self.paragraph_gap) and leads.TIME_WORD_RE.search(nxt[:20]):
            return False  # set apart from the text above, over a lead that says when: a new story's title
        return leads.goes_on_below(para.text, nxt, current.text)

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
        # a titled photo story (title, a few caption paragraphs, the credit) keeps its paragraphs
        captioned_alone = current.run is not None and len(current.paragraphs) <= 3 and not current.source_line
        if photo and not captioned_alone and len(current.paragraphs) > 1:
            # the caption is the last paragraph, printed below the article it follows
            caption = current.paragraphs.pop()
            current = Draft(line=para.line, paragraphs=[caption])
            self.drafts.append(current)
        if photo:
            current.photo = True
        current.signatures.append(text)
        current.add_credit(text, body)
        current.closed = True
        self.in_run = False

    def _new_place_lead(self, para: Paragraph, current: Draft | None, nxt: str = "") -> bool:
        """A lead about another place after a finished story (see `leads.opens_elsewhere`)."""
        if self.places is None or current is None:
            return False
        title = " ".join(u.text for u in self.run_units.get(current.run, ())) if current.run is not None else ""
        return leads.opens_elsewhere(para, current, nxt, title, self.places)

    def _continuation(self, marker: str, current: Draft | None) -> None:
        """（下转第2版） ends a story that goes on elsewhere; （上接第1版） opens one that began elsewhere."""
        if CONTINUED_TO_RE.search(marker) and current is not None and current.paragraphs:
            current.continued_to = True
            current.markers.append(marker)
            current.closed = True
            self.in_run = False
        else:
            self.pending_markers.append(marker)

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

    def _body(self, para: Paragraph, nxt: str = "") -> None:
        text = para.text
        current = self._current()
        # the source line stays in the body, as printed; a brief's bullet may stand before it
        source, _rest, persons, groups = parse_source(text.lstrip("".join(BRIEF_MARKS) + " "))
        starts_new = (
            current is None
            or current.closed
            or self.in_run
            or text.startswith(BRIEF_MARKS)
            or (current is not None and current.brief
                and (text.startswith(BRIEF_MARKS) or para.gap_before > self.paragraph_gap))
            or (source and (current is not None and (current.paragraphs or current.source_line)))
            or (para.indented and self.wrapped and self.indent_marks_box and not (current and current.indented))
            or self._wider_gap(para, current)
            or self._new_place_lead(para, current, nxt)
        )
        if starts_new:
            if current is not None and self.in_run and current.run == self.run_index and not current.paragraphs:
                draft = current  # a column label opened this draft already
                self.in_run = False
            else:
                draft = self._new_draft(para)
            if not source and not text.startswith(BRIEF_MARKS) and starts_mid_sentence(text):
                draft.continued_from = True
            draft.indented = para.indented
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
        # a lead that is its source line alone (本报讯（记者 王鑫）) keeps its credit there
        body, credit, printed = credits.split_trailing_credit(text) if text.strip() != source else (text, None, "")
        if credit is not None:
            if body:
                draft.paragraphs.append(body)
            draft.signatures.append(printed)
            draft.add_names(credit.persons, credit.groups)
            draft.photo = draft.photo or (credit.photo and not draft.source_line)
            draft.closed = True
            return
        body, tail = split_trailer(text)
        draft.listing = bool(draft.paragraphs) and not para.gap_before and (
            draft.paragraphs[-1].endswith(("：", ":")) or draft.listing) and not layout.is_terminal(text)
        if body:
            draft.paragraphs.append(body)
        if tail:
            apply_signature(draft, tail)
            draft.closed = True


    # -- finishing -------------------------------------------------------------------------
    def _finish(self, draft: Draft) -> None:
        if draft.paragraphs and not layout.is_terminal(draft.paragraphs[-1]) and not draft.photo:
            last = draft.paragraphs[-1]
            if not NOTE_RE.match(last) and not last.endswith(("》", "”")):
                draft.continued_to = True


def _opens_text(paragraph: str) -> bool:
    """Story text (not a title, a credit or a bullet): what a title line would stand on."""
    return bool(paragraph) and not is_headline_like(paragraph) and credits.credit_line(paragraph) is None \
        and not layout.looks_like_credit(paragraph) and not paragraph.startswith(BRIEF_MARKS)

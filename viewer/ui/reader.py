"""The reader: one article with every hit highlighted, its tags as chips, hit navigation and zoom."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from viewer.archive.highlight import find_offsets
from viewer.domain import Article
from viewer.ui.list_model import HIGHLIGHT

MIN_ZOOM, MAX_ZOOM = -4, 12


def tag_chips(tags: list[tuple[str, str]]) -> str:
    """Coloured chips for the article's tags; names are escaped (a tag may be called <b>x</b>)."""
    return " ".join(
        f'<span style="background:{html.escape(color or "#9da5b4")}; color:white">&nbsp;{html.escape(name)}&nbsp;</span>'
        for name, color in tags
    )


def article_html(article: Article, terms: list[str], tags: list[tuple[str, str]] = ()) -> str:  # type: ignore[assignment]
    """The reader's HTML for an article; every hit of the terms highlighted, all text escaped."""
    def marked(text: str) -> str:
        out, cursor = [], 0
        for start, end in find_offsets(text, terms):
            out.append(html.escape(text[cursor:start]))
            out.append(f'<span style="background:{HIGHLIGHT}">{html.escape(text[start:end])}</span>')
            cursor = end
        out.append(html.escape(text[cursor:]))
        return "".join(out)

    parts = []
    if article.kicker:
        parts.append(f'<p style="color:#666; margin-bottom:0">{marked(article.kicker)}</p>')
    parts.append(f'<h1 style="font-size:x-large">{marked(article.headline or "（无标题）")}</h1>')
    if article.subheadline:
        parts.append(f'<h3 style="color:#444">{marked(article.subheadline)}</h3>')
    parts.append(f'<p style="color:#777">{html.escape(metadata_line(article))}</p>')
    if tags:
        parts.append(f"<p>{tag_chips(list(tags))}</p>")
    parts.extend(f'<p style="line-height:160%">{marked(p)}</p>' for p in article.paragraphs)
    if article.signature:
        parts.append(f'<p style="color:#777; text-align:right">{html.escape(article.signature)}</p>')
    return "\n".join(parts)


def metadata_line(article: Article) -> str:
    """出版物 · 日期 · 版次/栏目 · 地区 · 作者 · 来源."""
    issue = article.issue
    page = f"第{issue.page}版" if issue.page else ""
    if issue.section:
        page = f"{page} {issue.section}".strip()
    return " · ".join(x for x in (
        issue.publication, issue.issue_date or "日期不详", page, article.region.label(),
        "、".join(article.byline), article.source_line,
    ) if x)


class ReaderView(QTextBrowser):
    """Shows one article; steps through hits; zooms in whole steps (kept in settings)."""

    zoomChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.article: Article | None = None
        self.hit_count = 0
        self.current_hit = -1
        self.zoom = 0

    def show_article(self, article: Article, terms: list[str], tags: list[tuple[str, str]] = ()) -> None:  # type: ignore[assignment]
        self.article = article
        self.setHtml(article_html(article, terms, tags))
        self.hit_count = len(self.hit_spans())
        self.current_hit = -1
        if self.hit_count:
            self.go_to_hit(0)
        else:
            self.moveCursor(QTextCursor.MoveOperation.Start)

    def clear_article(self, message: str = "") -> None:
        self.article = None
        self.hit_count = 0
        self.setHtml(f'<p style="color:#888">{html.escape(message)}</p>')

    def go_to_hit(self, number: int) -> None:
        """Select hit `number` (wrapping around) and scroll it into view."""
        spans = self.hit_spans()
        if not spans:
            return
        self.current_hit = number % len(spans)
        start, end = spans[self.current_hit]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def hit_spans(self) -> list[tuple[int, int]]:
        """(start, end) document positions of the highlighted hits, in reading order."""
        spans: list[tuple[int, int]] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().background().color().name() == HIGHLIGHT:
                    spans.append((fragment.position(), fragment.position() + fragment.length()))
                it += 1
            block = block.next()
        return spans

    def next_hit(self) -> None:
        self.go_to_hit(self.current_hit + 1)

    def previous_hit(self) -> None:
        self.go_to_hit(self.current_hit - 1)

    def set_zoom(self, steps: int) -> None:
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        if steps != self.zoom:
            self.zoomIn(steps - self.zoom)
            self.zoom = steps
            self.zoomChanged.emit(steps)

    def print_to(self, printer: object) -> None:
        """Print (or save as PDF) the article as shown."""
        document: QTextDocument = self.document().clone()
        document.print_(printer)  # type: ignore[arg-type]

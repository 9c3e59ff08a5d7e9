"""The reader: one article with every hit highlighted, its tags as chips, hit navigation and zoom."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from viewer.archive.highlight import find_offsets
from viewer.domain import REVIEW_REASONS, Article, display_title
from viewer.reports.citation import date_label, page_label
from viewer.ui.continuation import Parts, continuation_notes, kind_badge
from viewer.ui.i18n import ui_language
from viewer.ui.list_model import HIGHLIGHT
from viewer.ui.tree_model import DERIVED_COLOUR

MIN_ZOOM, MAX_ZOOM = -4, 12
# Marked texts keep their spaces, so an offset in the text is an offset in its block.
KEEP_SPACES = "white-space:pre-wrap"


@dataclass
class Rendered:
    """An article's HTML and where its hits are: (block number, start, end) in reading order."""

    html: str
    hits: list[tuple[int, int, int]] = field(default_factory=list)


UNTAG, ARTICLE = "untag", "article"  # link schemes: a chip's ×, the other part of a continued article


def tag_chips(tags: list[tuple[str, str]]) -> str:
    """Coloured chips for the article's tags, each with a × that takes it off; names are escaped
    (a tag may be called <b>x</b>) and quoted in the link."""
    return " ".join(
        f'<span style="background:{html.escape(color or "#9da5b4")}; color:white">&nbsp;{html.escape(name)}'
        f'&nbsp;<a href="{UNTAG}:{quote(name, safe="")}" style="color:white; text-decoration:none">×</a>&nbsp;</span>'
        for name, color in tags
    )


def render_article(article: Article, terms: list[str], tags: list[tuple[str, str]] = (),  # type: ignore[assignment]
                   others: Parts | None = None) -> Rendered:
    """The reader's HTML for an article, every hit of the terms highlighted, all text escaped,
    and the hits' places (from `find_offsets`), one block per element."""
    rendered = Rendered("")
    parts: list[str] = []

    def marked(tag: str, style: str, text: str) -> None:
        out, cursor = [], 0
        for start, end in find_offsets(text, terms):
            rendered.hits.append((len(parts), start, end))
            out.append(html.escape(text[cursor:start]))
            out.append(f'<span style="background:{HIGHLIGHT}">{html.escape(text[start:end])}</span>')
            cursor = end
        out.append(html.escape(text[cursor:]))
        parts.append(f'<{tag} style="{style}; {KEEP_SPACES}">{"".join(out)}</{tag}>')

    badge = kind_badge(article)
    if badge:
        parts.append(f'<p style="color:#666; margin-bottom:0">{html.escape(badge)}</p>')
    if article.kicker:
        marked("p", "color:#666; margin-bottom:0", article.kicker)
    title = display_title(article, ui_language())
    marked("h1", f"font-size:x-large; color:{DERIVED_COLOUR}; font-style:italic" if title.derived
           else "font-size:x-large", title.text)
    if article.subheadline:
        marked("h3", "color:#444", article.subheadline)
    parts.append(f'<p style="color:#777">{html.escape(metadata_line(article))}</p>')
    if article.review:
        parts.append(f'<p style="background:#fff4d6; color:#7a5200">{html.escape(review_notice(article))}</p>')
    if tags:
        parts.append(f"<p>{tag_chips(list(tags))}</p>")
    before, after = continuation_notes(article, others or Parts())
    if before:
        parts.append(f'<p style="color:#a05a00">{before}</p>')
    for paragraph in article.paragraphs:
        marked("p", "line-height:160%", paragraph)
    if after:
        parts.append(f'<p style="color:#a05a00">{after}</p>')
    if article.signature:
        parts.append(f'<p style="color:#777; text-align:right">{html.escape(article.signature)}</p>')
    rendered.html = "\n".join(parts)
    return rendered


def article_html(article: Article, terms: list[str], tags: list[tuple[str, str]] = ()) -> str:  # type: ignore[assignment]
    """The reader's HTML for an article; every hit of the terms highlighted, all text escaped."""
    return render_article(article, terms, tags).html


def review_notice(article: Article) -> str:
    """待核对：未找到标题；地区仅来自文中提及 — why the parser is unsure, in the interface's language."""
    english = ui_language() == "en"
    labels = [REVIEW_REASONS.get(code, (code, code))[1 if english else 0] for code in article.review]
    return QCoreApplication.translate("Reader", "待核对：{0}").format(("; " if english else "；").join(labels))


def metadata_line(article: Article) -> str:
    """出版物 · 日期 · 版次/栏目 · 地区 · 作者 · 来源, an inferred publication or date marked （推断）.

    The kind is the badge above the title (【图片】), not repeated here."""
    issue, language = article.issue, ui_language()
    english = language == "en"
    inferred = (" (inferred)" if english else "（推断）") if issue.publication_inferred else ""
    page = f"{page_label(issue.page, language)} {issue.section or ''}".strip()
    return " · ".join(x for x in (
        issue.publication + inferred, date_label(issue, language), page, article.region.label(),
        ("、" if not english else ", ").join(article.byline), article.source_line,
    ) if x)


class ReaderView(QTextBrowser):
    """Shows one article; steps through the hits it was given; zooms in whole steps (kept in settings).

    Signals:
        zoomChanged(int): the zoom step, after a change.
        untagRequested(str): a tag chip's × was clicked (the tag's name).
        articleRequested(str): a link to another article (a continued article's other part) was clicked.
        hitChanged(int, int): the hit now selected (1-based) and how many there are.
    """

    zoomChanged = Signal(int)
    untagRequested = Signal(str)
    articleRequested = Signal(str)
    hitChanged = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._link_clicked)
        self.article: Article | None = None
        self.parts = Parts()
        self.terms: list[str] = []
        self.spans: list[tuple[int, int]] = []  # document positions of the hits, in reading order
        self.current_hit = -1
        self.zoom = 0

    @property
    def hit_count(self) -> int:
        return len(self.spans)

    def show_article(self, article: Article, terms: list[str], tags: list[tuple[str, str]] = (),  # type: ignore[assignment]
                     parts: Parts | None = None) -> None:
        self.article = article
        self.terms = list(terms)
        self.parts = parts or Parts()
        rendered = render_article(article, terms, tags, self.parts)
        self.setHtml(rendered.html)
        document = self.document()
        self.spans = [(block.position() + start, block.position() + end)
                      for number, start, end in rendered.hits if (block := document.findBlockByNumber(number)).isValid()]
        self.current_hit = -1
        if self.spans:
            self.go_to_hit(0)
        else:
            self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_tags(self, tags: list[tuple[str, str]]) -> None:
        """Show the article again with new tag chips, keeping the place."""
        if self.article is None:
            return
        keep, hit = self.textCursor().position(), self.current_hit
        self.show_article(self.article, self.terms, tags, self.parts)
        if hit >= 0 and self.spans:
            self.go_to_hit(hit)
        else:
            cursor = self.textCursor()
            cursor.setPosition(min(keep, len(self.toPlainText())))
            self.setTextCursor(cursor)

    def clear_article(self, message: str = "") -> None:
        self.article = None
        self.terms, self.spans = [], []
        self.current_hit = -1
        self.setHtml(f'<p style="color:#888">{html.escape(message)}</p>')

    def go_to_hit(self, number: int) -> None:
        """Select hit `number` (wrapping around) and scroll it into view."""
        if not self.spans:
            return
        self.current_hit = number % len(self.spans)
        start, end = self.spans[self.current_hit]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.hitChanged.emit(self.current_hit + 1, len(self.spans))

    def _link_clicked(self, url: QUrl) -> None:
        scheme, _, rest = url.toString().partition(":")
        if scheme == UNTAG:
            self.untagRequested.emit(unquote(rest))
        elif scheme == ARTICLE:
            self.articleRequested.emit(rest)

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

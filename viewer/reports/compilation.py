"""The Word compilation (汇编) of articles, written with python-docx: a title page, a contents field,
one Heading 1 per article with its citation below, page numbers, and 宋体/黑体 for East Asian text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from viewer.domain import Article, display_title
from viewer.reports.citation import DEFAULT_STYLE, citation, date_parts
from viewer.reports.progress import Cancelled, Progress, Ticker, replacing, xml_safe

BODY_FONT = ("Times New Roman", "宋体")  # (Latin, East Asian)
HEADING_FONT = ("Arial", "黑体")
GREY = "595959"
TOC_FIELD = 'TOC \\o "1-1" \\h \\z \\u'
CONTINUED_FROM = "（上接他版）"
CONTINUED_TO = "（下转他版）"


def date_span(articles: Iterable[Article]) -> str:
    """A suggested date range for the title page: 2024年3月27日—2025年7月29日, noting inferred dates."""
    days, inferred = [], False
    for article in articles:
        parts = date_parts(article.issue)
        if parts is not None:
            days.append(parts)
            inferred = inferred or article.issue.date_inferred
    if not days:
        return ""
    first, last = ("{}年{}月{}日".format(*day) for day in (min(days), max(days)))
    return (first if first == last else f"{first}—{last}") + ("（含推断日期）" if inferred else "")


def write_compilation(path: Path, articles: Iterable[Article], *, title: str, date_range: str = "",
                      style: str = DEFAULT_STYLE, source_lines: Sequence[str] | None = None,
                      total: int | None = None, progress: Progress | None = None,
                      cancelled: Cancelled | None = None) -> int:
    """Write the compilation to `path` (all or nothing); returns the number of articles.

    `title` and `date_range` (e.g. 2025年3月—2025年7月) are the user's; under each headline goes the
    article's citation in `style`, or `source_lines[i]` when the caller gives its own lines.
    """
    from docx import Document  # loaded when first needed (python-docx and lxml: a few hundred ms)
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    path = Path(path)
    articles = list(articles)
    ticker = Ticker(path, total if total is not None else len(articles), progress, cancelled)
    doc = Document()
    _set_up_page(doc)
    _set_up_styles(doc)
    add = _Appender(doc)
    add(xml_safe(title), "Title")
    if date_range:
        add(xml_safe(date_range), "Subtitle")
    add(f"共 {len(articles)} 篇", "Subtitle")
    add("目录", "TOC Heading")
    numbered = [f"{n}. {display_title(a).text}" for n, a in enumerate(articles, start=1)]
    _add_toc(add, [xml_safe(t) for t in numbered])
    _add_page_numbers(doc)
    for number, article in enumerate(articles):
        heading = add(xml_safe(numbered[number]), "Heading 1")
        if number == 0:
            heading.paragraph_format.page_break_before = True
        if display_title(article).derived:
            heading.runs[0].italic = True  # made from the lead: the paper printed no headline
        if article.kicker:
            add(xml_safe(article.kicker), "Subtitle")
        if article.subheadline:
            add(xml_safe(article.subheadline), "Subtitle")
        add(xml_safe(source_lines[number] if source_lines is not None else citation(article, style)), "Caption")
        if article.continued in ("from", "both"):
            add(CONTINUED_FROM, "Caption")
        for text in article.paragraphs:
            add(xml_safe(text), "Body Text")
        if article.continued in ("to", "both"):
            add(CONTINUED_TO, "Caption")
        if article.signature:
            signed = add(xml_safe(article.signature), "Body Text")
            signed.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            signed.paragraph_format.first_line_indent = Pt(0)
        ticker.step()
    ticker.check()
    with replacing(path) as temporary:
        doc.save(str(temporary))
    return len(articles)


class _Appender:
    """Adds paragraphs at the end of the body in constant time (python-docx's add_paragraph looks up
    the style by name and searches the body for its section properties on every call)."""

    def __init__(self, doc: Any) -> None:
        from docx.text.paragraph import Paragraph

        self._paragraph, self._parent = Paragraph, doc._body
        self._end = doc.element.body.sectPr
        self._style_ids = {s.name: s.style_id for s in doc.styles}

    def __call__(self, text: str = "", style: str | None = None) -> Any:
        from docx.oxml import OxmlElement

        element = OxmlElement("w:p")
        self._end.addprevious(element)
        paragraph = self._paragraph(element, self._parent)
        if style is not None:
            element.style = self._style_ids[style]
        if text:
            paragraph.add_run(text)
        return paragraph


def _set_up_page(doc: Any) -> None:
    from docx.shared import Cm

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    section.top_margin = section.bottom_margin = Cm(2.54)
    section.left_margin = section.right_margin = Cm(3.17)
    settings = doc.settings.element  # Word refreshes the contents and page fields on opening
    update = settings.makeelement(_qn("w:updateFields"), {_qn("w:val"): "true"})
    settings.append(update)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def set_fonts(style: Any, latin: str, east_asian: str) -> None:
    """Set a style's Latin and East Asian fonts, dropping the theme fonts that would override them."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(_qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_qn(attribute), None)
    for attribute, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(_qn(attribute), name)


def _set_up_styles(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    black, grey = RGBColor(0, 0, 0), RGBColor.from_string(GREY)
    normal = styles["Normal"]
    set_fonts(normal, *BODY_FONT)
    normal.font.size = Pt(12)  # 小四
    lang = normal.element.get_or_add_rPr().makeelement(
        _qn("w:lang"), {_qn("w:val"): "en-US", _qn("w:eastAsia"): "zh-CN"})
    normal.element.get_or_add_rPr().append(lang)
    body = styles["Body Text"]
    set_fonts(body, *BODY_FONT)
    body.font.size = Pt(12)
    body.paragraph_format.first_line_indent = Pt(24)  # two characters
    body.paragraph_format.line_spacing = 1.5
    body.paragraph_format.space_after = Pt(0)
    for name, size, centred in (("Title", 22, True), ("Heading 1", 16, True), ("TOC Heading", 16, True)):
        style = styles[name]
        set_fonts(style, *HEADING_FONT)
        style.font.size, style.font.bold, style.font.color.rgb = Pt(size), name != "Title", black
        if centred:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(18), Pt(6)
    styles["Title"].font.bold = True
    _no_border(styles["Title"])
    for name, size in (("Subtitle", 12), ("Caption", 10.5)):
        style = styles[name]
        set_fonts(style, *BODY_FONT)
        style.font.size, style.font.italic, style.font.bold = Pt(size), False, False
        style.font.color.rgb = grey
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(6)


def _no_border(style: Any) -> None:
    """The template's Title has a bottom rule; a compilation's cover reads better without it."""
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(_qn("w:pBdr")):
        ppr.remove(border)


def _field_runs(paragraph: Any, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end) in one paragraph."""
    _field_start(paragraph, instruction)
    paragraph.add_run(shown)
    _field_char(paragraph, "end")


def _field_char(paragraph: Any, kind: str) -> None:
    run = paragraph.add_run()
    run._r.append(run._r.makeelement(_qn("w:fldChar"), {_qn("w:fldCharType"): kind}))


def _field_start(paragraph: Any, instruction: str) -> None:
    _field_char(paragraph, "begin")
    run = paragraph.add_run()
    text = run._r.makeelement(_qn("w:instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    text.text = f" {instruction} "
    run._r.append(text)
    _field_char(paragraph, "separate")


def _add_toc(add: _Appender, entries: Sequence[str]) -> None:
    """The contents as a TOC field; its cached result lists the headings until Word updates it."""
    first = add()
    _field_start(first, TOC_FIELD)
    if not entries:
        first.add_run("（无文章）")
        _field_char(first, "end")
        return
    first.add_run(entries[0])
    last = first
    for entry in entries[1:]:
        last = add(entry)
    _field_char(last, "end")


def _add_page_numbers(doc: Any) -> None:
    """第 N 页 / 共 M 页, centred in every page's footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = doc.sections[0].footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    _field_runs(paragraph, "PAGE", "1")
    paragraph.add_run(" 页 / 共 ")
    _field_runs(paragraph, "NUMPAGES", "1")
    paragraph.add_run(" 页")

"""The Word compilation read back with python-docx: headings, contents field, page numbers, fonts."""

import docx
import pytest
from docx.oxml.ns import qn

from viewer.domain import display_title
from viewer.reports.citation import citation
from viewer.reports.compilation import date_span, write_compilation
from viewer.reports.progress import ExportCancelled


def instructions(element) -> list[str]:
    return [t.text.strip() for t in element.iter(qn("w:instrText"))]


@pytest.fixture()
def compiled(tmp_path, archive):
    articles = [a for a in archive.articles()][:12]
    headline_less = next(a for a in archive.articles() if not a.headline and a.kind == "photo")
    articles.append(headline_less)
    path = tmp_path / "汇编.docx"
    assert write_compilation(path, articles, title="职工之家资料汇编", date_range="2024年3月—2025年7月",
                             style="gbt7714") == len(articles)
    return docx.Document(str(path)), articles


def test_title_date_range_and_count_open_the_document(compiled):
    document, articles = compiled
    first = document.paragraphs[:3]
    assert [p.text for p in first] == ["职工之家资料汇编", "2024年3月—2025年7月", f"共 {len(articles)} 篇"]
    assert first[0].style.name == "Title"


def test_each_article_is_a_heading_with_its_citation_below(compiled):
    document, articles = compiled
    paragraphs = document.paragraphs
    headings = [(i, p) for i, p in enumerate(paragraphs) if p.style.name == "Heading 1"]
    assert [p.text for _, p in headings] == [f"{n}. {display_title(a).text}" for n, a in enumerate(articles, 1)]
    for (index, _), article in zip(headings, articles, strict=True):
        following = [p for p in paragraphs[index + 1: index + 4] if p.style.name == "Caption"]
        assert following and following[0].text == citation(article, "gbt7714")
    last_index, last = headings[-1]
    assert "图片说明：" in last.text and last.runs[0].italic  # derived from the lead, shown as such
    body = [p.text for p in paragraphs[last_index:] if p.style.name == "Body Text"]
    assert body[: len(articles[-1].paragraphs)] == articles[-1].paragraphs


def test_a_contents_field_lists_the_headings(compiled):
    document, articles = compiled
    body = document.element.body
    assert any(i.startswith("TOC ") and '\\o "1-1"' in i for i in instructions(body))
    texts = [p.text for p in document.paragraphs]
    assert texts.index("目录") < texts.index(f"1. {display_title(articles[0]).text}")
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_page_numbers_in_the_footer(compiled):
    document, _ = compiled
    footer = document.sections[0].footer
    assert instructions(footer._element) == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text.startswith("第 ")


def test_east_asian_fonts_are_set_on_the_styles(compiled):
    document, _ = compiled
    for name, latin, east in (("Normal", "Times New Roman", "宋体"), ("Body Text", "Times New Roman", "宋体"),
                              ("Heading 1", "Arial", "黑体"), ("Title", "Arial", "黑体")):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == east and fonts.get(qn("w:ascii")) == latin
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None


def test_continued_articles_say_so(tmp_path, archive):
    continued = next(a for a in archive.articles() if a.continued in ("from", "both"))
    path = tmp_path / "c.docx"
    write_compilation(path, [continued], title="续")
    assert "（上接他版）" in [p.text for p in docx.Document(str(path)).paragraphs]


def test_cancelling_writes_nothing(tmp_path, archive):
    articles = list(archive.articles()) * 5
    path = tmp_path / "c.docx"
    with pytest.raises(ExportCancelled):
        write_compilation(path, articles, title="t", cancelled=lambda: True)
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_an_empty_compilation_is_still_a_document(tmp_path):
    path = tmp_path / "empty.docx"
    assert write_compilation(path, [], title="空") == 0
    assert [p.text for p in docx.Document(str(path)).paragraphs][:2] == ["空", "共 0 篇"]


def test_the_suggested_date_range_spans_the_articles(archive):
    articles = list(archive.articles())
    printed = [a for a in articles if a.issue.date_precision == "day" and not a.issue.date_inferred]
    assert date_span(printed[:1]) == "{}年{}月{}日".format(*(int(p) for p in printed[0].issue.issue_date.split("-")))
    span = date_span(articles)
    assert span.startswith("2024年3月27日—") and span.endswith("（含推断日期）")
    assert date_span([]) == ""

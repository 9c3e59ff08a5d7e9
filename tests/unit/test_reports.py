"""Citations, and the .xlsx and .docx writers read back by openpyxl and python-docx."""

import zipfile

import pytest

from viewer.reports.citation import citation, issue_line
from viewer.reports.ooxml import write_docx, write_xlsx


def test_citation_format(archive):
    a = next(x for x in archive.articles() if x.byline and x.issue.page and x.issue.date_precision == "day")
    y, m, d = (int(p) for p in a.issue.issue_date.split("-"))
    assert citation(a) == f"{'、'.join(a.byline)}：《{a.headline}》，《{a.issue.publication}》{y}年{m}月{d}日第{a.issue.page}版。"
    assert issue_line(a) == f"《{a.issue.publication}》{y}年{m}月{d}日第{a.issue.page}版"


def test_xlsx_round_trip(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    rows = [["a-1", "劳模工匠助企行", 3, "<b>&粗体</b>", "控制\x01字符"], ["a-2", "", None, "", "x" * 40]]
    write_xlsx(tmp_path / "t.xlsx", ["id", "标题", "版次", "标签", "备注"], rows)
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet.title == "文章"
    assert [c.value for c in sheet[1]] == ["id", "标题", "版次", "标签", "备注"]
    assert [c.value for c in sheet[2]] == ["a-1", "劳模工匠助企行", 3, "<b>&粗体</b>", "控制字符"]
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E3"
    assert sheet.column_dimensions["B"].width == 2 * len("劳模工匠助企行") + 2  # CJK counts double
    assert sheet.column_dimensions["E"].width == 40 + 2


def test_docx_is_a_valid_package(tmp_path, archive):
    docx = pytest.importorskip("docx")
    articles = list(archive.articles())[:3]
    write_docx(tmp_path / "c.docx", "汇编 <测试>", articles, [issue_line(a) for a in articles])
    assert zipfile.ZipFile(tmp_path / "c.docx").testzip() is None
    text = [p.text for p in docx.Document(str(tmp_path / "c.docx")).paragraphs]
    assert text[0] == "汇编 <测试>" and text[1] == "共 3 篇"
    for a in articles:
        assert issue_line(a) in text and a.paragraphs[-1] in text

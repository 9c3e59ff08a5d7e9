"""Article tables: XLSX with real dates, widths, frozen header and filter; CSV with BOM; formulas neutralised."""

import csv
import datetime as dt

import openpyxl
import pytest

from viewer.domain import display_title
from viewer.reports.progress import ExportCancelled, ExportError
from viewer.reports.table import ARTICLE_COLUMNS, neutralise, write_articles, write_table

INJECTIONS = ['=HYPERLINK("http://x","点我")', "=cmd|' /C calc'!A0", "@SUM(A1)", "+1+1", "-2+3", "\t=1", "\r=1"]
ERROR_VALUES = ["#DIV/0!", "#N/A"]  # text in the archive, not error cells in the sheet


def test_xlsx_of_articles_reads_back_with_real_dates_widths_and_a_frozen_filtered_header(tmp_path, archive):
    articles = list(archive.articles())
    tagged = articles[0].id
    out = tmp_path / "文章.xlsx"
    assert write_articles(out, articles, tags={tagged: ["产改", "劳模"]}) == len(articles)
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert header == [c.zh for c in ARTICLE_COLUMNS]
    assert "id" not in header and {"作者", "来源", "报刊", "日期", "文章编号"} <= set(header)
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(articles) + 1}"
    col = {name: i + 1 for i, name in enumerate(header)}
    assert sheet.column_dimensions["A"].width >= 40
    assert sheet.column_dimensions[sheet.cell(1, col["版次"]).column_letter].width < 10
    for row, article in enumerate(articles, start=2):
        assert sheet.cell(row, col["标题"]).value == display_title(article).text
        assert sheet.cell(row, col["文章编号"]).value == article.id
        assert (sheet.cell(row, col["作者"]).value or "") == "、".join(article.byline)
        date = sheet.cell(row, col["日期"])
        if article.issue.issue_date:
            assert date.is_date and date.value.date() == dt.date.fromisoformat(article.issue.issue_date)
            assert date.number_format == "yyyy-mm-dd"
        if article.issue.date_precision != "day":
            assert "推断" in sheet.cell(row, col["日期说明"]).value
    assert sheet.cell(2, col["标签"]).value == "产改、劳模"
    assert isinstance(sheet.cell(2, col["字数"]).value, int)


def test_csv_has_a_bom_and_neutralises_formula_cells(tmp_path):
    out = tmp_path / "t.csv"
    write_table(out, ["标题", "版次"], [[text, 1] for text in INJECTIONS] + [["普通文字", 2]])
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["标题", "版次"]
    assert [r[0] for r in rows[1:-1]] == ["'" + t for t in INJECTIONS]
    assert rows[-1] == ["普通文字", "2"]


def test_xlsx_stores_formula_like_cells_as_text(tmp_path):
    out = tmp_path / "t.xlsx"
    write_table(out, ["标题"], [[t] for t in INJECTIONS + ERROR_VALUES])
    sheet = openpyxl.load_workbook(out).active
    for row, text in enumerate(INJECTIONS + ERROR_VALUES, start=2):
        cell = sheet.cell(row, 1)
        assert (cell.value, cell.data_type) == (text, "s")


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("工会-南京") == "工会-南京" and neutralise("") == ""
    assert neutralise("-工会") == "'-工会"


def test_progress_is_reported_and_cancel_leaves_the_old_file(tmp_path):
    out = tmp_path / "big.xlsx"
    out.write_bytes(b"the previous export")
    seen = []
    rows = ([f"标题{i}", i] for i in range(1000))
    with pytest.raises(ExportCancelled) as raised:
        write_table(out, ["标题", "序号"], rows, widths=[20, 8], total=1000,
                    progress=lambda done, total: seen.append((done, total)), cancelled=lambda: len(seen) >= 2)
    assert "已取消" in raised.value.message_zh
    assert seen == [(200, 1000), (400, 1000)]
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.xlsx"]


def test_a_finished_export_reports_the_total(tmp_path):
    seen = []
    write_table(tmp_path / "t.csv", ["序号"], ([i] for i in range(450)), widths=[8], total=450,
                progress=lambda done, total: seen.append(done))
    assert seen == [200, 400, 450]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError) as raised:
        write_table(tmp_path / "no" / "such" / "t.xlsx", ["标题"], [["x"]])
    assert "无法写入" in raised.value.message_zh


def test_a_sheet_name_excel_would_refuse_is_cleaned(tmp_path):
    write_table(tmp_path / "t.xlsx", ["标题"], [["x"]], sheet="工会/2025:[汇编]?" + "长" * 40)
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").active.title == ("工会2025汇编" + "长" * 40)[:31]


def test_english_headers_and_labels(tmp_path, archive):
    photo = next(a for a in archive.articles() if a.kind == "photo" and not a.headline)
    write_articles(tmp_path / "en.csv", [photo], language="en")
    with (tmp_path / "en.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header[:3] == ["Title", "Kind", "Authors"] and header[-1] == "Article ID"
    assert row[0].startswith("Photo caption: ") and row[1] == "Photo"
    assert "inferred" in row[header.index("Date note")]

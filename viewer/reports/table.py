"""Tables of articles for Excel and WPS: .xlsx (real dates, widths, frozen header, filter) and .csv (UTF-8 BOM).

Text cells that a spreadsheet would run as a formula (= + - @, tab, CR first: OWASP's CSV injection
rule) are neutralised in CSV with a leading apostrophe and stored as plain text in XLSX.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.domain import Article, display_title, kind_label
from viewer.reports.citation import citation, date_label
from viewer.reports.progress import Cancelled, Progress, Ticker, replacing, xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60  # characters; longer text wraps in the cell or is read in the reader
SAMPLE_ROWS = 200  # rows looked at to size the columns of a generic table


def neutralise(value: str) -> str:
    """A CSV cell that Excel or WPS will not run as a formula ('=HYPERLINK(…) stays text)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def text_width(value: object) -> int:
    """Display width in Excel column units: CJK and other wide characters count two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass(frozen=True)
class Column:
    """One column of the article table: Chinese and English header, width, and how to fill it."""

    zh: str
    en: str
    width: int
    value: Callable[[Article, Sequence[str], str], object]  # (article, its tags, language) -> cell value

    def header(self, language: str = "zh_CN") -> str:
        return self.en if language == "en" else self.zh


def issue_date(article: Article) -> dt.date | None:
    """The issue date as a real date (the first possible day when only the month or a bound is known)."""
    try:
        return dt.date.fromisoformat(article.issue.issue_date) if article.issue.issue_date else None
    except ValueError:
        return None


def date_note(article: Article, language: str = "zh_CN") -> str:
    """What the date cell means when it is not the printed day: 2025年3月（推断）, 2025年3月17日或稍后（推断）."""
    issue = article.issue
    return "" if issue.date_precision == "day" and not issue.date_inferred else date_label(issue, language)


ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("标题", "Title", 44, lambda a, _, lang: display_title(a, lang).text),
    Column("类型", "Kind", 8, lambda a, _, lang: kind_label(a.kind, lang)),
    Column("作者", "Authors", 16, lambda a, _, lang: "、".join(a.byline)),
    Column("来源", "Source line", 24, lambda a, _, lang: a.source_line),
    Column("报刊", "Publication", 14, lambda a, _, lang: a.issue.publication),
    Column("日期", "Date", 12, lambda a, _, lang: issue_date(a)),
    Column("日期说明", "Date note", 22, lambda a, _, lang: date_note(a, lang)),
    Column("版次", "Page", 6, lambda a, _, lang: a.issue.page),
    Column("版面", "Section", 12, lambda a, _, lang: a.issue.section or ""),
    Column("地区", "Region", 18, lambda a, _, lang: a.region.label()),
    Column("字数", "Characters", 7, lambda a, _, lang: a.char_count),
    Column("标签", "Tags", 16, lambda a, tags, lang: "、".join(tags)),
    Column("引文", "Citation", 50, lambda a, _, lang: citation(a)),
    Column("文章编号", "Article ID", 20, lambda a, _, lang: a.id),
)


def write_articles(path: Path, articles: Iterable[Article], *, tags: Mapping[str, Sequence[str]] | None = None,
                   total: int | None = None, language: str = "zh_CN", progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> int:
    """The articles as a table (.csv by the file name, else .xlsx); returns how many rows were written."""
    tags = tags or {}
    headers = [c.header(language) for c in ARTICLE_COLUMNS]
    rows = ([c.value(a, tags.get(a.id, ()), language) for c in ARTICLE_COLUMNS] for a in articles)
    return write_table(path, headers, rows, widths=[c.width for c in ARTICLE_COLUMNS], total=total,
                       progress=progress, cancelled=cancelled)


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], *,
                widths: Sequence[int] | None = None, sheet: str = "文章", total: int | None = None,
                progress: Progress | None = None, cancelled: Cancelled | None = None,
                fmt: str | None = None) -> int:
    """Any table to CSV or XLSX (`fmt`, else by the file name), all or nothing; returns the number of rows."""
    path = Path(path)
    if widths is None:
        rows = list(rows)
        widths = column_widths(headers, rows)
    ticker = Ticker(path, total, progress, cancelled)
    with replacing(path) as temporary:
        if (fmt or path.suffix.lower().lstrip(".")) == "csv":
            _write_csv(temporary, headers, rows, ticker)
        else:
            _write_xlsx(temporary, headers, rows, widths, sheet, ticker)
    ticker.check()
    return ticker.done


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[int]:
    """Widths that fit the header and the first rows, at most MAX_WIDTH."""
    widths = [text_width(h) + 2 for h in headers]
    for row in rows[:SAMPLE_ROWS]:
        for i, value in enumerate(row[: len(widths)]):
            widths[i] = max(widths[i], text_width(value) + 2)
    return [min(w, MAX_WIDTH) for w in widths]


def _csv_cell(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(value) if isinstance(value, str) else ("" if value is None else value)


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], ticker: Ticker) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # the BOM: Excel and WPS read UTF-8
        writer = csv.writer(handle)
        writer.writerow([_csv_cell(h) for h in headers])
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])
            ticker.step()


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]], widths: Sequence[int],
                sheet: str, ticker: Ticker) -> None:
    from openpyxl import Workbook  # loaded when first needed (with lxml: a few hundred ms)
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    ws = book.create_sheet(xml_safe(re.sub(r"[\[\]:*?/\\]", "", sheet))[:31] or "Sheet1")  # Excel's rules
    ws.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    bold, centre = Font(bold=True), Alignment(horizontal="center", vertical="center")

    def header(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=xml_safe(value))
        cell.font, cell.alignment = bold, centre
        cell.data_type = "s"
        return cell

    def cell(value: object) -> object:
        if value is None:
            return None
        if isinstance(value, dt.date):
            date = WriteOnlyCell(ws, value=value)
            date.number_format = "yyyy-mm-dd"
            return date
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        text = xml_safe(str(value))
        if not text.startswith("=") and text not in ERROR_CODES:
            return text  # openpyxl stores other strings as text already
        literal = WriteOnlyCell(ws, value=text)
        literal.data_type = "s"  # never a formula or an error value, whatever it starts with
        return literal

    ws.append([header(h) for h in headers])
    count = 0
    try:
        for row in rows:
            ws.append([cell(v) for v in row])
            count += 1
            ticker.step()
    finally:  # also when cancelled: openpyxl's streaming writer must be closed by a save
        ws.auto_filter.ref = f"A1:{get_column_letter(max(len(headers), 1))}{count + 1}"
        book.save(path)

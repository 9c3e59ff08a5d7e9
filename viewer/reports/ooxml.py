"""Minimal Office Open XML writers: an .xlsx sheet of rows and a .docx compilation (汇编) of articles.

Written with zipfile and escaped XML rather than openpyxl/python-docx: the two files need a few
hundred bytes of markup each, and the packaged app stays free of lxml (about 10 MB).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from html import escape as _html_escape
from pathlib import Path

from viewer.domain import Article

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    """Text safe inside XML: escaped, without the control characters XML forbids."""
    return _html_escape(_INVALID_XML.sub("", "" if value is None else str(value)), quote=True)


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'styles" Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="2"><font><sz val="11"/><name val="等线"/></font>'
        '<font><b/><sz val="11"/><name val="等线"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf fontId="0" xfId="0"/><xf fontId="1" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], sheet: str = "文章") -> None:
    """One sheet: a bold header row, then the rows (numbers as numbers, the rest as text)."""

    def cell(col: int, row: int, value: object, style: int = 0) -> str:
        ref = f"{_column_name(col)}{row}"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'

    lines = [f'<row r="1">{"".join(cell(c, 1, h, 1) for c, h in enumerate(headers))}</row>']
    for r, values in enumerate(rows, start=2):
        lines.append(f'<row r="{r}">{"".join(cell(c, r, v) for c, v in enumerate(values))}</row>')
    worksheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(lines)}</sheetData></worksheet>'
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{_text(sheet[:31])}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in XLSX_PARTS.items():
            z.writestr(name, body)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/worksheets/sheet1.xml", worksheet)


DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _paragraph(text: str, size: int = 24, bold: bool = False, centre: bool = False, grey: bool = False,
               page_break: bool = False, indent: bool = False) -> str:
    """A paragraph with direct formatting (size in half-points; Chinese text set in 宋体)."""
    props = []
    if centre:
        props.append('<w:jc w:val="center"/>')
    if indent:
        props.append('<w:ind w:firstLineChars="200"/>')
    run = ['<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/>']
    if bold:
        run.append("<w:b/>")
    if grey:
        run.append('<w:color w:val="666666"/>')
    run.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    brk = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
    return (f'<w:p><w:pPr>{"".join(props)}</w:pPr>{brk}<w:r><w:rPr>{"".join(run)}</w:rPr>'
            f'<w:t xml:space="preserve">{_text(text)}</w:t></w:r></w:p>')


def write_docx(path: Path, title: str, articles: Sequence[Article], sources: Sequence[str]) -> None:
    """A compilation (汇编): a title, then each article with headline, source and date, and its text.

    `sources[i]` is the line printed under article i's headline (e.g. 《江苏工人报》2025年3月17日第1版).
    """
    body = [_paragraph(title, size=36, bold=True, centre=True),
            _paragraph(f"共 {len(articles)} 篇", size=21, centre=True, grey=True)]
    for number, (article, source) in enumerate(zip(articles, sources, strict=True), start=1):
        if article.kicker:
            body.append(_paragraph(article.kicker, size=21, centre=True, grey=True))
        body.append(_paragraph(f"{number}. {article.headline or '（无标题）'}", size=32, bold=True, centre=True))
        if article.subheadline:
            body.append(_paragraph(article.subheadline, size=24, centre=True))
        body.append(_paragraph(source, size=21, centre=True, grey=True))
        body.extend(_paragraph(p, indent=True) for p in article.paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:body>{"".join(body)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/></w:sectPr></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        z.writestr("_rels/.rels", DOCX_RELS)
        z.writestr("word/document.xml", document)

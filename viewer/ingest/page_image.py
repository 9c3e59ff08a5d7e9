"""The printed page of an imported article: where its PDF is, its areas, and a PNG with them marked."""

from __future__ import annotations

import sqlite3
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from viewer.errors import KnownError
from viewer.ingest import pdf
from viewer.ingest.library import pages_dir

MARK_RGB = (0xD0, 0x20, 0x20)
MARK_WIDTH_PT = 2.0  # the outline's width in points


@dataclass(frozen=True)
class PrintedPage:
    """An imported PDF page: file, page number, size in points, and the areas of its articles."""

    pdf_path: Path
    number: int
    width: float
    height: float
    areas: dict[str, tuple[pdf.Box, ...]]  # article key -> boxes in PDF points

    def article_at(self, x: float, y: float) -> str | None:
        """The article printed at a point (PDF points, origin bottom-left)."""
        for key, boxes in self.areas.items():
            if any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes):
                return key
        return None


class NoPrintedPage(KnownError):
    """The article was not imported from a PDF (or its file is gone)."""


def printed_page(library: Path, data_dir: Path, article_key: str) -> PrintedPage:
    """Find an article's printed page in the library; raise NoPrintedPage when it has none."""
    conn = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT p.issue_id, p.sha256, p.page_number, p.width, p.height FROM article a"
            " JOIN imported_page p ON p.issue_id = a.issue_id WHERE a.key = ?", (article_key,)).fetchone()
        if row is None or not row[3]:  # text pages have no size: nothing was printed from them
            exists = conn.execute("SELECT 1 FROM article WHERE key = ?", (article_key,)).fetchone()
            if exists is None:
                raise NoPrintedPage(f"no such article: {article_key}", f"没有这篇文章：{article_key}")
            raise NoPrintedPage(f"article {article_key} has no printed page (not imported from a PDF)",
                                f"文章 {article_key} 没有版面图（不是从 PDF 导入的）")
        issue_id, sha256, number, width, height = row
        areas: dict[str, list[pdf.Box]] = {}
        for key, *box in conn.execute(
                "SELECT r.article_key, r.left, r.bottom, r.right, r.top FROM article_area r"
                " JOIN article a ON a.key = r.article_key WHERE a.issue_id = ? ORDER BY a.seq", (issue_id,)):
            areas.setdefault(key, []).append(tuple(box))  # type: ignore[arg-type]
    except sqlite3.OperationalError as e:  # an archive without the library's tables
        raise NoPrintedPage(f"article {article_key} has no printed page ({e})",
                            f"文章 {article_key} 没有版面图") from e
    finally:
        conn.close()
    path = pages_dir(data_dir) / f"{sha256}.pdf"
    if not path.is_file():
        raise NoPrintedPage(f"the PDF of article {article_key} is missing: {path}",
                            f"文章 {article_key} 的 PDF 文件不见了：{path}")
    return PrintedPage(path, int(number), float(width), float(height),
                       {k: tuple(v) for k, v in areas.items()})


def to_pixels(box: pdf.Box, page_height: float, scale: float) -> tuple[int, int, int, int]:
    """A box in PDF points as (left, top, right, bottom) pixels of an image at `scale` pixels a point."""
    return (int(box[0] * scale), int((page_height - box[3]) * scale),
            int(box[2] * scale + 0.999), int((page_height - box[1]) * scale + 0.999))


def marked_png(page: PrintedPage, article_key: str, dpi: float) -> bytes:
    """The page rendered at `dpi` with the article's area outlined, as PNG bytes."""
    data, width, height, stride = pdf.render_page(page.pdf_path, page.number, dpi)
    pixels = bytearray(data)
    scale = dpi / 72.0
    line = max(2, int(MARK_WIDTH_PT * scale))
    for box in page.areas.get(article_key, ()):
        left, top, right, bottom = to_pixels(box, page.height, scale)
        left, top = max(0, left - line), max(0, top - line)
        right, bottom = min(width, right + line), min(height, bottom + line)
        _fill(pixels, stride, left, top, right, min(bottom, top + line))
        _fill(pixels, stride, left, max(top, bottom - line), right, bottom)
        _fill(pixels, stride, left, top, min(right, left + line), bottom)
        _fill(pixels, stride, max(left, right - line), top, right, bottom)
    return encode_png(bytes(pixels), width, height, stride)


def _fill(pixels: bytearray, stride: int, left: int, top: int, right: int, bottom: int) -> None:
    if right <= left:
        return
    run = bytes(MARK_RGB) * (right - left)
    for y in range(top, bottom):
        start = y * stride + left * 3
        pixels[start : start + len(run)] = run


def encode_png(rgb: bytes, width: int, height: int, stride: int) -> bytes:
    """RGB pixels (rows `stride` bytes apart) as a PNG file, no imaging library needed."""
    rows = b"".join(b"\x00" + rgb[y * stride : y * stride + width * 3] for y in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")

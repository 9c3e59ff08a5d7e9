"""Text of PDF pages with character positions (pypdfium2), headlines put back before their stories."""

from __future__ import annotations

import statistics
import threading
from dataclasses import dataclass
from pathlib import Path

from viewer.errors import SourceError

# PDFium is not thread-safe: every call into it, in this process, holds this lock.
PDFIUM_LOCK = threading.RLock()
HEADLINE_RATIO = 1.3  # a line this much larger than the body text is a headline (or the masthead)
GAP_EMS = 2.0  # a gap this many characters wide on one baseline separates two items
Box = tuple[float, float, float, float]  # left, bottom, right, top in PDF points (origin bottom-left)


@dataclass(frozen=True)
class Line:
    """One printed line: its text, where it is, and its font size."""

    text: str
    box: Box
    size: float


@dataclass(frozen=True)
class PdfPage:
    """One page's lines in reading order, the page's size in points, and its number (1-based)."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        """The page text for the parser: one printed line a line, indents and ideographic spaces as spaces."""
        return "\n".join(line.text.strip().replace("\u3000", " ") for line in self.lines) + "\n"


def read_pdf(path: Path) -> list[PdfPage]:
    """Every page of a PDF with its lines; raise SourceError naming why none can be read.

    Reasons: empty file, damaged, encrypted (password), no pages, or image-only (a scan: no text).
    """
    import pypdfium2 as pdfium

    name = path.name
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SourceError(f"{name}: cannot read ({e.strerror})", f"{name}：无法读取") from e
    if size == 0:
        raise SourceError(f"{name}: empty file", f"{name}：文件为空")
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as e:
            if "password" in str(e).lower():
                raise SourceError(f"{name}: encrypted PDF (needs a password)", f"{name}：PDF 已加密，需要密码才能打开") from e
            raise SourceError(f"{name}: damaged PDF ({e})", f"{name}：PDF 文件已损坏，无法读取") from e
        try:
            if len(doc) == 0:
                raise SourceError(f"{name}: the PDF has no pages", f"{name}：PDF 没有页面")
            pages = [_read_page(doc[i], i + 1) for i in range(len(doc))]
        finally:
            doc.close()
    if not any(p.lines for p in pages):
        raise SourceError(f"{name}: image-only page (a scan): no text to extract",
                          f"{name}：扫描的图片版面，没有可提取的文字")
    return [p for p in pages if p.lines]


def _read_page(page: object, number: int) -> PdfPage:
    import pypdfium2.raw as raw

    width, height = page.get_size()  # type: ignore[attr-defined]
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    lines: list[Line] = []
    chars: list[str] = []
    boxes: list[Box] = []
    sizes: list[float] = []

    def close_line() -> None:
        text = "".join(chars).rstrip()
        if text.strip():
            lines.append(Line(text, _union(boxes), statistics.median(sizes) if sizes else 0.0))
        chars.clear()
        boxes.clear()
        sizes.clear()

    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        char = chr(code) if code else ""
        if char in ("\r", "\n"):
            if char == "\n":
                close_line()
            continue
        if char.isspace():
            chars.append(char)
            continue
        box = textpage.get_charbox(i)
        size = float(raw.FPDFText_GetFontSize(textpage.raw, i))
        if boxes and (box[0] - boxes[-1][2] > GAP_EMS * max(size, sizes[-1]) or _size_changes(sizes[-1], size)):
            close_line()  # a wide gap or another font size on one baseline: a separate item
        chars.append(char)
        boxes.append(box)
        sizes.append(size)
    close_line()
    textpage.close()
    return PdfPage(number, float(width), float(height), tuple(headlines_first(lines)))


def _size_changes(before: float, after: float) -> bool:
    return max(before, after) >= HEADLINE_RATIO * max(0.1, min(before, after))


def _union(boxes: list[Box]) -> Box:
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def body_size(lines: list[Line]) -> float:
    """The body text's font size: the size most characters are set in."""
    weights: dict[float, int] = {}
    for line in lines:
        weights[round(line.size, 1)] = weights.get(round(line.size, 1), 0) + len(line.text)
    return max(weights, key=lambda s: weights[s]) if weights else 0.0


def headlines_first(lines: list[Line]) -> list[Line]:
    """Lines with every headline before its story.

    Founder-made pages print a headline above its story but write it after the story, so the
    extracted text has it after. A run of headline-sized lines preceded by story lines that sit
    below it (and overlap it across) is moved before those lines.
    """
    body = body_size(lines)
    if not body:
        return list(lines)
    is_head = [line.size >= body * HEADLINE_RATIO for line in lines]
    out = list(lines)
    heads = list(is_head)
    i = 0
    while i < len(out):
        if not heads[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(out) and heads[j + 1]:
            j += 1
        run = out[i : j + 1]
        top = _union([line.box for line in run])
        start = i
        while start > 0 and not heads[start - 1] and _below_and_under(out[start - 1].box, top):
            start -= 1
        if start < i:
            out[start : j + 1] = run + out[start:i]
            heads[start : j + 1] = [True] * len(run) + [False] * (i - start)
        i = j + 1
    return out


def _below_and_under(box: Box, head: Box) -> bool:
    """True when `box` lies below the headline's box and overlaps it across."""
    overlap = min(box[2], head[2]) - max(box[0], head[0])
    return box[3] <= head[1] + 1.0 and overlap > 0


def render_page(path: Path, number: int, dpi: float) -> tuple[bytes, int, int, int]:
    """The page as RGB pixels: (buffer, width, height, bytes a row)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as e:
            raise SourceError(f"{path.name}: cannot open the PDF ({e})", f"{path.name}：无法打开 PDF") from e
        try:
            bitmap = doc[number - 1].render(scale=dpi / 72.0, rev_byteorder=True)
            data = bytes(bitmap.buffer)
            result = (data, bitmap.width, bitmap.height, bitmap.stride)
            bitmap.close()
        finally:
            doc.close()
    return result

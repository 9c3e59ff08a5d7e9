"""From a PDF or text file to parsed pages ready to write: text, articles, each article's area."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from viewer.domain import Article
from viewer.errors import SourceError
from viewer.ingest import pdf, sources
from viewer.ingest.library_writer import Box, PageRecord
from viewer.ingest.parse import PageParser
from viewer.text.normalize import content_chars

SUFFIXES = (".pdf", ".txt")


@dataclass
class Timing:
    """Seconds spent extracting text and parsing it."""

    extract: float = 0.0
    parse: float = 0.0


@dataclass(frozen=True)
class PreparedFile:
    """A file's pages parsed and ready to write, with its kind ('pdf' or 'text')."""

    path: Path
    sha256: str
    kind: str
    pages: tuple[PageRecord, ...] = field(default=())


def expand(paths: list[Path]) -> Iterator[Path]:
    """Files to import: each file as given, each folder's PDF and text files (sorted, recursively)."""
    for path in paths:
        if path.is_dir():
            # not only regular files: a FIFO, a device or a link loop named *.txt is reported, not passed over
            yield from sorted(p for p in path.rglob("*") if not p.is_dir() and p.suffix.lower() in SUFFIXES
                              and not p.name.startswith("."))
        else:
            yield path


def file_sha256(path: Path) -> str:
    """The file's sha256, read in blocks; SourceError for what is not a readable regular file (a FIFO would
    block the import for ever, a link to /dev/zero would be read without end)."""
    sources.check_name(path)
    sources.regular_file_size(path)
    try:
        with sources.open_regular(path) as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as e:
        raise SourceError(f"{path.name}: cannot read ({e.strerror})", f"{path.name}：无法读取") from e


def prepare(path: Path, sha256: str, parser: PageParser, timing: Timing | None = None) -> PreparedFile:
    """Read and parse one file; raise SourceError naming the reason it cannot be imported."""
    timing = timing or Timing()
    started = time.perf_counter()
    if path.suffix.lower() == ".pdf":
        pages = pdf.read_pdf(path)
        timing.extract += time.perf_counter() - started
        records = []
        for page in pages:
            started = time.perf_counter()
            name = path.name if len(pages) == 1 else f"{path.stem}-p{page.number}{path.suffix}"
            parsed = parser.parse(page.text, name, name)
            articles = _with_source(parsed.articles, path.name)
            timing.parse += time.perf_counter() - started
            records.append(PageRecord(articles, sha256, path.name, page.number, page.width, page.height,
                                      areas(articles, page.lines)))
        kind = "pdf"
    else:
        raw = sources.read_page(path, path.name)
        timing.extract += time.perf_counter() - started
        started = time.perf_counter()
        parsed = parser.parse(raw.text, raw.name, raw.source)
        timing.parse += time.perf_counter() - started
        records = [PageRecord(_with_source(parsed.articles, path.name), sha256, path.name)]
        kind = "text"
    if not any(r.articles for r in records):
        raise SourceError(f"{path.name}: no articles found in the text", f"{path.name}：没有识别出文章")
    return PreparedFile(path, sha256, kind, tuple(records))


def _with_source(articles: tuple[Article, ...], file_name: str) -> tuple[Article, ...]:
    return tuple(replace(a, source=file_name, issue=replace(a.issue, source_file=file_name)) for a in articles)


def areas(articles: tuple[Article, ...], lines: tuple[pdf.Line, ...]) -> tuple[tuple[Box, ...], ...]:
    """Where each article is printed: its lines' boxes, merged into one box per column.

    A line belongs to the first article, from the current one on, whose text holds it.
    """
    texts = [content_chars(" ".join((a.kicker, a.headline, a.subheadline, a.source_line, a.body, a.signature)))
             for a in articles]
    boxes: list[list[Box]] = [[] for _ in articles]
    current = 0
    for line in lines:
        chars = content_chars(line.text)
        if len(chars) < 2:  # a paragraph's last character or two: the article being read
            if chars and boxes and boxes[current]:
                boxes[current].append(line.box)
            continue
        order = [*range(current, len(articles)), *range(current)]
        owner = next((i for i in order if chars in texts[i]), None)
        if owner is not None:
            boxes[owner].append(line.box)
            current = owner
    return tuple(tuple(_columns(b)) for b in boxes)


def _columns(boxes: list[Box]) -> list[Box]:
    """Boxes of consecutive lines merged while they overlap across (one box per column piece)."""
    merged: list[Box] = []
    for box in boxes:
        if merged:
            last = merged[-1]
            if min(last[2], box[2]) - max(last[0], box[0]) > 0:
                merged[-1] = (min(last[0], box[0]), min(last[1], box[1]), max(last[2], box[2]), max(last[3], box[3]))
                continue
        merged.append(box)
    return merged

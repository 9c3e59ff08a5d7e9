"""Read, parse and segment page files, on worker processes when there are many: the CPU part of `build`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer.archive import index
from viewer.domain import Article
from viewer.errors import SourceError
from viewer.ingest import sources
from viewer.ingest.gazetteer import Gazetteer
from viewer.ingest.parse import PageParser
from viewer.text.segment import Segmenter

# Below this many files the workers' start (a dictionary load each, about a second) costs more than it saves.
PARALLEL_MIN_FILES = 40
FILES_PER_TASK = 4


@dataclass(frozen=True)
class PageResult:
    """One page file read and parsed, or the reason it was skipped.

    Attributes:
        words: the word index form of each article (`Segmenter.word_index_form`), in order.
    """

    name: str
    sha256: str = ""
    articles: tuple[Article, ...] = ()
    words: tuple[str, ...] = ()
    skipped: str = ""


class PageReader:
    """Turns one page file into a PageResult; build one per process and reuse it."""

    def __init__(self, segmenter: Segmenter, gazetteer: Gazetteer) -> None:
        self.segmenter = segmenter
        self.parser = PageParser(segmenter.crosses_word, gazetteer)

    def __call__(self, path: Path) -> PageResult:
        try:
            raw = sources.read_page(path)  # first: naming the source resolves links, a loop included
            raw = dataclasses.replace(raw, source=source_name(path))
        except SourceError as e:
            return PageResult(path.name, skipped=e.message.removeprefix(f"{path.name}: "))
        articles = self.parser.parse(raw.text, raw.name, raw.source).articles
        words = tuple(self.segmenter.word_index_form(index.word_text(a)) for a in articles)
        return PageResult(path.name, raw.sha256, articles, words)


def source_name(path: Path) -> str:
    """A page's source as users see it: relative to the project when inside it."""
    from viewer.paths import repo_relative

    return repo_relative(path)


def read_pages(paths: Sequence[Path], segmenter: Segmenter, gazetteer: Gazetteer,
               workers: int = 1) -> Iterator[PageResult]:
    """A PageResult for every path, in order; on `workers` processes when there are enough files."""
    if workers <= 1 or len(paths) < PARALLEL_MIN_FILES:
        yield from map(PageReader(segmenter, gazetteer), paths)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # no fork: safe on every platform and with threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
        yield from pool.map(_read_in_worker, paths, chunksize=FILES_PER_TASK)


_worker_reader: PageReader | None = None  # one per pool worker process, set by _start_worker


def _start_worker() -> None:
    global _worker_reader
    segmenter = Segmenter()
    segmenter.ensure_loaded()
    _worker_reader = PageReader(segmenter, Gazetteer())


def _read_in_worker(path: Path) -> PageResult:
    assert _worker_reader is not None
    return _worker_reader(path)

"""Export speed: the article table (.xlsx, .csv) for 100,000 articles and a Word compilation of 2,000.

The seed archive's articles are repeated under new ids (the writers never look at the archive), so
the figures are the writers' own; progress is counted and a cancel is timed from its request.

    python bench/export_bench.py [ARTICLES] [COMPILED]
"""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.archive import Archive  # noqa: E402
from viewer.domain import Article  # noqa: E402
from viewer.paths import resources_dir  # noqa: E402
from viewer.reports.compilation import write_compilation  # noqa: E402
from viewer.reports.progress import ExportCancelled  # noqa: E402
from viewer.reports.table import write_articles  # noqa: E402


def repeated(seeds: list[Article], count: int) -> list[Article]:
    return [dataclasses.replace(seeds[i % len(seeds)], id=f"bench-{i:06d}") for i in range(count)]


class CancelAfter:
    """A cancel check that says yes after `seconds`, remembering when it first did."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.perf_counter() + seconds
        self.asked_at = 0.0

    def __call__(self) -> bool:
        if not self.asked_at and time.perf_counter() >= self.deadline:
            self.asked_at = time.perf_counter()
        return bool(self.asked_at)


def timed(label: str, run, count: int) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    started = time.perf_counter()
    run(lambda done, total: calls.append(done))
    seconds = time.perf_counter() - started
    print(f"{label:<34} {count:>7} rows  {seconds:6.2f} s  {count / seconds:8.0f} rows/s  "
          f"{len(calls)} progress calls")


def main(count: int = 100_000, compiled: int = 2_000) -> None:
    with Archive.open(resources_dir() / "archive.sqlite") as archive:
        seeds = list(archive.articles())
    articles = repeated(seeds, count)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        timed("xlsx (openpyxl, write-only)", lambda p: write_articles(
            folder / "a.xlsx", articles, total=count, progress=p), count)
        print(f"{'':<34} file {(folder / 'a.xlsx').stat().st_size / 1e6:.1f} MB")
        timed("csv (UTF-8 BOM)", lambda p: write_articles(folder / "a.csv", articles, total=count, progress=p),
              count)
        timed("docx compilation (python-docx)", lambda p: write_compilation(
            folder / "a.docx", articles[:compiled], title="汇编", progress=p), compiled)
        cancel = CancelAfter(1.0)
        with contextlib.suppress(ExportCancelled):
            write_articles(folder / "b.xlsx", articles, total=count, cancelled=cancel)
        print(f"cancel of the xlsx export takes effect in {time.perf_counter() - cancel.asked_at:.2f} s; "
              f"file left behind: {(folder / 'b.xlsx').exists()}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

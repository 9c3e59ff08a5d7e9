"""Import benchmark: 20 PDF pages into a library made from the 100,000-article bench archive.

Prints, in one run: the first import's copy of the archive; pages a second and ms a page, split
into extraction (PDFium), parsing and writing; query p95 before the import, after it, and after
FTS5 optimize. Targets: >= 5 pages a second; p95 after the import within 20% of before.

    python bench/import_bench.py [--articles 100000] [--pages 20] [--archive FILE]   (needs reportlab)
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pdfpages import Story, make_page  # noqa: E402

from bench.search_bench import QUERY_MIX, cached_archive, pct  # noqa: E402
from viewer.archive import Archive  # noqa: E402
from viewer.ingest.importer import Importer  # noqa: E402
from viewer.ingest.library import create_library, library_path  # noqa: E402
from viewer.text.segment import Segmenter  # noqa: E402

REPEATS = 3
STORIES_A_PAGE = 12
CITIES = ("无锡", "南通", "泰州", "常州", "盐城", "扬州", "镇江", "徐州", "苏州", "淮安", "宿迁", "连云港")


def pages(folder: Path, count: int) -> list[Path]:
    """PDF pages laid out like 江苏工人报: three columns, a dozen stories, headlines written after bodies."""
    out = []
    for n in range(count):
        stories = [Story(f"{city}市总工会开展第{n}期职工技能提升行动",
                         (f"本报讯（记者 王鑫）近日，{city}市总工会组织开展职工技能提升行动，{n}家企业参加。" * 2,
                          "活动围绕产业工人队伍建设改革，推动劳模工匠助企行走深走实，职工反响热烈。"))
                   for city in CITIES[:STORIES_A_PAGE]]
        day = n % 28 + 1
        out.append(make_page(folder / f"jsgrb-2030-01-{day:02d}-{n:02d}.pdf", stories, columns=3,
                             dateline=f"2030年1月{day}日 星期二", headline_after=True))
    return out


def query_p95(path: Path, segmenter: Segmenter) -> float:
    """p95 in ms of Archive.search (the first page and its total) over the search bench's query mix."""
    times = []
    with Archive.open(path, split_words=segmenter.words) as archive:
        queries = [q for group in QUERY_MIX.values() for q in group]
        for q in queries:  # warm the page cache and the engine
            archive.search(q, limit=20)
        for _ in range(REPEATS):
            for q in queries:
                started = time.perf_counter()
                archive.search(q, limit=20)
                times.append((time.perf_counter() - started) * 1000)
    return pct(times, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--archive", type=Path, default=None,
                        help="a bench archive already built (default: the search bench's cached one)")
    args = parser.parse_args()
    segmenter = Segmenter()
    segmenter.ensure_loaded()
    bundled = args.archive or cached_archive(args.articles, segmenter)[0]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        files = pages(Path(tmp), args.pages)
        started = time.perf_counter()
        create_library(bundled, library_path(data))
        copy_s = time.perf_counter() - started
        library = library_path(data)
        before = query_p95(library, segmenter)
        importer = Importer(data, segmenter, bundled=bundled)
        started = time.perf_counter()
        report = importer.run(files)
        total = time.perf_counter() - started
        assert report.ok and report.pages == args.pages, report.failed
        after = query_p95(library, segmenter)
        started = time.perf_counter()
        conn = sqlite3.connect(library)
        conn.execute("INSERT INTO article_fts(article_fts) VALUES ('optimize')")
        conn.execute("INSERT INTO article_words(article_words) VALUES ('optimize')")
        conn.commit()
        conn.close()
        optimize_s = time.perf_counter() - started
        optimized = query_p95(library, segmenter)
        size = library.stat().st_size
        shutil.rmtree(data / "pages", ignore_errors=True)
    n = report.pages
    t = report.timing
    print(f"archive: {args.articles:,} articles; library made by copying it in {copy_s:.1f} s ({size / 1e6:.0f} MB)")
    print(f"import: {n} PDF pages, {report.articles} articles in {total:.2f} s = {n / total:.1f} pages/s"
          f" (target >= 5), {total / n * 1000:.0f} ms a page")
    print(f"  per page: extraction {t.extract / n * 1000:.1f} ms | parse {t.parse / n * 1000:.1f} ms"
          f" | write {report.write_seconds / n * 1000:.1f} ms")
    print(f"query p95 (ms): before {before:.1f} | after import {after:.1f} ({(after / before - 1) * 100:+.0f}%,"
          f" target within +20%) | after optimize {optimized:.1f} (optimize took {optimize_s:.1f} s)")


if __name__ == "__main__":
    main()

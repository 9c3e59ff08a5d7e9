"""Build throughput against raw jieba segmentation of the same text, measured side by side in one run.

    python bench/build_bench.py [COUNT]     # the archive writer on COUNT synthetic articles (default 10,000)
    python bench/build_bench.py --pages N   # `build` over N page files made from real pages (default 2,000)

Prints characters per second for both and their ratio (target: build >= 0.5 x jieba), and the
time to build the five seed pages (target: < 5 s). "Raw jieba" is jieba's own `Tokenizer.lcut`
in the mode the archive uses (no HMM); the app's `WordCutter` gives the same words faster and is
printed beside it, with the build's ratio to it.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import ROOT, synthetic  # noqa: E402
from viewer.ingest.build import PageInput, build_archive, default_workers, write_articles  # noqa: E402
from viewer.ingest.parse import PageParser  # noqa: E402
from viewer.text.normalize import fold  # noqa: E402
from viewer.text.segment import Segmenter  # noqa: E402


def main(count: int = 10_000) -> None:
    segmenter = Segmenter()
    segmenter.ensure_loaded()
    parser = PageParser(segmenter.crosses_word)
    articles = synthetic(parser, count)
    chars = sum(len(a.headline) + len(a.body) for a in articles)

    jieba_s = _timed(lambda: [segmenter.tokenizer.lcut(f"{a.headline}\n{a.body}", HMM=False) for a in articles])
    cutter_s = _timed(lambda: [segmenter.words(fold(f"{a.headline}\n{a.body}")) for a in articles])

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        pages = [PageInput(tuple(articles[i : i + 10]), f"{i:064d}") for i in range(0, len(articles), 10)]
        write_articles(Path(tmp) / "bench.sqlite", pages, segmenter)
        build_s = time.perf_counter() - started
        size = (Path(tmp) / "bench.sqlite").stat().st_size

        started = time.perf_counter()
        report = build_archive(ROOT / "seeds", Path(tmp) / "seeds.sqlite", segmenter=segmenter)
        seeds_s = time.perf_counter() - started

    print(f"articles: {count}, characters: {chars:,}")
    print(f"raw jieba segmentation: {chars / jieba_s / 1e6:.2f} M chars/s ({jieba_s:.2f} s)")
    print(f"the app's WordCutter:   {chars / cutter_s / 1e6:.2f} M chars/s ({cutter_s:.2f} s)")
    print(f"archive build:          {chars / build_s / 1e6:.2f} M chars/s ({build_s:.2f} s)")
    print(f"build / jieba ratio:    {jieba_s / build_s:.2f} (target >= 0.50)")
    print(f"build / WordCutter:     {cutter_s / build_s:.2f}")
    print(f"archive size:           {size / chars:.2f} bytes per input character")
    print(f"seed pages build:       {seeds_s:.2f} s for {report.articles} articles (target < 5 s)")


def pages(count: int) -> None:
    """`build` (read, parse, segment, write, index) over page files vs raw jieba on the same page texts."""
    from bench.parse_bench import real_pages

    segmenter = Segmenter()
    segmenter.ensure_loaded()
    sources = real_pages()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        texts = []
        for i in range(count):
            text = f"{sources[i % len(sources)]}\n\n第{i}号\n"  # every file distinct
            (folder / f"{i:05d}_bench.txt").write_text(text, encoding="utf-8")
            texts.append(text)
        chars = sum(len(t) for t in texts)
        jieba_s = _timed(lambda: [segmenter.tokenizer.lcut(text, HMM=False) for text in texts])
        cutter_s = _timed(lambda: [segmenter.words(fold(text)) for text in texts])
        started = time.perf_counter()
        report = build_archive(folder, Path(tmp) / "pages.sqlite", segmenter=segmenter)
        build_s = time.perf_counter() - started
    print(f"page files: {count}, articles: {report.articles}, characters: {chars:,}, workers: {default_workers(None)}")
    print(f"raw jieba segmentation: {chars / jieba_s / 1e6:.2f} M chars/s ({jieba_s:.2f} s)")
    print(f"the app's WordCutter:   {chars / cutter_s / 1e6:.2f} M chars/s ({cutter_s:.2f} s)")
    print(f"build of the files:     {chars / build_s / 1e6:.2f} M chars/s ({build_s:.2f} s)")
    print(f"build / jieba ratio:    {jieba_s / build_s:.2f} (target >= 0.50)")
    print(f"build / WordCutter:     {cutter_s / build_s:.2f}")


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    if "--pages" in sys.argv:
        rest = sys.argv[sys.argv.index("--pages") + 1 :]
        pages(int(rest[0]) if rest else 2_000)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

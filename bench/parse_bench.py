"""Parse time against page size: real pages put together into pages of 10 KB to 10 MB, one run.

Prints, for each size, the parse time and characters per second, and the time per character
relative to the smallest size (1.0 everywhere means linear). Also one 1 MB line without
punctuation (target: under a second). `--full` adds the 10 MB page.

    python bench/parse_bench.py [--full]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.ingest.parse import PageParser  # noqa: E402
from viewer.ingest.sources import decode_bytes  # noqa: E402
from viewer.text.segment import Segmenter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def real_pages() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "pages" / "pages").glob("*.txt"))
    return [decode_bytes(f.read_bytes(), f.name)[0].replace("\r\n", "\n") for f in files]


def page_of(size: int, pages: list[str]) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(pages[i % len(pages)])
        total += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def timed(parser: PageParser, text: str) -> float:
    started = time.perf_counter()
    parser.parse(text, "bench.txt", "seeds/bench.txt")
    return time.perf_counter() - started


def main(full: bool) -> None:
    segmenter = Segmenter()
    segmenter.ensure_loaded()
    parser = PageParser(segmenter.crosses_word)
    pages = real_pages()
    sizes = [10_000, 100_000, 1_000_000] + ([10_000_000] if full else [])
    base = None
    for size in sizes:
        text = page_of(size, pages)
        seconds = timed(parser, text)
        per_char = seconds / len(text)
        base = base or per_char
        print(f"{len(text):>10,} chars: {seconds:7.2f} s, {len(text) / seconds / 1e3:6.0f} k chars/s, "
              f"time per char x{per_char / base:.2f} of the smallest")
    line = "工会职工劳模工匠" * 125_000
    print(f"one 1 MB line without punctuation: {timed(parser, line):.2f} s (target < 1 s)")


if __name__ == "__main__":
    main("--full" in sys.argv)

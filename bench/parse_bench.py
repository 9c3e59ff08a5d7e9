"""Parse time against page size: real pages put together into pages of 10 KB to 10 MB, one run.

Prints, for each size, the parse time and characters per second, and the time per character
relative to the smallest size (1.0 everywhere means linear). Also one 1 MB line without
punctuation (target: under a second), and hostile page shapes (lines of closing brackets, one-character
lines, bullet items, nested brackets, credits only, headline-like lines) at 250 KB and 1 MB: the second
time should be about four times the first. `--full` adds the 10 MB page.

    python bench/parse_bench.py [--full]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.ingest.parse import PageParser  # noqa: E402
from viewer.ingest.sources import decode_bytes  # noqa: E402
from viewer.text.segment import Segmenter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Hostile page shapes, each made about n characters long (tests/unit/ingest/test_parse_time.py uses them too).
HOSTILE_SHAPES: dict[str, Callable[[int], str]] = {
    "a line of only closing brackets": lambda n: "）" * n,
    "a line of closing quotes after a full stop": lambda n: "。" + "”" * n,
    "a line without punctuation": lambda n: "工会劳模职工" * (n // 6),
    "one-character lines": lambda n: "\n".join("工会劳模"[i % 4] for i in range(n // 2)),
    "headline-like lines, one under another": lambda n: "\n".join(["通讯员"] * (n // 4)),
    "date lines": lambda n: "\n".join(["星期五"] * (n // 4)),
    "bullet items": lambda n: "\n".join(f"●工会第{i}项活动开展" for i in range(n // 14)),
    "credits only": lambda n: "\n".join("（记者 王鑫）" if i % 2 else "金晖摄" for i in range(n // 6)),
    "nested brackets": lambda n: "（" * (n // 2) + "工会" + "）" * (n // 2),
    "real pages put together": lambda n: page_of(n, real_pages()),
}


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
    for name, make in HOSTILE_SHAPES.items():
        small, large = timed(parser, make(250_000)), timed(parser, make(1_000_000))
        print(f"{name}: {small:.2f} s at 250 KB, {large:.2f} s at 1 MB (x{large / small:.1f}; linear is x4)")


if __name__ == "__main__":
    main("--full" in sys.argv)

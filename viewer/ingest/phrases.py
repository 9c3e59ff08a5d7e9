"""Common phrases and how many articles hold each, found and counted once when an archive is built.

FTS5 counts a phrase at about 200 ns a matching article (总工会 in 70,000 of 100,000: 13 ms), a
cost no index layout changed. So the builder finds the phrases common enough for that to show
and stores their exact article counts in term_docs, beside the two-character tokens': a lone
common phrase is then counted by lookup. This is the phrase index of Williams, Zobel and Bahle's
combined indexes (ACM TOIS 2004), kept as document counts only. Which phrases qualify is decided
on a sample; their counts come from the index itself, so a wrong guess costs speed, never exactness.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence

from viewer.archive import index
from viewer.archive.parallel import ParallelCounter
from viewer.text.normalize import content_runs, fold, substrings

# A phrase at the threshold is expected this many times in the sample: few enough articles to
# read quickly (1,000 at 100,000), enough that the estimate is close (a 20% margin is allowed).
SAMPLE_HITS = 50
SAMPLE_MIN = 1000
SAMPLE_MARGIN = 0.8
# Counting costs about the phrase's matches: a bound for a corpus of repeated long passages.
MAX_CANDIDATES = 10_000


def sampled_candidates(texts_of: Callable[[int], Sequence[str]], total: int, common_bigrams: Collection[str],
                       min_docs: int) -> list[str]:
    """`candidates` on an even sample of `total` articles (`texts_of(i)`: the i-th one's texts),
    for phrases held by about `min_docs` articles or more."""
    size = min(total, max(SAMPLE_MIN, math.ceil(SAMPLE_HITS * total / max(1, min_docs))))
    positions = range(0, total, max(1, total // max(1, size)))
    expected = min_docs * len(positions) / max(1, total)
    return candidates(map(texts_of, positions), common_bigrams, max(1, math.floor(SAMPLE_MARGIN * expected)))


def candidates(sampled: Iterable[Sequence[str]], common_bigrams: Collection[str], min_hits: int) -> list[str]:
    """Phrases of 3 to MAX_PHRASE_CHARS characters held by at least `min_hits` sampled articles.

    `sampled` gives each sampled article's indexed texts. Only stretches of common bigrams are
    looked at: every bigram of a common phrase is at least as common. Most common first, at
    most MAX_CANDIDATES; only what a search would look up (`index.is_term_docs_key`).
    """
    hits: Counter[str] = Counter()
    for texts in sampled:
        found: set[str] = set()
        for text in texts:
            for _, run in content_runs(fold(text)):
                for stretch in _common_stretches(run, common_bigrams):
                    found.update(substrings(stretch, 3, index.MAX_PHRASE_CHARS))
        hits.update(found)
    kept = [p for p, n in hits.items() if n >= min_hits and index.is_term_docs_key(p)]
    kept.sort(key=lambda p: (-hits[p], p))
    return kept[:MAX_CANDIDATES]


def _common_stretches(run: str, common_bigrams: Collection[str]) -> Iterable[str]:
    """The longest pieces of a run (of three or more characters) whose every bigram is common."""
    start = 0
    for end in range(1, len(run) + 1):
        if end == len(run) or run[end - 1 : end + 1] not in common_bigrams:
            if end - start >= 3:
                yield run[start:end]
            start = end


def count_articles(connect: Callable[[], sqlite3.Connection], phrases: Sequence[str], workers: int) -> dict[str, int]:
    """How many articles hold each phrase, counted through the index on `workers` connections."""
    counter = ParallelCounter(connect, max(1, workers))
    try:
        return dict(zip(phrases, counter.count_each([index.bigram_phrase(p) for p in phrases]), strict=True))
    finally:
        counter.close()

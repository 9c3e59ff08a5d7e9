"""Presenting matches: hit offsets in a text, snippets with the caller's markers.

Kept apart from the search engine so the reader and the lists can use it without loading it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from viewer.text.normalize import fold, fold_variants

SNIPPET_CHARS = 80
FOLD_CHUNK = 256  # characters folded at a time while looking for the first hit


@dataclass(frozen=True)
class Markers:
    """How a caller wants hits marked in snippets (HTML tags, terminal colours, brackets)."""

    start: str = "【"
    end: str = "】"
    escape: Callable[[str], str] = staticmethod(lambda s: s)  # type: ignore[assignment]


def first_sentence(body: str) -> str:
    text = body.split("\n", 1)[0]
    for stop in "。！？":
        if stop in text[:40]:
            return text[: text.index(stop) + 1]
    return text[:30] + ("…" if len(text) > 30 else "")


def find_offsets(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of any term in a text, case and width folded, merged."""
    needles = _needles(terms)
    if not needles:  # an article opened from a list, not a search: nothing to fold
        return []
    folded = fold(text)
    return _spans(folded, needles, 0, len(folded))


def _needles(terms: list[str]) -> set[str]:
    return {fold(t) for t in terms if t}


def _spans(folded: str, needles: set[str], start: int, end: int) -> list[tuple[int, int]]:
    """Merged (start, end) of the needles' occurrences that overlap folded[start:end]."""
    spans: list[tuple[int, int]] = []
    for needle in needles:
        at = folded.find(needle, max(0, start - len(needle) + 1), end + len(needle) - 1)
        while at >= 0:
            spans.append((at, at + len(needle)))
            at = folded.find(needle, at + 1, end + len(needle) - 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def make_snippet(body: str, terms: list[str], markers: Markers) -> str:
    """A window around the first hit in the body, every hit inside marked.

    Folding is length-preserving and character by character, so only the window is folded
    once the first hit is known (a page of results makes twenty snippets).
    """
    text = body.replace("\n", " ")
    needles = _needles(terms)
    first = _first_hit(text, needles) if needles else None
    window_start = max(0, first - SNIPPET_CHARS // 3) if first is not None else 0
    window_end = min(len(text), window_start + SNIPPET_CHARS)
    out = ["…" if window_start > 0 else ""]
    cursor = window_start
    for s, e in _window_spans(text, needles, window_start, window_end) if first is not None else ():
        s, e = max(s, window_start), min(e, window_end)
        if s >= e:
            continue
        out.append(markers.escape(text[cursor:s]))
        out.append(markers.start + markers.escape(text[s:e]) + markers.end)
        cursor = e
    out.append(markers.escape(text[cursor:window_end]))
    out.append("…" if window_end < len(text) else "")
    return "".join(out)


def _first_hit(text: str, needles: set[str]) -> int | None:
    """Where the first needle starts in the folded text, or None.

    A needle found only in the folded text needs a character that folds into one of its own
    (Ａ for a, or an astral one) within the hit. Before the first such character the text is
    searched as it is; from there on it is folded, a chunk at a time until the first hit.
    """
    longest = max(map(len, needles))
    found = [at for needle in needles if (at := text.find(needle)) >= 0]
    end = min(found) + longest - 1 if found else len(text)  # an earlier folded-only hit lies before this
    doubt = _folding_into("".join(sorted(set("".join(needles))))).search(text, 0, end)
    if doubt is None:
        return min(found) if found else None
    start = max(0, doubt.start() - longest + 1)  # where folded-only hits may start
    if found and min(found) < start:
        return min(found)
    folded = ""
    while start + len(folded) < len(text):
        seen = max(0, len(folded) - longest + 1)
        folded += fold(text[start + len(folded) : start + len(folded) + FOLD_CHUNK])
        firsts = [at for needle in needles if (at := folded.find(needle, seen)) >= 0]
        # A longer needle starting earlier may still run past the folded part.
        if firsts and (min(firsts) <= len(folded) - longest or start + len(folded) >= len(text)):
            return start + min(firsts)
    return None


@functools.lru_cache(maxsize=256)
def _folding_into(chars: str) -> re.Pattern[str]:
    """A pattern for the characters that may fold into one of `chars`: their variants, and any
    astral character (fold_variants covers the BMP)."""
    return re.compile("[" + re.escape(fold_variants(chars)) + "\U00010000-\U0010FFFF]")


def _window_spans(text: str, needles: set[str], start: int, end: int) -> list[tuple[int, int]]:
    """The merged spans of the needles overlapping text[start:end], folding only around it."""
    longest = max(map(len, needles))
    low = max(0, start - longest + 1)
    folded = fold(text[low : end + longest - 1])
    return [(s + low, e + low) for s, e in _spans(folded, needles, start - low, end - low)]

"""Presenting matches: hit offsets in a text, snippets with the caller's markers, region paths.

Kept apart from the search engine so the reader and the lists can use it without loading it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from viewer.domain import RegionPath
from viewer.text.normalize import fold

SNIPPET_CHARS = 80
FOLD_CHUNK = 256  # characters folded at a time while looking for the first hit


@dataclass(frozen=True)
class Markers:
    """How a caller wants hits marked in snippets (HTML tags, terminal colours, brackets)."""

    start: str = "【"
    end: str = "】"
    escape: Callable[[str], str] = staticmethod(lambda s: s)  # type: ignore[assignment]


def region_from_code(code: str | None) -> RegionPath:
    parts = (code or "").split("/") if code else []
    return RegionPath(*(parts + [None, None, None])[:3])  # type: ignore[arg-type]


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

    Folding is length-preserving and character by character, so only as much of the body is
    folded as the first hit and its window need (a page of results makes twenty snippets).
    """
    text = body.replace("\n", " ")
    needles = _needles(terms)
    longest = max(map(len, needles), default=1)
    folded, firsts = "", []
    while needles and not firsts and len(folded) < len(text):  # fold on until a term is in the folded part
        seen = max(0, len(folded) - longest + 1)
        folded += fold(text[len(folded) : len(folded) + FOLD_CHUNK])
        firsts = [at for needle in needles if (at := folded.find(needle, seen)) >= 0]
    window_start = max(0, min(firsts) - SNIPPET_CHARS // 3) if firsts else 0
    window_end = min(len(text), window_start + SNIPPET_CHARS)
    if firsts and len(folded) < window_end + longest:  # hits that end past the window's edge
        folded += fold(text[len(folded) : window_end + longest])
    out = ["…" if window_start > 0 else ""]
    cursor = window_start
    for s, e in _spans(folded, needles, window_start, window_end) if firsts else ():
        s, e = max(s, window_start), min(e, window_end)
        if s >= e:
            continue
        out.append(markers.escape(text[cursor:s]))
        out.append(markers.start + markers.escape(text[s:e]) + markers.end)
        cursor = e
    out.append(markers.escape(text[cursor:window_end]))
    out.append("…" if window_end < len(text) else "")
    return "".join(out)

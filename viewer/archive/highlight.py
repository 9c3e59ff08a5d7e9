"""Presenting matches: hit offsets in a text, snippets with the caller's markers, region paths.

Kept apart from the search engine so the reader and the lists can use it without loading it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from viewer.domain import RegionPath
from viewer.text.normalize import fold

SNIPPET_CHARS = 80


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
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for term in {fold(t) for t in terms if t}:
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def make_snippet(body: str, terms: list[str], markers: Markers) -> str:
    """A window around the first hit in the body, every hit inside marked."""
    text = body.replace("\n", " ")
    spans = find_offsets(text, terms)
    if not spans:
        window_start, window_end = 0, min(len(text), SNIPPET_CHARS)
    else:
        first = spans[0][0]
        window_start = max(0, first - SNIPPET_CHARS // 3)
        window_end = min(len(text), window_start + SNIPPET_CHARS)
    out = ["…" if window_start > 0 else ""]
    cursor = window_start
    for s, e in spans:
        if e <= window_start or s >= window_end:
            continue
        s, e = max(s, window_start), min(e, window_end)
        out.append(markers.escape(text[cursor:s]))
        out.append(markers.start + markers.escape(text[s:e]) + markers.end)
        cursor = e
    out.append(markers.escape(text[cursor:window_end]))
    out.append("…" if window_end < len(text) else "")
    return "".join(out)

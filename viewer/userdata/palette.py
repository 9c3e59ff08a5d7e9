"""Tag colours: a fixed palette of twelve that read well on white, and the next distinct one to use."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# Twelve hues apart from each other, each at least 3:1 against white (WCAG for graphics and dots).
PALETTE: tuple[str, ...] = (
    "#d1495b",  # red
    "#2f6fd1",  # blue
    "#2e8b57",  # green
    "#d9731a",  # orange
    "#6a4fc7",  # violet
    "#1f8a8a",  # teal
    "#b0479b",  # magenta
    "#8c564b",  # brown
    "#a68a00",  # ochre
    "#5b6770",  # slate
    "#e0577f",  # pink
    "#5f8a1c",  # olive
)


def next_colour(in_use: Iterable[str | None]) -> str:
    """The first palette colour used least by the existing tags (unused ones first, in palette order)."""
    counts = Counter((c or "").strip().lower() for c in in_use)
    return min(PALETTE, key=lambda colour: (counts[colour], PALETTE.index(colour)))

"""Chinese sort order: names ordered by their pinyin (产改 before 工会 before 职工), as people expect."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")


@lru_cache(maxsize=4096)
def pinyin_key(text: str) -> tuple[tuple[str, ...], str]:
    """A sort key: the toned pinyin of each character (words read as words: 行长 is hang zhang), then
    the text itself. Latin letters and digits sort among the syllables, case-insensitively."""
    from pypinyin import Style, lazy_pinyin  # loaded when first needed (its tables take ~0.2 s)

    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                            errors=lambda chunk: [ch for ch in chunk.lower() if not ch.isspace()])
    return tuple(s.lower() for s in syllables), text


def sorted_by_pinyin(items: Iterable[T], name: Callable[[T], str] = str) -> list[T]:  # type: ignore[assignment]
    """The items ordered by the pinyin of their names."""
    return sorted(items, key=lambda item: pinyin_key(name(item)))

"""Length-preserving normalisation for search, and the character-bigram index form.

The same functions run when the archive is built and when a query is parsed, so a
query finds exactly the text that contains it. Normalisation never changes the
length of a string, so offsets found in normalised text are offsets in the original.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    lowered = folded.lower()
    return lowered if len(lowered) == 1 else folded


class _FoldTable(dict[int, int]):
    """A str.translate table that works each character out once, then answers from C."""

    def __missing__(self, code: int) -> int:
        folded = self[code] = ord(_fold_char(chr(code)))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold width and case character by character (全角 → half-width, A → a); same length."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def content_runs(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, run) for every maximal run of content characters of folded text."""
    start = -1
    for i, ch in enumerate(text):
        if ch.isalnum():
            if start < 0:
                start = i
        elif start >= 0:
            yield start, text[start:i]
            start = -1
    if start >= 0:
        yield start, text[start:]


def run_tokens(run: str) -> list[str]:
    """Overlapping character bigrams of a run, then its last character alone.

    "总工会" → ["总工", "工会", "会"]. Every substring of length ≥ 2 is a phrase of
    consecutive bigrams; every single character is the prefix of some token.
    """
    if len(run) == 1:
        return [run]
    tokens = [run[i : i + 2] for i in range(len(run) - 1)]
    tokens.append(run[-1])
    return tokens


def index_form(text: str) -> str:
    """The text as FTS5 stores it: space-separated bigram tokens of the folded text."""
    folded = fold(text)
    out: list[str] = []
    for _, run in content_runs(folded):
        out.extend(run_tokens(run))
    return " ".join(out)


def content_chars(text: str) -> str:
    """Only the content characters of a text (for loss-free checks and counts)."""
    return "".join(ch for ch in text if ch.isalnum())

"""Length-preserving normalisation for search, and the character-bigram index form.

The same functions run when the archive is built and when a query is parsed, so a
query finds exactly the text that contains it. Normalisation never changes the
length of a string, so offsets found in normalised text are offsets in the original.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Iterator

# Characters that join content characters into one run when they stand alone between two:
# 1869.7, 2025-03-14, 3·15, 9:30, A/B. The index then holds bigrams across them ("9." ".7"), so
# such terms are found exactly, without checking candidates against the text. They are rare in
# Chinese text (a full-width colon or middle dot between two characters at most), so the index
# barely grows. FTS5 must treat them as token characters (schema.FTS_TOKENIZER).
JOINERS = ".-/:·・_+&@#~"
_CONTENT_RUN = re.compile(r"[^\W_]+(?:[" + re.escape(JOINERS) + r"][^\W_]+)*")


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    lowered = folded.lower()
    return lowered if len(lowered) == 1 else folded


@functools.cache
def _fold_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters that folding changes (a pattern: about 2,900 in the BMP, and every astral
    one), and for each character the BMP characters other than it that fold into it.

    Worked out on first use (about 20 ms). Folding is idempotent (checked over the BMP in the
    tests), so replacing each changing character by its fold, one distinct character at a time,
    gives the same text as folding character by character.
    """
    into: dict[str, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        folded = _fold_char(chr(code))
        if folded != chr(code):
            into[folded] = into.get(folded, "") + chr(code)
    changing = "".join(re.escape(ch) for others in into.values() for ch in others)
    return re.compile("[" + changing + "\U00010000-\U0010FFFF]"), into


def fold_variants(text: str) -> str:
    """The BMP characters that fold into one of `text`'s characters without being it (Ａ and A for a).

    Where text has none of them (nor an astral character), it holds a folded term exactly
    where its folded form does.
    """
    into = _fold_table()[1]
    return "".join(into.get(ch, "") for ch in set(text))


def fold(text: str) -> str:
    """Fold width and case character by character (全角 → half-width, A → a); same length."""
    if text.isascii():
        return text.lower()
    # Only the few distinct characters that change are looked at: about 4x quicker than a
    # translate table on newspaper text, which has a full-width comma in every sentence.
    for ch in set(_fold_table()[0].findall(text)):
        folded = _fold_char(ch)
        if folded != ch:
            text = text.replace(ch, folded)
    return text


def content_runs(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, run) for every maximal run of content characters of folded text.

    Content characters are those for which str.isalnum() holds, which is what the pattern [^\\W_]
    matches; a single joiner (JOINERS) between two of them belongs to the run.
    """
    for match in _CONTENT_RUN.finditer(text):
        yield match.start(), match.group()


def run_tokens(run: str) -> list[str]:
    """Overlapping character bigrams of a run, then its last character alone.

    "总工会" → ["总工", "工会", "会"]. Every substring of length ≥ 2 is a phrase of
    consecutive bigrams; every single character is the prefix of some token.
    """
    tokens = list(map(operator.add, run, run[1:]))
    tokens.append(run[-1])
    return tokens


def substrings(text: str, shortest: int, longest: int) -> Iterator[str]:
    """Every substring of `shortest` to `longest` characters, shorter ones first, left to right."""
    size = len(text)
    for length in range(shortest, min(size, longest) + 1):
        for start in range(size - length + 1):
            yield text[start : start + length]


def index_form(text: str) -> str:
    """The text as FTS5 stores it: space-separated bigram tokens of the folded text."""
    out: list[str] = []
    for run in _CONTENT_RUN.findall(fold(text)):
        out.extend(run_tokens(run))
    return " ".join(out)


def content_chars(text: str) -> str:
    """Only the content characters of a text (for loss-free checks and counts)."""
    return "".join(ch for ch in text if ch.isalnum())

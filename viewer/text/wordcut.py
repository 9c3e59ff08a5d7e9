"""jieba's precise cut without HMM, in one pass over jieba's own dictionary: the same words, faster.

jieba builds a DAG of dictionary words for a block of text (`get_DAG`), then picks the most
probable route through it (`calc`), with a generator per block and a `log` per candidate. The
archive build spends most of its time there. `WordCutter` does the same dynamic programme
right to left in one loop, with the log-probabilities computed once per dictionary entry, so the
route, ties included (the longer candidate wins, as in jieba's `max` over (score, end)), and so
the words, are identical; tests check that against `Tokenizer.lcut(text, HMM=False)`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from math import log

# jieba's re_eng is [a-zA-Z0-9]: single ASCII letters and digits in a row are joined into one word.
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NOT_IN_DICTIONARY = object()


class WordCutter:
    """Cuts text into words as `tokenizer.lcut(text, HMM=False)` would.

    Attributes:
        log_probability: every dictionary entry -> log(freq / total), or None for an entry that
            is only the prefix of longer words (frequency 0).
    """

    def __init__(self, frequencies: Mapping[str, int], total: int, blocks: re.Pattern[str],
                 whitespace: re.Pattern[str]) -> None:
        """jieba's dictionary (`Tokenizer.FREQ`, `.total`), read once here, and its patterns for
        blocks of words (`re_han_default`) and for whitespace (`re_skip_default`)."""
        self._blocks = blocks
        self._skip = whitespace
        log_total = log(total)
        self.log_probability: dict[str, float | None] = {
            word: (log(freq) - log_total if freq else None) for word, freq in frequencies.items()
        }
        self._unknown = log(1) - log_total  # a character that is no word on its own

    def cut(self, text: str) -> list[str]:
        """Words and the characters between them, in order (whitespace included, as in jieba)."""
        words: list[str] = []
        for block in self._blocks.split(text):
            if not block:
                continue
            if self._blocks.match(block):
                words.extend(self._cut_block(block))
                continue
            for piece in self._skip.split(block):
                if self._skip.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
        return words

    def _cut_block(self, text: str) -> list[str]:
        """The most probable route through the dictionary words of one block of text."""
        n = len(text)
        score = [0.0] * (n + 1)  # best log-probability of text[k:]
        end = [0] * n  # where the word starting at k ends on that best route
        lookup = self.log_probability.get
        missing = _NOT_IN_DICTIONARY
        for k in range(n - 1, -1, -1):
            best = float("-inf")
            best_end = 0
            stop = k + 1
            fragment = text[k]
            while (p := lookup(fragment, missing)) is not missing:
                if p is not None:
                    candidate = p + score[stop]
                    if candidate >= best:  # >=: on a tie the longer word wins, as in jieba
                        best, best_end = candidate, stop
                if stop >= n:
                    break
                stop += 1
                fragment = text[k:stop]
            if best_end:
                score[k], end[k] = best, best_end
            else:
                score[k], end[k] = self._unknown + score[k + 1], k + 1
        words: list[str] = []
        latin = ""
        x = 0
        while x < n:
            y = end[x]
            if y == x + 1 and text[x] in _ASCII_ALNUM:
                latin += text[x]
            else:
                if latin:
                    words.append(latin)
                    latin = ""
                words.append(text[x:y])
            x = y
        if latin:
            words.append(latin)
        return words

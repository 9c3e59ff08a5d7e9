"""The only jieba entry point: word segmentation for ranking, loose queries and names."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import jieba
import jieba.posseg


class Segmenter:
    """A jieba tokenizer initialised once, optionally from a bundled dictionary cache.

    Attributes:
        tokenizer: the jieba Tokenizer in use.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        if cache_dir is not None:
            self.tokenizer.tmp_dir = str(cache_dir)
        self._pos = jieba.posseg.POSTokenizer(self.tokenizer)
        self._lock = threading.Lock()
        self._loaded = False

    def ensure_loaded(self) -> None:
        """Load the dictionary now (it takes about a second); safe from any thread."""
        with self._lock:
            if not self._loaded:
                self.tokenizer.initialize()
                self._loaded = True

    def words(self, text: str) -> list[str]:
        """Words of a text, precise mode without HMM (stable and fast)."""
        self.ensure_loaded()
        return [w for w in self.tokenizer.lcut(text, HMM=False) if w.strip()]

    def crosses_word(self, left: str, right: str, context: int = 4) -> bool:
        """Does a word run across the boundary between two pieces of text (劳模工|匠 → 工匠)?"""
        a, b = left[-context:], right[:context]
        if not a or not b or not ("\u4e00" <= a[-1] <= "\u9fff" and "\u4e00" <= b[0] <= "\u9fff"):
            return False
        position = 0
        for word in self.words(a + b):
            end = position + len(word)
            if position < len(a) < end:
                return True
            position = end
        return False

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech) pairs, used to recognise person (nr) and place (ns) names."""
        self.ensure_loaded()
        return [(p.word, p.flag) for p in self._pos.cut(text, HMM=True)]


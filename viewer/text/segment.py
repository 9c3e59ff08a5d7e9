"""The only jieba entry point: word segmentation for ranking, loose queries and names."""

from __future__ import annotations

import logging
import marshal
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from viewer import paths
from viewer.text.normalize import fold, substrings
from viewer.text.vocabulary import UNION_PRESS_WORDS
from viewer.text.wordcut import WordCutter

# Below this many texts a process pool costs more (a dictionary load per worker) than it saves.
PARALLEL_MIN_TEXTS = 2000
CHUNK_TEXTS = 200
WORD_FREQUENCY = 20000  # high enough for jieba to prefer the domain word over its pieces
MAX_WORD_PIECE = 8  # pieces of longer words (rare: names of programmes) are not indexed


class Segmenter:
    """A jieba tokenizer initialised once, optionally from a bundled dictionary cache.

    Attributes:
        tokenizer: the jieba Tokenizer in use.
    """

    def __init__(self, cache_file: Path | None = None) -> None:
        """`cache_file`: a prebuilt dictionary cache (the packaged app ships one); by default the
        bundled one when present, else jieba builds its own from dict.txt on first use."""
        self.cache_file = cache_file if cache_file is not None else paths.jieba_cache_file()
        self.tokenizer: Any = None  # jieba is imported on first use: importing it takes time
        self._cutter: WordCutter | None = None
        self._lock = threading.Lock()
        self._loaded = False

    def ensure_loaded(self) -> None:
        """Load the dictionary now (it takes about a second); safe from any thread."""
        with self._lock:
            if not self._loaded:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                self.tokenizer = jieba.Tokenizer()
                if self.cache_file is not None and self.cache_file.is_file():
                    load_cache(self.tokenizer, self.cache_file)
                else:
                    self.tokenizer.initialize()
                for word in UNION_PRESS_WORDS:
                    self.tokenizer.add_word(word, freq=WORD_FREQUENCY)
                self._cutter = word_cutter(self.tokenizer)
                self._loaded = True

    def words(self, text: str) -> list[str]:
        """Words of a text, jieba's precise mode without HMM (stable and fast)."""
        self.ensure_loaded()
        assert self._cutter is not None
        return [w for w in self._cutter.cut(text) if w.strip()]

    def word_index_form(self, text: str) -> str:
        """Every piece of two or more characters that lies inside one word, distinct, space separated.

        A query found here sits inside a word (工会 in 总工会); one found only in the text
        crosses a word boundary (化工 in 数智化|工会) and ranks lower.
        """
        self.ensure_loaded()
        assert self._cutter is not None
        pieces: list[str] = []
        for word in self._cutter.cut(fold(text)):
            size = len(word)
            if size < 2 or not word.isalnum():  # characters, punctuation, whitespace
                continue
            if size == 2:  # most words: the word is its only piece
                pieces.append(word)
                continue
            pieces.extend(substrings(word, 2, MAX_WORD_PIECE))
        return " ".join(dict.fromkeys(pieces))

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


def word_cutter(tokenizer: Any) -> WordCutter:
    """A WordCutter over a loaded jieba tokenizer's dictionary, splitting text where jieba does."""
    import jieba

    return WordCutter(tokenizer.FREQ, tokenizer.total, jieba.re_han_default, jieba.re_skip_default)


def write_cache(path: Path) -> None:
    """Build jieba's dictionary once and save it for `load_cache` (run when packaging)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        marshal.dump((tokenizer.FREQ, tokenizer.total), handle)


def load_cache(tokenizer: Any, path: Path) -> None:
    """Fill a jieba Tokenizer from a saved cache: no dict.txt, no mtime checks, nothing written."""
    with path.open("rb") as handle:
        tokenizer.FREQ, tokenizer.total = marshal.load(handle)
    tokenizer.initialized = True


def word_index_forms(texts: Sequence[str], segmenter: Segmenter, workers: int = 1) -> Iterator[str]:
    """`segmenter.word_index_form` of every text, in order, on `workers` processes when worth it."""
    if workers <= 1 or len(texts) < PARALLEL_MIN_TEXTS:
        yield from (segmenter.word_index_form(t) for t in texts)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [texts[i : i + CHUNK_TEXTS] for i in range(0, len(texts), CHUNK_TEXTS)]
    context = multiprocessing.get_context("spawn")  # no fork: safe on every platform and with threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker) as pool:
        for forms in pool.map(_worker_forms, chunks):
            yield from forms


_worker_segmenter: Segmenter | None = None  # one per pool worker process, set by _start_worker


def _start_worker() -> None:
    global _worker_segmenter
    _worker_segmenter = Segmenter()
    _worker_segmenter.ensure_loaded()


def _worker_forms(texts: Sequence[str]) -> list[str]:
    assert _worker_segmenter is not None
    return [_worker_segmenter.word_index_form(t) for t in texts]

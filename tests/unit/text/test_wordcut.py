"""WordCutter gives exactly jieba's precise cut without HMM: on the seeds, on dictionary text, on noise."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from viewer.text.normalize import fold
from viewer.text.segment import word_cutter
from viewer.text.wordcut import WordCutter


@pytest.fixture(scope="module")
def cutter(segmenter) -> WordCutter:
    return word_cutter(segmenter.tokenizer)


@pytest.fixture(scope="module")
def dictionary_words(segmenter) -> list[str]:
    words = sorted(w for w, f in segmenter.tokenizer.FREQ.items() if f)
    return random.Random(3).sample(words, 20_000)


def jieba_cut(segmenter, text: str) -> list[str]:
    return segmenter.tokenizer.lcut(text, HMM=False)


def test_known_cuts(cutter):
    assert cutter.cut("全天候数智化工会驿站") == ["全天候", "数智化", "工会驿站"]  # the union press words
    assert cutter.cut("DeepSeek和AI助手") == ["DeepSeek", "和", "AI", "助手"]  # Latin runs stay whole
    assert cutter.cut("1869.7万元，3月14日\r\n") == ["1869", ".", "7", "万元", "，", "3", "月", "14", "日", "\r\n"]
    assert cutter.cut("") == []


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_same_words_as_jieba_on_the_seeds(segmenter, cutter, path):
    text = path.read_text(encoding="utf-8-sig")
    for form in (text, fold(text)):
        assert cutter.cut(form) == jieba_cut(segmenter, form)


def test_same_words_as_jieba_on_dictionary_text(segmenter, cutter, dictionary_words):
    """Word salad from the dictionary: long words, overlapping candidates and ties everywhere."""
    rng = random.Random(11)
    for _ in range(300):
        text = "".join(rng.choices(dictionary_words, k=rng.randint(1, 60)))
        assert cutter.cut(text) == jieba_cut(segmenter, text)


PIECES = st.sampled_from(["工会", "劳模工匠", "总工会", "农民工", "数智化", "职工书屋", "的", "了", "化工", "会",
                          "AI", "x", "7", "1869.7", "%", "-", "#", "&", "_", " ", "\r\n", "\n", "，", "。", "“",
                          "Ａ", "１", "𠀀", "😀", "\u3000", "ß"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES | st.characters(blacklist_categories=("Cs",)), max_size=40).map("".join))
def test_same_words_as_jieba_on_anything(segmenter, cutter, text):
    assert cutter.cut(text) == jieba_cut(segmenter, text)


def test_ties_go_to_the_longer_word_as_in_jieba():
    """With every probability 1, 甲|乙 and 甲乙 score the same; jieba takes the longer word."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {"甲": 1, "乙": 1, "甲乙": 1, "丙": 0}, 1, True
    for text in ("甲乙", "甲乙甲乙丙", "丙甲乙丁"):
        assert word_cutter(tokenizer).cut(text) == tokenizer.lcut(text, HMM=False)
    assert word_cutter(tokenizer).cut("甲乙") == ["甲乙"]

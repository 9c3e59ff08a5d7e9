"""Folding keeps length and offsets, and matches a character-by-character reference."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from viewer.text.normalize import fold


def reference_fold(text: str) -> str:
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        folded = folded if len(folded) == 1 else ch
        lowered = folded.lower()
        out.append(lowered if len(lowered) == 1 else folded)
    return "".join(out)


def test_known_folds():
    assert fold("ＤｅｅｐＳｅｅｋ，ＡＩ助手（１８６９．７）") == "deepseek,ai助手(1869.7)"
    assert fold("全天候数智化工会驿站……") == "全天候数智化工会驿站……"  # … would grow under NFKC: kept
    assert fold("İstanbul ǅ") == "İstanbul ǆ"  # İ lowers to two characters: kept


def test_folding_is_idempotent_over_the_bmp():
    text = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    once = fold(text)
    assert len(once) == len(text)
    assert fold(once) == once
    assert once == reference_fold(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_fold_matches_the_reference(text):
    assert fold(text) == reference_fold(text)
    assert len(fold(text)) == len(text)


def test_content_runs_are_isalnum_runs_over_the_bmp():
    from viewer.text.normalize import content_runs

    text = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    expected = "".join(ch if ch.isalnum() else " " for ch in text).split()
    assert [run for _, run in content_runs(text)] == expected


def test_index_form():
    from viewer.text.normalize import index_form

    assert index_form("总工会，ＡＩ助手 3") == "总工 工会 会 ai i助 助手 手 3"

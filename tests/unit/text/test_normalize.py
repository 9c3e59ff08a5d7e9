"""Folding keeps length and offsets, and matches a character-by-character reference."""

import unicodedata

import pytest
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


def reference_runs(text: str) -> list[str]:
    """isalnum runs, a single joiner between two alphanumerics kept inside: the rule, spelled out."""
    from viewer.text.normalize import JOINERS

    def inside(i: int) -> bool:
        ch = text[i]
        if ch.isalnum():
            return True
        return (ch in JOINERS and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum())

    return "".join(text[i] if inside(i) else " " for i in range(len(text))).split()


def test_content_runs_are_isalnum_runs_over_the_bmp():
    from viewer.text.normalize import content_runs

    text = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert [run for _, run in content_runs(text)] == reference_runs(text)


@pytest.mark.parametrize(("text", "runs"), [
    ("参保1869.7万人次", ["参保1869.7万人次"]),
    ("2025-03-14，3·15 9:30", ["2025-03-14", "3·15", "9:30"]),
    ("1869..7 -3 a- .b", ["1869", "7", "3", "a", "b"]),  # two joiners, or one at an edge: not joined
    ("约翰·史密斯、工会", ["约翰·史密斯", "工会"]),
])
def test_joiners_between_two_characters_join_runs(text, runs):
    from viewer.text.normalize import content_runs

    assert [run for _, run in content_runs(text)] == runs


@given(st.text(alphabet=st.sampled_from("工会a1.-·、 ，_"), max_size=40))
def test_content_runs_follow_the_rule(text):
    from viewer.text.normalize import content_runs

    assert [run for _, run in content_runs(text)] == reference_runs(text)


def test_index_form():
    from viewer.text.normalize import index_form

    assert index_form("总工会，ＡＩ助手 3") == "总工 工会 会 ai i助 助手 手 3"
    assert index_form("参保1869.7万") == "参保 保1 18 86 69 9. .7 7万 万"


def test_substrings_by_length_then_position():
    from viewer.text.normalize import substrings

    assert list(substrings("总工会议", 2, 3)) == ["总工", "工会", "会议", "总工会", "工会议"]
    assert list(substrings("工会", 3, 16)) == []

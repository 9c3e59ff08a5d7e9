"""Snippets mark every hit inside their window, however much of the body they fold."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.archive import highlight
from viewer.archive.highlight import SNIPPET_CHARS, Markers, find_offsets, make_snippet


def reference_snippet(body: str, terms: list[str]) -> str:
    """The window around the first hit of the whole folded text, its hits in brackets."""
    text = body.replace("\n", " ")
    spans = find_offsets(text, terms)
    start = max(0, spans[0][0] - SNIPPET_CHARS // 3) if spans else 0
    end = min(len(text), start + SNIPPET_CHARS)
    out, cursor = ["…" if start > 0 else ""], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s < e:
            out += [text[cursor:s], "[", text[s:e], "]"]
            cursor = e
    out += [text[cursor:end], "…" if end < len(text) else ""]
    return "".join(out)


def test_find_offsets_folds_width_and_case_and_merges_overlaps():
    assert find_offsets("ＡＩ工会，ai工工会", ["ai", "工工", "工会"]) == [(0, 4), (5, 10)]


@pytest.mark.parametrize("chunk", [1, 5, 256])
@given(body=st.text(alphabet="工会ＡａA\n，劳模x", max_size=400),
       terms=st.lists(st.text(alphabet="工会aA劳", max_size=3), max_size=3))
def test_snippets_match_the_whole_text_reference(chunk, body, terms):
    original = highlight.FOLD_CHUNK
    highlight.FOLD_CHUNK = chunk  # folding in small pieces must find the same first hit
    try:
        assert make_snippet(body, terms, Markers("[", "]")) == reference_snippet(body, terms)
    finally:
        highlight.FOLD_CHUNK = original


def test_a_hit_late_in_a_long_body_is_found_and_marked():
    body = "甲" * 1000 + "ＡＩ工会" + "乙" * 100
    snippet = make_snippet(body, ["ai"], Markers("<", ">"))
    assert "<ＡＩ>工会" in snippet and snippet.startswith("…") and snippet.endswith("…")


@pytest.mark.parametrize("chunk", [1, 2, 47, 256])
def test_a_longer_term_starting_first_wins_across_a_chunk_edge(monkeypatch, chunk):
    monkeypatch.setattr(highlight, "FOLD_CHUNK", chunk)
    body = "Ｘ" + "甲" * 90 + "乙会丙xy" + "丁" * 90  # Ｘ folds into x: the text is folded to find hits
    # 会丙xy (92-95) starts before 丙 (93); a fold that ends at 94 holds only 丙 whole.
    snippet = make_snippet(body, ["会丙xy", "丙"], Markers("[", "]"))
    assert snippet == reference_snippet(body, ["会丙xy", "丙"])
    assert snippet.startswith("…" + "甲" * 25 + "乙[会丙xy]丁")


@given(body=st.text(alphabet="工会ＡａAａ𝐀⼯\n，x", max_size=300),
       terms=st.lists(st.text(alphabet="工会aAx", min_size=1, max_size=3), min_size=1, max_size=3))
def test_unfolded_first_hits_agree_with_the_reference(body, terms):
    """The first hit is found without folding unless a character folding into a term's precedes it."""
    assert make_snippet(body, terms, Markers("[", "]")) == reference_snippet(body, terms)

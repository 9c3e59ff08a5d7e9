"""The index format: one definition the builder writes with and the search reads with."""

import pytest

from viewer.archive import index
from viewer.archive.query import Term
from viewer.domain import RegionPath


@pytest.mark.parametrize("region", [RegionPath("江苏省", "盐城市", "大丰区"), RegionPath("江苏省", "南京市", None),
                                    RegionPath("广东省", None, None)])
def test_region_codes_round_trip(region):
    code = index.region_code(region)
    assert index.region_from_code(code) == region
    assert index.region_code_and_ancestors(code)[-1] == code
    assert index.region_code_and_ancestors("江苏省/盐城市/大丰区") == ["江苏省", "江苏省/盐城市", "江苏省/盐城市/大丰区"]


@pytest.mark.parametrize(("text", "key"), [
    ("工会", "工会"), ("总工会", "总工会"), ("ＡＩ", "ai"), ("1869.7", "1869.7"),
    ("工", None), ("-03", None), ("9.", None), ("全国两会 精神", None), ("报告，", None),
])
def test_term_docs_keys_follow_the_search_s_lookup(text, key):
    assert index.term_docs_key(text) == key
    assert Term(text).lookup_text() == key
    assert index.is_term_docs_key(text) == (key == text)


@pytest.mark.parametrize("run", ["工会", "总工会", "劳模工匠助企行", "1869.7"])
def test_a_counted_phrase_is_the_search_s_own_expression(run):
    assert index.bigram_phrase(run) == Term(run).fts()


def test_filter_tokens_cannot_be_typed():
    from viewer.text.normalize import index_form

    token = index.region_token(12)
    assert token.startswith(index.FACET_MARK) and index.FACET_MARK not in index_form(token)
    assert index.publication_token(3) != index.region_token(3)

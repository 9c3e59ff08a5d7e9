"""类型:/kind: keeps the articles of a kind, alone or with words and other filters."""

import pytest

from viewer.domain import KIND_LABELS


@pytest.mark.parametrize("kind", sorted(KIND_LABELS))
def test_a_kind_alone_lists_every_article_of_that_kind(archive, kind):
    expected = {a.id for a in archive.articles() if a.kind == kind}
    for name in (KIND_LABELS[kind][0], kind):
        result = archive.search(f"类型:{name}", limit=500)
        assert {h.article_id for h in result.hits} == expected and result.total == len(expected)


def test_a_kind_narrows_a_search(archive):
    every = archive.search("工会", limit=500)
    news = archive.search("工会 类型:新闻", limit=500)
    expected = {h.article_id for h in every.hits if archive.article(h.article_id).kind == "news"}
    assert {h.article_id for h in news.hits} == expected and 0 < news.total < every.total
    assert archive.count("工会 kind:news") == news.total


def test_an_unknown_kind_is_explained_and_ignored(archive):
    result = archive.search("工会 类型:社论", limit=5)
    assert "没有“社论”这种类型" in result.notice
    assert result.total == archive.search("工会", limit=5).total

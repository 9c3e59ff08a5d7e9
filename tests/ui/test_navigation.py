"""Navigation on the real window: nodes, the list, back and forward, the next article."""

from PySide6.QtCore import QModelIndex

from viewer.ui.tree_model import ARTICLE_ID_ROLE


def node(model, parent, text):
    if model.canFetchMore(parent):
        model.fetchMore(parent)
    return next(model.index(r, 0, parent) for r in range(model.rowCount(parent))
                if text in model.index(r, 0, parent).data())


def test_a_node_lists_its_articles_and_opens_the_first(tagged_window, archive):
    nav = tagged_window.navigation
    city = node(tagged_window.region_model, node(tagged_window.region_model, QModelIndex(), "江苏省"), "盐城市")
    tagged_window.navigator.nodeChosen.emit(city, True)
    assert tagged_window.list_model.total == 14 and tagged_window.list_label.text() == "盐城市：14 篇"
    assert tagged_window.reader.article.id == tagged_window.list_model.hits[0].article_id
    assert nav.selected_ids() == [tagged_window.list_model.hits[0].article_id]
    assert nav.terms == []


def test_back_forward_and_next_article(tagged_window, run_search):
    nav = tagged_window.navigation
    run_search(tagged_window, "工会")
    ids = [h.article_id for h in tagged_window.list_model.hits[:3]]
    nav.step_article(1)
    nav.step_article(1)
    assert tagged_window.reader.article.id == ids[2]
    nav.go_back()
    assert tagged_window.reader.article.id == ids[1]
    nav.go_back()
    assert tagged_window.reader.article.id == ids[0]
    nav.go_forward()
    assert tagged_window.reader.article.id == ids[1]
    nav.step_article(-5)  # past the top: stays
    assert tagged_window.reader.article.id == ids[1]


def test_an_article_node_opens_in_the_reader_with_the_search_terms_gone(tagged_window, run_search):
    run_search(tagged_window, "工会")
    model = tagged_window.issue_model
    page = node(model, node(model, node(model, QModelIndex(), "江苏工人报"), "2025"), "2025-03-17")
    tagged_window.navigator.nodeChosen.emit(page, False)
    leaf = node(model, page, "")
    tagged_window.navigator.nodeChosen.emit(leaf, False)
    assert tagged_window.reader.article.id == leaf.data(ARTICLE_ID_ROLE)
    assert tagged_window.reader.hit_count == 0  # a node's list is no search


def test_a_search_with_no_hit_says_what_to_try(tagged_window, run_search):
    run_search(tagged_window, "不存在的词语")
    assert "可以试试" in tagged_window.reader.toPlainText()


def test_articles_to_check_are_listed_and_marked_in_the_reader(tagged_window, archive):
    flagged = [a for a in archive.articles() if a.review]
    sure = next(a for a in archive.articles() if not a.review)
    assert flagged, "the seed pages have articles the parser is unsure of"
    tagged_window.commands.review_list.trigger()
    listed = [h.article_id for h in tagged_window.list_model.hits]
    assert sorted(listed) == sorted(a.id for a in flagged)
    assert tagged_window.list_label.text().startswith("待核对")
    shown = tagged_window.reader.article
    assert shown.review and "待核对：" in tagged_window.reader.toPlainText()
    tagged_window.navigation.show_article(sure.id)
    assert "待核对" not in tagged_window.reader.toPlainText()

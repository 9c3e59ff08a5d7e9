"""The advanced-search form writes the query text the search box takes, and finds what that text finds."""

from __future__ import annotations

from PySide6.QtCore import QDate

from viewer.ui.advanced_search import AdvancedSearchDialog, SearchForm, form_query


def test_form_query_writes_the_search_box_language():
    assert form_query(SearchForm()) == ""
    assert form_query(SearchForm(text="劳模 工匠", title="工会", author="王鑫", region="盐城市",
                                 publication="江苏工人报", date_from="2025-03-01", date_to="2025-04-30",
                                 tag="产改 试点")) == (
        '劳模 工匠 标题:工会 作者:王鑫 地区:盐城市 出版物:江苏工人报 标签:"产改 试点" 日期:2025-03-01..2025-04-30')
    assert form_query(SearchForm(date_from="2025-03-17", date_to="2025-03-17")) == "日期:2025-03-17"
    assert form_query(SearchForm(date_from="2025-03-01")) == "日期:2025-03-01..2099-12-31"


def test_the_dialog_offers_regions_and_publications_and_nothing_preselected(qtbot, archive):
    dialog = AdvancedSearchDialog(archive, ["产改"])
    qtbot.addWidget(dialog)
    regions = [dialog.region_box.itemText(i).strip() for i in range(dialog.region_box.count())]
    assert "江苏省" in regions and "盐城市" in regions
    assert dialog.publication_box.findText("江苏工人报") > 0
    assert dialog.query() == ""
    dialog.text_box.setText("职工")
    dialog.region_box.setCurrentIndex(regions.index("盐城市"))
    dialog.from_check.setChecked(True)
    dialog.from_date.setDate(QDate(2024, 1, 1))
    dialog.to_check.setChecked(True)
    dialog.to_date.setDate(QDate(2024, 12, 31))
    assert dialog.query() == "职工 地区:盐城市 日期:2024-01-01..2024-12-31"


def test_the_forms_query_runs_in_the_window_like_typed_text(qtbot, tagged_window, archive, monkeypatch):
    from viewer.ui import advanced_search

    query = form_query(SearchForm(text="工会", region="盐城市"))
    monkeypatch.setattr(advanced_search, "ask_query", lambda *_args: query)
    with qtbot.waitSignal(tagged_window.searchFinished, timeout=10_000):
        tagged_window.commands.advanced.trigger()
    assert tagged_window.search_bar.box.text() == query
    assert tagged_window.list_model.total == archive.count(query) > 0


def test_the_kind_picker_writes_a_kind_filter(qtbot, archive):
    dialog = AdvancedSearchDialog(archive, [])
    qtbot.addWidget(dialog)
    dialog.text_box.setText("工会")
    dialog.kind_box.setCurrentText("图片")
    assert dialog.query() == "工会 类型:图片"
    result = archive.search(dialog.query(), limit=100)
    assert result.hits and all(archive.article(h.article_id).kind == "photo" for h in result.hits)

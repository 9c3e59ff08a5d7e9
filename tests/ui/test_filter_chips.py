"""Facet filters show as chips above the list; closing one searches again without it."""

from __future__ import annotations

from viewer.ui.filter_chips import filters_of, without


def test_filters_are_found_and_taken_out():
    query = '工会 地区:盐城市 标签:"产改 试点" -南京 日期:2024'
    assert filters_of(query) == ["地区:盐城市", '标签:"产改 试点"', "日期:2024"]
    assert without(query, "地区:盐城市") == '工会 标签:"产改 试点" -南京 日期:2024'


def test_a_facet_becomes_a_chip_and_its_cross_removes_it(qtbot, tagged_window, run_search, archive):
    run_search(tagged_window, "工会")
    chips = tagged_window.list_panel.chips
    assert chips.isHidden()
    run_search(tagged_window, "工会 地区:盐城市")
    assert [c.text() for c in chips.chips] == ["地区:盐城市  ×"] and not chips.isHidden()
    with qtbot.waitSignal(tagged_window.searchFinished, timeout=10_000):
        chips.chips[0].click()
    assert tagged_window.search_bar.box.text() == "工会"
    assert tagged_window.list_model.total == archive.count("工会")
    qtbot.waitUntil(lambda: chips.isHidden(), timeout=3_000)

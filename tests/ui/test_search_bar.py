"""The search bar: what it sends, within results, facets, Esc, history."""

import pytest
from PySide6.QtCore import Qt

from viewer.ui.search_bar import SearchBar


@pytest.fixture()
def bar(qtbot):
    widget = SearchBar()
    qtbot.addWidget(widget)
    return widget


def sent(qtbot, bar, action):
    with qtbot.waitSignal(bar.submitted, timeout=1_000) as blocker:
        action()
    return blocker.args


def test_enter_sends_the_query_and_its_mode(qtbot, bar):
    bar.box.setText("  劳模工匠  ")
    bar.loose_box.setChecked(True)
    assert sent(qtbot, bar, lambda: qtbot.keyClick(bar.box, Qt.Key.Key_Return)) == ["劳模工匠", True]
    assert bar.history.stringList()[0] == "劳模工匠"


def test_within_results_adds_to_the_current_search(qtbot, bar):
    bar.set_current("工会")
    bar.within_box.setChecked(True)
    bar.box.setText("劳模")
    assert sent(qtbot, bar, bar.run)[0] == "工会 劳模"
    assert sent(qtbot, bar, lambda: bar.search_for("标签:关爱"))[0] == "标签:关爱"
    assert not bar.within_box.isChecked()


def test_a_facet_narrows_once(qtbot, bar):
    bar.set_current("工会")
    assert sent(qtbot, bar, lambda: bar.add_filter("地区:盐城市"))[0] == "工会 地区:盐城市"
    bar.set_current("工会 地区:盐城市")
    with qtbot.assertNotEmitted(bar.submitted):
        bar.add_filter("地区:盐城市")


def test_escape_clears_and_blank_is_not_sent(qtbot, bar):
    bar.box.setText("abc")
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert bar.box.text() == ""
    with qtbot.assertNotEmitted(bar.submitted):
        bar.run()


def test_history_from_user_data_follows_this_session(bar):
    bar.remember("新")
    bar.add_history(["旧", "新"])
    assert bar.history.stringList() == ["新", "旧"]

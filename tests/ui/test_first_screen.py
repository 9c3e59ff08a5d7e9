"""The first screen: the newest issue listed, facets hidden until there are some, the list the user left
comes back after a restart; a rejected query empties the list and says why."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from viewer.ui.main_window import MainWindow


def open_window(qtbot, archive, ini, user_store):
    window = MainWindow(archive, ini, store=user_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.list_model.rowCount() > 0, timeout=10_000)
    return window


def test_first_screen_lists_the_newest_issue_and_hides_the_facets(qtbot, archive, ini, user_store):
    window = open_window(qtbot, archive, ini, user_store)
    newest = archive.trees.newest_issue()
    assert newest.label in window.list_label.text()
    dates = {h.issue_date for h in window.list_model.hits}
    assert dates == {max(a.issue.issue_date for a in archive.articles() if a.issue.issue_date)}
    assert window.reader.article is not None  # its first article is open
    assert window.facets.isHidden()
    window.session.stop()


def test_facets_show_with_a_search_and_hide_with_a_node_list(qtbot, tagged_window, run_search):
    run_search(tagged_window, "工会")
    assert not tagged_window.facets.isHidden() and tagged_window.facets.topLevelItemCount() > 0
    tagged_window.navigator.nodeChosen.emit(tagged_window.region_model.index(0, 0), True)
    assert tagged_window.facets.isHidden()


def test_a_rejected_query_clears_the_list_and_says_why(qtbot, tagged_window, run_search):
    run_search(tagged_window, "工会")
    assert tagged_window.list_model.rowCount() > 0
    run_search(tagged_window, "-工会")
    assert tagged_window.list_model.rowCount() == 0
    assert tagged_window.list_label.text() and "工会" not in tagged_window.summary.text()


def test_after_a_restart_the_search_and_the_article_come_back(qtbot, archive, tmp_path, user_store):
    path = str(tmp_path / "restart.ini")
    first = open_window(qtbot, archive, QSettings(path, QSettings.Format.IniFormat), user_store)
    first.search_bar.box.setText("劳模")
    with qtbot.waitSignal(first.searchFinished, timeout=10_000):
        first.search_bar.run()
    first.list_view.selectRow(1)
    read = first.reader.article.id
    first.close()
    again = MainWindow(archive, QSettings(path, QSettings.Format.IniFormat), store=user_store)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.searchFinished, timeout=10_000):
        again.show()
    assert again.session.query == "劳模" and again.list_model.rowCount() > 1
    assert again.reader.article.id == read
    assert again.list_model.hits[again.list_view.currentIndex().row()].article_id == read
    again.session.stop()


def test_after_a_restart_a_node_list_comes_back(qtbot, archive, tmp_path, user_store):
    path = str(tmp_path / "restart.ini")
    first = open_window(qtbot, archive, QSettings(path, QSettings.Format.IniFormat), user_store)
    region = first.region_model.index(0, 0)
    first.navigator.nodeChosen.emit(region, True)
    label = first.list_label.text()
    first.close()
    again = open_window(qtbot, archive, QSettings(path, QSettings.Format.IniFormat), user_store)
    assert again.list_label.text() == label
    again.session.stop()


def test_back_and_forward_are_enabled_only_with_history(qtbot, archive, ini):
    window = MainWindow(archive, ini)
    qtbot.addWidget(window)
    commands, navigation = window.commands, window.navigation
    assert not commands.back.isEnabled() and not commands.forward.isEnabled()
    first, second = [a.id for a in archive.articles()][:2]
    navigation.show_article(first)
    assert not commands.back.isEnabled()
    navigation.show_article(second)
    assert commands.back.isEnabled() and not commands.forward.isEnabled()
    commands.back.trigger()
    assert window.reader.article.id == first
    assert not commands.back.isEnabled() and commands.forward.isEnabled()
    window.session.stop()


def test_a_saved_search_named_by_its_query_is_shown_once(tagged_window, user_store):
    user_store.save_search("劳模", "劳模")
    user_store.save_search("女职工", "女职工 地区:盐城")
    saved = tagged_window.navigator.bookmark_panel.saved
    assert [saved.item(i).text() for i in range(saved.count())] == ["劳模", "女职工　女职工 地区:盐城"]


def test_headlines_stay_readable_at_1024x700(qtbot, tagged_window, run_search):
    tagged_window.resize(1024, 700)
    run_search(tagged_window, "职工")
    qtbot.waitUntil(lambda: tagged_window.list_view.columnWidth(0) >= 240, timeout=3_000)
    tabs = tagged_window.navigator.tabBar()
    assert all(tabs.tabRect(i).right() <= tagged_window.navigator.width() for i in range(tabs.count()))


def test_a_bookmark_is_listed_by_its_display_title(tagged_window, user_store, archive):
    from viewer.domain import display_title

    article = next(a for a in archive.articles() if not a.headline and a.kind == "photo")
    user_store.bookmark(article.id, "图", archive.snapshot(article.id))
    listed = tagged_window.navigator.bookmark_panel.list.item(0).text()
    assert listed.startswith(display_title(article).text)

"""Annotation actions on the real window: tag a selection, tag every hit, favourite keys, bookmarks."""

import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import QItemSelectionModel, Qt


@pytest.fixture()
def answer_dialogs(monkeypatch):
    """Dialogs answer at once: the tag name given, and Yes."""
    def answer(name):
        monkeypatch.setattr(QtWidgets.QInputDialog, "getText", lambda *a, **k: (name, True))
        monkeypatch.setattr(QtWidgets.QInputDialog, "getItem", lambda *a, **k: (name, True))
        monkeypatch.setattr(QtWidgets.QMessageBox, "question",
                            lambda *a, **k: QtWidgets.QMessageBox.StandardButton.Yes)
    return answer


def select_rows(window, rows):
    flags = QItemSelectionModel.SelectionFlag
    selection = window.list_view.selectionModel()
    for n, row in enumerate(rows):
        selection.select(window.list_model.index(row, 0), (flags.ClearAndSelect if n == 0 else flags.Select) | flags.Rows)


def test_tag_every_hit_tags_every_matching_article(qtbot, tagged_window, user_store, archive, answer_dialogs,
                                                   run_search, monkeypatch):
    from viewer.ui import search_session

    monkeypatch.setattr(search_session, "FIRST_PAGE", 3)  # more hits than the list holds
    answer_dialogs("全部工会")
    run_search(tagged_window, "工会")
    with qtbot.waitSignal(tagged_window.annotations.changed, timeout=10_000):
        tagged_window.commands.tag_all.trigger()
    expected = set(archive.search_ids("工会"))
    assert len(expected) > 3 and user_store.article_ids_for_tag("全部工会") == expected
    assert str(len(expected)) in tagged_window.statusBar().currentMessage()


def test_tag_the_selection_tags_each_selected_article(tagged_window, user_store, answer_dialogs, run_search):
    answer_dialogs("两篇")
    run_search(tagged_window, "工会")
    select_rows(tagged_window, [0, 2])
    tagged_window.commands.tag.trigger()
    ids = {tagged_window.list_model.hits[r].article_id for r in (0, 2)}
    assert user_store.article_ids_for_tag("两篇") == ids
    assert tagged_window.list_model.index(0, 5).data() == "两篇"  # the list's tag column follows


def test_favourite_keys_toggle_on_the_whole_selection(qtbot, tagged_window, user_store, run_search):
    user_store.tag([], ["重点"])
    user_store.set_tag("重点", shortcut=2)
    run_search(tagged_window, "工会")
    select_rows(tagged_window, [0, 1])
    ids = {tagged_window.list_model.hits[r].article_id for r in (0, 1)}
    qtbot.keyClick(tagged_window.list_view, Qt.Key.Key_2)
    assert user_store.article_ids_for_tag("重点") == ids
    qtbot.keyClick(tagged_window.list_view, Qt.Key.Key_2)
    assert user_store.article_ids_for_tag("重点") == set()
    qtbot.keyClick(tagged_window.list_view, Qt.Key.Key_5)  # no tag on 5: said so
    assert "5" in tagged_window.statusBar().currentMessage()


def test_bookmark_and_note_on_the_article_read(tagged_window, user_store, answer_dialogs, run_search, monkeypatch):
    run_search(tagged_window, "康乃馨")
    article = tagged_window.reader.article
    tagged_window.commands.bookmark.trigger()
    assert user_store.is_bookmarked(article.id)
    monkeypatch.setattr(QtWidgets.QInputDialog, "getMultiLineText", lambda *a, **k: ("要引用", True))
    tagged_window.commands.note.trigger()
    assert [b.note for b in user_store.bookmarks() if b.article_id == article.id] == ["要引用"]
    assert "要引用" in tagged_window.navigator.bookmark_panel.list.item(0).text()


def test_save_the_current_search(tagged_window, user_store, answer_dialogs, run_search):
    answer_dialogs("盐城劳模")
    run_search(tagged_window, "劳模 地区:盐城")
    tagged_window.commands.save_search.trigger()
    assert ("盐城劳模", "劳模 地区:盐城") in [tuple(s) for s in user_store.saved_searches()]


def test_annotations_export_and_import(tagged_window, user_store, archive, tmp_path, monkeypatch):
    ids = archive.search_ids("康乃馨")
    user_store.tag(ids, ["关爱"])
    out = tmp_path / "notes.json"
    tagged_window.annotations.export_annotations(str(out))
    assert "关爱" in out.read_text(encoding="utf-8")
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    tagged_window.annotations.import_annotations(str(bad))
    bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")  # too deep for json: RecursionError
    tagged_window.annotations.import_annotations(str(bad))
    assert len(shown) == 2 and all("不是有效的 JSON" in text and "未导入任何内容" in text for text in shown)


def test_tag_every_hit_asked_while_the_search_runs(qtbot, tagged_window, user_store, archive, answer_dialogs):
    answer_dialogs("早")
    tagged_window.search_bar.search_for("康乃馨")  # not waited for: the ids come after the search
    with qtbot.waitSignal(tagged_window.annotations.changed, timeout=10_000):
        tagged_window.commands.tag_all.trigger()
    assert user_store.article_ids_for_tag("早") == set(archive.search_ids("康乃馨"))


def test_tag_all_can_be_cancelled_and_changes_nothing(qtbot, tagged_window, user_store, answer_dialogs, run_search,
                                                      monkeypatch):
    from viewer.ui.progress import Progress
    from viewer.userdata import tagging

    monkeypatch.setattr(tagging, "CHUNK", 5)
    answer_dialogs("全部")
    run_search(tagged_window, "工会")
    seen = []
    monkeypatch.setattr(Progress, "progress", lambda self, done, total: seen.append((done, total)))
    monkeypatch.setattr(Progress, "cancelled", lambda self: len(seen) >= 2)  # 取消 after two chunks
    with qtbot.waitSignal(tagged_window.session.idsReady, timeout=10_000):
        tagged_window.commands.tag_all.trigger()
    assert seen[:2] == [(5, seen[0][1]), (10, seen[0][1])] and seen[0][1] > 10
    assert user_store.article_ids_for_tag("全部") == set()
    assert "全部" not in [t.name for t in user_store.tags()]  # the new tag went with the rollback
    assert "已取消" in tagged_window.statusBar().currentMessage()

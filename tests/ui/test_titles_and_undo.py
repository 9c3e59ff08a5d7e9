"""One display title in list, tree, reader and citation; continuations; undo, chips and context menus."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication

from viewer.domain import display_title
from viewer.ui.list_model import DERIVED_ROLE
from viewer.ui.reader import UNTAG


def headless(archive):
    return next(a for a in archive.articles() if not a.headline.strip() and a.body.strip())


def tree_labels(model, parent=QModelIndex(), depth=4):
    """Every label of a lazily loaded tree, fetching as it goes."""
    out = {}
    if depth == 0:
        return out
    while model.canFetchMore(parent):
        model.fetchMore(parent)
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(Qt.ItemDataRole.UserRole):
            out[index.data(Qt.ItemDataRole.UserRole)] = (index.data(), index.data(Qt.ItemDataRole.FontRole))
        out.update(tree_labels(model, index, depth - 1))
    return out


def test_a_headline_less_article_has_one_title_everywhere(qtbot, tagged_window, run_search, archive):
    window = tagged_window
    article = headless(archive)
    title = display_title(article)
    assert title.derived
    window.navigation.show_article(article.id)
    assert title.text in window.reader.toPlainText().splitlines()[:3]
    assert "（无标题）" not in window.reader.toPlainText()
    label, font = tree_labels(window.issue_model)[article.id]
    assert label == title.text and font.italic()
    run_search(window, f"\"{article.paragraphs[0][2:10]}\"")
    rows = [window.list_model.index(r, 0) for r in range(window.list_model.rowCount())]
    row = next(i for i in rows if i.data(Qt.ItemDataRole.UserRole) == article.id)
    assert row.data() == title.text and row.data(DERIVED_ROLE) is True
    window.navigation.show_article(article.id)
    window.commands.cite.trigger()
    assert f"《{title.text}》" in QGuiApplication.clipboard().text()


def test_a_continued_article_says_where_it_goes_on(qtbot, tagged_window, archive):
    window = tagged_window
    ends = next(a for a in archive.articles() if a.continued == "to")
    window.navigation.show_article(ends.id)
    assert "下转" in window.reader.toPlainText()
    starts = next(a for a in archive.articles() if a.continued == "from")
    window.navigation.show_article(starts.id)
    assert "本文上接" in window.reader.toPlainText()


def test_chip_cross_removes_a_tag_and_ctrl_z_puts_it_back(qtbot, tagged_window, user_store, archive):
    window = tagged_window
    article = next(archive.articles())
    window.navigation.show_article(article.id)
    window.annotations._tag([article.id], ["产改"])
    assert "产改" in window.reader.toPlainText()
    window.reader.anchorClicked.emit(f"{UNTAG}:%E4%BA%A7%E6%94%B9")  # the chip's ×
    assert user_store.tags_by_article([article.id])[article.id] == []
    assert "产改" not in window.reader.toPlainText()  # refreshed from the store's announcement
    window.commands.undo.trigger()
    assert user_store.tags_by_article([article.id])[article.id] == ["产改"]
    window.commands.undo.trigger()  # undo the tagging itself: the new tag goes too
    assert user_store.tags_by_article([article.id])[article.id] == []
    assert "产改" not in [t.name for t in user_store.tags()]


def test_a_bookmark_is_removed_from_its_menu_and_comes_back_with_its_note(qtbot, tagged_window, user_store, archive):
    window = tagged_window
    article = next(archive.articles())
    user_store.bookmark(article.id, "记得引用", archive.snapshot(article.id))
    panel = window.navigator.bookmark_panel
    assert panel.list.count() == 1
    point = panel.list.visualItemRect(panel.list.item(0)).center()
    menu = window.menus.bookmark_menu(panel.list, point)
    next(a for a in menu.actions() if a.text() == "删除书签").trigger()
    assert user_store.bookmarks() == [] and panel.list.count() == 0
    assert "已删除书签" in window.statusBar().currentMessage()
    window.commands.undo.trigger()
    assert [b.note for b in user_store.bookmarks()] == ["记得引用"]
    assert panel.list.count() == 1


def test_list_row_menu_takes_a_tag_off_the_selection(qtbot, tagged_window, run_search, user_store):
    window = tagged_window
    run_search(window, "工会")
    view = window.list_view
    ids = [window.list_model.hits[r].article_id for r in (0, 1)]
    user_store.tag(ids, ["待查"])
    view.selectRow(0)
    point = view.visualRect(window.list_model.index(0, 0)).center()
    menu = window.menus.list_menu(view, point)
    texts = [a.text() for a in menu.actions()]
    assert "复制引用" in texts and "加标签…" in texts
    untag = next(a for a in menu.actions() if a.text() == "去掉标签").menu()
    next(a for a in untag.actions() if a.text() == "待查").trigger()
    assert user_store.tags_by_article(ids) == {ids[0]: [], ids[1]: ["待查"]}
    assert window.list_model.index(0, 5).data() == ""  # the tags column followed
    assert window.list_model.index(1, 5).data(Qt.ItemDataRole.DecorationRole) is not None  # a coloured dot


def test_tree_node_menu_opens_an_article(qtbot, tagged_window, archive):
    window = tagged_window
    tree = window.navigator.issue_tree
    model = window.issue_model
    index = model.index(0, 0)
    menu = window.menus.tree_menu(tree, tree.visualRect(index).center(), by_region=False)
    assert [a.text() for a in menu.actions()] == ["列出这里的文章"]
    menu.actions()[0].trigger()
    assert window.list_model.rowCount() > 0
    assert window.menus.tree_menu(tree, QPoint(-5, -5), by_region=False) is None


def test_stepping_hits_says_which_hit(qtbot, tagged_window, run_search):
    window = tagged_window
    run_search(window, "职工")
    window.reader.next_hit()
    total = window.reader.hit_count
    assert total > 1
    assert window.statusBar().currentMessage() == f"第 2/{total} 处"


def test_user_data_down_gives_a_message_not_a_traceback(qtbot, tagged_window, user_store, archive, monkeypatch):
    from PySide6 import QtWidgets

    from viewer.userdata.database import UserDataError

    window = tagged_window
    window.navigation.show_article(next(archive.articles()).id)
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    user_store.engine.dispose()
    # the server goes away: every transaction fails as the store reports it
    monkeypatch.setattr(type(user_store), "_transaction",
                        lambda *a, **k: (_ for _ in ()).throw(UserDataError("down", "无法连接团队数据库")))
    window.commands.bookmark.trigger()
    window.annotations.untag_current("x")
    assert len(shown) == 2 and all("无法连接团队数据库" in m for m in shown)


def test_an_article_failing_its_checksum_is_explained_in_the_reader(qtbot, tagged_window, archive, monkeypatch):
    from viewer.errors import ArchiveError

    window = tagged_window
    article = next(archive.articles())

    def damaged(_article_id):
        raise ArchiveError("bad", "档案文件已损坏：文章校验失败")

    monkeypatch.setattr(window.navigation.archive, "article", damaged)
    window.navigation.show_article(article.id)
    assert "无法打开这篇文章" in window.reader.toPlainText()
    assert window.reader.article is None


def test_a_continued_article_links_to_its_other_part_on_another_page(qtbot, seed_archive_path, tmp_path, ini):
    """Two parts of one article on two pages of the same issue date: the reader links them both ways."""
    import shutil
    import sqlite3

    from viewer.archive import Archive, schema
    from viewer.ui.main_window import MainWindow

    path = tmp_path / "continued.sqlite"
    shutil.copy(seed_archive_path, path)
    with sqlite3.connect(path) as conn:  # move the part that starts mid-text onto a page 2 of that issue
        conn.execute("INSERT INTO issue (publication_id, date, date_precision, date_inferred, page, section,"
                     " editors, source_file, source_sha256) SELECT publication_id, date, date_precision,"
                     " date_inferred, 2, section, editors, source_file || '#2', source_sha256 FROM issue WHERE id ="
                     " (SELECT issue_id FROM article WHERE key = '004-6eb46a517a8a')")
        conn.execute("UPDATE article SET issue_id = (SELECT max(id) FROM issue) WHERE key = '004-6eb46a517a8a'")
        conn.execute("UPDATE article SET continued = '' WHERE key = '004-163492aaf5b1'")  # one candidate left
        for key in ("004-6eb46a517a8a", "004-163492aaf5b1"):  # their checksums follow the edit
            row = conn.execute(schema.ARTICLE_SQL + " WHERE a.key = ?", (key,)).fetchone()
            conn.execute("UPDATE article_check SET crc = ? WHERE key = ?", (schema.row_checksum(row), key))
    archive = Archive.open(path)
    assert archive.trees.continuation("004-b17c867c7731", "to") == "004-6eb46a517a8a"
    assert archive.trees.continuation("004-6eb46a517a8a", "from") == "004-b17c867c7731"
    window = MainWindow(archive, ini)
    qtbot.addWidget(window)
    window.navigation.show_article("004-b17c867c7731")
    assert "阅读下文" in window.reader.toPlainText()
    window.reader.anchorClicked.emit("article:004-6eb46a517a8a")
    assert window.reader.article.id == "004-6eb46a517a8a"
    assert "本文上接" in window.reader.toPlainText() and "阅读上文" in window.reader.toPlainText()
    window.session.stop()

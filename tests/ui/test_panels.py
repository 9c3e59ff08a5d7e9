"""The panels and the shell: list labels, navigator tabs, help dialogs, every command wired."""

import ast
import inspect

import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import QModelIndex

from viewer.domain import Facets, SearchResult
from viewer.ui import main_window
from viewer.ui.list_panel import ListPanel
from viewer.ui.navigator_panel import NavigatorPanel


def test_the_list_panel_says_what_is_listed(qtbot):
    panel = ListPanel()
    qtbot.addWidget(panel)
    panel.searching("<b>工会</b>")
    assert panel.label.text() == "正在查找“<b>工会</b>”…"  # shown as typed, never as markup
    result = SearchResult(query="工会", total=7, hits=(), notice="引号不成对，已按普通文字查找", elapsed_ms=3.0)
    panel.hits_shown(result)
    assert "正在统计" in panel.label.text()
    panel.finished(result, Facets())
    assert panel.label.text() == "“工会”：找到 7 篇　引号不成对，已按普通文字查找"
    assert panel.summary.text() == "找到 7 篇，用时 3 毫秒"
    panel.failed("请输入要查找的文字")
    assert panel.label.text() == "请输入要查找的文字"
    assert panel.view.isColumnHidden(5)
    panel.show_tags_column()
    assert not panel.view.isColumnHidden(5)


def test_the_navigator_reports_the_chosen_node(qtbot, archive, user_store):
    panel = NavigatorPanel(archive)
    qtbot.addWidget(panel)
    index = panel.region_model.index(0, 0, QModelIndex())
    with qtbot.waitSignal(panel.nodeChosen) as blocker:
        panel.issue_tree.clicked.emit(panel.issue_model.index(0, 0, QModelIndex()))
    assert blocker.args[1] is False
    with qtbot.waitSignal(panel.nodeChosen) as blocker:
        panel.region_tree.activated.emit(index)
    assert blocker.args == [index, True]
    user_store.tag([archive.search_ids("康乃馨")[0]], ["关爱"])
    panel.attach_user_data(user_store, archive.existing_ids)
    assert [panel.tabText(i) for i in range(panel.count())] == ["地区", "期次", "标签", "书签"]
    with qtbot.waitSignal(panel.tagChosen) as blocker:
        panel.tag_panel.itemClicked.emit(panel.tag_panel.topLevelItem(0), 0)
    assert blocker.args == ["关爱"]


def test_help_dialogs(tagged_window, monkeypatch):
    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QtWidgets.QMessageBox, "about", lambda *a: shown.append(a[2]))
    tagged_window.commands.syntax.trigger()
    tagged_window.commands.about.trigger()
    assert "地区:盐城" in shown[0] and str(tagged_window.archive.path) in shown[1]


def test_every_command_is_wired_once(qtbot, tagged_window):
    from PySide6.QtGui import QAction

    from viewer.ui.commands import Commands

    bare_window = QtWidgets.QMainWindow()
    qtbot.addWidget(bare_window)
    bare = Commands(bare_window, QtWidgets.QWidget())  # menus and toolbar only: nothing wired
    actions = {name: a for name, a in vars(tagged_window.commands).items() if isinstance(a, QAction)}
    assert len(actions) > 25
    for name, action in actions.items():
        signal = "2triggered(bool)"
        assert action.receivers(signal) == getattr(bare, name).receivers(signal) + 1, name


def test_the_shell_is_small_and_wires_in_one_place():
    source = inspect.getsource(main_window)
    assert len(source.splitlines()) <= 300
    tree = ast.parse(source)
    wiring = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_connect_signals")
    inside = {id(n) for n in ast.walk(wiring)}
    connects = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and n.func.attr in ("connect", "installEventFilter")]
    assert connects and all(id(n) in inside for n in connects)


@pytest.mark.parametrize("room", ["search_session", "navigation", "annotation_actions", "output_actions",
                                  "settings", "search_bar", "list_panel", "navigator_panel", "commands"])
def test_rooms_do_not_import_each_other(room):
    rooms = {"search_session", "navigation", "annotation_actions", "output_actions", "settings", "search_bar",
             "list_panel", "navigator_panel", "commands", "help_dialogs"}
    module = __import__(f"viewer.ui.{room}", fromlist=["x"])
    tree = ast.parse(inspect.getsource(module))
    imported = {n.module.rsplit(".", 1)[-1] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not (imported & rooms - {room})


def test_navigator_labels_follow_the_interface_language():
    from viewer.ui.tree_model import node_label

    assert node_label("2025-03-17（推断） 第1版", "zh_CN") == "2025-03-17（推断） 第1版"
    assert node_label("2025-03-17（推断） 第1版", "en") == "2025-03-17 (inferred) page 1"
    assert node_label("日期不详", "en") == "date unknown"

"""Window settings: keys, restore and save, language and team database."""

from PySide6 import QtWidgets
from PySide6.QtWidgets import QMainWindow, QSplitter

from viewer.ui import settings as keys
from viewer.ui.reader import ReaderView
from viewer.ui.settings import WindowSettings


def test_state_round_trip(qtbot, ini, archive):
    window, reader, splitter, other_reader = QMainWindow(), ReaderView(), QSplitter(), ReaderView()
    for widget in (window, reader, splitter, other_reader):
        qtbot.addWidget(widget)
    splitter.addWidget(QtWidgets.QLabel("a"))
    splitter.addWidget(QtWidgets.QLabel("b"))
    rooms = WindowSettings(ini, window)
    article = next(archive.articles())
    reader.show_article(article, [])
    reader.set_zoom(2)
    rooms.save(window, {keys.SPLITTER: splitter}, reader)
    assert WindowSettings(ini, window).restore(window, {keys.SPLITTER: splitter}, other_reader) == article.id
    assert other_reader.zoom == 2


def owner(qtbot):
    widget = QtWidgets.QWidget()
    qtbot.addWidget(widget)
    return widget


def test_remembered_as_it_happens(ini, qtbot):
    rooms = WindowSettings(ini, owner(qtbot))
    rooms.remember_article("abc")
    rooms.remember_zoom(-2)
    assert ini.value(keys.LAST_ARTICLE) == "abc" and int(ini.value(keys.ZOOM)) == -2


def test_language_choice_is_kept_and_announced(ini, qtbot, monkeypatch):
    monkeypatch.setattr(QtWidgets.QMessageBox, "information", lambda *a: None)
    rooms = WindowSettings(ini, owner(qtbot))
    with qtbot.waitSignal(rooms.languageChosen) as blocker:
        rooms.choose_language("en")
    assert blocker.args == ["en"] and ini.value(keys.LANGUAGE) == "en"


def test_team_database_address_is_checked(qtbot, ini, monkeypatch):
    rooms = WindowSettings(ini, owner(qtbot))
    warned = []
    monkeypatch.setattr(QtWidgets.QInputDialog, "getText", lambda *a, **k: ("mysql://x", True))
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    rooms.choose_team_database()
    assert warned and not ini.value(keys.TEAM_URL)

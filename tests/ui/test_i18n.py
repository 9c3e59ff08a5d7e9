"""English comes from the compiled Qt translation; the .ts covers every string the UI marks."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from viewer import paths
from viewer.ui.i18n import chosen_language, install_translator
from viewer.ui.main_window import MainWindow

TS = paths.translations_dir() / "viewer_en.ts"


def sources(ts_path):
    return {m.findtext("source") for m in ET.parse(ts_path).getroot().iter("message")}


def test_every_marked_string_has_an_english_translation(tmp_path):
    root = ET.parse(TS).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") or not m.findtext("translation")]
    assert unfinished == []
    beside_python = Path(sys.executable).parent / "pyside6-lupdate"
    lupdate = str(beside_python) if beside_python.exists() else shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    ui = paths.bundle_root() / "viewer" / "ui"
    subprocess.run([lupdate, *map(str, sorted(ui.glob("*.py"))), "-ts", str(fresh)], check=True, capture_output=True)
    assert sources(fresh) <= sources(TS), "run pyside6-lupdate and translate the new strings"


def test_english_window(qtbot, qapp, archive, tmp_path):
    translator = install_translator(qapp, "en")
    assert translator is not None
    try:
        window = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        assert window.windowTitle() == "Press Archive Viewer"
        assert [a.text() for a in window.menuBar().actions()][0] == "&File"
        assert window.navigator.tabText(1) == "Issues"
        assert window.list_model.headerData(0, Qt.Orientation.Horizontal) == "Headline"
        window.session.stop()
    finally:
        qapp.removeTranslator(translator)


def test_language_override_wins(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "en")
    assert chosen_language(settings) == "en"
    settings.setValue("ui/language", "zh_CN")
    assert chosen_language(settings) == "zh_CN"


def window_texts(window):
    """The interface's own words: actions, menus, tabs, buttons, list headers and their tips (not data)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QMenu, QTabWidget

    texts = []
    for action in window.findChildren(QAction):
        if action not in (window.commands.zh, window.commands.en):  # each language named in itself
            texts += [action.text(), action.toolTip()]
    texts += [menu.title() for menu in window.findChildren(QMenu)]
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for button in window.findChildren(QAbstractButton):
        texts += [button.text(), button.toolTip()]
    model = window.list_model
    texts += [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    return [t for t in texts if t]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_untranslated_string_in_either_language(qtbot, qapp, archive, user_store, tmp_path, language):
    import re

    translator = install_translator(qapp, language)
    try:
        window = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), store=user_store)
        qtbot.addWidget(window)
        texts = window_texts(window)
        assert len(texts) > 60
        from viewer.ui.i18n import ui_language

        assert ui_language() == language
        if language == "en":
            assert [t for t in texts if re.search(r"[\u3000-\u9fff\uff00-\uffef]", t)] == []
        else:
            allowed = {"PDF", "Word", "Excel", "CSV", "GB/T", "Ctrl", "Shift", "Alt", "PgUp", "PgDown", "Del"}
            words = {w for t in texts for w in re.findall(r"[A-Za-z]{3,}", t)}
            assert words <= allowed
        window.session.stop()
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)

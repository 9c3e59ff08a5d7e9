"""Qt's own strings (standard buttons, dialogs) are Chinese in the Chinese UI and English otherwise."""

from PySide6.QtWidgets import QColorDialog, QDialogButtonBox, QLabel, QMessageBox

from viewer.ui.i18n import QT_CHINESE, install_translator, qt_translations


def _buttons(qtbot) -> list[str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    qtbot.addWidget(box)
    return sorted(b.text().replace("&", "") for b in box.buttons())


def test_the_qt_installation_has_the_chinese_translation():
    assert (qt_translations() / QT_CHINESE).is_file()


def test_standard_buttons_read_chinese_in_the_chinese_ui(qtbot, qapp):
    assert _buttons(qtbot) == sorted(["OK", "Cancel", "Yes", "No"])
    translator = install_translator(qapp, "zh_CN")
    assert translator is not None
    try:
        assert _buttons(qtbot) == sorted(["确定", "取消", "是(Y)", "否(N)"])
        box = QMessageBox(QMessageBox.Icon.Question, "覆盖", "文件已存在",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard)
        qtbot.addWidget(box)
        assert sorted(b.text() for b in box.buttons()) == sorted(["保存", "丢弃"])
        colours = QColorDialog()
        colours.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
        qtbot.addWidget(colours)
        assert "基本颜色(&B)" in [label.text() for label in colours.findChildren(QLabel)]
    finally:
        qapp.removeTranslator(translator)
    assert _buttons(qtbot) == sorted(["OK", "Cancel", "Yes", "No"])

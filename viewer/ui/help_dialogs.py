"""The help menu's dialogs: the query syntax and the archive's particulars."""

from __future__ import annotations

from PySide6 import QtWidgets  # dialogs: their classes load when first used
from PySide6.QtCore import QObject, Slot

from viewer.archive import Archive


class HelpDialogs(QObject):
    """Shows the help texts over the window."""

    def __init__(self, archive: Archive, window: QtWidgets.QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.window = window

    @Slot()
    def show_syntax_help(self) -> None:
        QtWidgets.QMessageBox.information(self.window, self.tr("查询语法"), self.tr(
            "空格分隔的词须同时出现；连写的中文按原文连续匹配。\n"
            "\"带 空格的 短语\"　OR 表示或者　-词 表示排除\n"
            "标题:工会　作者:王鑫　地区:盐城（含下属县区）　日期:2025 / 2025-03 / 2025-03-01..2025-04-30　出版物:江苏工人报　标签:产改（含下级标签）　类型:图片 / 简讯 / 专栏 / 转载 / 续\n"
            "勾选“模糊”：把一句话拆成词，各词都出现即可。"))

    @Slot()
    def show_about(self) -> None:
        meta = self.archive.meta()
        QtWidgets.QMessageBox.about(self.window, self.tr("关于"), self.tr(
            "报刊档案阅览\n档案：{0}\n共 {1} 篇，生成于 {2}").format(
            self.archive.path, self.archive.article_count(), meta.get("built_at", "?")))

"""The Word compilation's title page, asked from the user: a title and a date range (suggested)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget


class CompileDialog(QDialog):
    """Two fields, both pre-filled: the title (the search or 文章汇编) and the date range (date_span)."""

    def __init__(self, title: str, date_range: str, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("汇编为 Word"))
        self.title_box = QLineEdit(title)
        self.range_box = QLineEdit(date_range)
        self.range_box.setPlaceholderText(self.tr("例如：2025年3月—2025年7月"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("共 {0} 篇文章").format(count), None)
        form.addRow(self.tr("标题："), self.title_box)
        form.addRow(self.tr("日期范围："), self.range_box)
        form.addRow(buttons)
        self.resize(460, self.sizeHint().height())

    @property
    def title(self) -> str:
        return self.title_box.text().strip()

    @property
    def date_range(self) -> str:
        return self.range_box.text().strip()

"""The search bar: the query box with its history, 模糊 and 在结果中搜索."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

HISTORY_SIZE = 50


class SearchBar(QWidget):
    """Sends what the user typed (within the current search when asked); Esc clears the box.

    Attributes:
        box: the query box.
        history: recent queries, offered as completions.
        current_query: the search the list shows ('' for a navigator node), for 在结果中搜索.

    Signals:
        submitted(str, bool): a query to search and whether in 模糊 mode.
        remembered(str): a typed query to keep in the history.
    """

    submitted = Signal(str, bool)
    remembered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_query = ""
        self.box = QLineEdit()
        self.box.setClearButtonEnabled(True)
        self.box.setPlaceholderText(self.tr("查找：劳模工匠助企行　地区:盐城　日期:2025　\"工会\" -南京（Ctrl+F）"))
        self.history = QStringListModel(self)
        completer = QCompleter(self.history, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.box.setCompleter(completer)
        self.loose_box = QCheckBox(self.tr("模糊"))
        self.loose_box.setToolTip(self.tr("把一句话拆成词，各词都出现即可"))
        self.within_box = QCheckBox(self.tr("在结果中搜索"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.loose_box)
        layout.addWidget(self.within_box)
        self.box.installEventFilter(self)
        self.box.returnPressed.connect(self.run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            self.box.clear()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def focus(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    @Slot()
    def run(self) -> None:
        text = self.box.text().strip()
        if not text:
            return
        within = self.within_box.isChecked() and self.current_query
        self.remember(text)
        self.submitted.emit(f"{self.current_query} {text}" if within else text, self.loose_box.isChecked())

    @Slot(str)
    def search_for(self, query: str) -> None:
        """Search for exactly this (a tag, a saved search)."""
        self.within_box.setChecked(False)
        self.box.setText(query)
        self.run()

    @Slot(str)
    def add_filter(self, token: str) -> None:
        """A facet was clicked: narrow the current search by it."""
        if token in self.current_query.split():
            return
        self.search_for(f"{self.current_query} {token}".strip())

    @Slot(str)
    def set_current(self, query: str) -> None:
        self.current_query = query

    def remember(self, text: str) -> None:
        items = [text] + [h for h in self.history.stringList() if h != text]
        self.history.setStringList(items[:HISTORY_SIZE])
        self.remembered.emit(text)

    def add_history(self, past: list[str]) -> None:
        """Older queries (from user data) after the ones of this session."""
        self.history.setStringList(list(dict.fromkeys([*self.history.stringList(), *past]))[:HISTORY_SIZE])

"""The current search's field filters (地区:盐城市, 日期:2025 ...) as chips; a chip's × searches again without it."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from viewer.archive.query import FIELD_ALIASES, TOKEN_RE

_FIELD = re.compile(r"^-?([^\s:：]+)[:：]")


def filters_of(query: str) -> list[str]:
    """The field-filter tokens of a query, in order (words and phrases are not filters)."""
    out = []
    for match in TOKEN_RE.finditer(query):
        token = match.group(0)
        field = _FIELD.match(token)
        if field and field.group(1).lower() in FIELD_ALIASES:
            out.append(token)
    return out


def without(query: str, token: str) -> str:
    """The query with one filter token taken out."""
    tokens = [m.group(0) for m in TOKEN_RE.finditer(query)]
    if token in tokens:
        tokens.remove(token)
    return " ".join(tokens)


class FilterChips(QWidget):
    """A row of chips, one per filter of the query shown; hidden when there are none.

    Signals:
        searchWanted(str): the query without the filter whose chip was closed.
    """

    searchWanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.chips: list[QToolButton] = []
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(1)
        self.hide()

    @Slot(str)
    def show_query(self, query: str) -> None:
        self.query = query
        for chip in self.chips:
            chip.deleteLater()
        self.chips = []
        for token in filters_of(query):
            chip = QToolButton()
            chip.setText(f"{token}  ×")
            chip.setToolTip(self.tr("去掉这个筛选条件"))
            chip.setStyleSheet("QToolButton { background:#e8eef7; border:1px solid #b8c7dd; border-radius:8px;"
                               " padding:1px 6px; }")
            chip.clicked.connect(lambda _checked=False, t=token: self.searchWanted.emit(without(self.query, t)))
            self.row.insertWidget(len(self.chips), chip)
            self.chips.append(chip)
        self.setVisible(bool(self.chips))

    @Slot()
    def clear(self) -> None:
        self.show_query("")

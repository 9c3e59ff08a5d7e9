"""Facet counts (city, publication, year) for the current search; a click adds that filter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from viewer.archive.facets import UNKNOWN
from viewer.domain import Facets

FILTER_ROLE = Qt.ItemDataRole.UserRole


class FacetPanel(QTreeWidget):
    """Three groups of counts; emits `filterChosen("地区:盐城市")` when a value is clicked."""

    filterChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.hide()  # until a search has facets to show

    def clear(self) -> None:
        """No facets: the panel is hidden (the trees get its room)."""
        super().clear()
        self.hide()

    def show_facets(self, facets: Facets) -> None:
        self.clear()
        groups = (
            (self.tr("地区"), "地区", facets.region),
            (self.tr("出版物"), "出版物", facets.publication),
            (self.tr("年份"), "日期", facets.year),
        )
        for title, field, values in groups:
            if not values:
                continue
            group = QTreeWidgetItem(self, [title])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for facet in values:
                item = QTreeWidgetItem(group, [f"{facet.value}（{facet.count}）"])
                if facet.value != UNKNOWN:
                    item.setData(0, FILTER_ROLE, f"{field}:{facet.value}")
                    item.setToolTip(0, self.tr("只看这一项"))
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.expandAll()
        self.setVisible(self.topLevelItemCount() > 0)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        token = item.data(0, FILTER_ROLE)
        if token:
            self.filterChosen.emit(token)

"""Item delegates: the list's headline with its highlighted snippet below it."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from viewer.ui.list_model import DERIVED_ROLE, SNIPPET_ROLE
from viewer.ui.tree_model import DERIVED_COLOUR


class SnippetDelegate(QStyledItemDelegate):
    """Draws the headline with its highlighted snippet below it (search results)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        snippet = index.data(SNIPPET_ROLE) or ""
        title = html.escape(index.data() or "")
        if index.data(DERIVED_ROLE):  # made from the lead: the paper printed no headline (grey unless selected)
            selected = option.state & QStyle.StateFlag.State_Selected
            title = f"<i>{title}</i>" if selected else f"<i style='color:{DERIVED_COLOUR}'>{title}</i>"
        doc.setHtml(f"<b>{title}</b><br><span style='color:#555'>{snippet}</span>")
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
        self.initStyleOption(option, index)
        widget: QWidget | None = option.widget  # type: ignore[assignment]
        style = widget.style() if widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), min(int(doc.size().height()) + 4, 90))

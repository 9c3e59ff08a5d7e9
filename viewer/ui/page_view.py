"""The printed page (版面): the PDF page as an image, articles' areas marked, zoom, pan, click to open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsView, QWidget

from viewer.errors import KnownError
from viewer.ingest import pdf

RENDER_DPI = 110.0
ZOOM_STEP = 1.25
CURRENT = QColor(208, 32, 32)
OTHER = QColor(40, 90, 200)


class PageView(QGraphicsView):
    """Shows one printed page; the current article's area in red, the others faintly in blue.

    Signals:
        articleClicked(str): the key of the article whose area was clicked.
    """

    articleClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor(90, 90, 90))
        self.areas: dict[str, list[QGraphicsRectItem]] = {}
        self.current: str | None = None
        self.page_height = 0.0
        self.scale_px = RENDER_DPI / 72.0
        self.zoom = 1.0
        self._source: tuple[Path, int] | None = None

    def show_page(self, pdf_path: Path, number: int, height: float, areas: dict[str, tuple[pdf.Box, ...]],
                  current: str | None = None) -> str:
        """Render the page (unless already shown) and mark the areas; '' or the reason it cannot be shown."""
        if self._source != (pdf_path, number):
            try:
                data, width, pixel_height, stride = pdf.render_page(pdf_path, number, RENDER_DPI)
            except KnownError as e:
                self.clear_page()
                return e.message_zh
            image = QImage(data, width, pixel_height, stride, QImage.Format.Format_RGB888).copy()
            self.scene().clear()
            self.areas = {}
            self.scene().addPixmap(QPixmap.fromImage(image))
            self.scene().setSceneRect(QRectF(0, 0, width, pixel_height))
            self._source = (pdf_path, number)
            self.page_height = height
        for items in self.areas.values():
            for item in items:
                self.scene().removeItem(item)
        self.areas = {}
        for key, boxes in areas.items():
            self.areas[key] = [self._rect(box) for box in boxes]
        self.set_current(current)
        return ""

    def clear_page(self) -> None:
        self.scene().clear()
        self.areas = {}
        self._source = None
        self.current = None

    def _rect(self, box: pdf.Box) -> QGraphicsRectItem:
        s = self.scale_px
        item = self.scene().addRect(QRectF(box[0] * s, (self.page_height - box[3]) * s,
                                           (box[2] - box[0]) * s, (box[3] - box[1]) * s))
        item.setZValue(1)
        return item

    def set_current(self, key: str | None) -> None:
        """Mark this article's area as the current one and bring it into view."""
        self.current = key
        for name, items in self.areas.items():
            color = CURRENT if name == key else OTHER
            fill = QColor(color)
            fill.setAlpha(40 if name == key else 12)
            for item in items:
                item.setPen(QPen(color, 3 if name == key else 1))
                item.setBrush(QBrush(fill))
        if key in self.areas and self.areas[key]:
            self.ensureVisible(self.areas[key][0], 40, 40)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.2, min(zoom, 6.0))
        self.resetTransform()
        self.scale(self.zoom, self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        rect = self.scene().sceneRect()
        if rect.width() > 0:
            self.set_zoom((self.viewport().width() - 4) / rect.width())

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in() if event.angleDelta().y() > 0 else self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def key_at(self, scene_x: float, scene_y: float) -> str | None:
        """The article whose area holds this scene point."""
        for key, items in self.areas.items():
            if any(item.rect().contains(scene_x, scene_y) for item in items):
                return key
        return None

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        point = self.mapToScene(event.position().toPoint())
        key = self.key_at(point.x(), point.y())
        if key is not None and key != self.current and event.button() == Qt.MouseButton.LeftButton:
            self.set_current(key)
            self.articleClicked.emit(key)
        super().mousePressEvent(event)

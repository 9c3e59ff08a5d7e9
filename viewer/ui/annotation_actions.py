"""What the user adds to articles: favourite keys 1-9 and 0, tags on a selection or every hit,
bookmarks, notes, saved searches, and annotations exported and imported."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # dialogs: their classes load when first used
from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from viewer.archive import Archive
from viewer.domain import Article

if TYPE_CHECKING:  # user data is imported when it is attached, after the window shows
    from viewer.userdata import UserStore


class AnnotationActions(QObject):
    """Tags, bookmarks and notes on the articles the user points at; nothing before `attach`.

    Attributes:
        store: the user's data (None until attached).
        query: the current search ('' when the list shows a navigator node).

    Signals:
        changed(): tags, bookmarks or saved searches changed.
        idsWanted(): every hit of the current search is wanted (answered by `tag_every_hit`).
        status(str): a message for the status bar.
    """

    changed = Signal()
    idsWanted = Signal()
    status = Signal(str)

    def __init__(self, archive: Archive, window: QWidget, selected_ids: Callable[[], list[str]],
                 current_article: Callable[[], Article | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.window = window
        self.selected_ids = selected_ids
        self.current_article = current_article
        self.store: UserStore | None = None
        self.query = ""

    def attach(self, store: UserStore) -> None:
        self.store = store

    @Slot(str)
    def set_query(self, query: str) -> None:
        self.query = query

    def chips(self, article_id: str) -> list[tuple[str, str]]:
        """The article's tags as (name, colour), for the reader."""
        if self.store is None:
            return []
        colours = self.store.tag_colours()
        return [(name, colours.get(name, "")) for name in self.store.tags_by_article([article_id])[article_id]]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys 1-9 toggle the favourite tags on the selection, 0 clears them (outside text boxes)."""
        if event.type() == QEvent.Type.KeyPress and self.store is not None:
            key = event.key()  # type: ignore[attr-defined]
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)  # type: ignore[attr-defined]
            if plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
                number = key - Qt.Key.Key_0
                self.toggle_favourite(number) if number else self.clear_favourites()
                return True
        return super().eventFilter(watched, event)

    def _snapshots(self, ids: list[str]) -> list:  # type: ignore[type-arg]
        return [self.archive.snapshot(i) for i in ids]

    def _tag(self, ids: list[str], names: list[str]) -> None:
        assert self.store is not None
        self.store.tag(ids, names, self._snapshots(ids))
        self.changed.emit()
        self.status.emit(self.tr("已给 {0} 篇文章加上标签：{1}").format(len(ids), "、".join(names)))

    @Slot()
    def tag_selection(self) -> None:
        ids = self.selected_ids()
        if self.store is None or not ids:
            return
        names = [t.name for t in self.store.tags()]
        name, ok = QtWidgets.QInputDialog.getItem(
            self.window, self.tr("加标签"), self.tr("给选中的 {0} 篇文章加标签：").format(len(ids)), names, 0, True)
        if ok and name.strip():
            self._tag(ids, [name.strip()])

    @Slot()
    def tag_all_hits(self) -> None:
        """Ask for every hit of the current search (the session answers when there is one, after the
        search itself); `tag_every_hit` asks for the tag once they come."""
        if self.store is not None:
            self.idsWanted.emit()

    @Slot(str, list)
    def tag_every_hit(self, query: str, ids: list[str]) -> None:
        if self.store is None or not ids:
            return
        name, ok = QtWidgets.QInputDialog.getText(self.window, self.tr("给全部结果加标签"),
                                                  self.tr("“{0}”共 {1} 篇。标签名：").format(query, len(ids)))
        if not ok or not name.strip():
            return
        answer = QtWidgets.QMessageBox.question(self.window, self.tr("给全部结果加标签"),
                                                self.tr("确定给 {0} 篇文章加上标签“{1}”？").format(len(ids), name.strip()))
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self._tag(ids, [name.strip()])

    def toggle_favourite(self, number: int) -> None:
        """Keys 1-9: put the favourite tag on the selected articles, or take it off."""
        if self.store is None:
            return
        name = self.store.favourite_tags().get(number)
        if name is None:
            self.status.emit(self.tr("常用键 {0} 还没有标签：在标签页右键一个标签设置").format(number))
            return
        ids = self.selected_ids()
        if ids:
            added = self.store.toggle_tag(ids, name, self._snapshots(ids))
            self.changed.emit()
            message = self.tr("已加上标签：{0}") if added else self.tr("已去掉标签：{0}")
            self.status.emit(message.format(name))

    def clear_favourites(self) -> None:
        ids = self.selected_ids()
        if self.store is not None and ids:
            self.store.clear_favourite_tags(ids)
            self.changed.emit()

    @Slot()
    def bookmark_current(self) -> None:
        article = self.current_article()
        if self.store is None or article is None:
            return
        self.store.bookmark(article.id, None, self.archive.snapshot(article.id))
        self.changed.emit()
        self.status.emit(self.tr("已加书签：{0}").format(article.headline))

    @Slot()
    def edit_note(self) -> None:
        article = self.current_article()
        if self.store is None or article is None:
            return
        current = next((b.note for b in self.store.bookmarks() if b.article_id == article.id), "")
        note, ok = QtWidgets.QInputDialog.getMultiLineText(self.window, self.tr("笔记"),
                                                           article.headline or article.id, current)
        if ok:
            self.store.bookmark(article.id, note, self.archive.snapshot(article.id))
            self.changed.emit()

    @Slot()
    def save_search(self) -> None:
        """Keep the current search under a name (listed in the 书签 tab)."""
        if self.store is None or not self.query:
            return
        name, ok = QtWidgets.QInputDialog.getText(self.window, self.tr("保存搜索"), self.tr("名称："), text=self.query)
        if ok and name.strip():
            self.store.save_search(name.strip(), self.query)
            self.changed.emit()

    @Slot()
    def export_annotations(self, path: str = "") -> None:
        if self.store is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, self.tr("导出标注"), "annotations.json",
                                                            "JSON (*.json)")
        if path:
            from viewer.userdata.transfer import export_annotations

            Path(path).write_text(json.dumps(export_annotations(self.store), ensure_ascii=False, indent=1),
                                  encoding="utf-8")

    @Slot()
    def import_annotations(self, path: str = "") -> None:
        if self.store is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, self.tr("导入标注"), "", "JSON (*.json)")
        if not path:
            return
        from viewer.userdata.store import UserDataError
        from viewer.userdata.transfer import import_annotations

        try:
            added = import_annotations(self.store, json.loads(Path(path).read_text(encoding="utf-8-sig")))
        except (OSError, ValueError) as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("导入标注"), self.tr("无法读取文件：{0}").format(e))
            return
        except UserDataError as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("导入标注"), e.message_zh)
            return
        self.changed.emit()
        QtWidgets.QMessageBox.information(self.window, self.tr("导入标注"), self.tr(
            "新增标签 {0} 个、标签关联 {1} 条、书签 {2} 个。").format(added["tags"], added["article_tags"], added["bookmarks"]))

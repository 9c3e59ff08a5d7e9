"""The 标签 and 书签 navigator tabs: tags with counts (and their editing), bookmarks with notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # menus and dialogs: their classes load when first used
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.domain import Orphan, TagInfo

if TYPE_CHECKING:  # user data is imported when it is attached, after the window shows
    from viewer.userdata import UserStore

NAME_ROLE = Qt.ItemDataRole.UserRole
ARTICLE_ROLE = Qt.ItemDataRole.UserRole


def colour_icon(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color or "#9da5b4"))
    return QIcon(pixmap)


class TagPanel(QTreeWidget):
    """Tags as a tree (父/子) with the number of articles of this archive carrying each.

    Emits `tagChosen(name)` on a click; the context menu renames, merges, deletes, colours,
    moves and assigns the favourite keys 1-9. Names are always shown as plain text.
    """

    tagChosen = Signal(str)
    changed = Signal()

    def __init__(self, existing: Callable[[set[str]], set[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: UserStore = None  # type: ignore[assignment]  # set by attach, before the tab shows
        self.existing = existing
        self.orphans: list[Orphan] = []
        self.setHeaderHidden(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemClicked.connect(self._clicked)

    def attach(self, store: UserStore, orphans: list[Orphan]) -> None:
        self.store = store
        self.orphans = orphans
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        if self.store is None:
            return
        tags = self.store.tags()
        present = self.existing(set().union(*(t.count_ids for t in tags))) if tags else set()
        items: dict[str, QTreeWidgetItem] = {}
        pending = list(tags)
        while pending:
            waiting: list[TagInfo] = []
            for tag in pending:
                if tag.parent and tag.parent not in items:
                    waiting.append(tag)
                    continue
                under = items.get(tag.parent) if tag.parent else None
                key = f"  [{tag.shortcut}]" if tag.shortcut else ""
                text = f"{tag.name}（{len(tag.count_ids & present)}）{key}"  # a parent counts its children's
                item = QTreeWidgetItem(under) if under else QTreeWidgetItem(self)
                item.setText(0, text)
                item.setData(0, NAME_ROLE, tag.name)
                item.setIcon(0, colour_icon(tag.color))
                item.setToolTip(0, tag.name)
                items[tag.name] = item
            if len(waiting) == len(pending):  # parents missing: show at the top
                waiting = [TagInfo(t.name, t.color, None, t.shortcut, t.article_ids) for t in waiting]
            pending = waiting
        if self.orphans:
            group = QTreeWidgetItem(self, [self.tr("孤立的标注（{0}）").format(len(self.orphans))])
            group.setToolTip(0, self.tr("档案更新后找不到这些文章；标注仍然保留，可导出或删除"))
            for orphan in self.orphans:
                snap = orphan.snapshot
                text = f"{snap.headline or snap.article_id} · {snap.publication} {snap.issue_date or ''}"
                if orphan.tags:
                    text += "  [" + "、".join(orphan.tags) + "]"
                if orphan.note:
                    text += "  " + orphan.note.replace("\n", " ")
                QTreeWidgetItem(group, [text]).setToolTip(0, snap.article_id)
        self.expandAll()

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        name = item.data(0, NAME_ROLE)
        if name:
            self.tagChosen.emit(name)

    def _menu(self, point: QPoint) -> None:
        item = self.itemAt(point)
        name = item.data(0, NAME_ROLE) if item is not None else None
        if not name:
            return
        menu = QtWidgets.QMenu(self)
        menu.addAction(self.tr("重命名…"), lambda: self._rename(name))
        menu.addAction(self.tr("合并到…"), lambda: self._merge(name))
        menu.addAction(self.tr("颜色…"), lambda: self._colour(name))
        menu.addAction(self.tr("上级标签…"), lambda: self._parent(name))
        keys = menu.addMenu(self.tr("常用键"))
        for number in range(1, 10):
            keys.addAction(str(number), lambda n=number: self._apply(lambda: self.store.set_tag(name, shortcut=n)))
        menu.addSeparator()
        menu.addAction(self.tr("删除…"), lambda: self._delete(name))
        menu.exec(self.viewport().mapToGlobal(point))

    def _apply(self, action: Callable[[], object]) -> None:
        from viewer.userdata.store import UserDataError

        try:
            action()
        except UserDataError as e:
            QtWidgets.QMessageBox.warning(self, self.tr("标签"), e.message_zh)
        self.changed.emit()  # the panels refresh when the store announces the change

    def _rename(self, name: str) -> None:
        new, ok = QtWidgets.QInputDialog.getText(self, self.tr("重命名标签"), self.tr("新名称："), text=name)
        if ok and new.strip() and new.strip() != name:
            self._apply(lambda: self.store.rename_tag(name, new))

    def _merge(self, name: str) -> None:
        others = [t.name for t in self.store.tags() if t.name != name]
        target, ok = QtWidgets.QInputDialog.getItem(  # current -1: nothing pre-selected for a reflex Enter
            self, self.tr("合并标签"), self.tr("把“{0}”合并到：").format(name), others, -1, True)
        if ok and target.strip():
            self._apply(lambda: self.store.merge_tags(name, target))

    def _colour(self, name: str) -> None:
        current = next((t.color for t in self.store.tags() if t.name == name), "")
        colour = QtWidgets.QColorDialog.getColor(QColor(current or "#9da5b4"), self, self.tr("标签颜色"))
        if colour.isValid():
            self._apply(lambda: self.store.set_tag(name, color=colour.name()))

    def _parent(self, name: str) -> None:
        none = self.tr("（无）")
        others = [none] + [t.name for t in self.store.tags() if t.name != name]
        parent, ok = QtWidgets.QInputDialog.getItem(self, self.tr("上级标签"), self.tr("“{0}”的上级：").format(name),
                                          others, 0, False)
        if ok:
            self._apply(lambda: self.store.set_tag(name, clear_parent=True) if parent == none
                        else self.store.set_tag(name, parent=parent))

    def _delete(self, name: str) -> None:
        count = len(next((t.article_ids for t in self.store.tags() if t.name == name), ()))
        answer = QtWidgets.QMessageBox.question(
            self, self.tr("删除标签"), self.tr("删除标签“{0}”？它将从 {1} 篇文章上移除，文章本身不受影响。").format(name, count))
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self._apply(lambda: self.store.delete_tag(name))


class BookmarkPanel(QWidget):
    """Saved searches, then every bookmark with its note, filtered by a search box.

    Emits `articleChosen(id)` for a bookmark and `searchChosen(query)` for a saved search.
    """

    articleChosen = Signal(str)
    searchChosen = Signal(str)

    def __init__(self, title_of: Callable[[str], str | None] = lambda _id: None,
                 parent: QWidget | None = None) -> None:
        """`title_of(article_id)` is the article's display title (None when the archive lacks it)."""
        super().__init__(parent)
        self.store: UserStore = None  # type: ignore[assignment]  # set by attach, before the tab shows
        self.title_of = title_of
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("在书签和笔记中查找"))
        self.filter_box.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.saved = QListWidget()
        self.saved.setMaximumHeight(120)
        self.saved.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.saved.customContextMenuRequested.connect(self._saved_menu)
        self.saved.itemClicked.connect(lambda item: self.searchChosen.emit(item.data(ARTICLE_ROLE)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("保存的搜索")))
        layout.addWidget(self.saved)
        layout.addWidget(QLabel(self.tr("书签与笔记")))
        layout.addWidget(self.filter_box)
        layout.addWidget(self.list)
        self.filter_box.textChanged.connect(lambda _text: self.refresh())
        self.list.itemClicked.connect(lambda item: self.articleChosen.emit(item.data(ARTICLE_ROLE)))

    def attach(self, store: UserStore) -> None:
        self.store = store
        self.refresh()

    def refresh(self) -> None:
        self.saved.clear()
        self.list.clear()
        if self.store is None:
            return
        for name, query in self.store.saved_searches():
            item = QListWidgetItem(name if name == query else f"{name}　{query}")  # the query once when it names itself
            item.setData(ARTICLE_ROLE, query)
            item.setData(NAME_ROLE + 1, name)
            self.saved.addItem(item)
        self.list.clear()
        for mark in self.store.bookmarks(self.filter_box.text()):
            text = self.title_of(mark.article_id) or mark.headline or mark.article_id
            if mark.note:
                text += "\n    " + mark.note.replace("\n", " ")
            item = QListWidgetItem(text)  # plain text: a note with <b> shows as typed
            item.setData(ARTICLE_ROLE, mark.article_id)
            item.setToolTip(f"{mark.created_at[:10]}  {mark.article_id}")
            self.list.addItem(item)

    def _saved_menu(self, point: QPoint) -> None:
        item = self.saved.itemAt(point)
        if item is None:
            return
        name = item.data(NAME_ROLE + 1)
        menu = QtWidgets.QMenu(self)
        menu.addAction(self.tr("删除这个保存的搜索"), lambda: self.store.remove_saved_search(name))
        menu.exec(self.saved.viewport().mapToGlobal(point))

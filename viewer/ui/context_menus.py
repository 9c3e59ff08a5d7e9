"""Right-click menus on list rows, navigator tree nodes and bookmarks, with the actions that apply there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtWidgets  # menus: their classes load when first used
from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QTreeView

from viewer.ui.annotation_actions import AnnotationActions
from viewer.ui.commands import Commands
from viewer.ui.list_model import ARTICLE_ID_ROLE
from viewer.ui.navigation import Navigation
from viewer.ui.tree_model import ARTICLE_ID_ROLE as TREE_ARTICLE_ROLE


class ContextMenus(QObject):
    """Builds each menu on demand (`*_menu` returns it, for tests) and shows it at the pointer."""

    def __init__(self, commands: Commands, notes: AnnotationActions, navigation: Navigation,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.commands = commands
        self.notes = notes
        self.navigation = navigation

    def install(self, view: QAbstractItemView, build: Callable[[QPoint], QtWidgets.QMenu | None]) -> None:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        def show(point: QPoint) -> None:
            menu = build(point)
            if menu is not None:
                menu.exec(view.viewport().mapToGlobal(point))
                menu.deleteLater()

        view.customContextMenuRequested.connect(show)

    def list_menu(self, view: QAbstractItemView, point: QPoint) -> QtWidgets.QMenu | None:
        """Rows of the article list: open, cite, tag, take a tag off, bookmark, export, compile."""
        index = view.indexAt(point)
        if not index.isValid():
            return None
        if not view.selectionModel().isRowSelected(index.row(), QModelIndex()):
            view.selectRow(index.row())  # type: ignore[attr-defined]
        article_id = index.data(ARTICLE_ID_ROLE)
        menu = QtWidgets.QMenu(view)
        menu.addAction(self.commands.cite)
        menu.addSeparator()
        menu.addAction(self.commands.tag)
        self._untag_menu(menu)
        if article_id:
            self._bookmark_toggle_for(menu, article_id)
        menu.addSeparator()
        menu.addActions([self.commands.export_selected, self.commands.compile])
        return menu

    def _untag_menu(self, menu: QtWidgets.QMenu) -> None:
        """去掉标签 ▸ each tag the selected articles carry."""
        store = self.notes.store
        if store is None:
            return
        ids = self.notes.selected_ids()
        names = sorted({n for names in store.tags_by_article(ids).values() for n in names})
        if not names:
            return
        sub = menu.addMenu(self.tr("去掉标签"))
        for name in names:
            sub.addAction(name, lambda n=name: self.notes.untag(self.notes.selected_ids(), n))

    def tree_menu(self, view: QTreeView, point: QPoint, by_region: bool) -> QtWidgets.QMenu | None:
        """A navigator node: an article is opened, cited or bookmarked; a group has its articles listed."""
        index = view.indexAt(point)
        if not index.isValid():
            return None
        menu = QtWidgets.QMenu(view)
        article_id = index.data(TREE_ARTICLE_ROLE)
        if article_id:
            menu.addAction(self.tr("打开"), lambda: self.navigation.show_article(article_id))
            menu.addAction(self.tr("打开并复制引用"),
                           lambda: (self.navigation.show_article(article_id), self.commands.cite.trigger()))
            self._bookmark_toggle_for(menu, article_id)
        else:
            menu.addAction(self.tr("列出这里的文章"), lambda: self.navigation.open_node(index, by_region))
        return menu

    def _bookmark_toggle_for(self, menu: QtWidgets.QMenu, article_id: str) -> None:
        store = self.notes.store
        if store is None:
            return
        if store.is_bookmarked(article_id):
            menu.addAction(self.tr("删除书签"), lambda: self.notes.remove_bookmark(article_id))
        else:
            menu.addAction(self.tr("加书签"), lambda: (self.navigation.show_article(article_id),
                                                     self.notes.bookmark_current()))

    def bookmark_menu(self, view: QListWidget, point: QPoint) -> QtWidgets.QMenu | None:
        """A bookmark: open it, edit its note, remove it."""
        item = view.itemAt(point)
        article_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not article_id:
            return None
        menu = QtWidgets.QMenu(view)
        menu.addAction(self.tr("打开"), lambda: self.navigation.show_article(article_id))
        menu.addAction(self.tr("编辑笔记…"), lambda: (self.navigation.show_article(article_id), self.notes.edit_note()))
        menu.addAction(self.tr("删除书签"), lambda: self.notes.remove_bookmark(article_id))
        return menu

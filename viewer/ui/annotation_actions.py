"""What the user adds to articles: favourite keys 1-9 and 0, tags on a selection or every hit,
bookmarks, notes, saved searches, and annotations exported and imported."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6 import QtWidgets  # dialogs: their classes load when first used
from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from viewer.archive import Archive
from viewer.domain import Article, display_title
from viewer.errors import Cancelled, KnownError
from viewer.ui.progress import Progress
from viewer.ui.undo import UndoStack

if TYPE_CHECKING:  # user data is imported when it is attached, after the window shows
    from viewer.userdata import UserStore


F = TypeVar("F", bound=Callable[..., object])


def reports_user_data_errors(method: F) -> F:
    """A user action whose reads or writes of user data may fail (the team database is down): the
    user gets a message box, never a traceback."""
    @functools.wraps(method)
    def wrapper(self: AnnotationActions, *args: object, **kwargs: object) -> object:
        try:
            return method(self, *args, **kwargs)
        except KnownError as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("个人数据"),
                                          self.tr("个人数据暂时无法读写，这次操作没有生效。\n{0}").format(e.message_zh))
            return None
    return wrapper  # type: ignore[return-value]


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
        self.undo_stack = UndoStack()

    def attach(self, store: UserStore) -> None:
        self.store = store

    def _safely(self, title: str, action: Callable[[], object]) -> bool:
        """Run a user-data change; when it cannot be made (the team database is down, the disk is
        full...) say so in a message box and return False."""
        try:
            action()
        except Cancelled:
            self.status.emit(self.tr("已取消，没有文章被改动"))
            return False
        except KnownError as e:
            QtWidgets.QMessageBox.warning(self.window, title, self.tr("个人数据暂时无法保存，这次修改没有生效。\n{0}")
                                          .format(e.message_zh))
            return False
        return True

    def _title(self, article_id: str) -> str:
        try:
            return display_title(self.archive.article(article_id)).text
        except (KeyError, KnownError):
            return article_id

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

    def _tag(self, ids: list[str], names: list[str], show_progress: bool = False) -> None:
        """Tag articles (one transaction; undoable); many articles get a progress dialog with 取消."""
        store = self.store
        assert store is not None
        known = {t.name for t in store.tags()}
        before = store.tags_by_article(ids)

        def reverse() -> None:
            for name in names:
                store.untag([i for i in ids if name not in before.get(i, [])], [name])
                if name not in known:
                    store.delete_tag(name)

        progress = Progress(self.window, self.tr("正在给 {0} 篇文章加标签…").format(len(ids)), len(ids)) \
            if show_progress else None
        try:
            done = self._safely(self.tr("加标签"), lambda: store.tag(
                ids, names, self._snapshots(ids), progress=progress.progress if progress else None,
                cancelled=progress.cancelled if progress else None))
        finally:
            if progress is not None:
                progress.done()
        if done:
            self.undo_stack.push(self.tr("加标签"), reverse)
            self.changed.emit()
            self.status.emit(self.tr("已给 {0} 篇文章加上标签：{1}").format(len(ids), "、".join(names)))

    @reports_user_data_errors
    def untag(self, ids: list[str], name: str) -> None:
        """Take a tag off articles (a chip's ×, the context menu); Ctrl+Z puts it back."""
        store = self.store
        if store is None or not ids:
            return
        carrying = [i for i, names in store.tags_by_article(ids).items() if name in names]
        if not carrying:
            return
        if self._safely(self.tr("去掉标签"), lambda: store.untag(carrying, [name])):
            self.undo_stack.push(self.tr("去掉标签"), lambda: store.tag(carrying, [name]))
            self.changed.emit()
            self.status.emit(self.tr("已从 {0} 篇文章去掉标签：{1}（Ctrl+Z 撤销）").format(len(carrying), name))

    @Slot(str)
    def untag_current(self, name: str) -> None:
        article = self.current_article()
        if article is not None:
            self.untag([article.id], name)

    @Slot()
    @reports_user_data_errors
    def undo(self) -> None:
        """Take back the newest annotation change."""
        step = self.undo_stack.pop()
        if step is None:
            self.status.emit(self.tr("没有可以撤销的修改"))
            return
        if self._safely(self.tr("撤销"), step.reverse):
            self.changed.emit()
            self.status.emit(self.tr("已撤销：{0}").format(step.label))

    @Slot()
    @reports_user_data_errors
    def tag_selection(self) -> None:
        ids = self.selected_ids()
        if self.store is None or not ids:
            return
        names = [t.name for t in self.store.tags()]
        name, ok = QtWidgets.QInputDialog.getItem(  # current -1: nothing pre-selected, a reflex Enter applies no tag
            self.window, self.tr("加标签"), self.tr("给选中的 {0} 篇文章加标签：").format(len(ids)), names, -1, True)
        if ok and name.strip():
            self._tag(ids, [name.strip()])

    @Slot()
    def tag_all_hits(self) -> None:
        """Ask for every hit of the current search (the session answers when there is one, after the
        search itself); `tag_every_hit` asks for the tag once they come."""
        if self.store is not None:
            self.idsWanted.emit()

    @Slot(str, list)
    @reports_user_data_errors
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
            self._tag(ids, [name.strip()], show_progress=True)

    @reports_user_data_errors
    def toggle_favourite(self, number: int) -> None:
        """Keys 1-9: put the favourite tag on the selected articles, or take it off."""
        if self.store is None:
            return
        name = self.store.favourite_tags().get(number)
        if name is None:
            self.status.emit(self.tr("常用键 {0} 还没有标签：在标签页右键一个标签设置").format(number))
            return
        ids = self.selected_ids()
        if not ids:
            return
        store = self.store
        before = store.tags_by_article(ids)
        outcome: list[bool] = []
        if not self._safely(self.tr("加标签"), lambda: outcome.append(store.toggle_tag(ids, name, self._snapshots(ids)))):
            return
        added = outcome[0]
        had = [i for i in ids if name in before.get(i, [])]
        self.undo_stack.push(self.tr("加标签") if added else self.tr("去掉标签"),
                             lambda: store.untag([i for i in ids if i not in had], [name]) if added
                             else store.tag(had, [name]))
        self.changed.emit()
        message = self.tr("已加上标签：{0}") if added else self.tr("已去掉标签：{0}")
        self.status.emit(message.format(name))

    @reports_user_data_errors
    def clear_favourites(self) -> None:
        ids = self.selected_ids()
        store = self.store
        if store is None or not ids:
            return
        favourites = set(store.favourite_tags().values())
        before = {i: [n for n in names if n in favourites] for i, names in store.tags_by_article(ids).items()}

        def reverse() -> None:
            for name in favourites:
                store.tag([i for i, names in before.items() if name in names], [name])

        if self._safely(self.tr("去掉标签"), lambda: store.clear_favourite_tags(ids)):
            self.undo_stack.push(self.tr("去掉常用标签"), reverse)
            self.changed.emit()
            self.status.emit(self.tr("已去掉 {0} 篇文章的常用标签").format(len(ids)))

    @Slot()
    @reports_user_data_errors
    def bookmark_current(self) -> None:
        article = self.current_article()
        store = self.store
        if store is None or article is None:
            return
        old = self._note(article.id)
        if self._safely(self.tr("加书签"), lambda: store.bookmark(article.id, None, self.archive.snapshot(article.id))):
            self.undo_stack.push(self.tr("加书签"), lambda: store.remove_bookmark(article.id) if old is None
                                 else store.bookmark(article.id, old))
            self.changed.emit()
            self.status.emit(self.tr("已加书签：{0}").format(display_title(article).text))

    def _note(self, article_id: str) -> str | None:
        """The bookmark's note ('' for a bookmark without one), None when the article has no bookmark."""
        assert self.store is not None
        return next((b.note or "" for b in self.store.bookmarks() if b.article_id == article_id), None)

    @reports_user_data_errors
    def remove_bookmark(self, article_id: str) -> None:
        """Remove a bookmark and its note; Ctrl+Z brings both back."""
        store = self.store
        if store is None:
            return
        old = self._note(article_id)
        if old is None:
            return
        if self._safely(self.tr("删除书签"), lambda: store.remove_bookmark(article_id)):
            self.undo_stack.push(self.tr("删除书签"), lambda: store.bookmark(article_id, old or None))
            self.changed.emit()
            self.status.emit(self.tr("已删除书签：{0}（Ctrl+Z 撤销）").format(self._title(article_id)))

    @Slot()
    @reports_user_data_errors
    def edit_note(self) -> None:
        article = self.current_article()
        store = self.store
        if store is None or article is None:
            return
        old = self._note(article.id)
        note, ok = QtWidgets.QInputDialog.getMultiLineText(self.window, self.tr("笔记"),
                                                           display_title(article).text, old or "")
        if ok and self._safely(self.tr("笔记"), lambda: store.bookmark(article.id, note, self.archive.snapshot(article.id))):
            self.undo_stack.push(self.tr("编辑笔记"), lambda: store.remove_bookmark(article.id) if old is None
                                 else store.bookmark(article.id, old))
            self.changed.emit()
            self.status.emit(self.tr("已保存笔记：{0}").format(display_title(article).text))

    @Slot()
    @reports_user_data_errors
    def save_search(self) -> None:
        """Keep the current search under a name (listed in the 书签 tab)."""
        if self.store is None or not self.query:
            return
        name, ok = QtWidgets.QInputDialog.getText(self.window, self.tr("保存搜索"), self.tr("名称："), text=self.query)
        store = self.store
        if ok and name.strip() and self._safely(self.tr("保存搜索"), lambda: store.save_search(name.strip(), self.query)):
            self.changed.emit()
            self.status.emit(self.tr("已保存搜索：{0}").format(name.strip()))

    @Slot()
    def export_annotations(self, path: str = "") -> None:
        if self.store is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, self.tr("导出标注"), "annotations.json",
                                                            "JSON (*.json)")
        if not path:
            return
        from viewer.userdata.transfer import export_annotations

        try:
            Path(path).write_text(json.dumps(export_annotations(self.store), ensure_ascii=False, indent=1),
                                  encoding="utf-8")
        except OSError as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("导出标注"),
                                          self.tr("无法写入文件：{0}").format(e.strerror or path))
            return
        except KnownError as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("导出标注"), e.message_zh)
            return
        self.status.emit(self.tr("已导出标注：{0}").format(path))

    @Slot()
    def import_annotations(self, path: str = "") -> None:
        if self.store is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, self.tr("导入标注"), "", "JSON (*.json)")
        if not path:
            return
        from viewer.userdata.store import UserDataError
        from viewer.userdata.transfer import import_annotations, read_annotations

        try:  # read_annotations: a file that is not JSON (or nested too deep) is a UserDataError with a message
            added = import_annotations(self.store, read_annotations(Path(path)))
        except (OSError, ValueError) as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("导入标注"), self.tr("无法读取文件：{0}").format(e))
            return
        except UserDataError as e:
            QtWidgets.QMessageBox.warning(self.window, self.tr("导入标注"), e.message_zh)
            return
        self.changed.emit()
        summary = self.tr("新增标签 {0} 个、标签关联 {1} 条、书签 {2} 个。").format(
            added["tags"], added["article_tags"], added["bookmarks"])
        self.status.emit(self.tr("已导入标注：{0}").format(summary))
        QtWidgets.QMessageBox.information(self.window, self.tr("导入标注"), summary)

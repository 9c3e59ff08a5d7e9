"""The main window: navigator (地区 / 期次), article list with facets, reader; menus, toolbar, state."""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # dialogs: their classes load when first used
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.archive import Archive
from viewer.domain import Orphan, SearchResult, TreeNode
from viewer.errors import QuerySyntaxError
from viewer.ui.facet_panel import FacetPanel
from viewer.ui.list_model import HTML_MARKERS, HitListModel, SnippetDelegate
from viewer.ui.reader import ReaderView
from viewer.ui.search_worker import SearchReply, SearchRunner
from viewer.ui.tree_model import (
    ARTICLE_ID_ROLE,
    NODE_ROLE,
    IssueSource,
    NavigatorModel,
    RegionSource,
)

if TYPE_CHECKING:  # user data is imported when it is attached, after the window shows
    from viewer.ui.annotation_panels import BookmarkPanel, TagPanel
    from viewer.userdata import UserStore

HISTORY_SIZE = 50


def _quoted(name: str) -> str:
    """A tag name as a query value (quoted when it has spaces)."""
    return f'"{name}"' if " " in name else name
FIRST_PAGE = 100


class MainWindow(QMainWindow):
    """Browse by region and by issue, search, read.

    Attributes:
        archive: the open read-only archive (GUI thread).
        settings: where window state, zoom and the last article are kept (history is user data).
    """

    searchFinished = Signal()
    languageChosen = Signal(str)

    def __init__(self, archive: Archive, settings: QSettings,
                 open_worker_archive: Callable[[], Archive] | None = None, store: UserStore | None = None) -> None:
        super().__init__()
        self.archive = archive
        self.settings = settings
        self.store: UserStore | None = None
        archive.use_tags(self.tag_ids)
        self.terms: list[str] = []
        self.current_query = ""
        self._awaited: int | None = None  # the search whose replies the list is waiting for
        self._shown_request = 0  # the search whose hits the list shows
        self._back: list[str] = []
        self._forward: list[str] = []
        self.setWindowTitle(self.tr("报刊档案阅览"))
        self.resize(1280, 800)
        self.runner = SearchRunner(open_worker_archive or (lambda: Archive.open(
            archive.path, split_words=archive.split_words, tag_ids=archive.tag_ids)), HTML_MARKERS, self)
        self.runner.finished.connect(self._show_reply)
        self._init_widgets()
        self._init_actions()
        self._connect_signals()
        self._restore_state()
        if store is not None:
            self.attach_store(store)
        QTimer.singleShot(0, lambda: self.archive.engine)  # load the search engine while the user looks
        self.summary = QLabel(self.tr("共 {0} 篇文章").format(archive.article_count()))
        self.statusBar().addPermanentWidget(self.summary)

    # -- construction ----------------------------------------------------------------------
    def _init_widgets(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("查找：劳模工匠助企行　地区:盐城　日期:2025　\"工会\" -南京（Ctrl+F）"))
        self.history = QStringListModel(self)
        completer = QCompleter(self.history, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search_box.setCompleter(completer)
        self.loose_box = QCheckBox(self.tr("模糊"))
        self.loose_box.setToolTip(self.tr("把一句话拆成词，各词都出现即可"))
        self.within_box = QCheckBox(self.tr("在结果中搜索"))

        self.region_model = NavigatorModel(RegionSource(self.archive), self)
        self.issue_model = NavigatorModel(IssueSource(self.archive), self)
        self.region_tree = self._tree(self.region_model, by_region=True)
        self.issue_tree = self._tree(self.issue_model, by_region=False)
        self.navigator = QTabWidget()
        self.navigator.addTab(self.region_tree, self.tr("地区"))
        self.navigator.addTab(self.issue_tree, self.tr("期次"))
        self.tag_panel: TagPanel | None = None
        self.bookmark_panel: BookmarkPanel | None = None
        self.facets = FacetPanel()
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.navigator)
        self.left.addWidget(self.facets)
        self.left.setSizes([500, 250])

        self.list_model = HitListModel(self)
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.setSortingEnabled(True)
        self.list_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.list_view.verticalHeader().hide()
        self.list_view.setWordWrap(True)
        self.list_view.setItemDelegateForColumn(0, SnippetDelegate(self.list_view))
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed starting widths: sizing to contents would read every loaded row on each page.
        for column, width in ((1, 84), (2, 82), (3, 44), (4, 60), (5, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(False)
        self.list_view.setColumnHidden(5, True)  # tags: shown once user data is attached
        self.list_view.verticalHeader().setDefaultSectionSize(64)
        self.list_label = QLabel()
        self.list_label.setWordWrap(True)
        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list_view)

        self.reader = ReaderView()
        self.reader.clear_article(self.tr("在左侧选择地区或期次，或在上方输入要查找的文字。"))
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.reader)
        self.splitter.setSizes([250, 560, 490])
        self.setCentralWidget(self.splitter)

    def _tree(self, model: NavigatorModel, by_region: bool) -> QTreeView:
        view = QTreeView()
        view.setModel(model)
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)
        view.clicked.connect(lambda index: self.open_node(index, by_region))
        view.activated.connect(lambda index: self.open_node(index, by_region))
        return view

    def _action(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _init_actions(self) -> None:
        a = self._action
        self.act_find = a(self.tr("查找"), self.focus_search, QKeySequence.StandardKey.Find)
        self.act_print = a(self.tr("打印…"), self.print_article, QKeySequence.StandardKey.Print)
        self.act_pdf = a(self.tr("另存为 PDF…"), self.save_pdf)
        self.act_quit = a(self.tr("退出"), self.close, QKeySequence.StandardKey.Quit)
        self.act_cite = a(self.tr("复制引用"), self.copy_citation, "Ctrl+Shift+C")
        self.act_zoom_in = a(self.tr("放大"), lambda: self.reader.set_zoom(self.reader.zoom + 1), "Ctrl+=")
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.act_zoom_out = a(self.tr("缩小"), lambda: self.reader.set_zoom(self.reader.zoom - 1), "Ctrl+-")
        self.act_zoom_reset = a(self.tr("原始大小"), lambda: self.reader.set_zoom(0), "Ctrl+0")
        self.act_back = a(self.tr("后退"), self.go_back, "Alt+Left")
        self.act_forward = a(self.tr("前进"), self.go_forward, "Alt+Right")
        self.act_next_article = a(self.tr("下一篇"), lambda: self.step_article(1), "Ctrl+PgDown")
        self.act_prev_article = a(self.tr("上一篇"), lambda: self.step_article(-1), "Ctrl+PgUp")
        self.act_next_hit = a(self.tr("下一处"), self.reader.next_hit, "F3")
        self.act_prev_hit = a(self.tr("上一处"), self.reader.previous_hit, "Shift+F3")
        self.act_syntax = a(self.tr("查询语法"), self.show_syntax_help, "F1")
        self.act_about = a(self.tr("关于"), self.show_about)
        self.act_team = a(self.tr("团队数据库…"), self.choose_team_database)
        self.act_bookmark = a(self.tr("加书签"), self.bookmark_current, "Ctrl+D")
        self.act_note = a(self.tr("编辑笔记…"), self.edit_note, "Ctrl+Shift+D")
        self.act_tag = a(self.tr("加标签…"), self.tag_selection, "Ctrl+T")
        self.act_tag_all = a(self.tr("给全部结果加标签…"), self.tag_all_hits)
        self.act_save_search = a(self.tr("保存搜索…"), self.save_search, QKeySequence.StandardKey.Save)
        self.act_export_list = a(self.tr("导出文章列表（Excel/CSV）…"), self.export_list)
        self.act_export_selected = a(self.tr("导出选中的文章…"), lambda: self.export_list(selected_only=True))
        self.act_compile = a(self.tr("汇编选中文章为 Word…"), self.compile_docx)
        self.act_export_notes = a(self.tr("导出标注…"), self.export_annotations)
        self.act_import_notes = a(self.tr("导入标注…"), self.import_annotations)
        self.annotation_actions = (self.act_bookmark, self.act_note, self.act_tag, self.act_tag_all,
                                   self.act_save_search, self.act_export_notes, self.act_import_notes)
        for action in self.annotation_actions:
            action.setEnabled(False)  # until user data is attached
        self.act_zh = a("简体中文", lambda: self.choose_language("zh_CN"))
        self.act_en = a("English", lambda: self.choose_language("en"))

        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("文件(&F)"))
        file_menu.addActions([self.act_print, self.act_pdf])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export_list, self.act_export_selected, self.act_compile])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export_notes, self.act_import_notes])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = menus.addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([self.act_find, self.act_cite])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_bookmark, self.act_note, self.act_tag, self.act_tag_all,
                              self.act_save_search])
        view_menu = menus.addMenu(self.tr("查看(&V)"))
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        view_menu.addSeparator()
        view_menu.addActions([self.act_back, self.act_forward, self.act_prev_article, self.act_next_article,
                              self.act_prev_hit, self.act_next_hit])
        settings_menu = menus.addMenu(self.tr("设置(&S)"))
        settings_menu.addAction(self.act_team)
        language_menu = settings_menu.addMenu(self.tr("语言(&L)"))
        language_menu.addActions([self.act_zh, self.act_en])
        help_menu = menus.addMenu(self.tr("帮助(&H)"))
        help_menu.addActions([self.act_syntax, self.act_about])

        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.act_back, self.act_forward])
        toolbar.addSeparator()
        toolbar.addWidget(self.search_box)
        toolbar.addWidget(self.loose_box)
        toolbar.addWidget(self.within_box)
        toolbar.addSeparator()
        toolbar.addActions([self.act_prev_hit, self.act_next_hit, self.act_zoom_out, self.act_zoom_in, self.act_cite])
        self.addToolBar(toolbar)

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

    def _connect_signals(self) -> None:
        for widget in (self.list_view, self.reader, self.region_tree, self.issue_tree):
            widget.installEventFilter(self)
        self.search_box.returnPressed.connect(self.run_search)
        self.list_view.selectionModel().currentRowChanged.connect(self._list_row_changed)
        self.facets.filterChosen.connect(self.add_filter)
        self.reader.zoomChanged.connect(lambda steps: self.settings.setValue("reader/zoom", steps))

    # -- state -----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for name, splitter in (("window/splitter", self.splitter), ("window/left", self.left)):
            state = s.value(name)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self.reader.set_zoom(int(s.value("reader/zoom", 0) or 0))
        last = s.value("reader/last_article", "")
        if last:
            self.show_article(str(last), remember=False)

    def save_state(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/left", self.left.saveState())
        s.setValue("reader/zoom", self.reader.zoom)
        if self.reader.article is not None:
            s.setValue("reader/last_article", self.reader.article.id)
        s.sync()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.save_state()
        self.runner.stop()
        super().closeEvent(event)

    # -- search ----------------------------------------------------------------------------
    @Slot()
    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape and self.search_box.hasFocus():
            self.search_box.clear()
            return
        super().keyPressEvent(event)

    @Slot()
    def run_search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            return
        query = f"{self.current_query} {text}" if self.within_box.isChecked() and self.current_query else text
        self._remember_query(text)
        self.list_label.setText(self.tr("正在查找“{0}”…").format(query))
        self._awaited = self.runner.submit(query, loose=self.loose_box.isChecked(), limit=FIRST_PAGE)

    def search_for(self, query: str) -> None:
        self.within_box.setChecked(False)
        self.search_box.setText(query)
        self.run_search()

    def add_filter(self, token: str) -> None:
        """A facet was clicked: narrow the current search by it."""
        base = self.current_query
        if token in base.split():
            return
        self.within_box.setChecked(False)
        self.search_box.setText(f"{base} {token}".strip())
        self.run_search()

    def _remember_query(self, text: str) -> None:
        items = [text] + [h for h in self.history.stringList() if h != text]
        self.history.setStringList(items[:HISTORY_SIZE])
        if self.store is not None:
            self.store.add_history(text)

    @Slot(object)
    def _show_reply(self, reply: SearchReply) -> None:
        if reply.request.number != self._awaited:
            return  # the user has moved on (a tree node was opened)
        query = reply.request.query
        if reply.error or reply.result is None:
            self.list_label.setText(html.escape(reply.error))
            self.searchFinished.emit()
            return
        result = reply.result
        if reply.counting:  # the hits first; the total and facets follow
            self._show_hits(reply)
            self.facets.clear()  # the last search's facets would mislead meanwhile
            self.list_label.setText(self.tr("“{0}”：正在统计总数…").format(query))
            self.summary.setText(self.tr("已显示前 {0} 篇，用时 {1} 毫秒").format(
                len(result.hits), f"{result.elapsed_ms:.0f}"))
            return
        if self._shown_request != reply.request.number:
            self._show_hits(reply)
        self.list_model.set_total(result.total)
        self.facets.show_facets(reply.facets) if reply.facets else self.facets.clear()
        notice = f"　{result.notice}" if result.notice else ""
        self.list_label.setText(self.tr("“{0}”：找到 {1} 篇").format(query, result.total) + notice)
        self.summary.setText(self.tr("找到 {0} 篇，用时 {1} 毫秒").format(result.total, f"{result.elapsed_ms:.0f}"))
        if not result.total:
            self.reader.clear_article(self.tr(
                "没有找到“{0}”。可以试试：换一个更短的词；去掉地区、日期等筛选；勾选“模糊”把一句话拆成词；"
                "检查有没有错别字。").format(query))
        self.searchFinished.emit()

    def _show_hits(self, reply: SearchReply) -> None:
        """List a reply's hits and open the first; its total may still be counting."""
        assert reply.result is not None
        self._shown_request = reply.request.number
        self.current_query = reply.request.query
        self.terms = list(reply.result.terms)
        self.list_model.reset(self._search_pager(reply.request.query, reply.request.loose), reply.result)
        if reply.result.hits:
            self.list_view.selectRow(0)

    def _search_pager(self, query: str, loose: bool) -> Callable[[int, int], SearchResult]:
        """Later pages of a search; the list asks for them only once its total is known, so the
        total is not counted again for every page (scrolling, exporting every row)."""
        def page(offset: int, limit: int) -> SearchResult:
            try:
                hits = self.archive.start_search(query, limit=limit, offset=offset, loose=loose,
                                                 markers=HTML_MARKERS).so_far()
            except QuerySyntaxError:
                return SearchResult(query=query, total=0, hits=())
            return replace(hits, total=max(self.list_model.total, offset + len(hits.hits)))
        return page

    # -- browsing --------------------------------------------------------------------------
    def open_node(self, index: QModelIndex, by_region: bool) -> None:
        """A navigator node was chosen: show an article, or list the node's articles."""
        article_id = index.data(ARTICLE_ID_ROLE)
        if article_id:
            self.show_article(article_id)
            return
        node: TreeNode = index.data(NODE_ROLE)
        pager, label = self._node_pager(node, by_region)
        self._awaited = None
        self.terms = []
        self.current_query = ""
        self.list_model.reset(pager)
        self.facets.clear()
        self.list_label.setText(self.tr("{0}：{1} 篇").format(label, self.list_model.total))
        if self.list_model.rowCount():
            self.list_view.selectRow(0)

    def _node_pager(self, node: TreeNode, by_region: bool) -> tuple[Callable[[int, int], SearchResult], str]:
        archive = self.archive
        if by_region:
            return (lambda o, n: archive.trees.browse(region=node.key, limit=n, offset=o)), node.label
        if node.key.startswith("issue:"):
            return (lambda o, n: archive.trees.browse(issue=node.key, limit=n, offset=o)), node.label
        if "\t" in node.key:
            publication, year = node.key.split("\t", 1)
            return (lambda o, n: archive.trees.browse(publication=publication, year=year, limit=n, offset=o)), \
                f"{publication} {node.label}"
        return (lambda o, n: archive.trees.browse(publication=node.key, limit=n, offset=o)), node.label

    @Slot(QModelIndex, QModelIndex)
    def _list_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(ARTICLE_ID_ROLE) if current.isValid() else None
        if article_id:
            self.show_article(article_id)

    def show_article(self, article_id: str, remember: bool = True) -> None:
        try:
            article = self.archive.article(article_id)
        except KeyError:
            return
        if remember and self.reader.article is not None and self.reader.article.id != article_id:
            self._back.append(self.reader.article.id)
            self._forward.clear()
        self.reader.show_article(article, self.terms, self._chips(article_id))
        self.settings.setValue("reader/last_article", article_id)
        hits = self.reader.hit_count
        self.statusBar().showMessage(self.tr("本文 {0} 处命中（F3 下一处）").format(hits) if hits else article.headline)

    def go_back(self) -> None:
        if self._back and self.reader.article is not None:
            self._forward.append(self.reader.article.id)
            self.show_article(self._back.pop(), remember=False)

    def go_forward(self) -> None:
        if self._forward and self.reader.article is not None:
            self._back.append(self.reader.article.id)
            self.show_article(self._forward.pop(), remember=False)

    def step_article(self, step: int) -> None:
        row = self.list_view.currentIndex().row() + step
        if 0 <= row < self.list_model.rowCount():
            self.list_view.selectRow(row)

    # -- tags and bookmarks ----------------------------------------------------------------
    def attach_store(self, store: UserStore, orphans: Sequence[Orphan] = ()) -> None:
        """Bring in user data (opened after the window shows: SQLAlchemy is a heavy import)."""

        self.store = store
        from viewer.ui import annotation_panels  # with SQLAlchemy behind it: loaded only now

        self.tag_panel = annotation_panels.TagPanel(store, self.archive.existing_ids)
        self.tag_panel.orphans = list(orphans)
        self.tag_panel.refresh()
        self.bookmark_panel = annotation_panels.BookmarkPanel(store)
        self.navigator.addTab(self.tag_panel, self.tr("标签"))
        self.navigator.addTab(self.bookmark_panel, self.tr("书签"))
        self.tag_panel.tagChosen.connect(lambda name: self.search_for(f"标签:{_quoted(name)}"))
        self.tag_panel.changed.connect(self._annotations_changed)
        self.bookmark_panel.articleChosen.connect(self.show_article)
        self.bookmark_panel.searchChosen.connect(self.search_for)
        past = store.history()  # the history now lives with the user's data
        self.history.setStringList(list(dict.fromkeys([*self.history.stringList(), *past]))[:HISTORY_SIZE])
        self.list_model.tag_lookup = store.tags_by_article
        self.list_view.setColumnHidden(5, False)
        for action in self.annotation_actions:
            action.setEnabled(True)
        self._annotations_changed()

    def save_search(self) -> None:
        """Keep the current search under a name (listed in the 书签 tab)."""
        if self.store is None or not self.current_query:
            return
        name, ok = QtWidgets.QInputDialog.getText(self, self.tr("保存搜索"), self.tr("名称："), text=self.current_query)
        if ok and name.strip():
            self.store.save_search(name.strip(), self.current_query)
            self._annotations_changed()

    def tag_ids(self, name: str) -> set[str]:
        """Article ids carrying a tag (for 标签: queries); none before user data is attached."""
        return self.store.article_ids_for_tag(name) if self.store is not None else set()

    def _chips(self, article_id: str) -> list[tuple[str, str]]:
        if self.store is None:
            return []
        colours = self.store.tag_colours()
        return [(name, colours.get(name, "")) for name in self.store.tags_by_article([article_id])[article_id]]

    def selected_ids(self) -> list[str]:
        """The selected rows of the list, else the article in the reader."""
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        ids = [self.list_model.hits[r].article_id for r in rows if r < len(self.list_model.hits)]
        if not ids and self.reader.article is not None:
            ids = [self.reader.article.id]
        return ids

    def _annotations_changed(self) -> None:
        """Refresh everything that shows tags or bookmarks."""
        if self.tag_panel is not None and self.bookmark_panel is not None:
            self.tag_panel.refresh()
            self.bookmark_panel.refresh()
        self.list_model.refresh_tags()
        if self.reader.article is not None:
            keep = self.reader.textCursor().position()
            self.reader.show_article(self.reader.article, self.terms, self._chips(self.reader.article.id))
            cursor = self.reader.textCursor()
            cursor.setPosition(min(keep, len(self.reader.toPlainText())))
            self.reader.setTextCursor(cursor)

    def _tag(self, ids: list[str], names: list[str]) -> None:
        assert self.store is not None
        self.store.tag(ids, names, [self.archive.snapshot(i) for i in ids])
        self._annotations_changed()
        self.statusBar().showMessage(self.tr("已给 {0} 篇文章加上标签：{1}").format(len(ids), "、".join(names)))

    def tag_selection(self) -> None:
        ids = self.selected_ids()
        if self.store is None or not ids:
            return
        names = [t.name for t in self.store.tags()]
        name, ok = QtWidgets.QInputDialog.getItem(self, self.tr("加标签"), self.tr("给选中的 {0} 篇文章加标签：").format(len(ids)),
                                        names, 0, True)
        if ok and name.strip():
            self._tag(ids, [name.strip()])

    def tag_all_hits(self) -> None:
        if self.store is None or not self.current_query:
            return
        ids = self.archive.search_ids(self.current_query, loose=self.loose_box.isChecked())
        name, ok = QtWidgets.QInputDialog.getText(self, self.tr("给全部结果加标签"),
                                        self.tr("“{0}”共 {1} 篇。标签名：").format(self.current_query, len(ids)))
        if not ok or not name.strip():
            return
        answer = QtWidgets.QMessageBox.question(self, self.tr("给全部结果加标签"),
                                      self.tr("确定给 {0} 篇文章加上标签“{1}”？").format(len(ids), name.strip()))
        if answer == QtWidgets.QMessageBox.StandardButton.Yes:
            self._tag(ids, [name.strip()])

    def toggle_favourite(self, number: int) -> None:
        """Keys 1-9: put the favourite tag on the selected articles, or take it off."""
        if self.store is None:
            return
        name = self.store.favourite_tags().get(number)
        ids = self.selected_ids()
        if name is None:
            self.statusBar().showMessage(self.tr("常用键 {0} 还没有标签：在标签页右键一个标签设置").format(number))
            return
        if ids:
            added = self.store.toggle_tag(ids, name, [self.archive.snapshot(i) for i in ids])
            self._annotations_changed()
            message = self.tr("已加上标签：{0}") if added else self.tr("已去掉标签：{0}")
            self.statusBar().showMessage(message.format(name))

    def clear_favourites(self) -> None:
        ids = self.selected_ids()
        if self.store is not None and ids:
            self.store.clear_favourite_tags(ids)
            self._annotations_changed()

    def bookmark_current(self) -> None:
        article = self.reader.article
        if self.store is None or article is None:
            return
        self.store.bookmark(article.id, None, self.archive.snapshot(article.id))
        self._annotations_changed()
        self.statusBar().showMessage(self.tr("已加书签：{0}").format(article.headline))

    def edit_note(self) -> None:
        article = self.reader.article
        if self.store is None or article is None:
            return
        current = next((b.note for b in self.store.bookmarks() if b.article_id == article.id), "")
        note, ok = QtWidgets.QInputDialog.getMultiLineText(self, self.tr("笔记"), article.headline or article.id, current)
        if ok:
            self.store.bookmark(article.id, note, self.archive.snapshot(article.id))
            self._annotations_changed()

    def export_list(self, path: str = "", selected_only: bool = False) -> None:
        """The article list with the columns shown (every row, or the selected ones) to CSV or XLSX."""
        from viewer.reports.ooxml import write_xlsx

        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("导出文章列表"), "articles.xlsx",
                                                  "Excel (*.xlsx);;CSV (*.csv)")
        if not path:
            return
        model = self.list_model
        if selected_only:
            rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        else:
            while model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            rows = list(range(model.rowCount()))
        headers = ["id", *model.headers]
        table = [[model.hits[r].article_id, *(model.index(r, c).data() for c in range(model.columnCount()))]
                 for r in rows]
        if path.lower().endswith(".csv"):
            with open(path, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(headers)
                writer.writerows(table)
        else:
            write_xlsx(Path(path), headers, table)
        self.statusBar().showMessage(self.tr("已导出 {0} 篇：{1}").format(len(table), path))

    def compile_docx(self, path: str = "") -> None:
        """A Word compilation (汇编) of the selected articles, in list order."""
        from viewer.reports.citation import issue_line
        from viewer.reports.ooxml import write_docx

        ids = self.selected_ids()
        if not ids:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("汇编为 Word"), "汇编.docx", "Word (*.docx)")
        if not path:
            return
        articles = [self.archive.article(i) for i in ids]
        sources = [" · ".join(x for x in (issue_line(a), "、".join(a.byline), a.source_line) if x) for a in articles]
        write_docx(Path(path), self.current_query or self.tr("文章汇编"), articles, sources)
        self.statusBar().showMessage(self.tr("已汇编 {0} 篇：{1}").format(len(articles), path))

    def export_annotations(self, path: str = "") -> None:
        if self.store is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("导出标注"), "annotations.json", "JSON (*.json)")
        if path:
            from viewer.userdata.transfer import export_annotations

            Path(path).write_text(json.dumps(export_annotations(self.store), ensure_ascii=False, indent=1),
                                  encoding="utf-8")

    def import_annotations(self, path: str = "") -> None:
        if self.store is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("导入标注"), "", "JSON (*.json)")
        if not path:
            return
        from viewer.userdata.store import UserDataError
        from viewer.userdata.transfer import import_annotations

        try:
            added = import_annotations(self.store, json.loads(Path(path).read_text(encoding="utf-8-sig")))
        except (OSError, ValueError) as e:
            QtWidgets.QMessageBox.warning(self, self.tr("导入标注"), self.tr("无法读取文件：{0}").format(e))
            return
        except UserDataError as e:
            QtWidgets.QMessageBox.warning(self, self.tr("导入标注"), e.message_zh)
            return
        self._annotations_changed()
        QtWidgets.QMessageBox.information(self, self.tr("导入标注"), self.tr("新增标签 {0} 个、标签关联 {1} 条、书签 {2} 个。").format(
            added["tags"], added["article_tags"], added["bookmarks"]))

    # -- reader actions --------------------------------------------------------------------
    def copy_citation(self) -> None:
        from viewer.reports.citation import citation

        if self.reader.article is not None:
            QGuiApplication.clipboard().setText(citation(self.reader.article))
            self.statusBar().showMessage(self.tr("已复制引用：{0}").format(citation(self.reader.article)))

    def print_article(self) -> None:
        if self.reader.article is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # loaded when first needed

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.reader.print_to(printer)

    def save_pdf(self, path: str = "") -> None:
        if self.reader.article is None:
            return
        if not path:
            path, _ = QtWidgets.QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"),
                                                  f"{self.reader.article.headline[:30] or 'article'}.pdf", "PDF (*.pdf)")
        if not path:
            return
        from PySide6.QtPrintSupport import QPrinter  # loaded when first needed

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        self.reader.print_to(printer)
        self.statusBar().showMessage(self.tr("已保存：{0}").format(path))

    # -- help and language -----------------------------------------------------------------
    def choose_team_database(self) -> None:
        """Settings: the PostgreSQL URL a team shares (empty: this computer's own data)."""
        current = str(self.settings.value("userdata/url", "") or "")
        url, ok = QtWidgets.QInputDialog.getText(
            self, self.tr("团队数据库"),
            self.tr("团队共用的 PostgreSQL 地址（留空则使用本机数据），例如：\n"
                    "postgresql+psycopg://用户:密码@服务器/archive"), text=current)
        if not ok:
            return
        url = url.strip()
        if url and not url.startswith(("postgresql", "sqlite:")):
            QtWidgets.QMessageBox.warning(self, self.tr("团队数据库"), self.tr("地址应以 postgresql+psycopg:// 开头。"))
            return
        self.settings.setValue("userdata/url", url)
        QtWidgets.QMessageBox.information(self, self.tr("团队数据库"), self.tr("将在重新启动后使用新的数据位置。"))

    def choose_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        self.languageChosen.emit(code)
        QtWidgets.QMessageBox.information(self, self.tr("语言"), self.tr("界面语言将在重新启动后切换。"))

    def show_syntax_help(self) -> None:
        QtWidgets.QMessageBox.information(self, self.tr("查询语法"), self.tr(
            "空格分隔的词须同时出现；连写的中文按原文连续匹配。\n"
            "\"带 空格的 短语\"　OR 表示或者　-词 表示排除\n"
            "标题:工会　作者:王鑫　地区:盐城（含下属县区）　日期:2025 / 2025-03 / 2025-03-01..2025-04-30　出版物:江苏工人报\n"
            "勾选“模糊”：把一句话拆成词，各词都出现即可。"))

    def show_about(self) -> None:
        meta = self.archive.meta()
        QtWidgets.QMessageBox.about(self, self.tr("关于"), self.tr("报刊档案阅览\n档案：{0}\n共 {1} 篇，生成于 {2}").format(
            self.archive.path, self.archive.article_count(), meta.get("built_at", "?")))

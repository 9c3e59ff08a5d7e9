"""The main window as a shell: it builds the panels and rooms and wires them; the behaviour lives in the rooms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QToolBar

from viewer.archive import Archive
from viewer.domain import Orphan
from viewer.ui import settings as keys
from viewer.ui.annotation_actions import AnnotationActions
from viewer.ui.annotation_panels import BookmarkPanel, TagPanel
from viewer.ui.facet_panel import FacetPanel
from viewer.ui.help_dialogs import HelpDialogs
from viewer.ui.list_model import HTML_MARKERS
from viewer.ui.list_panel import ListPanel
from viewer.ui.navigation import Navigation
from viewer.ui.navigator_panel import NavigatorPanel
from viewer.ui.output_actions import OutputActions
from viewer.ui.reader import ReaderView
from viewer.ui.search_bar import SearchBar
from viewer.ui.search_session import SearchSession
from viewer.ui.search_worker import SearchWorker
from viewer.ui.settings import WindowSettings
from viewer.ui.workers import WorkerThread

if TYPE_CHECKING:  # user data is imported when it is attached, after the window shows
    from viewer.userdata import UserStore

Shortcut = QKeySequence.StandardKey | str | None


class MainWindow(QMainWindow):
    """Browse by region and by issue, search, read; tags and bookmarks once user data is attached.

    Attributes:
        archive: the open read-only archive (GUI thread).
        session: the current search (the list's query, pager and total).
        navigation, annotations, output, window_settings, help: the rooms.

    Signals:
        searchFinished(): a search was answered (complete, or refused with a message).
        languageChosen(str): the interface language chosen for the next start.
    """

    searchFinished = Signal()
    languageChosen = Signal(str)

    def __init__(self, archive: Archive, settings: QSettings,
                 open_worker_archive: Callable[[], Archive] | None = None, store: UserStore | None = None) -> None:
        """`open_worker_archive` opens the search worker's own connection (by default like `archive`,
        with its split_words and tag lookup, both handed in by the composition root)."""
        super().__init__()
        self.archive = archive
        self.settings = settings
        self.store: UserStore | None = None
        self.setWindowTitle(self.tr("报刊档案阅览"))
        self.resize(1280, 800)
        self._init_panels()
        self._init_rooms(open_worker_archive or (lambda: Archive.open(
            archive.path, split_words=archive.split_words, tag_ids=archive.tag_ids)))
        self._init_actions()
        self._init_menus()
        self._init_toolbar()
        self._connect_signals()
        self._init_state()
        if store is not None:
            self.attach_store(store)

    # -- construction ----------------------------------------------------------------------
    def _init_panels(self) -> None:
        self.search_bar = SearchBar()
        self.search_box, self.loose_box, self.within_box = (
            self.search_bar.box, self.search_bar.loose_box, self.search_bar.within_box)
        self.history = self.search_bar.history
        self.navigator = NavigatorPanel(self.archive)
        self.region_model, self.issue_model = self.navigator.region_model, self.navigator.issue_model
        self.tag_panel = TagPanel(self.archive.existing_ids)
        self.bookmark_panel = BookmarkPanel()
        self.facets = FacetPanel()
        self.left = QSplitter(Qt.Orientation.Vertical)
        self.left.addWidget(self.navigator)
        self.left.addWidget(self.facets)
        self.left.setSizes([500, 250])
        self.list_panel = ListPanel()
        self.list_model, self.list_view, self.list_label = (
            self.list_panel.model, self.list_panel.view, self.list_panel.label)
        self.reader = ReaderView()
        self.reader.clear_article(self.tr("在左侧选择地区或期次，或在上方输入要查找的文字。"))
        self.splitter = QSplitter()
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.reader)
        self.splitter.setSizes([250, 560, 490])
        self.setCentralWidget(self.splitter)
        self.summary = self.list_panel.summary
        self.statusBar().addPermanentWidget(self.summary)

    def _init_rooms(self, open_worker_archive: Callable[[], Archive]) -> None:
        runner = WorkerThread(SearchWorker(open_worker_archive, HTML_MARKERS), self)
        self.session = SearchSession(runner, self.list_model, self)
        self.navigation = Navigation(self.archive, self.list_view, self.reader, self)
        self.annotations = AnnotationActions(self.archive, self, self.navigation.selected_ids,
                                             lambda: self.reader.article, self)
        self.output = OutputActions(self.archive, self.list_view, self.reader, self, self.navigation.selected_ids, self)
        self.window_settings = WindowSettings(self.settings, self, self)
        self.help = HelpDialogs(self.archive, self, self)

    def _action(self, text: str, shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _init_actions(self) -> None:
        a, key = self._action, QKeySequence.StandardKey
        self.act_find = a(self.tr("查找"), key.Find)
        self.act_print = a(self.tr("打印…"), key.Print)
        self.act_pdf = a(self.tr("另存为 PDF…"))
        self.act_quit = a(self.tr("退出"), key.Quit)
        self.act_cite = a(self.tr("复制引用"), "Ctrl+Shift+C")
        self.act_zoom_in = a(self.tr("放大"), "Ctrl+=")
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.act_zoom_out = a(self.tr("缩小"), "Ctrl+-")
        self.act_zoom_reset = a(self.tr("原始大小"), "Ctrl+0")
        self.act_back = a(self.tr("后退"), "Alt+Left")
        self.act_forward = a(self.tr("前进"), "Alt+Right")
        self.act_next_article = a(self.tr("下一篇"), "Ctrl+PgDown")
        self.act_prev_article = a(self.tr("上一篇"), "Ctrl+PgUp")
        self.act_next_hit = a(self.tr("下一处"), "F3")
        self.act_prev_hit = a(self.tr("上一处"), "Shift+F3")
        self.act_syntax = a(self.tr("查询语法"), "F1")
        self.act_about = a(self.tr("关于"))
        self.act_team = a(self.tr("团队数据库…"))
        self.act_bookmark = a(self.tr("加书签"), "Ctrl+D")
        self.act_note = a(self.tr("编辑笔记…"), "Ctrl+Shift+D")
        self.act_tag = a(self.tr("加标签…"), "Ctrl+T")
        self.act_tag_all = a(self.tr("给全部结果加标签…"))
        self.act_save_search = a(self.tr("保存搜索…"), key.Save)
        self.act_export_list = a(self.tr("导出文章列表（Excel/CSV）…"))
        self.act_export_selected = a(self.tr("导出选中的文章…"))
        self.act_compile = a(self.tr("汇编选中文章为 Word…"))
        self.act_export_notes = a(self.tr("导出标注…"))
        self.act_import_notes = a(self.tr("导入标注…"))
        self.act_zh = a("简体中文")
        self.act_en = a("English")
        self.annotation_actions = (self.act_bookmark, self.act_note, self.act_tag, self.act_tag_all,
                                   self.act_save_search, self.act_export_notes, self.act_import_notes)
        for action in self.annotation_actions:
            action.setEnabled(False)  # until user data is attached

    def _init_menus(self) -> None:
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
        edit_menu.addActions([self.act_bookmark, self.act_note, self.act_tag, self.act_tag_all, self.act_save_search])
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

    def _init_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.act_back, self.act_forward])
        toolbar.addSeparator()
        toolbar.addWidget(self.search_bar)
        toolbar.addSeparator()
        toolbar.addActions([self.act_prev_hit, self.act_next_hit, self.act_zoom_out, self.act_zoom_in, self.act_cite])
        self.addToolBar(toolbar)

    def _connect_signals(self) -> None:
        nav, notes, out, session, bar = self.navigation, self.annotations, self.output, self.session, self.search_bar
        # menu and toolbar actions
        reader = self.reader
        for action, slot in (
            (self.act_find, bar.focus), (self.act_print, out.print_article), (self.act_pdf, out.save_pdf),
            (self.act_quit, self.close), (self.act_cite, out.copy_citation),
            (self.act_zoom_in, lambda: reader.set_zoom(reader.zoom + 1)),
            (self.act_zoom_out, lambda: reader.set_zoom(reader.zoom - 1)),
            (self.act_zoom_reset, lambda: reader.set_zoom(0)),
            (self.act_back, nav.go_back), (self.act_forward, nav.go_forward),
            (self.act_next_article, lambda: nav.step_article(1)), (self.act_prev_article, lambda: nav.step_article(-1)),
            (self.act_next_hit, reader.next_hit), (self.act_prev_hit, reader.previous_hit),
            (self.act_syntax, self.help.show_syntax_help), (self.act_about, self.help.show_about),
            (self.act_team, self.window_settings.choose_team_database),
            (self.act_bookmark, notes.bookmark_current), (self.act_note, notes.edit_note),
            (self.act_tag, notes.tag_selection), (self.act_tag_all, notes.tag_all_hits),
            (self.act_save_search, notes.save_search),
            (self.act_export_list, lambda: out.export_list()),
            (self.act_export_selected, lambda: out.export_list(selected_only=True)),
            (self.act_compile, lambda: out.compile_docx()),
            (self.act_export_notes, lambda: notes.export_annotations()),
            (self.act_import_notes, lambda: notes.import_annotations()),
            (self.act_zh, lambda: self.window_settings.choose_language("zh_CN")),
            (self.act_en, lambda: self.window_settings.choose_language("en")),
        ):
            action.triggered.connect(slot)
        # searching: the bar asks, the session answers, the panels show
        bar.submitted.connect(session.submit)
        bar.remembered.connect(self._remember_query)
        self.facets.filterChosen.connect(bar.add_filter)
        for follows_query in (bar.set_current, notes.set_query, out.set_query):
            session.hitsShown.connect(lambda result, slot=follows_query: slot(result.query))
            session.listShown.connect(lambda _label, _total, slot=follows_query: slot(""))
        session.searching.connect(self.list_panel.searching)
        session.hitsShown.connect(self.list_panel.hits_shown)
        session.hitsShown.connect(lambda _result: self.facets.clear())  # the last search's facets would mislead
        session.hitsShown.connect(nav.hits_shown)
        session.finished.connect(self.list_panel.finished)
        session.finished.connect(lambda _result, facets: self.facets.show_facets(facets))
        session.finished.connect(nav.search_finished)
        session.finished.connect(lambda _result, _facets: self.searchFinished.emit())
        session.failed.connect(self.list_panel.failed)
        session.failed.connect(lambda _message: self.searchFinished.emit())
        session.listShown.connect(self.list_panel.list_shown)
        session.listShown.connect(lambda _label, _total: self.facets.clear())
        # browsing and reading
        self.navigator.nodeChosen.connect(nav.open_node)
        nav.listRequested.connect(session.show_list)
        self.list_view.selectionModel().currentRowChanged.connect(nav.row_changed)
        nav.articleShown.connect(self.window_settings.remember_article)
        self.reader.zoomChanged.connect(self.window_settings.remember_zoom)
        self.window_settings.languageChosen.connect(self.languageChosen)
        # annotations: keys 1-9 and 0 on the list, reader and trees; every hit comes from the session
        for widget in (self.list_view, self.reader, self.navigator.region_tree, self.navigator.issue_tree):
            widget.installEventFilter(notes)
        notes.idsWanted.connect(session.request_ids)
        session.idsReady.connect(notes.tag_every_hit)
        notes.changed.connect(self._annotations_changed)
        self.tag_panel.changed.connect(self._annotations_changed)
        self.tag_panel.tagChosen.connect(lambda name: bar.search_for(f'标签:"{name}"' if " " in name else f"标签:{name}"))
        self.bookmark_panel.articleChosen.connect(nav.show_article)
        self.bookmark_panel.searchChosen.connect(bar.search_for)
        # output: an export of every row waits for them
        out.rowsWanted.connect(session.load_all)
        session.allLoaded.connect(out.rows_loaded)
        # status messages
        for room in (nav, notes, out):
            room.status.connect(self.statusBar().showMessage)

    def _init_state(self) -> None:
        last = self.window_settings.restore(self, self._splitters(), self.reader)
        if last:
            self.navigation.show_article(last, remember=False)
        QTimer.singleShot(0, lambda: self.archive.engine)  # load the search engine while the user looks
        self.summary.setText(self.tr("共 {0} 篇文章").format(self.archive.article_count()))

    def _splitters(self) -> dict[str, QSplitter]:
        return {keys.SPLITTER: self.splitter, keys.LEFT_SPLITTER: self.left}

    # -- user data -------------------------------------------------------------------------
    def attach_store(self, store: UserStore, orphans: Sequence[Orphan] = ()) -> None:
        """Bring in user data (opened after the window shows: SQLAlchemy is a heavy import)."""
        self.store = store
        self.annotations.attach(store)
        self.tag_panel.attach(store, list(orphans))
        self.bookmark_panel.attach(store)
        self.navigator.add_user_tabs(self.tag_panel, self.bookmark_panel)
        self.search_bar.add_history(store.history())
        self.list_model.tag_lookup = store.tags_by_article
        self.navigation.tag_chips = self.annotations.chips
        self.list_panel.show_tags_column()
        for action in self.annotation_actions:
            action.setEnabled(True)
        self._annotations_changed()

    def _remember_query(self, text: str) -> None:
        if self.store is not None:
            self.store.add_history(text)

    def _annotations_changed(self) -> None:
        """Refresh everything that shows tags or bookmarks."""
        self.tag_panel.refresh()
        self.bookmark_panel.refresh()
        self.list_model.refresh_tags()
        self.navigation.refresh_tags()

    # -- state -----------------------------------------------------------------------------
    def save_state(self) -> None:
        self.window_settings.save(self, self._splitters(), self.reader)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.session.stop()
        super().closeEvent(event)

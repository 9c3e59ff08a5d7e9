"""The main window as a shell: it builds the panels and rooms and wires them; the behaviour lives in the rooms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter

from viewer.archive import Archive
from viewer.domain import Orphan
from viewer.ui import settings as keys
from viewer.ui.annotation_actions import AnnotationActions
from viewer.ui.commands import Commands
from viewer.ui.context_menus import ContextMenus
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

class MainWindow(QMainWindow):
    """Browse by region and by issue, search, read; tags and bookmarks once user data is attached.

    Attributes:
        archive: the open read-only archive (GUI thread).
        session: the current search (the list's query, pager and total).
        navigation, annotations, output, window_settings, help: the rooms.

    Signals:
        searchFinished(): a search was answered (complete, or refused with a message).
        languageChosen(str): the interface language chosen for the next start.
        closing(): the window is closing (before the search worker is stopped).
        userDataChanged(str): the store committed a change (what: tags, bookmarks, searches, history, all);
            every panel that shows user data refreshes from it.
    """

    searchFinished = Signal()
    languageChosen = Signal(str)
    userDataChanged = Signal(str)
    closing = Signal()

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
        self.commands = Commands(self, self.search_bar)
        self.menus = ContextMenus(self.commands, self.annotations, self.navigation, self)
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
        self.splitter.setSizes([200, 600, 480])  # the list gets the room its headlines need
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

    def _connect_signals(self) -> None:
        nav, notes, out, session, bar = self.navigation, self.annotations, self.output, self.session, self.search_bar
        c = self.commands
        # menu and toolbar actions
        reader = self.reader
        for action, slot in (
            (c.find, bar.focus), (c.advanced, self._advanced_search), (c.print_article, out.print_article), (c.pdf, out.save_pdf),
            (c.quit, self.close), (c.cite, out.copy_citation),
            (c.zoom_in, lambda: reader.set_zoom(reader.zoom + 1)),
            (c.zoom_out, lambda: reader.set_zoom(reader.zoom - 1)),
            (c.zoom_reset, lambda: reader.set_zoom(0)),
            (c.back, nav.go_back), (c.forward, nav.go_forward),
            (c.next_article, lambda: nav.step_article(1)), (c.prev_article, lambda: nav.step_article(-1)),
            (c.next_hit, reader.next_hit), (c.prev_hit, reader.previous_hit),
            (c.review_list, nav.list_needing_review),
            (c.syntax, self.help.show_syntax_help), (c.about, self.help.show_about),
            (c.team, self.window_settings.choose_team_database),
            (c.bookmark, notes.bookmark_current), (c.note, notes.edit_note),
            (c.tag, notes.tag_selection), (c.tag_all, notes.tag_all_hits),
            (c.save_search, notes.save_search), (c.undo, notes.undo),
            (c.export_list, lambda: out.export_list()),
            (c.export_selected, lambda: out.export_list(selected_only=True)),
            (c.compile, lambda: out.compile_docx()),
            (c.export_notes, lambda: notes.export_annotations()),
            (c.import_notes, lambda: notes.import_annotations()),
            (c.cite_gbt, lambda: self.window_settings.choose_citation_style("gbt7714")),
            (c.cite_prose, lambda: self.window_settings.choose_citation_style("prose")),
            (c.zh, lambda: self.window_settings.choose_language("zh_CN")),
            (c.en, lambda: self.window_settings.choose_language("en")),
        ):
            action.triggered.connect(slot)
        # searching: the bar asks, the session answers, the panels show
        bar.submitted.connect(session.submit)
        bar.remembered.connect(self._remember_query)
        self.facets.filterChosen.connect(bar.add_filter)
        self.list_panel.chips.searchWanted.connect(bar.search_for)
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
        nav.listOpened.connect(self.window_settings.remember_list)
        nav.on_history = self._history_changed
        bar.submitted.connect(lambda query, _loose: self.window_settings.remember_list(f"search\t{query}"))
        self.reader.zoomChanged.connect(self.window_settings.remember_zoom)
        self.reader.hitChanged.connect(nav.hit_changed)
        self.reader.articleRequested.connect(nav.show_article)
        self.reader.untagRequested.connect(notes.untag_current)
        self.menus.install(self.list_view, lambda point: self.menus.list_menu(self.list_view, point))
        for tree, by_region in ((self.navigator.region_tree, True), (self.navigator.issue_tree, False)):
            self.menus.install(tree, lambda point, t=tree, r=by_region: self.menus.tree_menu(t, point, r))
        self.window_settings.languageChosen.connect(self.languageChosen)
        # annotations: keys 1-9 and 0 on the list, reader and trees; every hit comes from the session
        for widget in (self.list_view, self.reader, self.navigator.region_tree, self.navigator.issue_tree):
            widget.installEventFilter(notes)
        notes.idsWanted.connect(session.request_ids)
        session.idsReady.connect(notes.tag_every_hit)
        self.userDataChanged.connect(self._annotations_changed)
        self.navigator.tagChosen.connect(lambda name: bar.search_for(f'标签:"{name}"' if " " in name else f"标签:{name}"))
        self.navigator.articleChosen.connect(nav.show_article)
        self.navigator.searchChosen.connect(bar.search_for)
        # output: an export of every row waits for them
        out.rowsWanted.connect(session.load_all)
        session.allLoaded.connect(out.rows_loaded)
        # status messages
        for room in (nav, notes, out):
            room.status.connect(self.statusBar().showMessage)

    def _init_state(self) -> None:
        style = self.window_settings.citation_style()
        (self.commands.cite_gbt if style == "gbt7714" else self.commands.cite_prose).setChecked(True)
        self.output.citation_style = self.window_settings.citation_style
        last = self.window_settings.restore(self, self._splitters(), self.reader)
        if last:
            self.navigation.show_article(last, remember=False)
        QTimer.singleShot(0, self.session.prepare)  # the worker opens its archive while the user looks
        QTimer.singleShot(0, self._first_list)
        self.summary.setText(self.tr("共 {0} 篇文章").format(self.archive.article_count()))

    def _first_list(self) -> None:
        """The list the user left (a search or a node), else the newest issue's articles."""
        kind, _, query = self.window_settings.last_list().partition("\t")
        if kind == "search" and query:
            self.navigation.keep_reader_once()
            self.search_bar.search_for(query)
        elif not self.navigation.restore_list(self.window_settings.last_list()):
            newest = self.archive.trees.newest_issue()
            if newest is not None:
                self.navigation.list_node(newest, by_region=False, select_first=self.reader.article is None)

    def _splitters(self) -> dict[str, QSplitter]:
        return {keys.SPLITTER: self.splitter, keys.LEFT_SPLITTER: self.left}

    # -- user data -------------------------------------------------------------------------
    def attach_store(self, store: UserStore, orphans: Sequence[Orphan] = ()) -> None:
        """Bring in user data (opened after the window shows: SQLAlchemy is a heavy import)."""
        self.store = store
        self._unsubscribe = store.subscribe(self.userDataChanged.emit)  # queued when a worker commits
        self.annotations.attach(store)
        self.navigator.attach_user_data(store, self.archive.existing_ids, orphans)
        if self.navigator.bookmark_panel is not None:
            bookmarks = self.navigator.bookmark_panel.list
            self.menus.install(bookmarks, lambda point: self.menus.bookmark_menu(bookmarks, point))
        self.search_bar.add_history(store.history())
        self.list_model.tag_lookup = store.tags_by_article
        self.list_model.tag_colours = store.tag_colours
        self.navigation.tag_chips = self.annotations.chips
        self.list_panel.show_tags_column()
        for action in self.commands.need_user_data:
            action.setEnabled(True)
        self._annotations_changed()

    def _advanced_search(self) -> None:
        """The CNKI-style form; its query goes into the search box and runs."""
        from viewer.ui.advanced_search import ask_query

        tags = [t.name for t in self.store.tags()] if self.store is not None else []
        query = ask_query(self.archive, tags, self)
        if query:
            self.search_bar.search_for(query)

    def _history_changed(self, back: int, forward: int) -> None:
        self.commands.back.setEnabled(back > 0)
        self.commands.forward.setEnabled(forward > 0)

    def _remember_query(self, text: str) -> None:
        if self.store is not None:
            self.store.add_history(text)

    def _annotations_changed(self, what: str = "all") -> None:
        """Refresh everything that shows tags or bookmarks (the store announced a change)."""
        if what == "history":
            return
        self.navigator.refresh_user_data()
        self.list_model.refresh_tags()
        self.navigation.refresh_tags()

    # -- state -----------------------------------------------------------------------------
    def save_state(self) -> None:
        self.window_settings.save(self, self._splitters(), self.reader)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        if self.store is not None:
            self._unsubscribe()
        self.save_state()
        self.session.stop()
        super().closeEvent(event)

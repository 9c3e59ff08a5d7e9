"""Window settings: the QSettings keys, restoring and saving state, and the settings dialogs."""

from __future__ import annotations

from PySide6 import QtWidgets  # dialogs: their classes load when first used
from PySide6.QtCore import QByteArray, QObject, QSettings, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from viewer.ui.reader import ReaderView

GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"
LEFT_SPLITTER = "window/left"
ZOOM = "reader/zoom"
LAST_ARTICLE = "reader/last_article"
LANGUAGE = "ui/language"
TEAM_URL = "userdata/url"
CITATION_STYLE = "output/citation_style"
LAST_LIST = "list/last"  # what the list showed: "search\t<query>" or "issue\t<issue key>"


class WindowSettings(QObject):
    """Reads and writes the window's state; asks for the team database and the language.

    Signals:
        languageChosen(str): the interface language chosen for the next start.
    """

    languageChosen = Signal(str)

    def __init__(self, settings: QSettings, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.window = window

    def restore(self, window: QMainWindow, splitters: dict[str, QSplitter], reader: ReaderView) -> str:
        """Put back geometry, splitters and zoom; returns the article last read ('' for none)."""
        s = self.settings
        geometry = s.value(GEOMETRY)
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        for key, splitter in splitters.items():
            state = s.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        reader.set_zoom(int(s.value(ZOOM, 0) or 0))
        return str(s.value(LAST_ARTICLE, "") or "")

    def save(self, window: QMainWindow, splitters: dict[str, QSplitter], reader: ReaderView) -> None:
        s = self.settings
        s.setValue(GEOMETRY, window.saveGeometry())
        for key, splitter in splitters.items():
            s.setValue(key, splitter.saveState())
        s.setValue(ZOOM, reader.zoom)
        if reader.article is not None:
            s.setValue(LAST_ARTICLE, reader.article.id)
        s.sync()

    @Slot(str)
    def remember_article(self, article_id: str) -> None:
        self.settings.setValue(LAST_ARTICLE, article_id)

    @Slot(str)
    def remember_list(self, what: str) -> None:
        """What the list shows (see LAST_LIST), to show it again at the next start."""
        self.settings.setValue(LAST_LIST, what)

    def last_list(self) -> str:
        return str(self.settings.value(LAST_LIST, "") or "")

    @Slot(int)
    def remember_zoom(self, steps: int) -> None:
        self.settings.setValue(ZOOM, steps)

    @Slot()
    def choose_team_database(self) -> None:
        """The PostgreSQL URL a team shares (empty: this computer's own data)."""
        current = str(self.settings.value(TEAM_URL, "") or "")
        url, ok = QtWidgets.QInputDialog.getText(
            self.window, self.tr("团队数据库"),
            self.tr("团队共用的 PostgreSQL 地址（留空则使用本机数据），例如：\n"
                    "postgresql+psycopg://用户:密码@服务器/archive"), text=current)
        if not ok:
            return
        url = url.strip()
        if url and not url.startswith(("postgresql", "sqlite:")):
            QtWidgets.QMessageBox.warning(self.window, self.tr("团队数据库"), self.tr("地址应以 postgresql+psycopg:// 开头。"))
            return
        self.settings.setValue(TEAM_URL, url)
        QtWidgets.QMessageBox.information(self.window, self.tr("团队数据库"), self.tr("将在重新启动后使用新的数据位置。"))

    def citation_style(self) -> str:
        """gbt7714 or prose (the default): how copied citations and compilations cite."""
        from viewer.reports.citation import DEFAULT_STYLE, STYLES

        style = str(self.settings.value(CITATION_STYLE, DEFAULT_STYLE) or DEFAULT_STYLE)
        return style if style in STYLES else DEFAULT_STYLE

    def choose_citation_style(self, style: str) -> None:
        self.settings.setValue(CITATION_STYLE, style)

    def choose_language(self, code: str) -> None:
        self.settings.setValue(LANGUAGE, code)
        self.languageChosen.emit(code)
        QtWidgets.QMessageBox.information(self.window, self.tr("语言"), self.tr("界面语言将在重新启动后切换。"))

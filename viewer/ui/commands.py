"""The window's commands: its actions with their shortcuts, the menus and the toolbar (wired by the shell)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar, QToolButton, QWidget

Shortcut = QKeySequence.StandardKey | str | None


class Commands(QObject):
    """Every menu and toolbar action of the main window; `need_user_data` are enabled once it is attached."""

    def __init__(self, window: QMainWindow, search_bar: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._init_actions()
        self._init_menus()
        self._init_toolbar(search_bar)

    def _action(self, text: str, shortcut: Shortcut = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.window.addAction(action)
        return action

    def _init_actions(self) -> None:
        a, key = self._action, QKeySequence.StandardKey
        self.find = a(self.tr("查找"), key.Find)
        self.advanced = a(self.tr("高级检索…"), "Ctrl+Shift+F")
        self.print_article = a(self.tr("打印…"), key.Print)
        self.pdf = a(self.tr("另存为 PDF…"))
        self.quit = a(self.tr("退出"), key.Quit)
        self.cite = a(self.tr("复制引用"), "Ctrl+Shift+C")
        self.zoom_in = a(self.tr("放大"), "Ctrl+=")
        self.zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.zoom_out = a(self.tr("缩小"), "Ctrl+-")
        self.zoom_reset = a(self.tr("原始大小"), "Ctrl+0")
        self.back = a(self.tr("后退"), "Alt+Left")
        self.forward = a(self.tr("前进"), "Alt+Right")
        self.next_article = a(self.tr("下一篇"), "Ctrl+PgDown")
        self.prev_article = a(self.tr("上一篇"), "Ctrl+PgUp")
        self.next_hit = a(self.tr("下一处"), "F3")
        self.prev_hit = a(self.tr("上一处"), "Shift+F3")
        self.review_list = a(self.tr("列出待核对的文章"))
        self.syntax = a(self.tr("查询语法"), "F1")
        self.about = a(self.tr("关于"))
        self.team = a(self.tr("团队数据库…"))
        self.bookmark = a(self.tr("加书签"), "Ctrl+D")
        self.note = a(self.tr("编辑笔记…"), "Ctrl+Shift+D")
        self.tag = a(self.tr("加标签…"), "Ctrl+T")
        self.tag_all = a(self.tr("给全部结果加标签…"), "Ctrl+Shift+T")
        self.save_search = a(self.tr("保存搜索…"), key.Save)
        self.undo = a(self.tr("撤销标注修改"), key.Undo)
        self.export_list = a(self.tr("导出文章列表（Excel/CSV）…"), "Ctrl+E")
        self.export_selected = a(self.tr("导出选中的文章…"))
        self.compile = a(self.tr("汇编选中文章为 Word…"), "Ctrl+Shift+E")
        self.export_notes = a(self.tr("导出标注…"))
        self.import_notes = a(self.tr("导入标注…"))
        self.cite_gbt = a(self.tr("GB/T 7714 著录格式"))
        self.cite_prose = a(self.tr("文字引用格式"))
        styles = QActionGroup(self.window)
        for action in (self.cite_gbt, self.cite_prose):
            action.setCheckable(True)
            styles.addAction(action)
        self.back.setEnabled(False)  # until there is a way back (Navigation.historyChanged)
        self.forward.setEnabled(False)
        self.zh = a("简体中文")
        self.en = a("English")
        self.need_user_data = (self.bookmark, self.note, self.tag, self.tag_all, self.undo,
                                   self.save_search, self.export_notes, self.import_notes)
        for action in self.need_user_data:
            action.setEnabled(False)  # until user data is attached

    def _init_menus(self) -> None:
        menus = self.window.menuBar()
        file_menu = menus.addMenu(self.tr("文件(&F)"))
        file_menu.addActions([self.print_article, self.pdf])
        file_menu.addSeparator()
        file_menu.addActions([self.export_list, self.export_selected, self.compile])
        file_menu.addSeparator()
        file_menu.addActions([self.export_notes, self.import_notes])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit_menu = menus.addMenu(self.tr("编辑(&E)"))
        edit_menu.addActions([self.undo, self.find, self.advanced, self.cite])
        edit_menu.addSeparator()
        edit_menu.addActions([self.bookmark, self.note, self.tag, self.tag_all, self.save_search])
        view_menu = menus.addMenu(self.tr("查看(&V)"))
        view_menu.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view_menu.addSeparator()
        view_menu.addActions([self.back, self.forward, self.prev_article, self.next_article,
                              self.prev_hit, self.next_hit])
        view_menu.addSeparator()
        view_menu.addAction(self.review_list)
        settings_menu = menus.addMenu(self.tr("设置(&S)"))
        settings_menu.addAction(self.team)
        style_menu = settings_menu.addMenu(self.tr("引用格式(&C)"))
        style_menu.addActions([self.cite_gbt, self.cite_prose])
        language_menu = settings_menu.addMenu(self.tr("语言(&L)"))
        language_menu.addActions([self.zh, self.en])
        help_menu = menus.addMenu(self.tr("帮助(&H)"))
        help_menu.addActions([self.syntax, self.about])

    def _init_toolbar(self, search_bar: QWidget) -> None:
        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.back, self.forward])
        toolbar.addSeparator()
        toolbar.addWidget(search_bar)
        toolbar.addSeparator()
        toolbar.addActions([self.prev_hit, self.next_hit, self.zoom_out, self.zoom_in, self.cite])
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.window.style()
        # arrows for moving (their names show as tooltips), so the search box keeps its room at 1024 px
        for action, pixmap in ((self.back, QStyle.StandardPixmap.SP_ArrowBack),
                               (self.forward, QStyle.StandardPixmap.SP_ArrowForward),
                               (self.prev_hit, QStyle.StandardPixmap.SP_ArrowUp),
                               (self.next_hit, QStyle.StandardPixmap.SP_ArrowDown)):
            action.setIcon(style.standardIcon(pixmap))
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.cite.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.window.addToolBar(toolbar)

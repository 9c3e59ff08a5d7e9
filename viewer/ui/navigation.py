"""Moving around: open a navigator node or an article, back and forward, the next or previous article."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Signal, Slot
from PySide6.QtWidgets import QTableView

from viewer.archive import Archive
from viewer.domain import Article, Facets, SearchResult, TreeNode, display_title
from viewer.errors import ArchiveError
from viewer.ui.continuation import Parts
from viewer.ui.list_model import HitListModel, Pager
from viewer.ui.reader import ReaderView
from viewer.ui.tree_model import ARTICLE_ID_ROLE, NODE_ROLE

HISTORY_SIZE = 50
Chips = Callable[[str], list[tuple[str, str]]]  # an article id -> its tags as (name, colour)


class Navigation(QObject):
    """Shows what the user opens in the list and the reader, and keeps the way back.

    Attributes:
        terms: the current search's terms, highlighted in the reader.
        tag_chips: the tags shown on an article (handed in once user data is attached).
        on_history: called with how many steps back and forward there are, after each article shown
            (a plain callback: a Qt signal emitted here led PySide6 to a refcount crash at exit).

    Signals:
        listRequested(object, str): a node's pager and label, for the search session to list.
        listOpened(str): a node's list was opened, as `restore_list` takes it back after a restart.
        articleShown(str): the reader shows this article.
        status(str): a message for the status bar.
    """

    listRequested = Signal(object, str)
    listOpened = Signal(str)
    articleShown = Signal(str)
    status = Signal(str)

    def __init__(self, archive: Archive, list_view: QTableView, reader: ReaderView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.list_view = list_view
        self.reader = reader
        self.terms: list[str] = []
        self.tag_chips: Chips = lambda _article_id: []
        self.on_history: Callable[[int, int], None] = lambda _back, _forward: None
        self._back: list[str] = []
        self._forward: list[str] = []
        self._keep_reader = False  # a restored list leaves the reader on the article read last

    @property
    def model(self) -> HitListModel:
        model = self.list_view.model()
        assert isinstance(model, HitListModel)
        return model

    @Slot(QModelIndex, bool)
    def open_node(self, index: QModelIndex, by_region: bool) -> None:
        """A navigator node was chosen: show an article, or list the node's articles."""
        article_id = index.data(ARTICLE_ID_ROLE)
        if article_id:
            self.show_article(article_id)
            return
        self.list_node(index.data(NODE_ROLE), by_region)

    def list_node(self, node: TreeNode, by_region: bool, select_first: bool = True) -> None:
        """List a node's articles (and open the first unless told not to)."""
        self.terms = []
        pager, label = self._node_pager(node, by_region)
        self.listRequested.emit(pager, label)
        self.listOpened.emit("\t".join(("region" if by_region else "issue", node.key, node.label)))
        if select_first and self.model.rowCount():
            self.list_view.selectRow(0)

    def restore_list(self, remembered: str) -> bool:
        """Show again a list `listOpened` described (the reader keeps its article); False when unknown."""
        kind, _, rest = remembered.partition("\t")
        key, _, label = rest.partition("\t")
        if kind not in ("region", "issue") or not label:
            return False
        self.list_node(TreeNode(key=key, label=label, count=0, has_children=True), kind == "region",
                       select_first=self.reader.article is None)
        return True

    def keep_reader_once(self) -> None:
        """The next search's first page leaves the reader on its article (a search restored at start)."""
        self._keep_reader = self.reader.article is not None

    def _node_pager(self, node: TreeNode, by_region: bool) -> tuple[Pager, str]:
        trees = self.archive.trees
        if by_region:
            return (lambda o, n: trees.browse(region=node.key, limit=n, offset=o)), node.label
        if node.key.startswith("issue:"):
            return (lambda o, n: trees.browse(issue=node.key, limit=n, offset=o)), node.label
        if "\t" in node.key:
            publication, year = node.key.split("\t", 1)
            return (lambda o, n: trees.browse(publication=publication, year=year, limit=n, offset=o)), \
                f"{publication} {node.label}"
        return (lambda o, n: trees.browse(publication=node.key, limit=n, offset=o)), node.label

    @Slot()
    def list_needing_review(self) -> None:
        """List every article the parser flagged for checking (待核对), newest first."""
        trees = self.archive.trees
        self.terms = []
        self.listRequested.emit(lambda o, n: trees.browse(needs_review=True, limit=n, offset=o), self.tr("待核对"))
        if self.model.rowCount():
            self.list_view.selectRow(0)

    @Slot(object)
    def hits_shown(self, result: SearchResult) -> None:
        """A search's first page is listed: highlight its terms, open its first hit."""
        self.terms = list(result.terms)
        if self._keep_reader and self.reader.article is not None:
            self._keep_reader = False
            rows = [h.article_id for h in result.hits]
            if self.reader.article.id in rows:
                self.list_view.selectRow(rows.index(self.reader.article.id))
            return
        if result.hits:
            self.list_view.selectRow(0)

    @Slot(object, object)
    def search_finished(self, result: SearchResult, _facets: Facets) -> None:
        if not result.total:
            self.reader.clear_article(self.tr(
                "没有找到“{0}”。可以试试：换一个更短的词；去掉地区、日期等筛选；勾选“模糊”把一句话拆成词；"
                "检查有没有错别字。").format(result.query))

    @Slot(QModelIndex, QModelIndex)
    def row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = current.data(ARTICLE_ID_ROLE) if current.isValid() else None
        if article_id:
            self.show_article(article_id)

    @Slot(str)
    def show_article(self, article_id: str, remember: bool = True) -> None:
        try:
            article = self.archive.article(article_id)
        except KeyError:
            return
        except ArchiveError as e:  # the article fails its checksum: say so, keep the app usable
            self.reader.clear_article(self.tr("无法打开这篇文章：{0}").format(e.message_zh))
            self.status.emit(self.tr("档案文件可能已损坏"))
            return
        if remember and self.reader.article is not None and self.reader.article.id != article_id:
            self._back = [*self._back, self.reader.article.id][-HISTORY_SIZE:]
            self._forward.clear()
        self.reader.show_article(article, self.terms, self.tag_chips(article_id), self._parts(article))
        self.articleShown.emit(article_id)
        self.on_history(len(self._back), len(self._forward))
        hits = self.reader.hit_count
        self.status.emit(self.tr("本文 {0} 处命中（F3 下一处）").format(hits) if hits else display_title(article).text)

    def _parts(self, article: Article) -> Parts:
        """The other parts of a continued article, when this archive has them."""
        if not article.continued:
            return Parts()
        trees = self.archive.trees
        before = trees.continuation(article.id, "from") if article.continued in ("from", "both") else None
        after = trees.continuation(article.id, "to") if article.continued in ("to", "both") else None
        return Parts(before, after)

    @Slot(int, int)
    def hit_changed(self, number: int, total: int) -> None:
        """The reader stepped to a hit: say which (第 2/7 处)."""
        if total:
            self.status.emit(self.tr("第 {0}/{1} 处").format(number, total))

    @Slot()
    def refresh_tags(self) -> None:
        """Tags changed: the reader's chips follow, its place kept."""
        if self.reader.article is not None:
            self.reader.set_tags(self.tag_chips(self.reader.article.id))

    @Slot()
    def go_back(self) -> None:
        if self._back and self.reader.article is not None:
            self._forward.append(self.reader.article.id)
            self.show_article(self._back.pop(), remember=False)

    @Slot()
    def go_forward(self) -> None:
        if self._forward and self.reader.article is not None:
            self._back.append(self.reader.article.id)
            self.show_article(self._forward.pop(), remember=False)

    def step_article(self, step: int) -> None:
        row = self.list_view.currentIndex().row() + step
        if 0 <= row < self.model.rowCount():
            self.list_view.selectRow(row)

    def selected_ids(self) -> list[str]:
        """The selected rows of the list, else the article in the reader."""
        rows = sorted({i.row() for i in self.list_view.selectionModel().selectedRows()})
        ids = [self.model.hits[r].article_id for r in rows if r < len(self.model.hits)]
        if not ids and self.reader.article is not None:
            ids = [self.reader.article.id]
        return ids

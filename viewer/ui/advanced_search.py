"""Advanced search (CNKI-style): a form for title, author, full text, region, publication, dates and tag
that writes the same query text the search box takes, so both stay one language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from viewer.archive import Archive
from viewer.domain import KIND_LABELS

EARLIEST, LATEST = "1949-01-01", "2099-12-31"  # the open end of a one-sided date range
REGION_DEPTH = 3  # province, city, county


@dataclass(frozen=True)
class SearchForm:
    """What the form holds; every field is optional."""

    title: str = ""
    author: str = ""
    text: str = ""
    region: str = ""
    publication: str = ""
    date_from: str = ""  # YYYY-MM-DD
    date_to: str = ""
    tag: str = ""
    kind: str = ""  # 新闻, 图片, 简讯 … (类型:)


def _value(text: str) -> str:
    """A field value as the query language takes it: quoted when it holds a space."""
    text = text.strip().replace('"', "")
    return f'"{text}"' if any(c.isspace() for c in text) else text


def form_query(form: SearchForm) -> str:
    """The query text for a filled form: full-text words first, then 标题: 作者: 地区: 出版物: 标签: 类型: 日期:."""
    parts = [form.text.strip()] if form.text.strip() else []
    for field, value in (("标题", form.title), ("作者", form.author), ("地区", form.region),
                         ("出版物", form.publication), ("标签", form.tag), ("类型", form.kind)):
        if value.strip():
            parts.append(f"{field}:{_value(value)}")
    if form.date_from or form.date_to:
        start, end = form.date_from or EARLIEST, form.date_to or LATEST
        parts.append(f"日期:{start}" if start == end else f"日期:{start}..{end}")
    return " ".join(parts)


def region_names(archive: Archive) -> list[tuple[str, int]]:
    """Regions of the archive as (name, depth), each followed by the regions under it."""
    out: list[tuple[str, int]] = []

    def walk(key: str | None, depth: int) -> None:
        if depth >= REGION_DEPTH:
            return
        for node in archive.trees.region_children(key):
            if node.key:
                out.append((node.label, depth))
                walk(node.key, depth + 1)

    walk(None, 0)
    return out


class AdvancedSearchDialog(QDialog):
    """The form; `query()` is the text it stands for (put into the search box by the caller)."""

    def __init__(self, archive: Archive, tags: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("高级检索"))
        self.title_box, self.author_box, self.text_box = QLineEdit(), QLineEdit(), QLineEdit()
        self.text_box.setPlaceholderText(self.tr("正文中的词，空格分隔"))
        self.region_box = self._combo([("  " * depth + name) for name, depth in region_names(archive)])
        self.publication_box = self._combo([node.label for node in archive.trees.publications()])
        self.tag_box = self._combo(list(tags))
        self.kind_box = self._combo([zh for zh, _ in KIND_LABELS.values()])
        self.kind_box.setEditable(False)
        self.from_check, self.from_date = self._date_row(self.tr("从"))
        self.to_check, self.to_date = self._date_row(self.tr("到"))
        dates = QHBoxLayout()
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            dates.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for label, widget in ((self.tr("标题："), self.title_box), (self.tr("作者："), self.author_box),
                              (self.tr("全文："), self.text_box), (self.tr("地区："), self.region_box),
                              (self.tr("出版物："), self.publication_box), (self.tr("标签："), self.tag_box),
                              (self.tr("类型："), self.kind_box)):
            form.addRow(label, widget)
        form.addRow(self.tr("日期："), dates)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def _combo(self, items: list[str]) -> QComboBox:
        box = QComboBox()
        box.setEditable(True)
        box.addItems(["", *items])
        box.setCurrentIndex(0)  # empty: a reflex Enter adds no filter
        return box

    def _date_row(self, label: str) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(label)
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        return check, edit

    def form(self) -> SearchForm:
        def date(check: QCheckBox, edit: QDateEdit) -> str:
            return edit.date().toString("yyyy-MM-dd") if check.isChecked() else ""

        return SearchForm(
            title=self.title_box.text(), author=self.author_box.text(), text=self.text_box.text(),
            region=self.region_box.currentText().strip(), publication=self.publication_box.currentText(),
            date_from=date(self.from_check, self.from_date), date_to=date(self.to_check, self.to_date),
            tag=self.tag_box.currentText(), kind=self.kind_box.currentText())

    def query(self) -> str:
        return form_query(self.form())


def ask_query(archive: Archive, tags: Sequence[str], parent: QWidget) -> str:
    """Show the form; the query it stands for, or '' when cancelled or left empty."""
    dialog = AdvancedSearchDialog(archive, tags, parent)
    try:
        return dialog.query() if dialog.exec() else ""
    finally:
        dialog.deleteLater()

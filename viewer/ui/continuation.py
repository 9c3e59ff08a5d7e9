"""What the reader says around an article: its kind, and where a continued article goes on or came from."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from viewer.domain import Article, kind_label
from viewer.ui.i18n import ui_language

ARTICLE_LINK = "article"  # the link scheme of the other part (the reader opens it)
_PAGE_MARK = re.compile(r"([上下])(?:转|接)第\s*([0-9一二三四五六七八九十]+)\s*版")


@dataclass(frozen=True)
class Parts:
    """The ids of a continued article's other parts in this archive: where it came from, where it goes."""

    before: str | None = None
    after: str | None = None


def kind_badge(article: Article) -> str:
    """【图片】, 【简讯】... for articles that are not ordinary news ('' for news)."""
    if article.kind == "news":
        return ""
    return QCoreApplication.translate("Continuation", "【{0}】").format(kind_label(article.kind, ui_language()))


def printed_pages(article: Article) -> dict[str, str]:
    """The pages printed in the continuation markers kept in the signature: {"上": "2", "下": "4"}."""
    return {side: page for side, page in _PAGE_MARK.findall(article.signature)}


def continuation_notes(article: Article, parts: Parts) -> tuple[str, str]:
    """HTML notices before and after the text (empty when the article is whole); a link opens the
    other part when the archive has it."""
    pages = printed_pages(article)
    before = after = ""
    if article.continued in ("from", "both"):
        before = (QCoreApplication.translate("Continuation", "本文上接第{0}版").format(pages["上"]) if "上" in pages
                  else QCoreApplication.translate("Continuation", "本文上接他版（开头不在本版）"))
        before = html.escape(before) + _link(parts.before, QCoreApplication.translate("Continuation", "阅读上文"))
    if article.continued in ("to", "both"):
        after = (QCoreApplication.translate("Continuation", "下转第{0}版").format(pages["下"]) if "下" in pages
                 else QCoreApplication.translate("Continuation", "下转他版（本版到此为止）"))
        after = html.escape(after) + _link(parts.after, QCoreApplication.translate("Continuation", "阅读下文"))
    return before, after


def _link(article_id: str | None, text: str) -> str:
    if not article_id:
        return ""
    return f' <a href="{ARTICLE_LINK}:{html.escape(article_id)}">{html.escape(text)}</a>'

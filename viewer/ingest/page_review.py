"""Checking a page before it is saved: fix its metadata, headlines, kinds, regions; merge and split (not the parser's review flags)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

from viewer.domain import ARTICLE_KINDS, REVIEW_REASONS, Article, RegionPath
from viewer.ingest.library_writer import PageRecord
from viewer.ingest.merge import PAGE_SQL, article_from_row
from viewer.ingest.parse import article_key

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReviewError(ValueError):
    """An edit that cannot be made; message_zh says why."""

    def __init__(self, message_zh: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh


def review_flags(article: Article) -> tuple[str, ...]:
    """The parser's reasons to check this article, in Chinese (empty when it is sure)."""
    return tuple(REVIEW_REASONS.get(code, (code, code))[0] for code in article.review)


def set_page_info(page: PageRecord, publication: str, issue_date: str | None, number: int | None,
                  section: str | None) -> PageRecord:
    """The same page with the publication, date (YYYY-MM-DD), page number and section fixed for every article."""
    publication = publication.strip()
    if not publication:
        raise ReviewError("报刊名称不能为空")
    if issue_date and not DATE_RE.match(issue_date):
        raise ReviewError(f"日期格式应为 2025-03-14：{issue_date}")
    articles = tuple(replace(a, issue=replace(
        a.issue, publication=publication, publication_inferred=False, issue_date=issue_date or None,
        date_precision="day" if issue_date else "unknown", date_inferred=False, page=number,
        section=(section or None))) for a in page.articles)
    return replace(page, articles=articles)


def edit_article(page: PageRecord, index: int, headline: str | None = None, kind: str | None = None,
                 region: str | None = None) -> PageRecord:
    """Fix one article's headline, kind or region ("江苏省/无锡市/江阴市", or "" for none); its id stays."""
    article = page.articles[index]
    if kind is not None and kind not in ARTICLE_KINDS:
        raise ReviewError(f"未知的文章类型：{kind}")
    changed = replace(
        article,
        headline=article.headline if headline is None else headline.strip(),
        kind=article.kind if kind is None else kind,
        region=article.region if region is None else parse_region(region),
    )
    return _with(page, index, (changed,), 1)


def parse_region(text: str) -> RegionPath:
    parts = [p for p in re.split(r"[/\s]+", text.strip()) if p]
    return RegionPath(*(parts + [None, None, None])[:3])


def merge_articles(page: PageRecord, index: int) -> PageRecord:
    """The article and the next one as one (the first's headline and id; bodies and areas joined)."""
    if not 0 <= index < len(page.articles) - 1:
        raise ReviewError("请选择一篇后面还有文章的文章来合并")
    first, second = page.articles[index], page.articles[index + 1]
    joined = replace(first, body="\n".join(p for p in (first.body, second.headline, second.body) if p),
                     byline=tuple(dict.fromkeys(first.byline + second.byline)))
    return _with(page, index, (joined,), 2, merged_areas=True)


def split_article(page: PageRecord, index: int, paragraph: int) -> PageRecord:
    """The article cut before its `paragraph`-th paragraph (1-based count of paragraphs kept in the first)."""
    article = page.articles[index]
    paragraphs = article.paragraphs
    if not 0 < paragraph < len(paragraphs):
        raise ReviewError(f"只能在第 1 到第 {len(paragraphs) - 1} 段之后拆分")
    head, tail = "\n".join(paragraphs[:paragraph]), "\n".join(paragraphs[paragraph:])
    first = replace(article, body=head)
    second = replace(article, id=article_key(page.file_name, "", tail), headline="", subheadline="", kicker="",
                     byline=(), source_line="", body=tail, continued="")
    return _with(page, index, (first, second), 1, split=True)


def _with(page: PageRecord, index: int, new: tuple[Article, ...], removed: int, merged_areas: bool = False,
          split: bool = False) -> PageRecord:
    articles = list(page.articles)
    articles[index : index + removed] = new
    articles = [replace(a, seq=n) for n, a in enumerate(articles, start=1)]
    areas = list(page.areas) + [()] * (len(page.articles) - len(page.areas))
    if merged_areas:
        areas[index : index + 2] = [areas[index] + areas[index + 1]]
    elif split:
        areas[index : index + 1] = [areas[index], areas[index]]
    return replace(page, articles=tuple(articles), areas=tuple(areas))


def stored_page(library: Path, article_key_: str) -> PageRecord:
    """The page an article of the library is on, as written (for 重新核对此版)."""
    conn = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT a.issue_id, i.source_sha256, i.source_file, coalesce(p.page_number, 1), coalesce(p.width, 0),"
            " coalesce(p.height, 0) FROM article a JOIN issue i ON i.id = a.issue_id"
            " LEFT JOIN imported_page p ON p.issue_id = a.issue_id WHERE a.key = ?", (article_key_,)).fetchone()
        if row is None:
            raise ReviewError(f"没有这篇文章：{article_key_}")
        issue_id, sha256, file_name, number, width, height = row
        articles = tuple(article_from_row(r) for r in conn.execute(PAGE_SQL, (issue_id,)))
        areas = tuple(tuple(conn.execute("SELECT left, bottom, right, top FROM article_area WHERE article_key = ?",
                                         (a.id,)).fetchall()) for a in articles)
    finally:
        conn.close()
    return PageRecord(articles, sha256, file_name, number, width, height, areas)

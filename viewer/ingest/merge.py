"""A newer bundled archive into the user's library: its pages come in, the user's imports stay."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from viewer.archive import index
from viewer.domain import Article, IssueInfo
from viewer.errors import ArchiveError
from viewer.ingest import library
from viewer.ingest.library_writer import LibraryWriter, PageRecord
from viewer.text.segment import Segmenter

PAGE_SQL = """
SELECT a.key, a.seq, a.kind, a.kicker, a.headline, a.subheadline, a.byline_json, a.byline_groups_json,
       a.source_line, a.column_name, a.continued, a.signature, a.body, r.code, p.name, p.inferred, i.date,
       i.date_precision, i.date_inferred, i.page, i.section, i.editors, i.source_file, a.review_json
FROM article a JOIN issue i ON i.id = a.issue_id JOIN publication p ON p.id = i.publication_id
LEFT JOIN region r ON r.id = a.region_id WHERE a.issue_id = ? ORDER BY a.seq
"""


def needs_merge(data_dir: Path, bundled: Path) -> bool:
    """True when the library was made from another bundled archive than this one."""
    path = library.library_path(data_dir)
    return path.is_file() and library.library_fingerprint(path) != library.bundled_fingerprint(bundled)


def merge_bundled(data_dir: Path, bundled: Path, segmenter: Segmenter) -> int:
    """Remake the library from `bundled` and write the user's imported pages into it again
    (same article ids, areas and page files); return how many imported files were kept.

    The new library is written aside and replaces the old one only when complete.
    """
    old = library.library_path(data_dir)
    fresh = old.with_name(old.name + ".merging")
    for leftover in (fresh, fresh.with_name(fresh.name + "-wal"), fresh.with_name(fresh.name + "-shm")):
        leftover.unlink(missing_ok=True)
    library.create_library(bundled, fresh)
    source = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
    writer = LibraryWriter(fresh, segmenter)
    kept = 0
    try:
        for sha256, file_name in source.execute("SELECT sha256, file FROM imported_file ORDER BY imported_at"):
            if writer.has_file(sha256):  # the new bundled archive has this page itself
                continue
            pages = [_page(source, *row) for row in source.execute(
                "SELECT issue_id, page_number, width, height FROM imported_page WHERE sha256 = ? ORDER BY page_number",
                (sha256,))]
            writer.write_file([PageRecord(arts, sha256, file_name, n, w, h, areas) for arts, n, w, h, areas in pages])
            kept += 1
        writer.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        writer.close()
        source.close()
    try:
        os.replace(fresh, old)
    except OSError as e:  # Windows: another program (the app) has the library open
        fresh.unlink(missing_ok=True)
        raise ArchiveError(
            f"cannot replace the library while it is open elsewhere ({e.strerror}): {old}",
            "个人档案库正被另一个程序使用，暂时无法并入新版档案。请关闭其他正在运行的报刊档案阅览后再试；"
            "原有的档案库没有改动。") from e
    for stale in (old.with_name(old.name + "-wal"), old.with_name(old.name + "-shm")):
        stale.unlink(missing_ok=True)
    return kept


def _page(conn: sqlite3.Connection, issue_id: int, number: int, width: float, height: float
          ) -> tuple[tuple[Article, ...], int, float, float, tuple[tuple[tuple[float, float, float, float], ...], ...]]:
    articles = tuple(article_from_row(row) for row in conn.execute(PAGE_SQL, (issue_id,)))
    areas = tuple(tuple(conn.execute("SELECT left, bottom, right, top FROM article_area WHERE article_key = ?",
                                     (a.id,)).fetchall()) for a in articles)
    return articles, number, width, height, areas


def article_from_row(row: tuple) -> Article:  # type: ignore[type-arg]
    """An article from a PAGE_SQL row."""
    issue = IssueInfo(publication=row[14], publication_inferred=bool(row[15]), issue_date=row[16],
                      date_precision=row[17], date_inferred=bool(row[18]), page=row[19], section=row[20],
                      editors=tuple(str(row[21]).split()), source_file=row[22])
    return Article(id=row[0], source=row[22], seq=row[1], kind=row[2], kicker=row[3], headline=row[4],
                   subheadline=row[5], byline=tuple(json.loads(row[6])), byline_groups=tuple(json.loads(row[7])),
                   source_line=row[8], column=row[9], continued=row[10], signature=row[11], body=row[12],
                   region=index.region_from_code(row[13]), issue=issue, review=tuple(json.loads(row[23] or "[]")))

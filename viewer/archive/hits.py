"""Hits for ranked rowids: display title, issue, region and a snippet around the terms."""

from __future__ import annotations

import sqlite3

from viewer.archive import index
from viewer.archive.highlight import Markers, make_snippet
from viewer.archive.integrity import verify_rowids
from viewer.domain import SearchHit, derive_title

HIT_SQL = (
    "SELECT a.id, a.key, a.headline, a.body, p.name, i.date, i.page, r1.name, r1.level, r1.code, a.kind"
    " FROM article a JOIN issue i ON i.id = a.issue_id JOIN publication p ON p.id = i.publication_id"
    " LEFT JOIN region r1 ON r1.id = a.region_id WHERE a.id IN ({marks})"
)


def hits_for(conn: sqlite3.Connection, ranked: list[tuple[int, float]], terms: list[str],
             markers: Markers | None = None) -> list[SearchHit]:
    """Hits (with snippets around the terms) for ranked rowids, in the given order; ArchiveError when one
    of them fails its checksum."""
    markers = markers or Markers()
    if not ranked:
        return []
    ids = [r for r, _ in ranked]
    verify_rowids(conn, ids)  # ArchiveError when a hit's text was altered in the file
    rows = conn.execute(HIT_SQL.format(marks=",".join("?" * len(ids))), ids).fetchall()
    by_id = {r[0]: r for r in rows}
    out = []
    for rowid, score in ranked:
        r = by_id[rowid]
        title = derive_title(r[2] or "", r[10], r[3])
        out.append(SearchHit(
            article_id=r[1], headline=title.text, publication=r[4], issue_date=r[5],
            page=r[6], region=index.region_from_code(r[9]), snippet=make_snippet(r[3], terms, markers),
            score=round(score, 4), title_derived=title.derived, kind=r[10],
        ))
    return out


def keys_of(conn: sqlite3.Connection, rowids: list[int]) -> list[str]:
    """The article ids (keys) of rowids, in the given order."""
    keys: dict[int, str] = {}
    for start in range(0, len(rowids), 900):
        chunk = rowids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        keys.update(conn.execute(f"SELECT id, key FROM article WHERE id IN ({marks})", chunk).fetchall())
    return [keys[r] for r in rowids]

"""Full-text search over the archive: exact substring matching, fast ranking, snippets, facets."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from viewer.archive import query as querylang
from viewer.archive.schema import BM25_WEIGHTS
from viewer.domain import Facet, Facets, RegionPath, SearchHit, SearchResult
from viewer.errors import QuerySyntaxError
from viewer.text.normalize import fold

# Above this many matches, bm25 over every match is too slow for the 10 ms budget:
# rank headline matches by bm25, then the rest newest first.
FULL_RANK_LIMIT = 2000
HEADLINE_RANK_LIMIT = 200
SNIPPET_CHARS = 80


@dataclass(frozen=True)
class Markers:
    """How a caller wants hits marked in snippets (HTML tags, terminal colours, brackets)."""

    start: str = "【"
    end: str = "】"
    escape: Callable[[str], str] = staticmethod(lambda s: s)  # type: ignore[assignment]


class SearchEngine:
    """Runs parsed queries against an open archive connection.

    Attributes:
        conn: a read-only sqlite3 connection.
        split_words: jieba word splitter for loose mode (optional).
    """

    def __init__(self, conn: sqlite3.Connection, split_words: Callable[[str], list[str]] | None = None) -> None:
        self.conn = conn
        self.split_words = split_words

    def parse(self, text: str, loose: bool = False) -> querylang.Query:
        return querylang.parse_query(text, loose=loose, split_words=self.split_words)

    # -- matching --------------------------------------------------------------------------
    def _filter_sql(self, q: querylang.Query) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        for name in q.regions:
            clauses.append(
                "a.region_id IN (SELECT r.id FROM region r JOIN region top ON"
                " (r.code = top.code OR r.code LIKE top.code || '/%')"
                " WHERE top.name = ? OR top.name LIKE ? || '_')"
            )
            params += [name, name]
        for rng in q.dates:
            clauses.append("a.sort_date BETWEEN ? AND ?")
            params += [rng.start, rng.end]
        for pub in q.publications:
            clauses.append("a.issue_id IN (SELECT i.id FROM issue i JOIN publication p ON p.id = i.publication_id"
                           " WHERE p.name LIKE '%' || ? || '%')")
            params.append(pub)
        if q.tags:
            clauses.append("0")  # tags live in user data; the caller resolves them (none yet)
        return (" AND ".join(clauses) or "1"), params

    def _verified(self, q: querylang.Query, rowids: list[int]) -> list[int]:
        """Drop candidates for terms with separators (3·15) whose exact text is absent."""
        checks = [t for t in q.positive_terms if t.needs_verification()]
        if not checks or not rowids:
            return rowids
        keep = []
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, headline || ' ' || subheadline || ' ' || kicker || ' ' || body || ' '"
                f" || byline_json || source_line FROM article WHERE id IN ({marks})", chunk
            ).fetchall()
            texts = {r[0]: fold(r[1]) for r in rows}
            groups = [[t for t in g if t.needs_verification()] for g in q.groups]
            for rowid in chunk:
                text = texts.get(rowid, "")
                if all(not g or any(t.folded in text for t in g) for g in groups):
                    keep.append(rowid)
        return keep

    def matching_rowids(self, q: querylang.Query) -> list[int]:
        """All matching article rowids, newest first."""
        where, params = self._filter_sql(q)
        if q.has_text:
            sql = (f"SELECT f.rowid FROM article_fts f JOIN article a ON a.id = f.rowid"
                   f" WHERE article_fts MATCH ? AND {where} ORDER BY f.rowid DESC")
            rows = self._run(sql, [q.fts_expression(boost=False), *params])
        else:
            rows = self._run(f"SELECT a.id FROM article a WHERE {where} ORDER BY a.id DESC", params)
        return self._verified(q, [r[0] for r in rows])

    def count(self, q: querylang.Query) -> int:
        if q.has_text and not q.has_filters and not any(t.needs_verification() for t in q.positive_terms):
            rows = self._run("SELECT count(*) FROM article_fts WHERE article_fts MATCH ?",
                             [q.fts_expression(boost=False)])
            return int(rows[0][0])
        return len(self.matching_rowids(q))

    def _run(self, sql: str, params: list[object]) -> list[tuple]:  # type: ignore[type-arg]
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as e:
            raise QuerySyntaxError(f"query could not run: {e}", "无法执行该查询，请检查输入") from e

    # -- ranking ---------------------------------------------------------------------------
    def ranked_rowids(self, q: querylang.Query, limit: int, offset: int) -> tuple[list[tuple[int, float]], int]:
        """((rowid, score) for the page, total). Scores: higher is better."""
        if not q.has_text or q.has_filters or any(t.needs_verification() for t in q.positive_terms):
            return self._ranked_in_python(q, limit, offset)
        total = self.count(q)
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        if total <= FULL_RANK_LIMIT:
            rows = self._run(
                f"SELECT rowid, bm25(article_fts, {weights}) AS r FROM article_fts WHERE article_fts MATCH ?"
                " ORDER BY r, rowid DESC LIMIT ? OFFSET ?",
                [q.fts_expression(), limit, offset],
            )
            return [(r[0], -r[1]) for r in rows], total
        # Many matches: headline hits by bm25 first (a small set), then everything newest first.
        headline_q = querylang.Query(raw=q.raw, groups=[[querylang.Term(t.text, "title") for t in g] for g in q.groups],
                                     excluded=q.excluded)
        top = self._run(
            f"SELECT rowid, bm25(article_fts, {weights}) AS r FROM article_fts WHERE article_fts MATCH ?"
            " ORDER BY r, rowid DESC LIMIT ?",
            [headline_q.fts_expression(), HEADLINE_RANK_LIMIT],
        )
        ranked = [(r[0], -r[1] + 1000.0) for r in top]
        if offset + limit <= len(ranked):
            return ranked[offset : offset + limit], total
        seen = {r for r, _ in ranked}
        need = offset + limit - len(ranked)
        rest: list[tuple[int, float]] = []
        cursor_sql = ("SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?")
        fetched = 0
        while len(rest) < need:
            batch = self._run(cursor_sql, [q.fts_expression(boost=False), need + len(seen), fetched])
            if not batch:
                break
            fetched += len(batch)
            rest.extend((r[0], 0.0) for r in batch if r[0] not in seen)
        return (ranked + rest)[offset : offset + limit], total

    def _ranked_in_python(self, q: querylang.Query, limit: int, offset: int) -> tuple[list[tuple[int, float]], int]:
        rowids = self.matching_rowids(q)
        if not q.has_text or len(rowids) > FULL_RANK_LIMIT:
            return [(r, 0.0) for r in rowids[offset : offset + limit]], len(rowids)
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        scores = dict(
            self._run(f"SELECT rowid, -bm25(article_fts, {weights}) FROM article_fts WHERE article_fts MATCH ?",
                      [q.fts_expression()])
        )
        ordered = sorted(rowids, key=lambda r: (-scores.get(r, 0.0), -r))
        return [(r, scores.get(r, 0.0)) for r in ordered[offset : offset + limit]], len(rowids)

    # -- results ---------------------------------------------------------------------------
    def search(self, text: str, limit: int = 20, offset: int = 0, loose: bool = False,
               markers: Markers | None = None) -> SearchResult:
        started = time.perf_counter()
        q = self.parse(text, loose=loose)
        if q.is_empty():
            notice = "；".join(q.notices) or "请输入要查找的文字"
            if q.excluded or not text.strip():
                raise QuerySyntaxError(f"nothing to search for in {text!r}", notice)
            return SearchResult(query=text, total=0, hits=(), notice=notice)
        ranked, total = self.ranked_rowids(q, max(0, limit), max(0, offset))
        hits = self._hits(ranked, q, markers or Markers())
        return SearchResult(
            query=text, total=total, hits=tuple(hits), terms=tuple(t.text for t in q.positive_terms),
            notice="；".join(q.notices), elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def _hits(self, ranked: list[tuple[int, float]], q: querylang.Query, markers: Markers) -> list[SearchHit]:
        if not ranked:
            return []
        ids = [r for r, _ in ranked]
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT a.id, a.key, a.headline, a.body, p.name, i.date, i.page, r1.name, r1.level, r1.code"
            f" FROM article a JOIN issue i ON i.id = a.issue_id JOIN publication p ON p.id = i.publication_id"
            f" LEFT JOIN region r1 ON r1.id = a.region_id WHERE a.id IN ({marks})", ids
        ).fetchall()
        by_id = {r[0]: r for r in rows}
        terms = [t.text for t in q.positive_terms if t.field != "author"]
        out = []
        for rowid, score in ranked:
            r = by_id[rowid]
            out.append(SearchHit(
                article_id=r[1], headline=r[2] or _first_sentence(r[3]), publication=r[4], issue_date=r[5],
                page=r[6], region=region_from_code(r[9]), snippet=make_snippet(r[3], terms, markers),
                score=round(score, 4),
            ))
        return out

    def facets(self, text: str, loose: bool = False) -> Facets:
        """Hit counts by city, publication and year (for the side panel)."""
        q = self.parse(text, loose=loose)
        if q.is_empty():
            return Facets()
        rowids = self.matching_rowids(q)
        if not rowids:
            return Facets()
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS hit_ids(id INTEGER PRIMARY KEY)")
        self.conn.execute("DELETE FROM temp.hit_ids")
        self.conn.executemany("INSERT INTO temp.hit_ids VALUES (?)", [(r,) for r in rowids])

        def grouped(sql: str) -> tuple[Facet, ...]:
            rows = self.conn.execute(sql).fetchall()
            return tuple(Facet(str(v) if v else "（未知）", int(c)) for v, c in rows)

        base = "FROM temp.hit_ids h JOIN article a ON a.id = h.id"
        return Facets(
            region=grouped(
                f"SELECT CASE WHEN r.level = 'county' THEN (SELECT c.name FROM region c WHERE c.id = r.parent_id)"
                f" WHEN r.level = 'city' THEN r.name ELSE r.name END AS k, count(*) {base}"
                f" LEFT JOIN region r ON r.id = a.region_id GROUP BY k ORDER BY count(*) DESC, k"
            ),
            publication=grouped(
                f"SELECT p.name, count(*) {base} JOIN issue i ON i.id = a.issue_id"
                f" JOIN publication p ON p.id = i.publication_id GROUP BY p.name ORDER BY count(*) DESC"
            ),
            year=grouped(f"SELECT substr(a.sort_date, 1, 4) AS y, count(*) {base} GROUP BY y ORDER BY y DESC"),
        )


def region_from_code(code: str | None) -> RegionPath:
    parts = (code or "").split("/") if code else []
    return RegionPath(*(parts + [None, None, None])[:3])  # type: ignore[arg-type]


def _first_sentence(body: str) -> str:
    text = body.split("\n", 1)[0]
    for stop in "。！？":
        if stop in text[:40]:
            return text[: text.index(stop) + 1]
    return text[:30] + ("…" if len(text) > 30 else "")


def find_offsets(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of any term in a text, case and width folded, merged."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for term in {fold(t) for t in terms if t}:
        start = folded.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def make_snippet(body: str, terms: list[str], markers: Markers) -> str:
    """A window around the first hit in the body, every hit inside marked."""
    text = body.replace("\n", " ")
    spans = find_offsets(text, terms)
    if not spans:
        window_start, window_end = 0, min(len(text), SNIPPET_CHARS)
    else:
        first = spans[0][0]
        window_start = max(0, first - SNIPPET_CHARS // 3)
        window_end = min(len(text), window_start + SNIPPET_CHARS)
    out = ["…" if window_start > 0 else ""]
    cursor = window_start
    for s, e in spans:
        if e <= window_start or s >= window_end:
            continue
        s, e = max(s, window_start), min(e, window_end)
        out.append(markers.escape(text[cursor:s]))
        out.append(markers.start + markers.escape(text[s:e]) + markers.end)
        cursor = e
    out.append(markers.escape(text[cursor:window_end]))
    out.append("…" if window_end < len(text) else "")
    return "".join(out)

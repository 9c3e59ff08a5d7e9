"""Search speed and exactness at 10,000 and 100,000 synthetic articles, against a LIKE scan.

Builds the synthetic archives through the real writer (cached in bench/.cache, keyed by the
code that shapes them), runs a query mix, and prints per category the p50/p95 of count and of
top-20 with snippets (until the ranked hits are ready, `Archive.start_search`; a huge match
set's total is then still counting, which the count column times; the page and total together,
`Archive.search`, are printed below the table), recall and precision against a substring scan in Python, and the same
figures for a LIKE scan over the article table, measured in the same run.

It also times a plain bigram FTS5 baseline on the same file (one connection, bm25 over every
match, the row "character bigrams in FTS5" of the issue's table), which shows how hard a corpus
is next to the one the issue measured.

    python bench/search_bench.py                          # 10,000 and 100,000 articles, mixed corpus
    python bench/search_bench.py 10000                    # one size
    python bench/search_bench.py --corpus paragraphs      # the stress corpus (see bench/synthetic.py)
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import CORPORA, ROOT, synthetic  # noqa: E402
from viewer.archive import Archive  # noqa: E402
from viewer.archive.highlight import Markers, make_snippet  # noqa: E402
from viewer.archive.query import Query, Term, parse_query  # noqa: E402
from viewer.archive.schema import BM25_WEIGHTS, SCHEMA_VERSION  # noqa: E402
from viewer.ingest.build import PageInput, write_articles  # noqa: E402
from viewer.ingest.parse import PageParser  # noqa: E402
from viewer.text.normalize import fold  # noqa: E402
from viewer.text.segment import Segmenter  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
REPEATS = 3

QUERY_MIX: dict[str, list[str]] = {
    "2-char": ["工会", "劳模", "农民", "职工", "服务", "化工"],
    "3-4 char": ["总工会", "农民工", "劳模工匠", "产业工人", "数智化"],
    "5+ char": ["劳模工匠助企行", "全国两会精神", "新时代产业工人", "职工服务中心"],
    "names": ["魏国强", "王鑫", "季亚婷", "徐春秀"],
    "phrases": ["3月14日", '"全国两会 精神"', "DeepSeek", "AI", "2025年"],
    "rare": ["康乃馨服务站", "中电光谷", "1869.7", "滕州"],
    "no-hit": ["量子计算机", "霍格沃茨", "不存在的词语"],
    "multi-term": ["工会 劳模", "职工 服务 盐城", "工会 OR 劳模", "工会 -南京"],
    "fields": ["标题:工会", "作者:王鑫", "地区:盐城 工会", "日期:2020 职工", "出版物:工会专刊 劳模"],
}


@dataclass
class Row:
    """The oracle's view of one article."""

    rowid: int
    key: str
    title: str
    byline: str
    text: str
    region: str
    date: str
    publication: str


@dataclass
class Figures:
    count_ms: list[float] = field(default_factory=list)
    top_ms: list[float] = field(default_factory=list)
    whole_ms: list[float] = field(default_factory=list)  # Archive.search: the page and its total
    like_count_ms: list[float] = field(default_factory=list)
    like_top_ms: list[float] = field(default_factory=list)
    fts_count_ms: list[float] = field(default_factory=list)
    fts_top_ms: list[float] = field(default_factory=list)
    counted_ms: list[float] = field(default_factory=list)  # count_ms of the queries not counted by lookup
    looked_up: int = 0  # queries whose count is a term_docs lookup
    expected: int = 0
    found: int = 0
    correct: int = 0


def code_fingerprint() -> str:
    """A digest of what shapes the archive file (not of the search code that reads it)."""
    digest = hashlib.sha256()
    shaping = [*(ROOT / "viewer" / "ingest").glob("*.py"), *(ROOT / "viewer" / "text").glob("*.py"),
               ROOT / "viewer" / "archive" / "schema.py", ROOT / "viewer" / "archive" / "index.py",
               ROOT / "bench" / "synthetic.py",
               *(ROOT / "seeds").glob("*.txt")]
    for path in sorted(shaping):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached_archive(count: int, segmenter: Segmenter, corpus: str = "mixed") -> tuple[Path, dict[str, float]]:
    """The synthetic archive of `count` articles, built now unless the cache has it."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{corpus}-{count}-v{SCHEMA_VERSION}-{code_fingerprint()}.sqlite"
    info_path = path.with_suffix(".json")
    if path.exists() and info_path.exists():
        return path, json.loads(info_path.read_text())
    for old in CACHE.glob(f"{corpus}-{count}-*"):
        old.unlink()
    articles = synthetic(PageParser(segmenter.crosses_word), count, corpus=corpus)
    chars = sum(len(a.headline) + len(a.body) for a in articles)
    started = time.perf_counter()
    pages = [PageInput(tuple(articles[i : i + 10]), f"{i:064d}") for i in range(0, len(articles), 10)]
    write_articles(path, pages, segmenter)
    info = {"build_s": time.perf_counter() - started, "chars": chars, "bytes": path.stat().st_size}
    info_path.write_text(json.dumps(info))
    return path, info


def like_copy(path: Path) -> Path:
    """The article table alone in a UTF-8 file, as a naive archive would keep it, for the LIKE scan.

    The archive keeps text in UTF-16 (smaller for Chinese), and SQLite's LIKE converts every row
    to UTF-8 first, so scanning the archive itself would flatter the speed-up.
    """
    copy = path.with_name(f"{path.stem}-like-utf8.sqlite")
    if not copy.exists():
        columns = "id, headline, subheadline, kicker, body, byline_json, byline_groups_json, source_line, sort_date"
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        partial = copy.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        conn = sqlite3.connect(partial)  # ATTACH needs one encoding for both files, so copy the rows
        conn.executescript(f"PRAGMA encoding = 'UTF-8'; PRAGMA page_size = 32768; PRAGMA journal_mode = OFF;"
                           f" CREATE TABLE article ({columns});")
        conn.executemany(f"INSERT INTO article VALUES ({', '.join('?' * 9)})",
                         source.execute(f"SELECT {columns} FROM article"))
        conn.commit()
        conn.close()
        source.close()
        partial.replace(copy)
    conn = sqlite3.connect(copy)  # newest first stops after 20 hits, as in the archive
    conn.execute("CREATE INDEX IF NOT EXISTS article_date ON article(sort_date)")
    conn.close()
    return copy


def load_rows(path: Path) -> list[Row]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT a.id, a.key, a.headline || '\n' || a.subheadline || '\n' || a.kicker, a.byline_json || '\n'"
        " || a.byline_groups_json || '\n' || a.source_line, a.body, coalesce(r.code, ''), a.sort_date, p.name"
        " FROM article a JOIN issue i ON i.id = a.issue_id JOIN publication p ON p.id = i.publication_id"
        " LEFT JOIN region r ON r.id = a.region_id"
    ).fetchall()
    conn.close()
    out = []
    for rowid, key, title, byline, body, region, date, pub in rows:
        title, byline = fold(title), fold(byline)
        out.append(Row(rowid, key, title, byline, f"{title}\n{byline}\n{fold(body)}", region, date, pub))
    return out


def oracle(rows: list[Row], q: Query) -> set[str]:
    """Reference answer by scanning every article's text for each term as a substring."""

    def has(row: Row, term: Term) -> bool:
        where = {"title": row.title, "author": row.byline}.get(term.field, row.text)
        return term.folded in where

    def in_region(row: Row, name: str) -> bool:
        return any(part == name or (part.startswith(name) and len(part) == len(name) + 1)
                   for part in row.region.split("/"))

    out = set()
    for row in rows:
        if (all(any(has(row, t) for t in group) for group in q.groups)
                and not any(has(row, t) for t in q.excluded)
                and all(in_region(row, name) for name in q.regions)
                and all(d.start <= row.date <= d.end for d in q.dates)
                and all(p in row.publication for p in q.publications)):
            out.add(row.key)
    return out


def like_sql(q: Query) -> tuple[str, list[str]]:
    """The text part of a query as LIKE conditions over the article table (the naive baseline)."""
    columns = {"title": ("headline", "subheadline", "kicker"), "author": ("byline_json", "source_line")}
    every = ("headline", "subheadline", "kicker", "body", "byline_json", "byline_groups_json", "source_line")
    clauses, params = [], []

    def one(term: Term) -> str:
        cols = columns.get(term.field, every)
        params.extend(f"%{term.text}%" for _ in cols)
        return "(" + " OR ".join(f"{c} LIKE ?" for c in cols) + ")"

    for group in q.groups:
        clauses.append("(" + " OR ".join(one(t) for t in group) + ")")
    for term in q.excluded:
        clauses.append("NOT " + one(term))
    return " AND ".join(clauses) or "1", params


def like_scan(conn: sqlite3.Connection, q: Query) -> tuple[float, float]:
    """Milliseconds for the LIKE baseline: count, and newest 20 with snippets."""
    where, params = like_sql(q)
    terms = [t.text for t in q.positive_terms]
    count_ms, _ = timed(lambda: conn.execute(f"SELECT count(*) FROM article WHERE {where}", params).fetchall())
    top_ms, _ = timed(lambda: [
        make_snippet(body, terms, Markers()) for (body,) in conn.execute(
            f"SELECT body FROM article WHERE {where} ORDER BY sort_date DESC LIMIT 20", params)
    ])
    return count_ms, top_ms


def fts_baseline(conn: sqlite3.Connection, archive: Archive, q: Query) -> tuple[float, float]:
    """Milliseconds for plain bigram FTS5 on one connection: count, and bm25 top 20 with snippets."""
    plan = archive.engine.plan(q)
    where = "article_fts MATCH ? AND f.rowid BETWEEN ? AND ?"
    params = (plan.expression, plan.low, plan.high)
    terms = [t.text for t in q.positive_terms]
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    count_ms, _ = timed(lambda: conn.execute(f"SELECT count(*) FROM article_fts f WHERE {where}", params).fetchall())
    top_ms, _ = timed(lambda: [
        make_snippet(body, terms, Markers()) for (body,) in conn.execute(
            f"SELECT a.body FROM article_fts f JOIN article a ON a.id = f.rowid WHERE {where}"
            f" ORDER BY bm25(article_fts, {weights}) LIMIT 20", params)
    ])
    return count_ms, top_ms


def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = fn()
    return (time.perf_counter() - started) * 1000, value


def check_exactness(rows: list[Row], archive: Archive, results: dict[str, Figures]) -> None:
    """Recall and precision of every query against the substring scan (before any timing).

    The oracle holds every article's text as Python strings (about 1 GB at 100,000 articles);
    timing with that in the process made the ranked page about twice as slow.
    """
    for category, queries in QUERY_MIX.items():
        fig = results[category]
        for text in queries:
            expected = oracle(rows, parse_query(text))
            found = set(archive.search_ids(text))
            fig.expected += len(expected)
            fig.found += len(found)
            fig.correct += len(expected & found)


def run_size(count: int, segmenter: Segmenter, corpus: str) -> dict[str, Figures]:
    path, info = cached_archive(count, segmenter, corpus)
    print(f"\n== {count:,} articles ({corpus} corpus), {info['chars'] / 1e6:.1f} M characters ==")
    print(f"build: {info['build_s']:.1f} s ({info['chars'] / info['build_s'] / 1e6:.2f} M chars/s),"
          f" size {info['bytes'] / 1e6:.0f} MB = {info['bytes'] / info['chars']:.2f} bytes per input character")
    archive = Archive.open(path, split_words=segmenter.words)
    results = {category: Figures() for category in QUERY_MIX}
    check_exactness(load_rows(path), archive, results)
    gc.collect()  # the oracle's copy of every text is gone before anything is timed
    like = sqlite3.connect(f"file:{like_copy(path)}?mode=ro", uri=True)
    fts = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for category, queries in QUERY_MIX.items():
        fig = results[category]
        for text in queries:
            q = parse_query(text)
            archive.search(text, limit=20)  # warm-up
            by_lookup = counted_by_lookup(archive, text)
            fig.looked_up += by_lookup
            for _ in range(REPEATS):
                ms, _ = timed(lambda text=text: archive.count(text))
                fig.count_ms.append(ms)
                if not by_lookup:
                    fig.counted_ms.append(ms)
                ms, pending = timed(lambda text=text: archive.start_search(text, limit=20))
                fig.top_ms.append(ms)
                pending.total.value()  # not timed: the total is the count column; not left running either
                ms, _ = timed(lambda text=text: archive.search(text, limit=20))
                fig.whole_ms.append(ms)
            count_ms, top_ms = like_scan(like, q)
            fig.like_count_ms.append(count_ms)
            fig.like_top_ms.append(top_ms)
            for _ in range(REPEATS):
                count_ms, top_ms = fts_baseline(fts, archive, q)
                fig.fts_count_ms.append(count_ms)
                fig.fts_top_ms.append(top_ms)
    archive.close()
    like.close()
    fts.close()
    print_table(results)
    return results


def counted_by_lookup(archive: Archive, text: str) -> bool:
    """Is the query's count read from term_docs (a lone common term or phrase) rather than counted?"""
    engine = archive.engine
    key = engine.plan(engine.parse(text)).lookup
    return key is not None and engine.conn.execute("SELECT 1 FROM term_docs WHERE term = ?", (key,)).fetchone() is not None


def pct(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def print_table(results: dict[str, Figures]) -> None:
    print(f"{'category':<11} {'count p50/p95 ms':>17} {'top-20 p50/p95 ms':>18} {'recall':>7} {'precision':>9}"
          f" {'LIKE count/top-20 p95':>22} {'FTS5 count/top-20 p95':>22}")
    every = Figures()
    for category, f in results.items():
        print_row(category, f)
        for name in ("count_ms", "top_ms", "whole_ms", "like_count_ms", "like_top_ms", "fts_count_ms", "fts_top_ms",
                     "counted_ms"):
            getattr(every, name).extend(getattr(f, name))
        every.looked_up += f.looked_up
        every.expected += f.expected
        every.found += f.found
        every.correct += f.correct
    print_row("all", every)
    print(f"speed-up over LIKE at p95: count {pct(every.like_count_ms, 95) / pct(every.count_ms, 95):.0f}x,"
          f" top-20 {pct(every.like_top_ms, 95) / pct(every.top_ms, 95):.0f}x (target >= 40x)")
    print(f"speed-up over plain bigram FTS5 at p95: count {pct(every.fts_count_ms, 95) / pct(every.count_ms, 95):.1f}x,"
          f" top-20 {pct(every.fts_top_ms, 95) / pct(every.top_ms, 95):.1f}x"
          " (the issue measured plain bigram FTS5 at count 10.4 ms, top-20 96 ms)")
    queries = sum(len(QUERY_MIX[c]) for c in results)
    print(f"count by lookup (term_docs) for {every.looked_up} of {queries} queries; counted through FTS5 for the"
          f" others: p50 {pct(every.counted_ms, 50):.2f} ms, p95 {pct(every.counted_ms, 95):.2f} ms")
    print(f"page and total together (Archive.search), all queries: p50 {pct(every.whole_ms, 50):.2f} ms,"
          f" p95 {pct(every.whole_ms, 95):.2f} ms")
    print("targets at 100,000: count and top-20 p95 <= 10 ms, recall and precision 100%")


def print_row(label: str, f: Figures) -> None:
    recall = f.correct / f.expected if f.expected else 1.0
    precision = f.correct / f.found if f.found else 1.0
    print(f"{label:<11} {pct(f.count_ms, 50):8.2f}/{pct(f.count_ms, 95):<8.2f}"
          f" {pct(f.top_ms, 50):8.2f}/{pct(f.top_ms, 95):<9.2f} {recall:7.1%} {precision:9.1%}"
          f" {pct(f.like_count_ms, 95):11.1f}/{pct(f.like_top_ms, 95):<10.1f}"
          f" {pct(f.fts_count_ms, 95):11.1f}/{pct(f.fts_top_ms, 95):<10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--corpus", choices=CORPORA, default="mixed")
    args = parser.parse_args()
    segmenter = Segmenter()
    segmenter.ensure_loaded()
    for count in args.sizes:
        run_size(count, segmenter, args.corpus)


if __name__ == "__main__":
    main()

"""Write a NEW archive file from seed pages: parse, insert in bulk, fill and optimise the FTS index."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from viewer import __version__
from viewer.archive import index, schema
from viewer.domain import Article, RegionPath
from viewer.errors import ArchiveError, SourceError
from viewer.ingest import phrases, sources
from viewer.ingest.gazetteer import Gazetteer
from viewer.ingest.page_pool import read_pages
from viewer.text.segment import Segmenter, word_index_forms

Progress = Callable[[int, int], None]

# FTS5 keeps new index entries in memory up to this size before writing a segment (default 1 MB).
# Fewer, larger segments: a quarter less CPU for the inserts, and only two tables' worth of memory.
FTS_PENDING_BYTES = 64 * 1024 * 1024
# Ids left free before the newest article: pages imported later that are newer than every
# article take ids there, so the newest-first numbering holds without renumbering the archive.
FRONT_ROOM = 100_000
SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every SQLite file


@dataclass
class BuildReport:
    """What a build did: counts, skipped files with reasons, and timing."""

    out: Path
    files: int = 0
    articles: int = 0
    characters: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.skipped


@dataclass(frozen=True)
class PageInput:
    """A parsed page ready to be written."""

    articles: tuple[Article, ...]
    sha256: str
    words: tuple[str, ...] = ()  # each article's word index form, when already made (page_pool)


class ArchiveWriter:
    """Writes pages into a fresh archive file; use as a context manager.

    Attributes:
        path: the final archive path (written to a temporary file, renamed on success).
    """

    def __init__(self, path: Path, segmenter: Segmenter, gazetteer: Gazetteer, workers: int = 1) -> None:
        self.path = path
        self.workers = workers
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.building")  # renamed into place on success
        self.segmenter = segmenter
        self.gazetteer = gazetteer
        self._regions: dict[tuple[str | None, str | None, str | None], int] = {}
        self._publications: dict[str, int] = {}
        self._pending: list[tuple[Article, int, int, str | None]] = []

    def __enter__(self) -> ArchiveWriter:
        check_target(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.tmp.exists():
            self.tmp.unlink()
        self.conn = sqlite3.connect(self.tmp)
        self.conn.executescript(
            f"PRAGMA page_size = {schema.PAGE_SIZE}; PRAGMA encoding = 'UTF-16le'; PRAGMA journal_mode = OFF;"
            " PRAGMA synchronous = OFF;"
        )
        self.conn.executescript(schema.DDL)
        for table in ("article_fts", "article_words"):
            self.conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('hashsize', ?)", (FTS_PENDING_BYTES,))
        self._insert_regions()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.conn.close()
            self.tmp.unlink(missing_ok=True)
            return
        try:
            self._finish()
        except BaseException:
            self.conn.close()
            self.tmp.unlink(missing_ok=True)
            raise

    def _finish(self) -> None:
        """Write the articles, their checksums and the index; replace the target in one rename."""
        self._flush_articles()
        self.conn.executemany("INSERT INTO article_check VALUES (?, ?)",
                              ((row[0], schema.row_checksum(row)) for row in self.conn.execute(schema.ARTICLE_SQL)))
        self.conn.execute("INSERT INTO article_fts(article_fts) VALUES ('optimize')")
        self.conn.execute("INSERT INTO article_words(article_words) VALUES ('optimize')")
        self._count_term_docs()
        self.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        self.conn.commit()
        self.conn.execute("VACUUM")
        self.conn.close()
        os.replace(self.tmp, self.path)

    def _count_term_docs(self) -> None:
        """Fill term_docs: common two-character terms from the index's vocabulary (one pass over it,
        about 4 s at 100,000 articles), then common phrases (viewer/ingest/phrases.py, about 4 s)."""
        self.conn.execute("CREATE VIRTUAL TABLE temp.fts_rows USING fts5vocab(main, 'article_fts', 'row')")
        tokens = self.conn.execute("SELECT term, doc FROM temp.fts_rows WHERE doc >= ? AND length(term) = 2",
                                   (index.TOKEN_DOCS_MIN,)).fetchall()
        self.conn.execute("DROP TABLE temp.fts_rows")
        self.conn.executemany("INSERT INTO term_docs VALUES (?, ?)",
                              [row for row in tokens if index.is_term_docs_key(row[0])])
        min_docs = index.PHRASE_DOCS_MIN
        if len(self._pending) < min_docs:
            return
        common = {term for term, docs in tokens if docs >= min_docs}  # TOKEN_DOCS_MIN <= min_docs
        found = phrases.sampled_candidates(lambda i: index.indexed_texts(self._pending[i][0]), len(self._pending),
                                           common, min_docs)
        self.conn.commit()  # the counting connections read what is written so far
        counts = phrases.count_articles(lambda: sqlite3.connect(self.tmp, check_same_thread=False), found,
                                        self.workers)
        self.conn.executemany("INSERT INTO term_docs VALUES (?, ?)",
                              [(p, n) for p, n in counts.items() if n >= min_docs])

    def _insert_regions(self) -> None:
        """Every unit of the gazetteer, parents first; the region tree shows those that have articles."""
        rows: list[tuple[int, str, str, int | None, str]] = []
        for place in self.gazetteer.places:
            key = place.key
            parent_key = {"province": None, "city": (key[0], None, None), "county": (key[0], key[1], None)}[place.level]
            parent = self._regions.get(parent_key) if parent_key else None
            if key in self._regions or (parent_key and parent is None):
                continue
            region_id = len(rows) + 1
            self._regions[key] = region_id
            rows.append((region_id, place.name, place.level, parent, index.region_code(RegionPath(*key))))
        self.conn.executemany("INSERT INTO region VALUES (?, ?, ?, ?, ?)", rows)
        self.meta({schema.REGION_CHECK_KEY: str(schema.rows_checksum(self.conn.execute(schema.REGION_SQL)))})

    def region_id(self, region: RegionPath) -> int | None:
        return self._regions.get((region.province, region.city, region.county))

    def facet_tokens(self, region: RegionPath, publication_id: int) -> str:
        """Filter tokens: the region and each of its ancestors, and the publication."""
        keys = [(region.province, None, None), (region.province, region.city, None),
                (region.province, region.city, region.county)]
        ids = dict.fromkeys(i for k in keys if (i := self._regions.get(k)) is not None)
        return " ".join([*(index.region_token(i) for i in ids), index.publication_token(publication_id)])

    def meta(self, values: dict[str, str]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())

    def add_page(self, page: PageInput) -> None:
        if not page.articles:
            return
        info = page.articles[0].issue
        pub_id = self._publications.get(info.publication)
        if pub_id is None:
            kind = "newspaper" if info.publication.endswith("报") else "periodical"
            cur = self.conn.execute(
                "INSERT INTO publication(name, kind, inferred) VALUES (?, ?, ?)",
                (info.publication, kind, int(info.publication_inferred)),
            )
            pub_id = self._publications[info.publication] = int(cur.lastrowid or 0)
        cur = self.conn.execute(
            "INSERT INTO issue(publication_id, date, date_precision, date_inferred, page, section,"
            " editors, source_file, source_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pub_id, info.issue_date, info.date_precision, int(info.date_inferred), info.page,
             info.section, " ".join(info.editors), info.source_file, page.sha256),
        )
        issue_id = int(cur.lastrowid or 0)
        words = page.words or (None,) * len(page.articles)
        self._pending.extend((a, issue_id, pub_id, w) for a, w in zip(page.articles, words, strict=True))

    def _flush_articles(self) -> None:
        """Number articles newest first (rowid FRONT_ROOM + 1 = newest): rowid order is reverse date order.

        Within an issue date the order is also reversed (a later page and a later article
        first), so the newest-first lists keep one fixed order. Undated articles come last.
        """
        self._pending.sort(key=lambda item: (item[0].issue.issue_date or "", item[0].source, item[0].seq),
                           reverse=True)
        missing = [i for i, item in enumerate(self._pending) if item[3] is None]
        made = word_index_forms([index.word_text(self._pending[i][0]) for i in missing], self.segmenter, self.workers)
        words = [item[3] for item in self._pending]
        for i, form in zip(missing, made, strict=True):
            words[i] = form
        batch: list[tuple[int, Article, int, int, str]] = []
        for rowid, ((article, issue_id, pub_id, _), word_form) in enumerate(zip(self._pending, words, strict=True),
                                                                              start=FRONT_ROOM + 1):
            batch.append((rowid, article, issue_id, pub_id, word_form or ""))
            if len(batch) >= 1000:
                self._insert_articles(batch)
                batch = []
        self._insert_articles(batch)

    def _insert_articles(self, batch: list[tuple[int, Article, int, int, str]]) -> None:
        self.conn.executemany(
            "INSERT INTO article(id, key, issue_id, seq, kind, kicker, headline, subheadline, byline_json,"
            " byline_groups_json, source_line, column_name, continued, signature, body, region_id, char_count,"
            " sort_date, review_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(
                rowid, a.id, issue_id, a.seq, a.kind, a.kicker, a.headline, a.subheadline,
                json.dumps(list(a.byline), ensure_ascii=False),
                json.dumps(list(a.byline_groups), ensure_ascii=False),
                a.source_line, a.column, a.continued, a.signature, a.body, self.region_id(a.region),
                a.char_count, a.issue.issue_date or "", json.dumps(list(a.review)),
            ) for rowid, a, issue_id, _, _ in batch],
        )
        facets = [self.facet_tokens(a.region, pub_id) for _, a, _, pub_id, _ in batch]
        self.conn.executemany(
            "INSERT INTO article_fts(rowid, body, headline, subheadline, byline, facets) VALUES (?, ?, ?, ?, ?, ?)",
            [(rowid, *index.fts_fields(a), facet) for (rowid, a, _, _, _), facet in zip(batch, facets, strict=True)],
        )
        self.conn.executemany(  # filter tokens here too: whole-word ranking under 地区: stays bounded
            "INSERT INTO article_words(rowid, words) VALUES (?, ?)",
            [(rowid, f"{words} {facet}") for (rowid, _, _, _, words), facet in zip(batch, facets, strict=True)],
        )


def build_archive(
    seeds_dir: Path,
    out: Path,
    progress: Progress | None = None,
    segmenter: Segmenter | None = None,
    workers: int | None = None,
) -> BuildReport:
    """Parse every seed file and write a new archive; unreadable files are skipped and reported.

    Pages are read and parsed on `workers` processes (one per core by default) when there are
    many; the archive is the same either way.
    """
    started = time.perf_counter()
    segmenter = segmenter or Segmenter()
    gazetteer = Gazetteer()
    report = BuildReport(out=out)
    files = list(sources.iter_seed_files(seeds_dir))
    if not files:
        raise SourceError(f"no page files (*.txt) in {seeds_dir}; nothing was written",
                          f"文件夹中没有页面文件（*.txt）：{seeds_dir}；没有写入任何档案。")
    hasher = hashlib.sha256()
    workers = default_workers(workers)
    try:
        with ArchiveWriter(out, segmenter, gazetteer, workers) as writer:
            for done, page in enumerate(read_pages(files, segmenter, gazetteer, workers), start=1):
                if page.skipped:
                    report.skipped.append((page.name, page.skipped))
                else:
                    writer.add_page(PageInput(page.articles, page.sha256, page.words))
                    hasher.update(page.sha256.encode())
                    report.files += 1
                    report.articles += len(page.articles)
                    report.characters += sum(a.char_count for a in page.articles)
                if progress:
                    progress(done, len(files))
            if report.files == 0:  # abandon the new file: the old archive stays as it was
                reasons = "; ".join(f"{name}: {reason}" for name, reason in report.skipped[:3])
                raise SourceError(f"none of the {len(files)} page files could be read ({reasons}); nothing was written",
                                  f"{len(files)} 个页面文件都无法读取（{reasons}）；没有写入任何档案。")
            writer.meta({
                "schema_version": str(schema.SCHEMA_VERSION),
                "builder_version": __version__,
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "input_fingerprint": hasher.hexdigest(),
                "files": str(report.files),
                "articles": str(report.articles),
            })
    except BrokenProcessPool as e:  # a worker killed (out of memory, or by the user): nothing is written
        raise ArchiveError(f"a worker process parsing the pages stopped ({e}); nothing was written",
                           "解析页面的工作进程意外退出；没有写入任何档案。请关闭其他程序后重试。") from e
    except (sqlite3.Error, OSError) as e:
        raise ArchiveError(f"cannot write the archive {out}: {e}; the previous archive (if any) is unchanged",
                           f"无法写入档案：{out}（{e}）\n请检查磁盘空间和写入权限；原有档案没有改动。") from e
    report.seconds = time.perf_counter() - started
    return report


def check_target(path: Path) -> None:
    """Refuse to replace anything but an archive: a seed page given as --out, a document, a folder, a device
    (the rename would have put the archive in its place; a device node, as root, would have gone)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as e:
        raise ArchiveError(f"cannot write the archive {path}: {e.strerror}", f"无法写入档案：{path}（{e.strerror}）") from e
    if stat.S_ISREG(info.st_mode):
        with open(path, "rb") as f:
            if info.st_size == 0 or f.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                return
    raise ArchiveError(
        f"refusing to replace {path}: it is not an archive (a page, a document, a folder or a device);"
        " choose another --out",
        f"不会覆盖 {path}：它不是档案文件（可能是页面、文档、文件夹或设备）。请用 --out 指定其他位置。")


def write_articles(out: Path, pages: Iterable[PageInput], segmenter: Segmenter, workers: int | None = None) -> None:
    """Write already-parsed pages (benchmarks build large synthetic archives this way)."""
    with ArchiveWriter(out, segmenter, Gazetteer(), default_workers(workers)) as writer:
        for page in pages:
            writer.add_page(page)
        writer.meta({"schema_version": str(schema.SCHEMA_VERSION), "builder_version": __version__})


def default_workers(workers: int | None) -> int:
    """Processes for word segmentation: as asked, else one per core."""
    return workers if workers is not None else (os.cpu_count() or 1)

"""Write a NEW archive file from seed pages: parse, insert in bulk, fill and optimise the FTS index."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from viewer import __version__
from viewer.archive import schema
from viewer.domain import Article, RegionPath
from viewer.errors import SourceError
from viewer.ingest import sources
from viewer.ingest.gazetteer import Gazetteer
from viewer.ingest.parse import PageParser
from viewer.text.normalize import fold, index_form
from viewer.text.segment import Segmenter

Progress = Callable[[int, int], None]


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


class ArchiveWriter:
    """Writes pages into a fresh archive file; use as a context manager.

    Attributes:
        path: the final archive path (written to a temporary file, renamed on success).
    """

    def __init__(self, path: Path, segmenter: Segmenter, gazetteer: Gazetteer) -> None:
        self.path = path
        self.tmp = path.with_name(path.name + ".building")
        self.segmenter = segmenter
        self.gazetteer = gazetteer
        self._regions: dict[tuple[str | None, str | None, str | None], int] = {}
        self._publications: dict[str, int] = {}
        self._pending: list[tuple[Article, int]] = []

    def __enter__(self) -> ArchiveWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.tmp.exists():
            self.tmp.unlink()
        self.conn = sqlite3.connect(self.tmp)
        self.conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        self.conn.executescript(schema.DDL)
        self._insert_regions()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.conn.close()
            self.tmp.unlink(missing_ok=True)
            return
        self._flush_articles()
        self.conn.execute("INSERT INTO article_fts(article_fts) VALUES ('optimize')")
        self.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        self.conn.commit()
        self.conn.execute("VACUUM")
        self.conn.close()
        os.replace(self.tmp, self.path)

    def _insert_regions(self) -> None:
        rows: list[tuple[int, str, str, int | None, str]] = []
        for place in self.gazetteer.places:
            if place.level == "province":
                key: tuple[str | None, str | None, str | None] = (place.name, None, None)
                parent = None
            elif place.level == "city":
                key, parent = (place.province, place.name, None), self._regions[(place.province, None, None)]
            else:
                key, parent = (place.province, place.city, place.name), self._regions[(place.province, place.city, None)]
            region_id = len(rows) + 1
            self._regions[key] = region_id
            rows.append((region_id, place.name, place.level, parent, "/".join(k for k in key if k)))
        self.conn.executemany("INSERT INTO region VALUES (?, ?, ?, ?, ?)", rows)

    def region_id(self, region: RegionPath) -> int | None:
        return self._regions.get((region.province, region.city, region.county))

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
        self._pending.extend((a, issue_id) for a in page.articles)

    def _flush_articles(self) -> None:
        """Insert articles oldest first so that rowid order is date order (newest = highest)."""
        self._pending.sort(key=lambda item: (item[0].issue.issue_date or "", item[0].source, item[0].seq))
        article_rows = []
        fts_rows = []
        for rowid, (a, issue_id) in enumerate(self._pending, start=1):
            article_rows.append((
                rowid, a.id, issue_id, a.seq, a.kind, a.kicker, a.headline, a.subheadline,
                json.dumps(list(a.byline), ensure_ascii=False),
                json.dumps(list(a.byline_groups), ensure_ascii=False),
                a.source_line, a.column, a.continued, a.signature, a.body, self.region_id(a.region),
                a.char_count, a.issue.issue_date or "",
            ))
            fts_rows.append((rowid, *fts_fields(a, self.segmenter)))
        self.conn.executemany(
            "INSERT INTO article(id, key, issue_id, seq, kind, kicker, headline, subheadline, byline_json,"
            " byline_groups_json, source_line, column_name, continued, signature, body, region_id, char_count,"
            " sort_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            article_rows,
        )
        self.conn.executemany(
            "INSERT INTO article_fts(rowid, headline, subheadline, byline, body, words) VALUES (?, ?, ?, ?, ?, ?)",
            fts_rows,
        )


def fts_fields(article: Article, segmenter: Segmenter) -> tuple[str, str, str, str, str]:
    """The five FTS columns: bigram forms of the text fields plus jieba words for ranking."""
    byline = " ".join((*article.byline, *article.byline_groups, article.source_line))
    sub = " ".join(x for x in (article.kicker, article.subheadline) if x)
    words = " ".join(
        w for part in (article.headline, article.body) for w in segmenter.words(fold(part)) if w.isalnum()
    )
    return index_form(article.headline), index_form(sub), index_form(byline), index_form(article.body), words


def build_archive(
    seeds_dir: Path,
    out: Path,
    progress: Progress | None = None,
    segmenter: Segmenter | None = None,
    source_name: Callable[[Path], str] | None = None,
) -> BuildReport:
    """Parse every seed file and write a new archive; unreadable files are skipped and reported."""
    started = time.perf_counter()
    segmenter = segmenter or Segmenter()
    gazetteer = Gazetteer()
    parser = PageParser(segmenter.crosses_word, gazetteer)
    report = BuildReport(out=out)
    files = list(sources.iter_seed_files(seeds_dir))
    hasher = hashlib.sha256()
    with ArchiveWriter(out, segmenter, gazetteer) as writer:
        for done, path in enumerate(files, start=1):
            try:
                raw = sources.read_page(path, (source_name or _default_source)(path))
            except SourceError as e:
                report.skipped.append((path.name, e.message))
            else:
                page = parser.parse(raw.text, raw.name, raw.source)
                writer.add_page(PageInput(page.articles, raw.sha256))
                hasher.update(raw.sha256.encode())
                report.files += 1
                report.articles += len(page.articles)
                report.characters += sum(a.char_count for a in page.articles)
            if progress:
                progress(done, len(files))
        writer.meta({
            "schema_version": str(schema.SCHEMA_VERSION),
            "builder_version": __version__,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "input_fingerprint": hasher.hexdigest(),
            "files": str(report.files),
            "articles": str(report.articles),
        })
    report.seconds = time.perf_counter() - started
    return report


def write_articles(out: Path, pages: Iterable[PageInput], segmenter: Segmenter) -> None:
    """Write already-parsed pages (benchmarks build large synthetic archives this way)."""
    with ArchiveWriter(out, segmenter, Gazetteer()) as writer:
        for page in pages:
            writer.add_page(page)
        writer.meta({"schema_version": str(schema.SCHEMA_VERSION), "builder_version": __version__})


def _default_source(path: Path) -> str:
    from viewer.paths import repo_relative

    return repo_relative(path)

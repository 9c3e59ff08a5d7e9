"""The user's library: <data dir>/archive.sqlite, made from the bundled archive, which stays untouched."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from viewer import paths
from viewer.archive import schema
from viewer.errors import ArchiveError

LIBRARY_FILE = "archive.sqlite"
PAGES_DIR = "pages"  # imported PDFs and texts, by sha256
# Tables only the library has (the archive reader ignores them).
LIBRARY_DDL = """
CREATE TABLE IF NOT EXISTS imported_file (
    sha256 TEXT PRIMARY KEY, file TEXT NOT NULL, pages INTEGER NOT NULL, imported_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS imported_page (
    issue_id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, page_number INTEGER NOT NULL,
    width REAL NOT NULL DEFAULT 0, height REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS article_area (
    article_key TEXT NOT NULL, left REAL NOT NULL, bottom REAL NOT NULL, right REAL NOT NULL, top REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS article_area_key ON article_area(article_key);
"""


def library_path(data_dir: Path) -> Path:
    return data_dir / LIBRARY_FILE


def pages_dir(data_dir: Path) -> Path:
    return data_dir / PAGES_DIR


def archive_to_read(data_dir: Path, explicit: Path | None = None) -> Path:
    """The archive a reading command opens: --db, else the user's library when there is one, else
    the bundled archive (or ARCHIVE_VIEWER_ARCHIVE, which stands in for it)."""
    if explicit is not None:
        return explicit
    library = library_path(data_dir)
    return library if library.is_file() else paths.default_archive_path()


def bundled_fingerprint(path: Path) -> str:
    """What tells one bundled archive from another (its build time and input)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError as e:
        raise ArchiveError(f"not a readable archive: {path} ({e})", f"档案文件已损坏或不是档案：{path}") from e
    finally:
        conn.close()
    return f"{meta.get('built_at', '')}|{meta.get('input_fingerprint', '')}"


def create_library(bundled: Path, target: Path) -> None:
    """Copy the bundled archive into a new library file (written aside, then renamed)."""
    if not bundled.is_file():
        raise ArchiveError(f"archive not found: {bundled}", f"找不到档案文件：{bundled}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".creating")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{bundled}?mode=ro", uri=True)
    copy = sqlite3.connect(tmp)
    try:
        version = source.execute("PRAGMA user_version").fetchone()[0]
        if version != schema.SCHEMA_VERSION:
            raise ArchiveError(f"archive schema version {version}, this program reads {schema.SCHEMA_VERSION}",
                               f"档案版本不符（{version}，需要 {schema.SCHEMA_VERSION}）：{bundled}")
        source.backup(copy)
        copy.executescript(LIBRARY_DDL)
        copy.execute("INSERT OR REPLACE INTO meta VALUES ('bundled_fingerprint', ?)", (bundled_fingerprint(bundled),))
        copy.commit()
        copy.execute("PRAGMA journal_mode = WAL")
    finally:
        copy.close()
        source.close()
    os.replace(tmp, target)


def open_library(data_dir: Path, bundled: Path | None = None) -> Path:
    """The library file, created from the bundled archive at the first import."""
    target = library_path(data_dir)
    if not target.is_file():
        create_library(bundled or paths.default_archive_path(), target)
    return target


def library_fingerprint(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'bundled_fingerprint'").fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else ""

"""Damaged archives: a quick structural check at open, and reads that fail with what to do."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from viewer.archive import schema
from viewer.errors import ArchiveError, QuerySyntaxError

QUICK_CHECK_BYTES = 64 * 1024 * 1024  # files up to this size get SQLite's integrity_check at open (~50 ms)
SMALL_TABLES = ("meta", "region", "publication", "issue")  # checked with their indexes at every open
CHECK_CHUNK = 900  # rowids per checksum query (SQLite's variable limit)
DAMAGED_ZH = "档案文件已损坏：{path}\n请重新生成档案（python -m viewer build），或重新安装程序（重新复制程序文件夹）。"

DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FORMAT")

# Messages of a file whose schema text or index was altered: the schema passed the open check, so a
# missing table, column or tokenizer now means damage, not a query the user typed.
DAMAGE_SIGNS = ("malformed", "corrupt", "tokenizer", "no such table", "no such column", "vtable constructor",
                "not a database", "disk i/o", "unable to open")

T = TypeVar("T")
P = ParamSpec("P")


class Reader(Protocol):
    """Something that reads an archive through a connection (the facade, the trees)."""

    conn: sqlite3.Connection


R = TypeVar("R", bound=Reader)


def damaged(path: Path, detail: str) -> ArchiveError:
    """The error for a damaged archive: what happened and what to do."""
    return ArchiveError(f"the archive is damaged ({detail}): {path}; rebuild it (python -m viewer build)"
                        " or reinstall the app", DAMAGED_ZH.format(path=path))


def guarded(method: Callable[Concatenate[R, P], T]) -> Callable[Concatenate[R, P], T]:
    """A read that meets a damaged file (SQLite's 'malformed', 'not a database', I/O errors) raises
    ArchiveError with what to do, never a raw sqlite3 error (which, escaping a Qt model, ends the app)."""
    @functools.wraps(method)
    def wrapper(self: R, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as e:
            if not is_damage(e):
                raise
            raise damaged(_path_of(self), str(e)) from e
        except QuerySyntaxError as e:  # the search reports a failing statement as the query's fault
            cause = e.__cause__
            if isinstance(cause, sqlite3.DatabaseError) and is_damage(cause):
                raise damaged(_path_of(self), str(cause)) from e
            raise
    return wrapper


def _path_of(reader: Reader) -> Path:
    path = getattr(reader, "path", None)
    return path if isinstance(path, Path) else database_path(reader.conn)


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """Does the error come from the file (corrupt, not a database, unreadable) rather than the query?"""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error).lower()
    return name.startswith(DAMAGE_CODES) or any(sign in text for sign in DAMAGE_SIGNS)


def check_structure(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's integrity_check at open: the whole file when it is small enough to check at every open
    (about as fast as quick_check, and it also finds an index that no longer matches its table), else
    the small tables the trees and filters look up (regions, publications, issues); then the region
    table's stored checksum (its names are shown by the trees and facets). ArchiveError if any fails.
    """
    try:
        whole = path.stat().st_size <= QUICK_CHECK_BYTES
        pragmas = ["PRAGMA integrity_check(5)"] if whole else [f"PRAGMA integrity_check({t})" for t in SMALL_TABLES]
        result = [r[0] for pragma in pragmas for r in conn.execute(pragma)]
        stored = conn.execute("SELECT value FROM meta WHERE key = ?", (schema.REGION_CHECK_KEY,)).fetchone()
        if stored is not None and stored[0] != str(schema.rows_checksum(conn.execute(schema.REGION_SQL))):
            result.append("the region table fails its checksum")  # a place name the trees would show altered
    except (OSError, sqlite3.DatabaseError) as e:
        raise damaged(path, str(e)) from e
    problems = [r for r in result if r != "ok"]
    if problems:
        raise damaged(path, "; ".join(problems[:5]))


def verify_rowids(conn: sqlite3.Connection, rowids: list[int]) -> None:
    """Refuse to list articles (search hits) when one of them fails its stored checksum."""
    failing = failing_keys(conn, rowids)
    if failing:
        raise damaged(database_path(conn), f"article {min(failing)} fails its checksum")


def failing_keys(conn: sqlite3.Connection, rowids: list[int]) -> set[str]:
    """The keys of the articles among these rowids that fail their stored checksum.

    Lists show headlines, publications, dates and snippets: a flipped byte there must not show as
    text. Archives without checksums (no article_check table) are not checked."""
    if not rowids or conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article_check'").fetchone() is None:
        return set()
    failing: set[str] = set()
    for start in range(0, len(rowids), CHECK_CHUNK):
        chunk = rowids[start : start + CHECK_CHUNK]
        sql = (f"SELECT c.crc, x.* FROM ({schema.ARTICLE_SQL} WHERE a.id IN ({','.join('?' * len(chunk))})) x"
               " LEFT JOIN article_check c ON c.key = x.key")
        failing.update(row[0] for crc, *row in conn.execute(sql, chunk)
                       if crc is not None and schema.row_checksum(row) != crc)
    return failing


def database_path(conn: sqlite3.Connection) -> Path:
    """The file a connection reads (for messages)."""
    return Path(conn.execute("PRAGMA database_list").fetchone()[2])

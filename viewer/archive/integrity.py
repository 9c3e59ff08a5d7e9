"""Damaged archives: a quick structural check at open, and reads that fail with what to do."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from viewer.errors import ArchiveError

if TYPE_CHECKING:
    from viewer.archive.db import Archive

QUICK_CHECK_BYTES = 64 * 1024 * 1024  # files up to this size get SQLite's quick_check at open (~50 ms)
DAMAGED_ZH = "档案文件已损坏：{path}\n请重新生成档案（python -m viewer build），或重新安装程序（重新复制程序文件夹）。"

DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FORMAT")

T = TypeVar("T")
P = ParamSpec("P")


def damaged(path: Path, detail: str) -> ArchiveError:
    """The error for a damaged archive: what happened and what to do."""
    return ArchiveError(f"the archive is damaged ({detail}): {path}; rebuild it (python -m viewer build)"
                        " or reinstall the app", DAMAGED_ZH.format(path=path))


def guarded(method: Callable[Concatenate[Archive, P], T]) -> Callable[Concatenate[Archive, P], T]:
    """A read that meets a damaged file (SQLite's 'malformed', 'not a database', I/O errors) raises
    ArchiveError with what to do, never a raw sqlite3 error."""
    @functools.wraps(method)
    def wrapper(self: Archive, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as e:
            if not is_damage(e):
                raise
            raise damaged(self.path, str(e)) from e
    return wrapper


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """Does the error come from the file (corrupt, not a database, unreadable) rather than the query?"""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(DAMAGE_CODES) or "malformed" in str(error) or "corrupt" in str(error)


def check_structure(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's quick_check on a file small enough to check at every open; ArchiveError if it fails."""
    try:
        if path.stat().st_size > QUICK_CHECK_BYTES:
            return
        result = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    except (OSError, sqlite3.DatabaseError) as e:
        raise damaged(path, str(e)) from e
    if result != ["ok"]:
        raise damaged(path, "; ".join(result))

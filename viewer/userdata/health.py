"""The SQLite user file's health: damaged (moved aside) versus cannot-open (left alone), and its backups."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from viewer.userdata.database import UserDataError, explain

BACKUPS_KEPT = 5
SQLITE_HEADER = b"SQLite format 3\x00"
FULL_CHECK_BYTES = 64 * 1024 * 1024  # up to this size the full integrity_check runs at open
DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CORRUPT_INDEX", "SQLITE_CORRUPT_SEQUENCE"}


@dataclass(frozen=True)
class Recovery:
    """A damaged database was moved aside when the store opened."""

    moved_to: Path
    reason: str
    latest_backup: Path | None  # the newest backup that passes the check

    @property
    def message_zh(self) -> str:
        text = (f"个人数据文件已损坏（{self.reason}），已移到：{self.moved_to}\n"
                "已新建一个空的数据文件，原文件未删除。")
        if self.latest_backup:
            text += f"\n可以恢复最近的完好备份：{self.latest_backup}"
        return text


def damage(path: Path, busy_seconds: float = 5.0) -> str | None:
    """Why the file at `path` is damaged, or None when it is healthy or absent.

    Raises UserDataError (nothing is moved) when the file merely cannot be opened: no permission,
    locked by another program, a folder in its place, an I/O error.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise _cannot_open(path, e) from e
    if not stat.S_ISREG(info.st_mode):
        raise UserDataError(f"not a file: {path}", f"个人数据文件的位置上不是一个文件：{path}\n请移走它，或用 --data-dir 指定别的文件夹。")
    if info.st_size == 0:
        return "文件为空（0 字节）"
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise _cannot_open(path, e) from e
    if header != SQLITE_HEADER:
        return "不是数据库文件"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_seconds)
        try:
            # integrity_check also compares each index with its table; user files are small enough.
            check = "integrity_check" if info.st_size <= FULL_CHECK_BYTES else "quick_check"
            result = conn.execute(f"PRAGMA {check}").fetchone()[0]
            missing = _missing_columns(conn) if result == "ok" else None
        finally:
            conn.close()
    except UnicodeDecodeError:  # SQLite's own message quotes schema text that is no longer UTF-8
        return "数据库结构损坏"
    except sqlite3.DatabaseError as e:
        if is_damage(e):
            return "数据库结构损坏"
        raise explain(e, str(path)) from e
    if result != "ok":
        return "完整性检查未通过"
    return f"数据表缺少列：{missing}" if missing else None


def _missing_columns(conn: sqlite3.Connection) -> str | None:
    """At the newest schema revision, the first table.column the models need and the file lacks
    (a schema text damaged in a way quick_check accepts, such as a changed column name)."""
    from viewer.userdata.models import Base
    from viewer.userdata.upgrade import HEAD_REVISION

    has_version = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    if has_version.fetchone() is None:
        return None
    if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (HEAD_REVISION,):
        return None  # an older schema: the upgrade brings it up to date
    for table in Base.metadata.sorted_tables:
        present = {row[1] for row in conn.execute(f'PRAGMA table_info("{table.name}")')}
        for column in table.columns:
            if column.name not in present:
                return f"{table.name}.{column.name}"
    return None


def is_damage(error: BaseException) -> bool:
    """Does a database error say the file is damaged (rather than locked, read-only or full)?"""
    orig = getattr(error, "orig", error)
    text = str(orig)
    return getattr(orig, "sqlite_errorname", "") in DAMAGED or any(
        sign in text for sign in ("malformed", "decode to UTF-8", "unsupported file format"))


def _cannot_open(path: Path, error: OSError) -> UserDataError:
    return UserDataError(f"cannot open user data at {path}: {error.strerror or error}",
                         f"无法打开个人数据文件：{path}\n请检查文件和文件夹的权限（文件没有被改动）。")


def move_aside(path: Path) -> Path:
    """Rename a damaged file (and its -wal/-shm) to `<name>.corrupt-<time>`; never deletes."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    moved = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.rename(moved)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(moved.with_name(moved.name + suffix))
    return moved


class Backups:
    """Consistent copies of the SQLite file in `backups/` beside it; the last BACKUPS_KEPT are kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.parent / "backups"

    def make(self, reason: str = "manual") -> Path | None:
        """Copy the file with SQLite's online backup API; None when there is no file yet."""
        if not self.path.exists():
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.folder / f"userdata-{stamp}-{reason}.sqlite"
        source = sqlite3.connect(self.path)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
            finally:
                copy.close()
        finally:
            source.close()
        for old in self.all()[:-BACKUPS_KEPT]:
            old.unlink()
        return target

    def all(self) -> list[Path]:
        """Every backup, oldest first."""
        return sorted(self.folder.glob("userdata-*.sqlite")) if self.folder.is_dir() else []

    def newest_healthy(self) -> Path | None:
        """The newest backup that passes the check (a damaged or unreadable one is passed over)."""
        for candidate in reversed(self.all()):
            try:
                if damage(candidate) is None:
                    return candidate
            except UserDataError:
                continue
        return None

    def copy_over(self, backup: Path) -> None:
        """Put a backup in the file's place (the caller has closed every connection)."""
        for suffix in ("-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(backup, self.path)

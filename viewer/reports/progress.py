"""What the exports share: progress, cancelling, all-or-nothing file writing and XML-safe text."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from viewer.errors import KnownError

Progress = Callable[[int, int | None], None]  # (items done, total or None when unknown)
Cancelled = Callable[[], bool]  # True: stop now, leave no file behind
REPORT_EVERY = 200  # items between two progress calls
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the control characters XML (and so .xlsx and .docx) cannot hold."""
    return _INVALID_XML.sub("", text)


class ExportCancelled(KnownError):
    """The user cancelled an export; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"export cancelled: {path} was not written", f"已取消导出，未写入 {path}")


class ExportError(KnownError):
    """An export could not be written (folder missing, no permission, disk full)."""


class Ticker:
    """Calls `progress` every REPORT_EVERY items and raises ExportCancelled when `cancelled()` says so."""

    def __init__(self, path: Path, total: int | None, progress: Progress | None = None,
                 cancelled: Cancelled | None = None) -> None:
        self.path, self.total, self.progress, self.cancelled = path, total, progress, cancelled
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self.done % REPORT_EVERY == 0:
            self.check()

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled(self.path)
        if self.progress is not None:
            self.progress(self.done, self.total)


SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _is_database(path: Path) -> bool:
    """Is `path` a SQLite database (an archive, the user's data) or one of its side files? An export
    written there would destroy it (e.g. `export --db X --out X`)."""
    if path.name.endswith(SQLITE_SIDE_FILES) and path.with_name(path.name.rsplit("-", 1)[0]).exists():
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:  # missing, a folder, unreadable: the write itself will say what is wrong
        return False


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it only when the block finishes without error.

    A cancelled or failed export leaves the previous file (if any) untouched and no partial file.
    """
    path = Path(path)
    if _is_database(path):
        raise ExportError(f"will not write an export over the database {path}",
                          f"不能把导出内容写到数据库文件上：{path}\n请另选一个文件名（数据库没有被改动）。")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}",
                          f"无法写入 {path}：{e.strerror or e}。请换一个文件夹或检查权限。") from e
    os.close(handle)
    temporary = Path(name)
    temporary.chmod(0o644)  # mkstemp makes it private; an export is an ordinary document
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}",
                          f"无法写入 {path}：{e.strerror or e}。请检查磁盘空间和权限。") from e
    finally:
        temporary.unlink(missing_ok=True)

"""SQLite errors split by blame: the user's query, the archive file's environment, or our own bug."""

from __future__ import annotations

import sqlite3
from typing import NoReturn

from viewer.errors import ArchiveError, BugError, QuerySyntaxError

# Primary SQLite result codes that come from the file or the machine, not from our SQL.
ENVIRONMENT = {
    3: ("permission denied", "没有读取档案文件的权限。请检查文件权限，或把档案复制到自己的文件夹。"),
    5: ("the archive file is busy", "档案文件正被其他程序占用。请稍后再试，或关闭正在使用它的程序。"),
    6: ("the archive file is locked", "档案文件被锁定。请稍后再试，或关闭正在使用它的程序。"),
    7: ("out of memory", "内存不足。请关闭其他程序后再试。"),
    8: ("the archive is read-only", "档案文件是只读的，无法完成这一操作。"),
    10: ("disk I/O error", "读取档案文件时出错（磁盘或网络盘问题）。请检查磁盘后重新打开程序。"),
    11: ("the archive file is corrupt", "档案文件已损坏。请重新生成档案（python -m viewer build）或重新复制程序。"),
    13: ("the disk is full", "磁盘已满。请腾出空间后再试。"),
    14: ("the archive file cannot be opened", "无法打开档案文件。请检查文件是否还在原处。"),
    26: ("not an archive database", "这不是档案文件，或文件已损坏。请重新生成档案（python -m viewer build）。"),
}


def raise_sqlite_error(error: sqlite3.Error, sql: str = "") -> NoReturn:
    """Raise `error` again as the project's error for whoever is to blame.

    A malformed FTS5 expression is the query's fault (QuerySyntaxError); busy, locked, I/O,
    read-only, corrupt or not-a-database is the environment's (ArchiveError, saying what to do);
    anything else is a bug in our SQL (BugError, with the statement for the log).
    """
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    if primary in ENVIRONMENT:
        what, advice = ENVIRONMENT[primary]
        raise ArchiveError(f"{what}: {text}", advice) from error
    if text.startswith("fts5:"):
        raise QuerySyntaxError(f"query could not run: {text}",
                               "无法执行该查询：其中有无法识别的写法。请检查引号和符号，或去掉它们再试。") from error
    raise BugError(f"SQLite error {getattr(error, 'sqlite_errorname', type(error).__name__)}: {text}"
                   + (f" in {sql.strip()[:300]}" if sql else "")) from error

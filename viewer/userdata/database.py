"""Connecting to the user database: URL checks, engines with timeouts, conflicts and errors a user can act on."""

from __future__ import annotations

import logging
import sqlite3

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError

from viewer.errors import KnownError

SQLITE_BUSY_SECONDS = 10.0  # how long a write waits for another program's lock before it is retried
PG_CONNECT_SECONDS = 5  # a server that accepts and never answers fails within this
PG_STATEMENT_MS = 15000
PG_LOCK_MS = 10000
# A server that stops answering mid-session (frozen; its statement timeout then never fires) is cut off
# after this long for one statement or commit.
PG_ANSWER_SECONDS = PG_STATEMENT_MS / 1000 + 5
# PostgreSQL SQLSTATEs of a write that lost a race (serialization, deadlock, a row inserted or deleted
# meanwhile) and may simply be run again. (A lock not granted, 55P03, has already waited PG_LOCK_MS:
# it is reported, not waited for again, as a plain SQLITE_BUSY.)
PG_RETRYABLE = {"40001", "40P01", "23505", "23503"}
# (A plain SQLITE_BUSY has already waited the busy timeout: it is reported, not waited for again.)
SQLITE_RETRYABLE = {"SQLITE_BUSY_SNAPSHOT", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY",
                    "SQLITE_CONSTRAINT_FOREIGNKEY"}


class UserDataError(KnownError):
    """User data could not be read or written; the message says what to do."""


SECRET_PARAMETERS = ("password", "sslpassword", "passfile")  # libpq settings a URL's query may carry


def redact(url: str | URL) -> str:
    """The URL without its password, also one given in the query (for every message and log)."""
    try:
        parsed = make_url(url)
        hidden = {k: "***" for k in parsed.query if k.lower() in SECRET_PARAMETERS}
        return parsed.update_query_dict(hidden).render_as_string(hide_password=True)
    except (ArgumentError, ValueError, TypeError):
        return "<无法识别的数据库地址>"


def secret_of(url: URL) -> str | None:
    """The password of a URL, in its user part or its query (to keep out of messages)."""
    if url.password:
        return str(url.password)
    for key, value in url.query.items():
        if key.lower() == "password" and value:
            return value if isinstance(value, str) else value[0]
    return None


def server_label(url: str | URL) -> str:
    """host:port/database of a server URL, for messages (no user, password or query)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        return "<无法识别的数据库地址>"
    host = parsed.host or parsed.query.get("host") or "localhost"
    port = parsed.port or parsed.query.get("port")
    return f"{host}:{port}/{parsed.database or ''}" if port else f"{host}/{parsed.database or ''}"


def check_url(url: str) -> URL:
    """The parsed URL of a SQLite file or a PostgreSQL database; UserDataError for anything else."""
    try:
        parsed = make_url(url)
        port = parsed.port  # a non-numeric port raises here
    except (ArgumentError, ValueError, TypeError) as e:
        raise UserDataError(f"not a database URL: {redact(url)}",
                            "团队数据库地址格式不对（示例：postgresql+psycopg://用户@服务器/数据库）。") from e
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise UserDataError(f"unsupported database {parsed.get_backend_name()!r} in {redact(parsed)}",
                            "只支持本机 SQLite 文件或 PostgreSQL 团队数据库（postgresql+psycopg://…）。")
    if parsed.get_backend_name() == "postgresql" and (not (parsed.host or parsed.query.get("host"))
                                                       or (port is not None and not 0 < port < 65536)):
        raise UserDataError(f"a PostgreSQL URL needs a host and a valid port: {redact(parsed)}",
                            "团队数据库地址缺少服务器名或端口不对。")
    return parsed


def make_engine(url: URL, busy_seconds: float = SQLITE_BUSY_SECONDS) -> Engine:
    """An engine: SQLite in WAL mode whose write transactions take the lock first (BEGIN IMMEDIATE), or
    PostgreSQL with connect, statement and lock timeouts."""
    try:
        if url.get_backend_name() == "postgresql":
            # A batch that lost a race is rolled back and run again; psycopg's note that it ignored the
            # aborted batch's error would only be noise on the user's terminal.
            logging.getLogger("psycopg").setLevel(logging.ERROR)
            options = f"-c statement_timeout={PG_STATEMENT_MS} -c lock_timeout={PG_LOCK_MS}"
            # Keepalives and a TCP user timeout end a connection to a server that vanished from the
            # network (no answer to what we send) instead of waiting for it for ever.
            # No pre-ping (it could wait for ever on a frozen server): a pooled connection found dead is
            # replaced and the action run again (UserStore._transaction), under the watchdog.
            return create_engine(url, connect_args={
                "connect_timeout": PG_CONNECT_SECONDS, "options": options, "keepalives": 1,
                "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
                "tcp_user_timeout": PG_STATEMENT_MS})
        engine = create_engine(url, connect_args={"timeout": busy_seconds})
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as e:
        raise UserDataError(f"cannot use the database URL {redact(url)}: {type(e).__name__}",
                            "无法使用这个数据库地址，请检查设置。") from e
    busy_ms = int(busy_seconds * 1000)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below)
        # Text damaged on disk (bytes that are no longer UTF-8) is read with U+FFFD in their place, so
        # the rest of the user's data can still be listed and exported instead of failing as a whole.
        dbapi_connection.text_factory = _lenient_text
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
        # A writer takes the write lock at once, so a busy database is waited for (busy_timeout)
        # instead of failing when a read transaction later tries to write.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def _lenient_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def is_conflict(error: DBAPIError) -> bool:
    """Did a write lose a race (busy, serialization, deadlock, a concurrent insert) and may be run again?"""
    orig = error.orig
    state = getattr(orig, "sqlstate", None)
    if state is not None:
        return state in PG_RETRYABLE
    if isinstance(orig, sqlite3.Error):
        name = getattr(orig, "sqlite_errorname", "")
        return name in SQLITE_RETRYABLE or (isinstance(error, IntegrityError) and "UNIQUE" in str(orig))
    return False


def no_answer(where: str, seconds: float) -> UserDataError:
    """The team server stopped answering during an action (the watchdog cut it off)."""
    return UserDataError(f"user data at {where}: the server did not answer within {seconds:.0f} s",
                         f"团队数据库没有及时响应：{where}\n请稍后重试，或联系数据库管理员（这次的改动可能没有保存，请稍后查看）。")


def explain(error: BaseException, where: str, secret: str | None = None) -> UserDataError:
    """A UserDataError that says what went wrong with the user data at `where` and what to do
    (`secret`, the password, never appears in it)."""
    orig = getattr(error, "orig", error)
    name = getattr(orig, "sqlite_errorname", "") or ""
    state = getattr(orig, "sqlstate", None) or ""
    text = str(orig).lower()
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in text:
        zh = f"个人数据文件正被另一个程序使用（已锁定）：{where}\n请关闭其他正在使用它的程序后重试。"
    elif name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        zh = f"个人数据文件或其所在文件夹是只读的：{where}\n请检查写入权限，或用 --data-dir 指定可写的文件夹。"
    elif name.startswith("SQLITE_FULL") or "disk is full" in text or "no space" in text or state == "53100":
        zh = f"磁盘已满，个人数据无法保存：{where}\n请腾出磁盘空间后重试（已保存的数据没有丢失）。"
    elif name.startswith("SQLITE_CANTOPEN") or name.startswith("SQLITE_PERM") or name.startswith("SQLITE_AUTH"):
        zh = f"无法打开个人数据文件：{where}\n请检查文件和文件夹的权限。"
    elif name.startswith("SQLITE_IOERR"):
        zh = f"读写个人数据文件时出错：{where}\n请检查磁盘空间和磁盘状态后重试。"
    elif state == "55P03":
        zh = f"团队数据库中的数据正被另一个操作锁定：{where}\n请稍后重试（没有保存任何改动）。"
    elif state == "57014":
        zh = f"团队数据库没有及时响应：{where}\n请稍后重试，或联系数据库管理员。"
    elif state.startswith("22"):
        zh = "内容过长或格式不对，未保存（标签名最长 200 个字）。"
    elif state.startswith("28") or "password authentication failed" in text or (
            "role" in text and "does not exist" in text):
        zh = f"团队数据库拒绝登录：{where}\n请检查用户名和密码设置。"
    elif "database" in text and "does not exist" in text:
        zh = f"团队数据库中没有这个数据库：{where}\n请检查地址中的数据库名，或请管理员创建它。"
    elif "nul (0x00)" in text or "null character" in text:
        zh = "内容含有无法保存的空字符（NUL），未保存。"
    elif state.startswith("08") or "timeout" in text or "connection" in text or "server" in text or (
            not state and type(orig).__module__.startswith("psycopg")):  # no answer, unknown host, refused
        zh = f"无法连接团队数据库：{where}\n请检查网络和服务器是否在运行，或稍后重试。"
    else:
        zh = f"无法读写个人数据：{where}\n请检查文件权限或数据库连接后重试。"
    detail = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    if secret:
        detail = detail.replace(secret, "***")
    return UserDataError(f"user data at {where}: {detail}", zh)

"""Creating and upgrading the user-data schema: once, even when several programs start together."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0003"  # the newest file in migrations/versions (a test keeps them in step)
PG_LOCK_KEY = 0x56494557  # "VIEW": one advisory lock for schema changes


def current_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database (None for a new one), read without Alembic."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def bring_to_head(engine: Engine, backup: Callable[[str], object]) -> None:
    """Upgrade the schema to HEAD_REVISION in one transaction that holds the write lock (SQLite:
    BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so a second program waits and then finds it done.
    `backup(reason)` runs before an existing schema is changed. Alembic (a large import) is loaded
    only when there is something to do."""
    with engine.connect() as conn:
        if current_revision(conn) == HEAD_REVISION:
            return
        conn.rollback()
    with engine.connect() as conn:
        conn = conn.execution_options(write=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            current = current_revision(conn)
            if current == HEAD_REVISION:
                return
            if current is not None:
                backup(f"before-upgrade-{current}")
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


def create_sqlite_file(path: Path, make_engine: Callable[[str], Engine]) -> None:
    """Make a new SQLite user file with the whole schema beside `path`, then link it into place.

    The file at `path` therefore never exists half-made (an empty file there is damage, not a start
    in progress). When another program got there first, its file is kept and this one dropped.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.new-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        engine = make_engine(f"sqlite:///{fresh.as_posix()}")
        try:
            bring_to_head(engine, lambda _reason: None)
        finally:
            engine.dispose()  # the last connection checkpoints and removes the -wal file
        try:
            os.link(fresh, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links: take the place unless someone else has
            if not path.exists():
                os.replace(fresh, path)
    finally:  # also when the disk is full half-way: no half-made file is left behind
        for leftover in (fresh, fresh.with_name(fresh.name + "-wal"), fresh.with_name(fresh.name + "-shm"),
                         fresh.with_name(fresh.name + "-journal")):
            leftover.unlink(missing_ok=True)


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL, None for a server or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)

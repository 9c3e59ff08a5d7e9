"""The user-data store: tags, bookmarks, notes and searches; every user action one retried transaction,
announced to listeners once committed."""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from viewer.domain import BookmarkInfo, Orphan, Snapshot
from viewer.userdata import database, health, location, upgrade, watchdog
from viewer.userdata.database import (
    UserDataError,
    check_url,
    explain,
    is_conflict,
    make_engine,
)
from viewer.userdata.health import Recovery
from viewer.userdata.models import (
    ArticleSnapshot,
    ArticleTag,
    Bookmark,
    SavedSearch,
    SearchHistory,
    utc_now,
)
from viewer.userdata.tagging import MAX_TAG_CHARS, TAGS, TagActions, storable_text
from viewer.userdata.upgrade import HEAD_REVISION, MIGRATIONS

__all__ = ["HEAD_REVISION", "MAX_TAG_CHARS", "MIGRATIONS", "TAGS", "Recovery", "UserDataError", "UserStore",
           "open_store"]

HISTORY_KEPT = 200
ATTEMPTS = 8  # a write that loses a race is run again, after a growing pause
# What a committed change touched (listeners get one of these).
BOOKMARKS, SEARCHES, HISTORY, EVERYTHING = "bookmarks", "searches", "history", "all"

T = TypeVar("T")
log = logging.getLogger(__name__)


def open_store(data_dir: str | Path | None = None, url: str | None = None) -> UserStore:
    """The store at --data-dir / ARCHIVE_VIEWER_DATA / portable / the user's folder, or a URL."""
    return UserStore(url or location.database_url(data_dir))


class UserStore(TagActions):
    """Tags, bookmarks, notes and saved searches.

    Attributes:
        url: the SQLAlchemy URL (sqlite:///… or postgresql+psycopg://…).
        path: the SQLite file, None for a server.
        recovery: set when a damaged SQLite file was moved aside at open.
    """

    def __init__(self, url: str, user: str | None = None, busy_seconds: float | None = None) -> None:
        self.url = url
        self.user = user or _user_name()
        self.recovery: Recovery | None = None
        self.busy_seconds = database.SQLITE_BUSY_SECONDS if busy_seconds is None else busy_seconds
        self._listeners: list[Callable[[str], None]] = []
        parsed = check_url(url)
        self._secret = database.secret_of(parsed)
        self.path = upgrade.sqlite_path(url)
        self._backups = health.Backups(self.path) if self.path else None
        if self.path is not None:
            self._open_file(self.path)
        self.engine = make_engine(parsed, self.busy_seconds)
        team = parsed.get_backend_name() == "postgresql"
        self._isolation = {"isolation_level": "REPEATABLE READ"} if team else {}
        self._watchdog = watchdog.attach(self.engine, database.PG_ANSWER_SECONDS) if team else None
        try:
            upgrade.bring_to_head(self.engine, self.backup)
        except DBAPIError as e:
            self.engine.dispose()
            if self.path is None or self.recovery is not None or not health.is_damage(e):
                raise explain(e, self.location_label(), self._secret) from e
            # Damage the read-only check cannot see (SQLite checks a schema harder when it may write).
            self._open_file(self.path, "数据库结构损坏")
            self.engine = make_engine(parsed, self.busy_seconds)
            try:
                upgrade.bring_to_head(self.engine, self.backup)
            except DBAPIError as again:
                self.engine.dispose()
                raise explain(again, self.location_label(), self._secret) from again

    # -- opening ---------------------------------------------------------------------------
    def _open_file(self, path: Path, damaged: str | None = None) -> None:
        """Check the file (or take `damaged` as the reason it failed): a damaged one is moved aside (the
        newest good backup offered); one that cannot be opened raises UserDataError and is left as it
        is; a missing one is created."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            reason = damaged or health.damage(path, self.busy_seconds)
            if reason is not None:
                moved = health.move_aside(path)
                assert self._backups is not None
                self.recovery = Recovery(moved, reason, self._backups.newest_healthy())
            if not path.exists():
                upgrade.create_sqlite_file(path, lambda url: make_engine(check_url(url), self.busy_seconds))
        except OSError as e:
            raise UserDataError(f"cannot create user data at {path}: {e.strerror or e}",
                                f"无法在这里保存个人数据：{path}\n请检查文件夹的写入权限，或用 --data-dir 指定别的文件夹。") from e
        except DBAPIError as e:
            raise explain(e, str(path)) from e

    def _current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return upgrade.current_revision(conn)

    def location_label(self) -> str:
        """Where the data is, for messages: the file, or the server without user and password."""
        if self.path is not None:
            return str(self.path)
        return database.server_label(self.url)

    def close(self) -> None:
        self.engine.dispose()

    # -- listeners and transactions --------------------------------------------------------
    def subscribe(self, listener: Callable[[str], None]) -> Callable[[], None]:
        """Call `listener(what)` after every committed change (what: tags, bookmarks, searches, history
        or all); returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, what: str) -> None:
        for listener in list(self._listeners):
            try:
                listener(what)
            except Exception:  # a listener's fault must not undo or hide the committed change
                log.exception("user-data listener failed")

    def write(self, action: Callable[[Session], T], what: str) -> T:
        """Run `action(session)` as one transaction, again when it loses a race with another writer
        (busy, serialization, deadlock, the same row inserted meanwhile); listeners hear `what` after
        the commit. Raises UserDataError with a message a user can act on."""
        result = self._transaction(action, write=True)
        self._announce(what)
        return result

    def read(self, action: Callable[[Session], T]) -> T:
        """Run `action(session)` in one read transaction."""
        return self._transaction(action, write=False)

    def _transaction(self, action: Callable[[Session], T], write: bool) -> T:
        pause = 0.02
        for attempt in range(ATTEMPTS):
            cut_off = False
            try:
                try:
                    with self.engine.connect() as conn:
                        # PostgreSQL: one snapshot for the whole action (a read of several tables sees one
                        # moment; a write that raced another fails with 40001 and is run again).
                        conn = conn.execution_options(write=write, **self._isolation)
                        with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                            return action(session)
                finally:
                    cut_off = self._watchdog is not None and self._watchdog.disarm()
            except DBAPIError as e:
                if cut_off:
                    raise database.no_answer(self.location_label(), database.PG_ANSWER_SECONDS) from e
                stale = e.connection_invalidated and attempt == 0  # a pooled connection to a restarted server
                if attempt + 1 < ATTEMPTS and (is_conflict(e) or stale):
                    time.sleep(pause * (1 + random.random()))
                    pause = min(pause * 2, 1.0)
                    continue
                raise explain(e, self.location_label(), self._secret) from e
            except UnicodeEncodeError as e:  # a lone surrogate in an id (text fields are cleaned before)
                raise UserDataError(f"cannot store text with an undecodable character: {e.reason}",
                                    "内容含有无法保存的字符（无法识别的编码），未保存。") from e
            except ValueError as e:
                if "isoformat" not in str(e):
                    raise
                raise self._damaged_value(e) from e  # a stored time whose text was damaged on disk
        raise AssertionError("unreachable")

    def _damaged_value(self, error: ValueError) -> UserDataError:
        backup = self.latest_backup()
        advice = f"可以从最近的完好备份恢复：{backup}" if backup else "请检查磁盘，或导出标注后重新开始。"
        return UserDataError(f"user data at {self.location_label()} holds a damaged value: {error}",
                             f"个人数据文件中有损坏的内容：{self.location_label()}\n{advice}")

    # -- backups ---------------------------------------------------------------------------
    @property
    def backup_dir(self) -> Path | None:
        return self._backups.folder if self._backups else None

    def backup(self, reason: str = "manual") -> Path | None:
        """A consistent copy of the SQLite file (the online backup API); the last five are kept."""
        if self._backups is None:
            return None
        try:
            return self._backups.make(reason)
        except OSError as e:
            raise UserDataError(f"cannot write a backup beside {self.path}: {e.strerror or e}",
                                f"无法保存备份：{self._backups.folder}\n请检查磁盘空间和写入权限。") from e

    def latest_backup(self) -> Path | None:
        """The newest backup that passes the integrity check."""
        return self._backups.newest_healthy() if self._backups else None

    def restore(self, backup: Path) -> None:
        """Replace the current file by a backup (the current one is backed up first)."""
        if self._backups is None:
            raise UserDataError("restore is for SQLite files", "只有本机数据文件可以从备份恢复。")
        self.backup(reason="before-restore")
        self.engine.dispose()
        try:
            self._backups.copy_over(backup)
        except OSError as e:
            raise UserDataError(f"cannot restore {backup}: {e.strerror or e}",
                                f"无法恢复备份：{backup}\n请检查磁盘空间和写入权限（恢复前的数据已另存为备份）。") from e
        self.engine = make_engine(check_url(self.url), self.busy_seconds)
        try:
            upgrade.bring_to_head(self.engine, self.backup)
        except DBAPIError as e:
            raise explain(e, self.location_label(), self._secret) from e
        self._announce(EVERYTHING)

    # -- bookmarks and notes ---------------------------------------------------------------
    def bookmark(self, article_id: str, note: str | None = None, snapshot: Snapshot | None = None) -> None:
        """Bookmark an article; a note given replaces the old one, None keeps it."""
        note = _storable(note) if note is not None else None

        def action(session: Session) -> None:
            self._remember(session, [snapshot] if snapshot else [])
            mark = session.get(Bookmark, article_id)
            if mark is None:
                session.add(Bookmark(article_key=article_id, note=note or "", created_by=self.user))
            elif note is not None:
                mark.note = note
                mark.updated_at = utc_now()

        self.write(action, BOOKMARKS)

    def remove_bookmark(self, article_id: str) -> None:
        self.write(lambda session: session.execute(delete(Bookmark).where(Bookmark.article_key == article_id)),
                   BOOKMARKS)

    def bookmarks(self, text: str = "") -> list[BookmarkInfo]:
        """Bookmarks newest first (headline, or the opening words when there is none); `text` keeps
        those whose headline or note contains it."""
        rows = self.read(lambda session: session.execute(
            select(Bookmark, func.coalesce(func.nullif(ArticleSnapshot.headline, ""), ArticleSnapshot.excerpt))
            .outerjoin(ArticleSnapshot, ArticleSnapshot.article_key == Bookmark.article_key)
            .order_by(Bookmark.created_at.desc(), Bookmark.article_key)).all())
        out = [BookmarkInfo(b.article_key, headline or "", b.note, _iso(b.created_at), _iso(b.updated_at))
               for b, headline in rows]
        needle = text.strip().lower()
        return [b for b in out if needle in b.headline.lower() or needle in b.note.lower()] if needle else out

    def is_bookmarked(self, article_id: str) -> bool:
        return self.read(lambda session: session.get(Bookmark, article_id) is not None)

    # -- saved searches --------------------------------------------------------------------
    def save_search(self, name: str, query: str) -> None:
        name, query = _storable(name), _storable(query)

        def action(session: Session) -> None:
            found = session.execute(select(SavedSearch).where(SavedSearch.name == name)).scalar_one_or_none()
            if found:
                found.query = query
            else:
                session.add(SavedSearch(name=name, query=query))

        self.write(action, SEARCHES)

    def remove_saved_search(self, name: str) -> None:
        self.write(lambda session: session.execute(delete(SavedSearch).where(SavedSearch.name == name)), SEARCHES)

    def add_history(self, query: str) -> None:
        """Remember a search (the newest of equal queries is kept; the last HISTORY_KEPT stay)."""
        query = _storable(query)

        def action(session: Session) -> None:
            session.execute(delete(SearchHistory).where(SearchHistory.query == query))
            session.add(SearchHistory(query=query))
            session.flush()
            old = select(SearchHistory.id).order_by(SearchHistory.searched_at.desc(), SearchHistory.id.desc()) \
                .offset(HISTORY_KEPT)
            session.execute(delete(SearchHistory).where(SearchHistory.id.in_(old.scalar_subquery())))

        self.write(action, HISTORY)

    def history(self) -> list[str]:
        """Past searches, newest first."""
        return self.read(lambda session: list(session.execute(select(SearchHistory.query).order_by(
            SearchHistory.searched_at.desc(), SearchHistory.id.desc())).scalars()))

    def saved_searches(self) -> list[tuple[str, str]]:
        return self.read(lambda session: [(n, q) for n, q in session.execute(
            select(SavedSearch.name, SavedSearch.query).order_by(SavedSearch.name))])

    # -- snapshots and rebuilt archives ----------------------------------------------------
    def annotated_ids(self) -> set[str]:
        def action(session: Session) -> set[str]:
            tagged = set(session.execute(select(ArticleTag.article_key)).scalars())
            return tagged | set(session.execute(select(Bookmark.article_key)).scalars())

        return self.read(action)

    def snapshot(self, article_id: str) -> Snapshot:
        row = self.read(lambda session: session.get(ArticleSnapshot, article_id))
        if row is None:
            return Snapshot(article_id, "", "", None)
        return Snapshot(article_id, row.headline, row.publication, row.issue_date, row.excerpt)

    def relink(self, existing: Callable[[set[str]], set[str]],
               find: Callable[[Snapshot], str | None]) -> list[Orphan]:
        """After an archive rebuild: move annotations of vanished ids to the article their snapshot
        finds; return the ones it cannot find (孤立的标注). Nothing is ever dropped."""
        missing = sorted(self.annotated_ids() - existing(self.annotated_ids()))
        orphans: list[Orphan] = []
        for old in missing:
            snap = self.snapshot(old)
            new = find(snap) if snap.headline or snap.excerpt else None
            if new and new != old:
                self.write(lambda session, old=old, new=new: _move_annotations(session, old, new), EVERYTHING)
            else:
                tags = tuple(self.tags_by_article([old])[old])
                mark = self.read(lambda session, old=old: session.get(Bookmark, old))
                orphans.append(Orphan(snap, tags, mark.note if mark else None))
        return orphans


def _move_annotations(session: Session, old: str, new: str) -> None:
    have = set(session.execute(select(ArticleTag.tag_id).where(ArticleTag.article_key == new)).scalars())
    for link in session.execute(select(ArticleTag).where(ArticleTag.article_key == old)).scalars().all():
        if link.tag_id in have:
            session.delete(link)
        else:
            link.article_key = new
    old_mark, new_mark = session.get(Bookmark, old), session.get(Bookmark, new)
    if old_mark is not None:
        if new_mark is None:
            old_mark.article_key = new
        else:
            new_mark.note = "\n".join(n for n in (new_mark.note, old_mark.note) if n)
            session.delete(old_mark)
    old_snap = session.get(ArticleSnapshot, old)
    if old_snap is not None:
        if session.get(ArticleSnapshot, new) is None:
            old_snap.article_key = new
        else:
            session.delete(old_snap)


def _storable(text: str) -> str:
    """Text a database can store: no NUL characters (PostgreSQL cannot store them; pasted ones are
    invisible anyway), and lone surrogates (undecodable bytes) as U+FFFD."""
    return storable_text(text).replace("\x00", "")


def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds")


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down PCs
        return ""

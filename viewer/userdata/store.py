"""The user-data store: every user action is one transaction; upgrades are backed up; a corrupt
SQLite file is moved aside (never deleted) and a fresh one started."""

from __future__ import annotations

import datetime as dt
import getpass
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, event, func, inspect, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from viewer.domain import BookmarkInfo, Orphan, Snapshot, TagInfo
from viewer.errors import KnownError
from viewer.userdata import location
from viewer.userdata.models import (
    ArticleSnapshot,
    ArticleTag,
    Bookmark,
    SavedSearch,
    SearchHistory,
    Tag,
    utc_now,
)
from viewer.userdata.palette import next_colour
from viewer.userdata.tag_tree import with_children

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0003"  # the newest file in migrations/versions (a test keeps them in step)
BACKUPS_KEPT = 5
CHUNK = 500  # ids per IN (...) list
HISTORY_KEPT = 200


class UserDataError(KnownError):
    """User data could not be read or written; the message says what to do."""


@dataclass(frozen=True)
class Recovery:
    """A corrupt database was moved aside when the store opened."""

    moved_to: Path
    latest_backup: Path | None

    @property
    def message_zh(self) -> str:
        text = f"个人数据文件已损坏，已移到：{self.moved_to}\n已新建一个空的数据文件，原文件未删除。"
        if self.latest_backup:
            text += f"\n可以恢复最近的备份：{self.latest_backup}"
        return text


def open_store(data_dir: str | Path | None = None, url: str | None = None) -> UserStore:
    """The store at --data-dir / ARCHIVE_VIEWER_DATA / portable / the user's folder, or a URL."""
    return UserStore(url or location.database_url(data_dir))


class UserStore:
    """Tags, bookmarks, notes and saved searches.

    Attributes:
        url: the SQLAlchemy URL (sqlite:///… or postgresql+psycopg://…).
        recovery: set when a corrupt SQLite file was moved aside at open.
    """

    def __init__(self, url: str, user: str | None = None) -> None:
        self.url = url
        self.user = user or _user_name()
        self.recovery: Recovery | None = None
        self.path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._check_sqlite_file()
        self.engine = self._engine()
        self._upgrade()

    # -- opening ---------------------------------------------------------------------------
    def _engine(self) -> Engine:
        if self.path is None:
            return create_engine(self.url, pool_pre_ping=True)
        engine = create_engine(self.url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA busy_timeout = 30000")
            cursor.close()

        return engine

    def _check_sqlite_file(self) -> None:
        """Move a file SQLite cannot read (or whose integrity check fails) aside, with a timestamp."""
        assert self.path is not None
        if not self.path.exists():
            return
        try:
            conn = sqlite3.connect(self.path)
            try:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
            if result == "ok":
                return
        except sqlite3.DatabaseError:
            pass
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        moved = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.rename(moved)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.rename(moved.with_name(moved.name + suffix))
        self.recovery = Recovery(moved, self.latest_backup())

    def _current_revision(self) -> str | None:
        """The schema revision recorded in the database (None for a new one), read without Alembic."""
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def _upgrade(self) -> None:
        """Bring the schema to HEAD_REVISION, backing up an existing SQLite file first.

        Alembic (a large import) is loaded only when there is something to upgrade.
        """
        try:
            current = self._current_revision()
            if current == HEAD_REVISION:
                return
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            with self.engine.begin() as conn:
                if current is not None and self.path is not None:
                    self.backup(reason=f"before-upgrade-{current}")
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except (OperationalError, DBAPIError) as e:
            raise UserDataError(f"cannot open user data at {self.url}: {e}",
                                f"无法打开个人数据（{self.location_label()}）：请检查文件权限或数据库连接。") from e

    def location_label(self) -> str:
        return str(self.path) if self.path else self.url.split("@")[-1]

    # -- backups ---------------------------------------------------------------------------
    @property
    def backup_dir(self) -> Path | None:
        return self.path.parent / "backups" if self.path else None

    def backup(self, reason: str = "manual") -> Path | None:
        """A consistent copy of the SQLite file (the online backup API); the last five are kept."""
        if self.path is None or not self.path.exists() or self.backup_dir is None:
            return None
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backup_dir / f"userdata-{stamp}-{reason}.sqlite"
        source = sqlite3.connect(self.path)
        try:
            with sqlite3.connect(target) as copy:
                source.backup(copy)
            copy.close()
        finally:
            source.close()
        for old in sorted(self.backup_dir.glob("userdata-*.sqlite"))[:-BACKUPS_KEPT]:
            old.unlink()
        return target

    def latest_backup(self) -> Path | None:
        if self.backup_dir is None or not self.backup_dir.exists():
            return None
        backups = sorted(self.backup_dir.glob("userdata-*.sqlite"))
        return backups[-1] if backups else None

    def restore(self, backup: Path) -> None:
        """Replace the current file by a backup (the current one is backed up first)."""
        if self.path is None:
            raise UserDataError("restore is for SQLite files", "只有本机数据文件可以从备份恢复。")
        self.backup(reason="before-restore")
        self.engine.dispose()
        for suffix in ("-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(backup, self.path)
        self.engine = self._engine()
        self._upgrade()

    def close(self) -> None:
        self.engine.dispose()

    # -- tags ------------------------------------------------------------------------------
    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def _tag_ids(self, session: Session, names: Iterable[str], create: bool) -> dict[str, int]:
        """Ids of tags by name, creating missing ones when asked (safe against a concurrent creator)."""
        wanted = [n.strip() for n in names if n.strip()]
        found = dict(session.execute(select(Tag.name, Tag.id).where(Tag.name.in_(wanted))).all())
        for name in wanted:
            if name in found or not create:
                continue
            color = next_colour(session.execute(select(Tag.color)).scalars())
            try:
                with session.begin_nested():
                    tag = Tag(name=name, color=color, created_by=self.user)
                    session.add(tag)
                    session.flush()
                found[name] = tag.id
            except IntegrityError:  # another client created it just now
                found[name] = session.execute(select(Tag.id).where(Tag.name == name)).scalar_one()
        return found

    def tag(self, article_ids: Iterable[str], names: Iterable[str], snapshots: Iterable[Snapshot] = ()) -> int:
        """Add tags to articles (creating the tags); returns how many new links were made."""
        ids = list(dict.fromkeys(article_ids))
        with self._session() as session, session.begin():
            tag_ids = self._tag_ids(session, names, create=True)
            self._remember(session, snapshots)
            new = 0
            for start in range(0, len(ids), CHUNK):
                chunk = ids[start : start + CHUNK]
                existing = set(session.execute(
                    select(ArticleTag.article_key, ArticleTag.tag_id)
                    .where(ArticleTag.tag_id.in_(tag_ids.values()), ArticleTag.article_key.in_(chunk))).all())
                links = [ArticleTag(article_key=a, tag_id=t, created_by=self.user)
                         for t in tag_ids.values() for a in chunk if (a, t) not in existing]
                session.add_all(links)
                new += len(links)
        return new

    def untag(self, article_ids: Iterable[str], names: Iterable[str]) -> int:
        ids = list(article_ids)
        with self._session() as session, session.begin():
            tag_ids = self._tag_ids(session, names, create=False)
            result = session.execute(delete(ArticleTag).where(
                ArticleTag.article_key.in_(ids), ArticleTag.tag_id.in_(tag_ids.values())))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def toggle_tag(self, article_ids: Iterable[str], name: str, snapshots: Iterable[Snapshot] = ()) -> bool:
        """Tag all the articles, or untag them all when every one already has it. True if tagged."""
        ids = list(article_ids)
        tagged = {k for k, t in self.tags_by_article(ids).items() if name in t}
        if ids and tagged >= set(ids):
            self.untag(ids, [name])
            return False
        self.tag(ids, [name], snapshots)
        return True

    def clear_favourite_tags(self, article_ids: Iterable[str]) -> int:
        """Key 0: remove the nine favourite tags from the articles."""
        ids = list(article_ids)
        with self._session() as session, session.begin():
            favourite = select(Tag.id).where(Tag.shortcut.is_not(None))
            result = session.execute(delete(ArticleTag).where(
                ArticleTag.article_key.in_(ids), ArticleTag.tag_id.in_(favourite)))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def tags(self) -> list[TagInfo]:
        """Every tag with its article ids, by name."""
        with self._session() as session:
            rows = session.execute(select(Tag).order_by(Tag.name)).scalars().all()
            names = {t.id: t.name for t in rows}
            links: dict[int, set[str]] = {t.id: set() for t in rows}
            for key, tag_id in session.execute(select(ArticleTag.article_key, ArticleTag.tag_id)):
                links[tag_id].add(key)
        return with_children([TagInfo(t.name, t.color, names.get(t.parent_id) if t.parent_id else None,
                                      t.shortcut, frozenset(links[t.id])) for t in rows])

    def tags_by_article(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        ids = list(article_ids)
        out: dict[str, list[str]] = {k: [] for k in ids}
        with self._session() as session:
            rows = session.execute(select(ArticleTag.article_key, Tag.name).join(Tag, Tag.id == ArticleTag.tag_id)
                                   .where(ArticleTag.article_key.in_(ids)).order_by(Tag.name))
            for key, name in rows:
                out[key].append(name)
        return out

    def article_ids_for_tag(self, name: str) -> set[str]:
        """Articles carrying the tag or any tag below it (父/子: a parent includes its children)."""
        with self._session() as session:
            rows = session.execute(select(Tag.id, Tag.name, Tag.parent_id)).all()
            start = next((tag_id for tag_id, tag_name, _ in rows if tag_name == name), None)
            if start is None:
                return set()
            children: dict[int, list[int]] = {}
            for tag_id, _, parent_id in rows:
                if parent_id is not None:
                    children.setdefault(parent_id, []).append(tag_id)
            wanted, stack = set(), [start]
            while stack:
                current = stack.pop()
                if current not in wanted:
                    wanted.add(current)
                    stack.extend(children.get(current, []))
            return set(session.execute(select(ArticleTag.article_key).where(ArticleTag.tag_id.in_(wanted))).scalars())

    def tag_colours(self) -> dict[str, str]:
        """Each tag's colour by name (no article links: cheap enough for every article shown)."""
        with self._session() as session:
            return dict(session.execute(select(Tag.name, Tag.color)).all())

    def _one_tag(self, session: Session, name: str) -> Tag:
        tag = session.execute(select(Tag).where(Tag.name == name)).scalar_one_or_none()
        if tag is None:
            raise UserDataError(f"no tag named {name!r}", f"没有名为“{name}”的标签。")
        return tag

    def rename_tag(self, old: str, new: str) -> None:
        new = new.strip()
        with self._session() as session, session.begin():
            if not new:
                raise UserDataError("a tag needs a name", "标签名不能为空。")
            if session.execute(select(Tag.id).where(Tag.name == new)).first():
                raise UserDataError(f"tag {new!r} exists", f"已有名为“{new}”的标签；要合并请用“合并”。")
            self._one_tag(session, old).name = new

    def merge_tags(self, source: str, target: str) -> None:
        """Move every article of `source` to `target` (created if needed) and delete `source`."""
        with self._session() as session, session.begin():
            src = self._one_tag(session, source)
            dst_id = self._tag_ids(session, [target], create=True)[target.strip()]
            have = set(session.execute(select(ArticleTag.article_key).where(ArticleTag.tag_id == dst_id)).scalars())
            for link in session.execute(select(ArticleTag).where(ArticleTag.tag_id == src.id)).scalars().all():
                if link.article_key not in have:
                    session.add(ArticleTag(article_key=link.article_key, tag_id=dst_id,
                                           created_at=link.created_at, created_by=link.created_by))
            session.execute(update(Tag).where(Tag.parent_id == src.id).values(parent_id=dst_id))
            session.execute(delete(ArticleTag).where(ArticleTag.tag_id == src.id))
            session.delete(src)

    def delete_tag(self, name: str) -> None:
        with self._session() as session, session.begin():
            tag = self._one_tag(session, name)
            session.execute(delete(ArticleTag).where(ArticleTag.tag_id == tag.id))
            session.execute(update(Tag).where(Tag.parent_id == tag.id).values(parent_id=tag.parent_id))
            session.delete(tag)

    def set_tag(self, name: str, color: str | None = None, parent: str | None = None,
                shortcut: int | None = None, clear_parent: bool = False) -> None:
        """Change a tag's colour, parent or favourite key (1-9; taken from any tag that had it)."""
        with self._session() as session, session.begin():
            tag = self._one_tag(session, name)
            if color is not None:
                tag.color = color
            if clear_parent:
                tag.parent_id = None
            elif parent is not None:
                parent_tag = self._one_tag(session, parent)
                if parent_tag.id == tag.id or name in self._ancestors(session, parent_tag):
                    raise UserDataError("a tag cannot be its own ancestor", "标签不能成为自己的上级。")
                tag.parent_id = parent_tag.id
            if shortcut is not None:
                if not 1 <= shortcut <= 9:
                    raise UserDataError("favourite keys are 1-9", "常用标签的快捷键是 1 到 9。")
                session.execute(update(Tag).where(Tag.shortcut == shortcut).values(shortcut=None))
                session.flush()
                tag.shortcut = shortcut

    def _ancestors(self, session: Session, tag: Tag) -> set[str]:
        out: set[str] = set()
        current: Tag | None = tag
        while current is not None and current.parent_id is not None:
            current = session.get(Tag, current.parent_id)
            if current is None or current.name in out:
                break
            out.add(current.name)
        return out

    def favourite_tags(self) -> dict[int, str]:
        with self._session() as session:
            return dict(session.execute(select(Tag.shortcut, Tag.name).where(Tag.shortcut.is_not(None))).all())

    # -- bookmarks and notes ---------------------------------------------------------------
    def bookmark(self, article_id: str, note: str | None = None, snapshot: Snapshot | None = None) -> None:
        """Bookmark an article; a note given replaces the old one, None keeps it."""
        with self._session() as session, session.begin():
            self._remember(session, [snapshot] if snapshot else [])
            mark = session.get(Bookmark, article_id)
            if mark is None:
                session.add(Bookmark(article_key=article_id, note=note or "", created_by=self.user))
            elif note is not None:
                mark.note = note
                mark.updated_at = utc_now()

    def remove_bookmark(self, article_id: str) -> None:
        with self._session() as session, session.begin():
            session.execute(delete(Bookmark).where(Bookmark.article_key == article_id))

    def bookmarks(self, text: str = "") -> list[BookmarkInfo]:
        """Bookmarks newest first (headline, or the opening words when there is none); `text` keeps
        those whose headline or note contains it."""
        with self._session() as session:
            rows = session.execute(
                select(Bookmark, func.coalesce(func.nullif(ArticleSnapshot.headline, ""), ArticleSnapshot.excerpt))
                .outerjoin(ArticleSnapshot, ArticleSnapshot.article_key == Bookmark.article_key)
                .order_by(Bookmark.created_at.desc(), Bookmark.article_key)).all()
        out = [BookmarkInfo(b.article_key, headline or "", b.note, _iso(b.created_at), _iso(b.updated_at))
               for b, headline in rows]
        needle = text.strip().lower()
        return [b for b in out if needle in b.headline.lower() or needle in b.note.lower()] if needle else out

    def is_bookmarked(self, article_id: str) -> bool:
        with self._session() as session:
            return session.get(Bookmark, article_id) is not None

    # -- saved searches --------------------------------------------------------------------
    def save_search(self, name: str, query: str) -> None:
        with self._session() as session, session.begin():
            found = session.execute(select(SavedSearch).where(SavedSearch.name == name)).scalar_one_or_none()
            if found:
                found.query = query
            else:
                session.add(SavedSearch(name=name, query=query))

    def remove_saved_search(self, name: str) -> None:
        with self._session() as session, session.begin():
            session.execute(delete(SavedSearch).where(SavedSearch.name == name))

    def add_history(self, query: str) -> None:
        """Remember a search (the newest of equal queries is kept; the last HISTORY_KEPT stay)."""
        with self._session() as session, session.begin():
            session.execute(delete(SearchHistory).where(SearchHistory.query == query))
            session.add(SearchHistory(query=query))
            session.flush()
            old = select(SearchHistory.id).order_by(SearchHistory.searched_at.desc(), SearchHistory.id.desc()) \
                .offset(HISTORY_KEPT)
            session.execute(delete(SearchHistory).where(SearchHistory.id.in_(old.scalar_subquery())))

    def history(self) -> list[str]:
        """Past searches, newest first."""
        with self._session() as session:
            return list(session.execute(select(SearchHistory.query).order_by(
                SearchHistory.searched_at.desc(), SearchHistory.id.desc())).scalars())

    def saved_searches(self) -> list[tuple[str, str]]:
        with self._session() as session:
            return [(n, q) for n, q in session.execute(select(SavedSearch.name, SavedSearch.query)
                                                        .order_by(SavedSearch.name))]

    # -- snapshots and rebuilt archives ----------------------------------------------------
    def _remember(self, session: Session, snapshots: Iterable[Snapshot]) -> None:
        for snap in snapshots:
            row = session.get(ArticleSnapshot, snap.article_id)
            if row is None:
                session.add(ArticleSnapshot(article_key=snap.article_id, headline=snap.headline,
                                            publication=snap.publication, issue_date=snap.issue_date,
                                            excerpt=snap.excerpt))

    def annotated_ids(self) -> set[str]:
        with self._session() as session:
            tagged = set(session.execute(select(ArticleTag.article_key)).scalars())
            marked = set(session.execute(select(Bookmark.article_key)).scalars())
        return tagged | marked

    def snapshot(self, article_id: str) -> Snapshot:
        with self._session() as session:
            row = session.get(ArticleSnapshot, article_id)
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
                self._move_annotations(old, new, snap)
            else:
                tags = tuple(self.tags_by_article([old])[old])
                with self._session() as session:
                    mark = session.get(Bookmark, old)
                orphans.append(Orphan(snap, tags, mark.note if mark else None))
        return orphans

    def _move_annotations(self, old: str, new: str, snap: Snapshot) -> None:
        with self._session() as session, session.begin():
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

def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds")


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down PCs
        return ""

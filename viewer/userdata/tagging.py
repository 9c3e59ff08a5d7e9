"""Tag actions of the user-data store: create, apply, toggle, rename, merge, nest and delete tags."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from viewer.domain import Snapshot, TagInfo
from viewer.errors import Cancelled
from viewer.userdata.database import UserDataError
from viewer.userdata.models import ArticleSnapshot, ArticleTag, Tag
from viewer.userdata.palette import next_colour
from viewer.userdata.tag_tree import with_children

CHUNK = 500  # ids per IN (...) list
MAX_TAG_CHARS = 200
TAGS = "tags"  # what a tag action changes, as listeners hear it

T = TypeVar("T")


class TagActions:
    """The tag half of UserStore: each method is one transaction through `write` or `read`."""

    user: str

    def write(self, action: Callable[[Session], T], what: str) -> T:
        raise NotImplementedError

    def read(self, action: Callable[[Session], T]) -> T:
        raise NotImplementedError

    def _remember(self, session: Session, snapshots: Iterable[Snapshot]) -> None:
        """Keep a snapshot of each article not yet known (to find it again after a rebuild)."""
        for snap in snapshots:
            if session.get(ArticleSnapshot, snap.article_id) is None:
                session.add(ArticleSnapshot(article_key=snap.article_id, headline=snap.headline,
                                            publication=snap.publication, issue_date=snap.issue_date,
                                            excerpt=snap.excerpt))

    def _tag_ids(self, session: Session, names: list[str], create: bool) -> dict[str, int]:
        """Ids of tags by name, creating missing ones when asked (a concurrent creator makes the
        transaction run again, and then it finds the tag)."""
        wanted = [n.strip() for n in names if n.strip()]
        found = dict(session.execute(select(Tag.name, Tag.id).where(Tag.name.in_(wanted))).all())
        for name in wanted:
            if name in found or not create:
                continue
            tag = Tag(name=name, color=next_colour(session.execute(select(Tag.color)).scalars()), created_by=self.user)
            session.add(tag)
            session.flush()
            found[name] = tag.id
        return found

    def tag(self, article_ids: Iterable[str], names: Iterable[str], snapshots: Iterable[Snapshot] = (), *,
            progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None) -> int:
        """Add tags to articles (creating the tags) in one transaction; returns how many new links were made.

        `progress(done, total)` hears each chunk of articles; `cancelled()` returning True rolls the whole
        action back (Cancelled), so a cancelled tag-all changes nothing.
        """
        ids, wanted, snaps = list(dict.fromkeys(article_ids)), _tag_names(names), list(snapshots)

        def action(session: Session) -> int:
            tag_ids = self._tag_ids(session, wanted, create=True)
            self._remember(session, snaps)
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
                if cancelled is not None and cancelled():
                    raise Cancelled("tagging cancelled: nothing was changed", "已取消加标签，没有文章被改动。")
                if progress is not None:
                    progress(min(start + CHUNK, len(ids)), len(ids))
            return new

        return self.write(action, TAGS)

    def untag(self, article_ids: Iterable[str], names: Iterable[str]) -> int:
        ids, wanted = list(article_ids), [n for n in names if isinstance(n, str)]

        def action(session: Session) -> int:
            tag_ids = self._tag_ids(session, wanted, create=False)
            result = session.execute(delete(ArticleTag).where(
                ArticleTag.article_key.in_(ids), ArticleTag.tag_id.in_(tag_ids.values())))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

        return self.write(action, TAGS)

    def toggle_tag(self, article_ids: Iterable[str], name: str, snapshots: Iterable[Snapshot] = ()) -> bool:
        """Tag all the articles, or untag them all when every one already has it (one transaction). True if tagged."""
        ids, snaps = list(dict.fromkeys(article_ids)), list(snapshots)
        wanted = _tag_names([name])

        def action(session: Session) -> bool:
            tag_ids = self._tag_ids(session, wanted, create=True)
            tag_id = tag_ids[wanted[0]]
            have = set(session.execute(select(ArticleTag.article_key).where(
                ArticleTag.tag_id == tag_id, ArticleTag.article_key.in_(ids))).scalars())
            if ids and have >= set(ids):
                session.execute(delete(ArticleTag).where(ArticleTag.tag_id == tag_id, ArticleTag.article_key.in_(ids)))
                return False
            self._remember(session, snaps)
            session.add_all(ArticleTag(article_key=a, tag_id=tag_id, created_by=self.user) for a in ids if a not in have)
            return True

        return self.write(action, TAGS)

    def clear_favourite_tags(self, article_ids: Iterable[str]) -> int:
        """Key 0: remove the nine favourite tags from the articles."""
        ids = list(article_ids)

        def action(session: Session) -> int:
            favourite = select(Tag.id).where(Tag.shortcut.is_not(None))
            result = session.execute(delete(ArticleTag).where(
                ArticleTag.article_key.in_(ids), ArticleTag.tag_id.in_(favourite)))
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

        return self.write(action, TAGS)

    def tags(self) -> list[TagInfo]:
        """Every tag with its article ids, by name."""
        def action(session: Session) -> list[TagInfo]:
            rows = session.execute(select(Tag).order_by(Tag.name)).scalars().all()
            names = {t.id: t.name for t in rows}
            links: dict[int, set[str]] = {t.id: set() for t in rows}
            for key, tag_id in session.execute(select(ArticleTag.article_key, ArticleTag.tag_id)):
                links[tag_id].add(key)
            return with_children([TagInfo(t.name, t.color, names.get(t.parent_id) if t.parent_id else None,
                                          t.shortcut, frozenset(links[t.id])) for t in rows])

        return self.read(action)

    def tags_by_article(self, article_ids: Iterable[str]) -> dict[str, list[str]]:
        ids = list(article_ids)

        def action(session: Session) -> dict[str, list[str]]:
            out: dict[str, list[str]] = {k: [] for k in ids}
            rows = session.execute(select(ArticleTag.article_key, Tag.name).join(Tag, Tag.id == ArticleTag.tag_id)
                                   .where(ArticleTag.article_key.in_(ids)).order_by(Tag.name))
            for key, name in rows:
                out[key].append(name)
            return out

        return self.read(action)

    def article_ids_for_tag(self, name: str) -> set[str]:
        """Articles carrying the tag or any tag below it (父/子: a parent includes its children)."""
        def action(session: Session) -> set[str]:
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

        return self.read(action)

    def tag_colours(self) -> dict[str, str]:
        """Each tag's colour by name (no article links: cheap enough for every article shown)."""
        return self.read(lambda session: dict(session.execute(select(Tag.name, Tag.color)).all()))

    def _one_tag(self, session: Session, name: str) -> Tag:
        tag = session.execute(select(Tag).where(Tag.name == name)).scalar_one_or_none()
        if tag is None:
            raise UserDataError(f"no tag named {name!r}", f"没有名为“{name}”的标签。")
        return tag

    def rename_tag(self, old: str, new: str) -> None:
        new = _tag_names([new])[0]

        def action(session: Session) -> None:
            if session.execute(select(Tag.id).where(Tag.name == new)).first():
                raise UserDataError(f"tag {new!r} exists", f"已有名为“{new}”的标签；要合并请用“合并”。")
            self._one_tag(session, old).name = new

        self.write(action, TAGS)

    def merge_tags(self, source: str, target: str) -> None:
        """Move every article of `source` to `target` (created if needed) and delete `source`, in one transaction."""
        target = _tag_names([target])[0]

        def action(session: Session) -> None:
            src = self._one_tag(session, source)
            dst_id = self._tag_ids(session, [target], create=True)[target]
            have = set(session.execute(select(ArticleTag.article_key).where(ArticleTag.tag_id == dst_id)).scalars())
            for link in session.execute(select(ArticleTag).where(ArticleTag.tag_id == src.id)).scalars().all():
                if link.article_key not in have:
                    session.add(ArticleTag(article_key=link.article_key, tag_id=dst_id,
                                           created_at=link.created_at, created_by=link.created_by))
            session.execute(update(Tag).where(Tag.parent_id == src.id).values(parent_id=dst_id))
            session.execute(delete(ArticleTag).where(ArticleTag.tag_id == src.id))
            session.delete(src)

        self.write(action, TAGS)

    def delete_tag(self, name: str) -> None:
        def action(session: Session) -> None:
            tag = self._one_tag(session, name)
            session.execute(delete(ArticleTag).where(ArticleTag.tag_id == tag.id))
            session.execute(update(Tag).where(Tag.parent_id == tag.id).values(parent_id=tag.parent_id))
            session.delete(tag)

        self.write(action, TAGS)

    def set_tag(self, name: str, color: str | None = None, parent: str | None = None,
                shortcut: int | None = None, clear_parent: bool = False) -> None:
        """Change a tag's colour, parent or favourite key (1-9; taken from any tag that had it)."""
        if shortcut is not None and not 1 <= shortcut <= 9:
            raise UserDataError("favourite keys are 1-9", "常用标签的快捷键是 1 到 9。")
        if color is not None and len(color) > 16:
            raise UserDataError("a colour is #rrggbb", "颜色格式不对（示例：#e06c75）。")

        def action(session: Session) -> None:
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
                session.execute(update(Tag).where(Tag.shortcut == shortcut).values(shortcut=None))
                session.flush()
                tag.shortcut = shortcut

        self.write(action, TAGS)

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
        return self.read(lambda session: dict(session.execute(
            select(Tag.shortcut, Tag.name).where(Tag.shortcut.is_not(None))).all()))


def _tag_names(names: Iterable[str]) -> list[str]:
    """Tag names as given, trimmed; UserDataError for a blank or overlong one (nothing is written)."""
    out = []
    for name in names:
        clean = storable_text(str(name)).strip()
        if not clean:
            raise UserDataError("a tag needs a name", "标签名不能为空。")
        if "\x00" in clean:  # PostgreSQL cannot store it, and no one can type or see it
            raise UserDataError("a tag name cannot contain a NUL character", "标签名不能包含空字符（NUL）。")
        if len(clean) > MAX_TAG_CHARS:
            raise UserDataError(f"a tag name has at most {MAX_TAG_CHARS} characters ({len(clean)} given)",
                                f"标签名最长 {MAX_TAG_CHARS} 个字（现在是 {len(clean)} 个）。")
        out.append(clean)
    return list(dict.fromkeys(out))


def storable_text(text: str) -> str:
    """Lone surrogates (undecodable bytes, which no database can store) become U+FFFD."""
    return text if text.isascii() else text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")

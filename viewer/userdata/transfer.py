"""Annotations to and from lossless JSON (who made each and when); importing merges, never duplicates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from viewer.userdata.models import ArticleSnapshot, ArticleTag, Bookmark, SavedSearch, Tag
from viewer.userdata.store import EVERYTHING, MAX_TAG_CHARS, UserDataError, UserStore

FORMAT = "press-archive-viewer-annotations"
VERSION = 1


class AnnotationFileError(UserDataError):
    """The file is not an annotations export this program can import; nothing was imported."""


def read_annotations(path: Path) -> object:
    """The parsed JSON of an annotations file; AnnotationFileError when it cannot be read as JSON
    (unreadable, not UTF-8, not JSON, nested too deep, numbers too long)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise AnnotationFileError(f"{path} is not UTF-8 text: {e.reason} at byte {e.start}",
                                  f"标注文件不是 UTF-8 文本：{path}，未导入任何内容。") from e
    except OSError as e:
        raise AnnotationFileError(f"cannot read {path}: {e.strerror or e}",
                                  f"无法读取标注文件：{path}（{e.strerror or e}），未导入任何内容。") from e
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as e:  # JSONDecodeError, a 5,000-digit number, [[[[…]]]]
        detail = str(e) if isinstance(e, json.JSONDecodeError) else "nested too deep or a number too long"
        raise AnnotationFileError(f"{path} is not valid JSON: {detail}",
                                  f"标注文件不是有效的 JSON：{path}，未导入任何内容。") from e


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def _when(value: object) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime.now(dt.UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def export_annotations(store: UserStore) -> dict[str, Any]:
    """Everything the user added, as one JSON-ready document (read in one transaction)."""
    return store.read(lambda session: _export(session, store.user))


def _export(session: Session, user: str) -> dict[str, Any]:
    tags = session.execute(select(Tag).order_by(Tag.id)).scalars().all()
    names = {t.id: t.name for t in tags}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(dt.datetime.now(dt.UTC)),
        "exported_by": user,
        "tags": [{"name": t.name, "color": t.color, "parent": names.get(t.parent_id) if t.parent_id else None,
                  "shortcut": t.shortcut, "created_at": _iso(t.created_at), "created_by": t.created_by}
                 for t in tags],
        "article_tags": [{"article_id": a.article_key, "tag": names[a.tag_id], "created_at": _iso(a.created_at),
                          "created_by": a.created_by}
                         for a in session.execute(select(ArticleTag).order_by(ArticleTag.article_key,
                                                                              ArticleTag.tag_id)).scalars()],
        "bookmarks": [{"article_id": b.article_key, "note": b.note, "created_at": _iso(b.created_at),
                       "updated_at": _iso(b.updated_at), "created_by": b.created_by}
                      for b in session.execute(select(Bookmark).order_by(Bookmark.article_key)).scalars()],
        "saved_searches": [{"name": s.name, "query": s.query}
                           for s in session.execute(select(SavedSearch).order_by(SavedSearch.name)).scalars()],
        "snapshots": [{"article_id": s.article_key, "headline": s.headline, "publication": s.publication,
                       "issue_date": s.issue_date, "excerpt": s.excerpt}
                      for s in session.execute(select(ArticleSnapshot).order_by(ArticleSnapshot.article_key))
                      .scalars()],
    }


def import_annotations(store: UserStore, data: object) -> dict[str, int]:
    """Merge an export into the store in one transaction; returns what was added or updated.

    The whole document is checked first: a malformed one raises AnnotationFileError naming the first bad
    entry, and nothing is imported."""
    document = _checked(data)
    return store.write(lambda session: _merge(session, document), EVERYTHING)


# Each section's fields: (name, kind, required, longest). Kinds: str, int (a key 1-9), when (ISO time).
FIELDS: dict[str, tuple[tuple[str, str, bool, int], ...]] = {
    "tags": (("name", "str", True, MAX_TAG_CHARS), ("color", "str", False, 16), ("parent", "str", False, MAX_TAG_CHARS),
             ("shortcut", "int", False, 0), ("created_at", "when", False, 64), ("created_by", "str", False, 100)),
    "article_tags": (("article_id", "str", True, 64), ("tag", "str", True, MAX_TAG_CHARS),
                     ("created_at", "when", False, 64), ("created_by", "str", False, 100)),
    "bookmarks": (("article_id", "str", True, 64), ("note", "str", False, 100_000), ("created_at", "when", False, 64),
                  ("updated_at", "when", False, 64), ("created_by", "str", False, 100)),
    "saved_searches": (("name", "str", True, 200), ("query", "str", True, 10_000)),
    "snapshots": (("article_id", "str", True, 64), ("headline", "str", False, 10_000),
                  ("publication", "str", False, 200), ("issue_date", "str", False, 10), ("excerpt", "str", False, 10_000)),
}


def _checked(data: object) -> dict[str, list[dict[str, Any]]]:
    """The document's sections as lists of clean entries; AnnotationFileError for anything else."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AnnotationFileError("not an annotations export", "这不是本程序导出的标注文件，未导入任何内容。")
    version = data.get("version", VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= VERSION:
        raise AnnotationFileError(f"annotations format version {str(version)[:20]!r} is not {VERSION}",
                                  "这个标注文件来自更新的程序版本（或版本号不对），未导入任何内容。请先升级本程序。")
    out: dict[str, list[dict[str, Any]]] = {}
    for section, fields in FIELDS.items():
        items = data.get(section) or []
        if not isinstance(items, list):
            raise _malformed(f"{section} is not a list", section, None)
        out[section] = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise _malformed(f"{section}[{number}] is not an object", section, number)
            clean: dict[str, Any] = {}
            for name, kind, required, longest in fields:
                value = item.get(name)
                if value is None or value == "":
                    if required:
                        raise _malformed(f"{section}[{number}].{name} is missing", section, number)
                    clean[name] = None
                    continue
                if kind == "int":
                    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9:
                        raise _malformed(f"{section}[{number}].{name} is not 1-9", section, number)
                elif not isinstance(value, str) or (required and not value.strip()) or len(value) > longest \
                        or value != value.encode("utf-8", "replace").decode("utf-8") or "\x00" in value:
                    raise _malformed(f"{section}[{number}].{name} is not text of at most {longest} characters",
                                     section, number)
                clean[name] = value.strip() if name in ("name", "tag", "parent") else value
            out[section].append(clean)
    return out


def _malformed(detail: str, section: str, number: int | None) -> AnnotationFileError:
    where = f"“{section}”第 {number} 项" if number else f"“{section}”"
    return AnnotationFileError(f"malformed annotations file: {detail}",
                         f"标注文件格式不对（{where}），未导入任何内容。")


def _is_below(candidate: Tag, tag: Tag, by_id: dict[int, Tag]) -> bool:
    """Is `candidate` the tag itself or below it? (then it cannot become its parent: no loops)"""
    seen: set[int] = set()
    current: Tag | None = candidate
    while current is not None and current.id not in seen:
        if current.id == tag.id:
            return True
        seen.add(current.id)
        current = by_id.get(current.parent_id) if current.parent_id is not None else None
    return False


def _merge(session: Session, data: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    added = {"tags": 0, "article_tags": 0, "bookmarks": 0, "saved_searches": 0, "snapshots": 0}
    tags = {t.name: t for t in session.execute(select(Tag)).scalars()}
    for item in data["tags"]:
        if item["name"] not in tags:
            tag = Tag(name=item["name"], color=item["color"] or "", created_at=_when(item["created_at"]),
                      created_by=item["created_by"] or "")
            session.add(tag)
            tags[tag.name] = tag
            added["tags"] += 1
    session.flush()
    taken = {t.shortcut for t in tags.values() if t.shortcut}
    by_id = {t.id: t for t in tags.values()}
    for item in data["tags"]:
        tag = tags[item["name"]]
        parent = item["parent"]
        if parent in tags and tag.parent_id is None and not _is_below(tags[parent], tag, by_id):
            tag.parent_id = tags[parent].id
        shortcut = item["shortcut"]
        if shortcut and tag.shortcut is None and shortcut not in taken:
            tag.shortcut = shortcut
            taken.add(shortcut)
    links = set(session.execute(select(ArticleTag.article_key, ArticleTag.tag_id)).all())
    for item in data["article_tags"]:
        tag = tags.get(item["tag"])
        if tag is None:
            tag = tags[item["tag"]] = Tag(name=item["tag"], color="", created_by=item["created_by"] or "")
            session.add(tag)
            session.flush()
        if (item["article_id"], tag.id) not in links:
            session.add(ArticleTag(article_key=item["article_id"], tag_id=tag.id,
                                   created_at=_when(item["created_at"]), created_by=item["created_by"] or ""))
            links.add((item["article_id"], tag.id))
            added["article_tags"] += 1
    # Existing rows are read once (not one query per entry: 100,000 bookmarks took minutes on a server).
    marks = {m.article_key: m for m in session.execute(select(Bookmark)).scalars()}
    for item in data["bookmarks"]:
        mark = marks.get(item["article_id"])
        updated = _when(item["updated_at"])
        if mark is None:
            mark = marks[item["article_id"]] = Bookmark(
                article_key=item["article_id"], note=item["note"] or "", created_at=_when(item["created_at"]),
                updated_at=updated, created_by=item["created_by"] or "")
            session.add(mark)
            added["bookmarks"] += 1
        elif mark.note != (item["note"] or "") and updated > _when(_iso(mark.updated_at)):
            mark.note, mark.updated_at = item["note"] or "", updated
            added["bookmarks"] += 1
    searches = {s.name for s in session.execute(select(SavedSearch)).scalars()}
    for item in data["saved_searches"]:
        if item["name"] not in searches:
            session.add(SavedSearch(name=item["name"], query=item["query"]))
            searches.add(item["name"])
            added["saved_searches"] += 1
    known = set(session.execute(select(ArticleSnapshot.article_key)).scalars())
    for item in data["snapshots"]:
        if item["article_id"] not in known:
            session.add(ArticleSnapshot(article_key=item["article_id"], headline=item["headline"] or "",
                                        publication=item["publication"] or "",
                                        issue_date=item["issue_date"], excerpt=item["excerpt"] or ""))
            known.add(item["article_id"])
            added["snapshots"] += 1
    return added

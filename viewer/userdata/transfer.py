"""Annotations to and from lossless JSON (who made each and when); importing merges, never duplicates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from viewer.userdata.models import ArticleSnapshot, ArticleTag, Bookmark, SavedSearch, Tag
from viewer.userdata.store import UserDataError, UserStore

FORMAT = "press-archive-viewer-annotations"
VERSION = 1


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
    with Session(store.engine) as session:
        tags = session.execute(select(Tag).order_by(Tag.id)).scalars().all()
        names = {t.id: t.name for t in tags}
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": _iso(dt.datetime.now(dt.UTC)),
            "exported_by": store.user,
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


def import_annotations(store: UserStore, data: dict[str, Any]) -> dict[str, int]:
    """Merge an export into the store in one transaction; returns what was added or updated."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserDataError("not an annotations export", "这不是本程序导出的标注文件。")
    added = {"tags": 0, "article_tags": 0, "bookmarks": 0, "saved_searches": 0, "snapshots": 0}
    try:
        with Session(store.engine) as session, session.begin():
            tags = {t.name: t for t in session.execute(select(Tag)).scalars()}
            for item in data.get("tags", []):
                if item["name"] not in tags:
                    tag = Tag(name=item["name"], color=item.get("color") or "", created_at=_when(item.get("created_at")),
                              created_by=item.get("created_by") or "")
                    session.add(tag)
                    tags[tag.name] = tag
                    added["tags"] += 1
            session.flush()
            taken = {t.shortcut for t in tags.values() if t.shortcut}
            for item in data.get("tags", []):
                tag = tags[item["name"]]
                parent = item.get("parent")
                if parent in tags and tag.parent_id is None and tags[parent].id != tag.id:
                    tag.parent_id = tags[parent].id
                shortcut = item.get("shortcut")
                if shortcut and tag.shortcut is None and shortcut not in taken:
                    tag.shortcut = shortcut
                    taken.add(shortcut)
            links = set(session.execute(select(ArticleTag.article_key, ArticleTag.tag_id)).all())
            for item in data.get("article_tags", []):
                tag = tags.get(item["tag"])
                if tag is None:
                    tag = tags[item["tag"]] = Tag(name=item["tag"], color="", created_by=item.get("created_by") or "")
                    session.add(tag)
                    session.flush()
                if (item["article_id"], tag.id) not in links:
                    session.add(ArticleTag(article_key=item["article_id"], tag_id=tag.id,
                                           created_at=_when(item.get("created_at")),
                                           created_by=item.get("created_by") or ""))
                    links.add((item["article_id"], tag.id))
                    added["article_tags"] += 1
            for item in data.get("bookmarks", []):
                mark = session.get(Bookmark, item["article_id"])
                updated = _when(item.get("updated_at"))
                if mark is None:
                    session.add(Bookmark(article_key=item["article_id"], note=item.get("note") or "",
                                         created_at=_when(item.get("created_at")), updated_at=updated,
                                         created_by=item.get("created_by") or ""))
                    added["bookmarks"] += 1
                elif mark.note != item.get("note") and updated > _when(_iso(mark.updated_at)):
                    mark.note, mark.updated_at = item.get("note") or "", updated
                    added["bookmarks"] += 1
            searches = {s.name for s in session.execute(select(SavedSearch)).scalars()}
            for item in data.get("saved_searches", []):
                if item["name"] not in searches:
                    session.add(SavedSearch(name=item["name"], query=item["query"]))
                    searches.add(item["name"])
                    added["saved_searches"] += 1
            for item in data.get("snapshots", []):
                if session.get(ArticleSnapshot, item["article_id"]) is None:
                    session.add(ArticleSnapshot(article_key=item["article_id"], headline=item.get("headline") or "",
                                                publication=item.get("publication") or "",
                                                issue_date=item.get("issue_date"), excerpt=item.get("excerpt") or ""))
                    added["snapshots"] += 1
    except (KeyError, TypeError) as e:
        raise UserDataError(f"malformed annotations file: {e}", "标注文件内容不完整或格式不对，未导入任何内容。") from e
    return added

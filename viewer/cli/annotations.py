"""Command-line tags, bookmarks and annotation files (the contract's tag/untag/tags/bookmark/… commands)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from viewer.archive import Archive
from viewer.cli import archive_to_read
from viewer.cli.terminal import printable
from viewer.errors import QuerySyntaxError
from viewer.userdata import UserStore, open_store
from viewer.userdata.transfer import (
    AnnotationFileError,
    export_annotations,
    import_annotations,
    read_annotations,
)


class AnnotationUsageError(Exception):
    """Bad usage or input: exit code 2."""


def add_commands(sub: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    tag = sub.add_parser("tag", help="add tags to an article, or to every hit of --query")
    tag.add_argument("words", nargs="+", metavar="ARTICLE_ID TAG", help="ARTICLE_ID TAG... (or TAG... with --query)")
    tag.add_argument("--query", default=None, help="tag every article this search finds")
    untag = sub.add_parser("untag", help="remove tags from an article")
    untag.add_argument("article_id")
    untag.add_argument("tags", nargs="+")
    tags = sub.add_parser("tags", help="tags with their article counts in the current archive")
    tags.add_argument("--json", action="store_true")
    bookmark = sub.add_parser("bookmark", help="bookmark an article, with an optional note")
    bookmark.add_argument("article_id")
    bookmark.add_argument("--note", default=None)
    bookmarks = sub.add_parser("bookmarks", help="every bookmark with its note")
    bookmarks.add_argument("--json", action="store_true")
    annotations = sub.add_parser("annotations", help="export or import tags, bookmarks and notes as JSON")
    annotations.add_argument("action", choices=("export", "import"))
    annotations.add_argument("file", type=Path)
    parsers = [tag, untag, tags, bookmark, bookmarks, annotations]
    for p in parsers:
        p.add_argument("--db", type=Path, default=None, help="archive file")
    return parsers


@contextmanager
def _user_data(args: argparse.Namespace, err: TextIO) -> Iterator[UserStore]:
    """The user's store for one command: a recovered corrupt file is reported, the store closed."""
    store = open_store(args.data_dir)
    if store.recovery is not None:
        print(f"warning: {printable(store.recovery.message_zh)}", file=err)
    try:
        yield store
    finally:
        store.close()


def _emit(rows: list[dict[str, object]], as_json: bool, out: TextIO, line: Callable[[dict[str, object]], str]) -> None:
    """Rows as one JSON array, or one readable line each."""
    if as_json:
        out.write(json.dumps(rows, ensure_ascii=False) + "\n")
    else:
        for row in rows:
            print(line(row), file=out)


def _archive(args: argparse.Namespace, store: UserStore | None = None) -> Archive:
    return Archive.open(archive_to_read(args),
                        tag_ids=store.article_ids_for_tag if store is not None else None)


def cmd_tag(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _user_data(args, err) as store, _archive(args, store) as archive:
        if args.query is not None:
            names = args.words
            try:
                ids = archive.search_ids(args.query)
            except QuerySyntaxError as e:
                raise AnnotationUsageError(e.message_zh.replace("\n", " ")) from e
        else:
            if len(args.words) < 2:
                raise AnnotationUsageError("usage: tag ARTICLE_ID TAG... (or tag --query QUERY TAG...)")
            ids, names = args.words[:1], args.words[1:]
            if not archive.existing_ids(set(ids)):
                raise AnnotationUsageError(f"no article with id {ids[0]!r} in {archive.path}")
        added = store.tag(ids, names, [archive.snapshot(i) for i in ids])
    print(printable(f"tagged {len(ids)} article(s) with {', '.join(names)} ({added} new link(s))"), file=out)
    return 0


def cmd_untag(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _user_data(args, err) as store:
        removed = store.untag([args.article_id], args.tags)
    print(printable(f"removed {removed} tag link(s) from {args.article_id}"), file=out)
    return 0


def cmd_tags(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _user_data(args, err) as store, _archive(args) as archive:
        tags = store.tags()
        present = archive.existing_ids(set().union(*(t.count_ids for t in tags)) if tags else set())
    rows: list[dict[str, object]] = [  # a parent's count includes its children's (what 标签:name finds)
        {"name": t.name, "color": t.color, "count": len(t.count_ids & present), "parent": t.parent,
         "shortcut": t.shortcut} for t in tags]
    _emit(rows, args.json, out, lambda r: f"{r['count']:6d}  {printable(r['name'])}"
          + (f"  (in {printable(r['parent'])})" if r["parent"] else ""))
    return 0


def cmd_bookmark(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _user_data(args, err) as store, _archive(args) as archive:
        if not archive.existing_ids({args.article_id}):
            raise AnnotationUsageError(f"no article with id {args.article_id!r} in {archive.path}")
        snapshot = archive.snapshot(args.article_id)
        store.bookmark(args.article_id, args.note, snapshot)
    print(printable(f"bookmarked {args.article_id}: {snapshot.headline}"), file=out)
    return 0


def cmd_bookmarks(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _user_data(args, err) as store:
        marks = store.bookmarks()
    rows: list[dict[str, object]] = [
        {"article_id": b.article_id, "headline": b.headline, "note": b.note, "created_at": b.created_at,
         "updated_at": b.updated_at} for b in marks]
    _emit(rows, args.json, out, lambda r: printable(f"{str(r['created_at'])[:10]}  {r['article_id']}  {r['headline']}")
          + (f"\n    {printable(r['note'])}" if r["note"] else ""))
    return 0


def cmd_annotations(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from viewer.reports.progress import replacing

    with _user_data(args, err) as store:
        if args.action == "export":
            document = json.dumps(export_annotations(store), ensure_ascii=False, indent=1)
            with replacing(args.file) as temporary:  # a full disk leaves the previous file, not half a file
                temporary.write_text(document, encoding="utf-8")
            print(printable(f"exported annotations to {args.file}"), file=out)
            return 0
        try:
            added = import_annotations(store, read_annotations(args.file))
        except AnnotationFileError as e:  # bad input: exit 2, nothing imported
            raise AnnotationUsageError(f"{e.message} （{e.message_zh}）") from e
    print("imported: " + ", ".join(f"{n} {k}" for k, n in added.items()), file=out)
    return 0


HANDLERS = {
    "tag": cmd_tag, "untag": cmd_untag, "tags": cmd_tags, "bookmark": cmd_bookmark,
    "bookmarks": cmd_bookmarks, "annotations": cmd_annotations,
}

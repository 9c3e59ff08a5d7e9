"""Command-line import of PDF and text pages, and the printed page of an article (import, page-image)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

MIN_DPI, MAX_DPI = 36, 600


class ImportUsageError(Exception):
    """Bad usage or input: exit code 2."""


def add_commands(sub: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:  # type: ignore[type-arg]
    imp = sub.add_parser("import", help="add PDF or text pages (or folders of them) to the user's library")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument("--replace", action="store_true", help="re-import files already imported")
    imp.add_argument("--json", action="store_true")
    image = sub.add_parser("page-image", help="the printed page of an article, its area marked, as PNG")
    image.add_argument("article_id")
    image.add_argument("--out", type=Path, required=True)
    image.add_argument("--dpi", type=int, default=150)
    return [imp, image]


def _data_dir(args: argparse.Namespace) -> Path:
    from viewer.userdata.location import data_dir

    return data_dir(args.data_dir)


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from viewer.ingest.importer import Importer

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        raise ImportUsageError("not found: " + ", ".join(str(p) for p in missing))
    report = Importer(_data_dir(args)).run(list(args.paths), replace=args.replace)
    for failure in report.failed:
        print(f"failed {failure['file']}: {failure['reason']}", file=err)
    if args.json:
        out.write(json.dumps(report.as_json(), ensure_ascii=False) + "\n")
    else:
        print(f"imported {len(report.imported)} file(s) ({report.pages} pages, {report.articles} articles),"
              f" {len(report.duplicates)} already there, {len(report.failed)} failed", file=out)
    return 0 if report.ok else 1


def cmd_page_image(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from viewer.ingest.library import library_path
    from viewer.ingest.page_image import NoPrintedPage, marked_png, printed_page

    if not MIN_DPI <= args.dpi <= MAX_DPI:
        raise ImportUsageError(f"--dpi must be between {MIN_DPI} and {MAX_DPI}")
    data_dir = _data_dir(args)
    library = library_path(data_dir)
    if not library.is_file():
        raise NoPrintedPage(f"article {args.article_id} has no printed page (nothing has been imported)",
                            "还没有导入过版面，没有版面图")
    page = printed_page(library, data_dir, args.article_id)
    try:
        args.out.write_bytes(marked_png(page, args.article_id, args.dpi))
    except OSError as e:
        raise ImportUsageError(f"cannot write {args.out}: {e.strerror}") from e
    print(f"wrote {args.out}: page {page.number} of {page.pdf_path.name}, "
          f"{len(page.areas.get(args.article_id, ()))} area(s) marked", file=out)
    return 0


HANDLERS = {"import": cmd_import, "page-image": cmd_page_image}

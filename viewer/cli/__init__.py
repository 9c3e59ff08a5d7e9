"""Command-line interface: build, export, search, tags and bookmarks (argparse; no Qt at import time)."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import re
import sqlite3
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from viewer import __version__, paths
from viewer.cli.terminal import clean_text, printable
from viewer.domain import Article
from viewer.errors import KnownError

EXPORT_FIELDS = (
    "id", "source", "publication", "issue_date", "page", "section", "kind", "kicker", "headline",
    "subheadline", "byline", "byline_groups", "source_line", "region", "column", "continued",
    "signature", "date_precision", "date_inferred", "publication_inferred", "body", "review",
)


class UsageError(Exception):
    """Bad usage or input: exit code 2."""


class OneLineParser(argparse.ArgumentParser):
    """argparse whose usage errors are one line (`error: …`, exit 2) instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def article_record(article: Article) -> dict[str, object]:
    """The export form of an article (the contract's fields plus a few more)."""
    return {
        "id": article.id,
        "source": article.source,
        "publication": article.issue.publication,
        "issue_date": article.issue.issue_date,
        "page": article.issue.page,
        "section": article.issue.section,
        "kind": article.kind,
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "byline": list(article.byline),
        "byline_groups": list(article.byline_groups),
        "source_line": article.source_line,
        "region": article.region.as_dict(),
        "column": article.column,
        "continued": article.continued,
        "signature": article.signature,
        "date_precision": article.issue.date_precision,
        "date_inferred": article.issue.date_inferred,
        "publication_inferred": article.issue.publication_inferred,
        "body": article.body,
        "review": list(article.review),
    }


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m viewer", description="报刊档案阅览 · Press Archive Viewer")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="parse seed pages into a new archive")
    build.add_argument("--seeds", type=Path, default=paths.default_seeds_dir())
    build.add_argument("--out", type=Path, default=paths.resources_dir() / paths.ARCHIVE_FILE_NAME)

    export = sub.add_parser("export", help="export every article as JSON lines or CSV")
    export.add_argument("--db", type=Path, default=None)
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--out", type=Path, default=None)

    search = sub.add_parser("search", help="full-text search")
    search.add_argument("query", nargs="+", help="words, \"phrases\", OR, -exclusions, fields")
    search.add_argument("--db", type=Path, default=None)
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--loose", action="store_true", help="模糊: split unspaced text into words")
    search.add_argument("--json", action="store_true")

    from viewer.cli import import_cmd
    from viewer.cli.annotations import add_commands

    for p in (build, export, search, *add_commands(sub), *import_cmd.add_commands(sub)):
        p.add_argument("--data-dir", type=Path, default=None, help="user data location")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run a command; return the exit code (0 done, 1 failed, 2 bad usage or input).

    Every error is one line on stderr: `error: …` (a known problem with what to do), or
    `internal error: …` for a bug, never a traceback."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    from viewer.cli import import_cmd
    from viewer.cli.annotations import HANDLERS, AnnotationUsageError

    try:
        args = _parser().parse_args(_protect_exclusions(list(sys.argv[1:] if argv is None else argv)))
        _clean_arguments(args)
        handler = {"build": cmd_build, "export": cmd_export, "search": cmd_search, **HANDLERS,
                   **import_cmd.HANDLERS}
        return handler[args.command](args, out, err)
    except SystemExit as e:  # --help and --version print and exit 0
        return int(e.code or 0) if isinstance(e.code, int) else 2
    except (UsageError, AnnotationUsageError, import_cmd.ImportUsageError) as e:
        _fail(err, f"error: {e}")
        return 2
    except KnownError as e:
        _fail(err, f"error: {_both(e.message, e.message_zh)}")
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        _fail(err, "error: interrupted (已中断)")
        return 130
    except sqlite3.DatabaseError as e:  # a damaged archive the checks did not catch
        _fail(err, f"error: the archive cannot be read ({e}); rebuild it (python -m viewer build) or reinstall the app"
              " （档案文件已损坏：请重新生成档案或重新安装程序）")
        return 1
    except OSError as e:
        where = f" {e.filename}" if e.filename else ""
        _fail(err, f"error: cannot read or write{where}: {e.strerror or e} （无法读写文件：请检查路径、权限和磁盘空间）")
        return 1
    except Exception as e:  # a bug: one line, with what it was, so it can be reported
        _fail(err, f"internal error (内部错误): {type(e).__name__}: {e}")
        return 1


def _both(message: str, message_zh: str) -> str:
    """The English message, and the Chinese one when it says more."""
    return message if message_zh == message else f"{message} （{message_zh}）"


def _fail(err: TextIO, line: str) -> None:
    """Print one clean line on stderr (a broken stderr is ignored)."""
    with contextlib.suppress(OSError, ValueError):
        print(printable(line), file=err)


TEXT_ARGUMENTS = ("query", "words", "tags", "note", "article_id")


def _clean_arguments(args: argparse.Namespace) -> None:
    """Undecodable bytes in text arguments (lone surrogates) become U+FFFD; paths are left as given."""
    for name in TEXT_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, clean_text(value))
        elif isinstance(value, list):
            setattr(args, name, [clean_text(v) for v in value])


SEARCH_VALUE_OPTIONS = {"--db", "--limit", "--offset", "--data-dir"}
SEARCH_FLAGS = {"--json", "--loose", "-h", "--help"}


def _protect_exclusions(argv: list[str]) -> list[str]:
    """Let `search 工会 -南京` and `tag --query -南京 …` work: query words starting with '-' are not options."""
    if argv and argv[0] == "tag" and "--query" in argv[:-1]:
        at = argv.index("--query")
        return [*argv[:at], f"--query={argv[at + 1]}", *argv[at + 2 :]]
    if not argv or argv[0] != "search":
        return argv
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        name = token.split("=", 1)[0]
        if name in SEARCH_VALUE_OPTIONS:
            options.append(token)
            if "=" not in token:
                options.append(next(rest, ""))
        elif token in SEARCH_FLAGS:
            options.append(token)
        elif token != "--":
            words.append(token)
    return ["search", *options, "--", *words] if words else ["search", *options]


def _archive_path(args: argparse.Namespace) -> Path:
    return archive_to_read(args)


def archive_to_read(args: argparse.Namespace) -> Path:
    """--db, else the user's library when there is one, else the bundled archive."""
    from viewer.ingest.library import archive_to_read as resolve
    from viewer.userdata.location import data_dir

    return resolve(data_dir(getattr(args, "data_dir", None)), getattr(args, "db", None))


def cmd_build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from viewer.ingest.build import build_archive

    if not args.seeds.is_dir():
        raise UsageError(f"seeds folder not found: {args.seeds}")
    if not _replaceable(args.out):
        raise UsageError(f"{args.out} is a database but not an archive (the user's data?): build will not replace it"
                         f" （{args.out} 是数据库但不是档案文件，没有被替换）")
    report = build_archive(args.seeds, args.out)
    for name, reason in report.skipped:
        print(printable(f"skipped {name}: {reason}"), file=err)
    print(
        f"built {report.out}: {report.articles} articles from {report.files} files"
        f" ({report.characters} characters) in {report.seconds:.2f} s"
        + (f"; {len(report.skipped)} file(s) skipped" if report.skipped else ""),
        file=out,
    )
    return 0 if report.ok else 1


def _replaceable(out: Path) -> bool:
    """May `build` replace `out`? Not when it is another kind of database (the user's data): only a
    missing file, an archive, or a file that is no database at all."""
    try:
        if not stat.S_ISREG(out.stat().st_mode):
            return True  # a folder, FIFO or device: the build refuses it by name (never opened: a FIFO blocks)
        with out.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return True
        conn = sqlite3.connect(f"{out.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'article'")\
                .fetchone() is not None
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):  # missing or unreadable: the build says what is wrong
        return True


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from viewer.archive import Archive

    with Archive.open(_archive_path(args)) as archive:
        if args.format == "csv" and args.out:  # a file for Excel/WPS: UTF-8 with BOM, formulas neutralised
            from viewer.reports.table import write_table

            write_table(Path(args.out), list(EXPORT_FIELDS), (csv_row(article_record(a)) for a in archive.articles()),
                        widths=[12] * len(EXPORT_FIELDS), fmt="csv")
            return 0
        if args.out:  # all or nothing: a full disk or a cancelled run leaves the previous file, never half a file
            from viewer.reports.progress import replacing

            with replacing(Path(args.out)) as temporary, temporary.open("w", encoding="utf-8", newline="") as target:
                _write_jsonl(target, archive)
        elif args.format == "jsonl":
            _write_jsonl(out, archive)
        else:
            write_csv(out, (article_record(a) for a in archive.articles()))
    return 0


def _write_jsonl(target: TextIO, archive: object) -> None:
    for article in archive.articles():  # type: ignore[attr-defined]
        target.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")


def csv_row(record: dict[str, object]) -> list[object]:
    """An export record as CSV cells: lists joined by 、, the region as one label."""
    row = dict(record)
    region = row.pop("region")
    row["region"] = " ".join(v for v in region.values() if v)  # type: ignore[attr-defined]
    for key in ("byline", "byline_groups", "review"):
        if isinstance(row.get(key), list | tuple):
            row[key] = "、".join(row[key])  # type: ignore[arg-type]
    return [row.get(field) for field in EXPORT_FIELDS]


def write_csv(target: TextIO, records: object) -> None:
    """CSV to a stream (standard output), cells neutralised as in the reports module."""
    from viewer.reports.table import neutralise

    writer = csv.writer(target)
    writer.writerow(EXPORT_FIELDS)
    for record in records:  # type: ignore[attr-defined]
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in csv_row(record)])


def cmd_search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from viewer.archive import Archive
    from viewer.archive.highlight import Markers
    from viewer.errors import QuerySyntaxError

    if args.limit < 0 or args.offset < 0:
        raise UsageError("--limit and --offset must not be negative")
    split_words = None
    if args.loose:
        from viewer.text.segment import Segmenter

        split_words = Segmenter().words
    store = None
    if re.search(r"(标签|tag)[:：]", " ".join(args.query), re.IGNORECASE):
        from viewer.userdata import open_store

        store = open_store(args.data_dir)
    with Archive.open(_archive_path(args), split_words=split_words,
                      tag_ids=store.article_ids_for_tag if store else None) as archive:
        try:
            result = archive.search(" ".join(args.query), limit=args.limit, offset=args.offset, loose=args.loose,
                                    markers=Markers("[", "]") if not args.json else Markers("<b>", "</b>", _html))
        except QuerySyntaxError as e:
            raise UsageError(e.message_zh.replace("\n", " ")) from e
        if args.json:
            payload = {
                "query": result.query,
                "total": result.total,
                "notice": result.notice,
                "hits": [
                    {"id": h.article_id, "headline": h.headline, "publication": h.publication,
                     "issue_date": h.issue_date, "page": h.page, "region": h.region.as_dict(),
                     "snippet": h.snippet, "score": h.score}
                    for h in result.hits
                ],
            }
            out.write(json.dumps(payload, ensure_ascii=False) + "\n")
        else:
            if result.notice:
                print(f"note: {printable(result.notice)}", file=err)
            shown = result.query if len(result.query) <= 60 else result.query[:60] + "…"
            print(f"{result.total} hit(s) for {printable(shown)!r} in {result.elapsed_ms:.1f} ms", file=out)
            for h in result.hits:
                print(printable(f"{h.article_id}  {h.issue_date or '????-??-??'}  {h.publication}  {h.headline}"),
                      file=out)
                print(f"    {printable(h.snippet)}", file=out)
    return 0


def _html(text: str) -> str:
    import html

    return html.escape(text, quote=False)


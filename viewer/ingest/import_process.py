"""The import worker process: PDFium, parsing and writing run there, one request at a time."""

from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.ingest.importer import Importer, ImportReport
from viewer.ingest.prepare import PreparedFile


@dataclass(frozen=True)
class Reply:
    """What the worker answers: kind is prepared, duplicate, failed, written, finished or ready."""

    kind: str
    file: str = ""
    reason: str = ""
    reason_zh: str = ""
    prepared: PreparedFile | None = None
    keys: tuple[str, ...] = ()
    pages: int = 0
    optimized: bool = False


def serve(data_dir: Path, bundled: Path | None, requests: Any, replies: Any) -> None:
    """Answer requests until ("stop",): ("prepare", path, replace), ("write", prepared, pages, replace),
    ("rewrite", article key, page), ("finish",). Nothing raised here escapes: a failure is a reply naming the file."""
    importer = Importer(data_dir, bundled=bundled)
    try:
        writer = importer.open_writer()
    except Exception as e:  # noqa: BLE001 - told to the window, which explains it
        replies.put(Reply("failed", reason=str(e), reason_zh=getattr(e, "message_zh", str(e))))
        return
    replies.put(Reply("ready"))
    try:
        while True:
            request = requests.get()
            if request[0] == "stop":
                break
            try:
                replies.put(_answer(importer, writer, request))
            except Exception as e:  # noqa: BLE001 - a bug on one file must not end the batch
                replies.put(Reply("failed", str(request[1]) if len(request) > 1 else "", reason=repr(e),
                                  reason_zh=f"内部错误：{e}\n{traceback.format_exc(limit=3)}"))
    finally:
        writer.close()


def _answer(importer: Importer, writer: Any, request: tuple[Any, ...]) -> Reply:
    if request[0] == "prepare":
        path, replace = Path(request[1]), bool(request[2])
        report = ImportReport()
        prepared = importer.check_and_prepare(path, writer, replace, report)
        if prepared is not None:
            return Reply("prepared", str(path), prepared=prepared)
        if report.duplicates:
            return Reply("duplicate", str(path))
        failure = report.failed[0]
        return Reply("failed", str(path), failure["reason"], failure["reason_zh"])
    if request[0] == "write":
        prepared, pages, replace = request[1], tuple(request[2]), bool(request[3])
        report = ImportReport()
        keys = importer.write(prepared, writer, replace, report, pages)
        return Reply("written", str(prepared.path), keys=tuple(keys), pages=len(pages))
    if request[0] == "rewrite":  # 重新核对此版: (article key, the page as reviewed again)
        keys = writer.rewrite_page(request[1], request[2])
        return Reply("written", request[2].file_name, keys=tuple(keys), pages=1)
    if request[0] == "finish":
        return Reply("finished", optimized=writer.finish())
    raise ValueError(f"unknown request {request[0]!r}")


def start(data_dir: Path, bundled: Path | None) -> tuple[Any, Any, Any]:
    """Start a worker process; return (process, requests queue, replies queue)."""
    context = multiprocessing.get_context("spawn")  # no fork: safe with Qt's threads, same on every platform
    requests, replies = context.Queue(), context.Queue()
    process = context.Process(target=serve, args=(data_dir, bundled, requests, replies), daemon=True,
                              name="archive-import")
    process.start()
    return process, requests, replies


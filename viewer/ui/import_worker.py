"""The window's side of the import worker process: requests out, replies back as signals."""

from __future__ import annotations

import queue
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.ingest import import_process
from viewer.ingest.import_process import Reply
from viewer.ingest.library_writer import PageRecord
from viewer.ingest.prepare import PreparedFile

POLL_MS = 40


class ImportSession(QObject):
    """One worker process for a batch; replies arrive on the GUI thread as `replied(Reply)`.

    Signals:
        replied(object): a Reply from the worker.
        crashed(str): the worker ended unexpectedly (Chinese message).
    """

    replied = Signal(object)
    crashed = Signal(str)

    def __init__(self, data_dir: Path, bundled: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process, self._requests, self._replies = import_process.start(data_dir, bundled)
        self.waiting = 0  # requests not yet answered (plus the "ready" reply)
        self.waiting += 1
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._timer.start(POLL_MS)

    def _send(self, request: tuple[Any, ...]) -> None:
        self.waiting += 1
        self._requests.put(request)

    def prepare(self, path: Path, replace: bool = False) -> None:
        self._send(("prepare", str(path), replace))

    def write(self, prepared: PreparedFile, pages: tuple[PageRecord, ...], replace: bool = False) -> None:
        self._send(("write", prepared, pages, replace))

    def rewrite(self, article_key: str, page: PageRecord) -> None:
        self._send(("rewrite", article_key, page))

    def finish(self) -> None:
        self._send(("finish",))

    def _poll(self) -> None:
        while self.process is not None:  # a reply's handler may stop the session
            try:
                reply: Reply = self._replies.get_nowait()
            except queue.Empty:
                break
            self.waiting -= 1
            self.replied.emit(reply)
        if self.process is not None and self.waiting > 0 and not self.process.is_alive():
            self._timer.stop()
            self.waiting = 0
            self.crashed.emit(f"导入进程意外退出（代码 {self.process.exitcode}）；已保存的版面完好。")

    def stop(self, cancel: bool = False) -> None:
        """End the worker: politely, or at once when cancelling (a page being written rolls back)."""
        self._timer.stop()
        if self.process is None:
            return
        if cancel:
            self.process.kill()
        else:
            self._requests.put(("stop",))
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self._requests.close()
        self._replies.close()
        self.process = None

"""Opens user data on a worker thread (SQLAlchemy import, migrations) and hands it to the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class UserDataLoader(QObject):
    """`start()` returns at once; `loaded` brings a UserStore, or the UserDataError that stopped it."""

    loaded = Signal(object)

    def start(self, data_dir: Path | None, url: str | None = None) -> None:
        """Open the store at `url` (team mode) or in the data folder."""
        threading.Thread(target=self._open, args=(data_dir, url), name="user-data", daemon=True).start()

    def _open(self, data_dir: Path | None, url: str | None) -> None:
        from viewer.userdata import open_store
        from viewer.userdata.store import UserDataError

        try:
            result: object = open_store(data_dir, url)
        except UserDataError as e:
            result = e
        self.loaded.emit(result)  # queued to the GUI thread, where this object lives

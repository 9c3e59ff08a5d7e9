"""Opens user data on a worker thread (SQLAlchemy import, migrations) and hands it to the GUI thread;
meanwhile its tag lookup makes a 标签: search wait for it."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.errors import KnownError

if TYPE_CHECKING:
    from viewer.userdata import UserStore

LOG = logging.getLogger(__name__)
WAIT_SECONDS = 60.0  # a 标签: search waits this long for user data (migrations, a team server)


class PendingTags:
    """The tag lookup for 标签: queries, usable before user data has loaded: it waits for it.

    Called on the search worker's thread. Raises a KnownError (shown as the search's message)
    when user data could not be opened or took too long.
    """

    def __init__(self, wait_seconds: float = WAIT_SECONDS) -> None:
        self._ready = threading.Event()
        self._store: UserStore | None = None
        self._wait = wait_seconds

    def provide(self, store: UserStore | None) -> None:
        """User data is open (a store), or cannot be (None)."""
        self._store = store
        self._ready.set()

    def cancel(self) -> None:
        """The app is closing: a search still waiting for user data stops waiting."""
        if not self._ready.is_set():
            self.provide(None)

    def __call__(self, name: str) -> set[str]:
        if not self._ready.wait(self._wait):
            raise KnownError("user data has not loaded yet", "个人数据还在载入，请稍后再按标签查找。")
        if self._store is None:
            raise KnownError("user data is not available", "个人数据无法使用，不能按标签查找。")
        return self._store.article_ids_for_tag(name)


class UserDataLoader(QObject):
    """`start()` returns at once; `loaded` brings a UserStore, or the error that stopped it (a
    UserDataError, or any other exception: a bug, logged here and shown by the receiver).

    Attributes:
        tags: the tag lookup to hand to the archives; answers once the store is open.
    """

    loaded = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tags = PendingTags()

    def start(self, data_dir: Path | None, url: str | None = None) -> None:
        """Open the store at `url` (team mode) or in the data folder."""
        threading.Thread(target=self._open, args=(data_dir, url), name="user-data", daemon=True).start()

    def _open(self, data_dir: Path | None, url: str | None) -> None:
        from viewer.userdata import UserStore, open_store
        from viewer.userdata.store import UserDataError

        try:
            result: object = open_store(data_dir, url)
        except UserDataError as e:
            result = e
        except Exception as e:  # a bug: reported, never a silent thread death
            LOG.exception("opening user data failed")
            result = e
        self.tags.provide(result if isinstance(result, UserStore) else None)
        self.loaded.emit(result)  # queued to the GUI thread, where this object lives

"""Where user data lives: --data-dir, ARCHIVE_VIEWER_DATA, a portable marker, or the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from viewer import paths

APP_NAME = "ArchiveViewer"
APP_AUTHOR = "PressArchiveViewer"
DATABASE_FILE = "userdata.sqlite"
PORTABLE_MARKER = "portable"


def data_dir(explicit: str | Path | None = None) -> Path:
    """The user-data folder, first match wins: the argument, ARCHIVE_VIEWER_DATA, a `portable`
    file beside the executable (data then lives in `data/` beside it), the platform's folder."""
    if explicit:
        return Path(explicit)
    override = os.environ.get("ARCHIVE_VIEWER_DATA")
    if override:
        return Path(override)
    beside = paths.executable_dir()
    if (beside / PORTABLE_MARKER).exists():
        return beside / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def database_url(explicit_dir: str | Path | None = None) -> str:
    """ARCHIVE_VIEWER_DB_URL (team mode, e.g. PostgreSQL) or the SQLite file in the data folder."""
    team = os.environ.get("ARCHIVE_VIEWER_DB_URL")
    if team and not explicit_dir:
        return team
    return f"sqlite:///{(data_dir(explicit_dir) / DATABASE_FILE).as_posix()}"

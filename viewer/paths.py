"""Locations of bundled resources in source and frozen (PyInstaller) runs alike."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ARCHIVE_FILE_NAME = "archive.sqlite"


def is_frozen() -> bool:
    """True when running from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """The folder that holds `resources/` (the repo root, or the bundle's data folder)."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def executable_dir() -> Path:
    """The folder of the executable (frozen) or the project root (source): where `portable` goes."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def default_archive_path() -> Path:
    """The bundled archive, or ARCHIVE_VIEWER_ARCHIVE when set."""
    override = os.environ.get("ARCHIVE_VIEWER_ARCHIVE")
    if override:
        return Path(override)
    return resources_dir() / ARCHIVE_FILE_NAME


def jieba_cache_file() -> Path | None:
    """The prebuilt jieba dictionary cache shipped in a packaged app (None in a source checkout)."""
    path = resources_dir() / "jieba" / "jieba.cache"
    return path if path.is_file() else None


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def default_seeds_dir() -> Path:
    return bundle_root() / "seeds"


def repo_relative(path: Path) -> str:
    """A path relative to the project root when it lies inside it, else as given."""
    try:
        return path.resolve().relative_to(bundle_root()).as_posix()
    except ValueError:
        return path.as_posix()

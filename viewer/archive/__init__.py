"""The read-only archive: schema, browsing, article reads and full-text search."""

from viewer.archive.db import Archive

__all__ = ["Archive"]

"""User data: tags, bookmarks, notes and saved searches (SQLAlchemy; SQLite or PostgreSQL)."""

from viewer.userdata.store import UserStore, open_store

__all__ = ["UserStore", "open_store"]

"""The user-data tables as typed SQLAlchemy models; articles are referred to by stable id only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (CheckConstraint("shortcut IS NULL OR shortcut BETWEEN 1 AND 9", name="tag_shortcut_range"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    color: Mapped[str] = mapped_column(String(16), default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tag.id", ondelete="SET NULL"), index=True)
    shortcut: Mapped[int | None] = mapped_column(Integer, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class ArticleTag(Base):
    __tablename__ = "article_tag"

    article_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class Bookmark(Base):
    __tablename__ = "bookmark"

    article_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    created_by: Mapped[str] = mapped_column(String(100), default="")


class SavedSearch(Base):
    __tablename__ = "saved_search"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ArticleSnapshot(Base):
    __tablename__ = "article_snapshot"

    article_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    publication: Mapped[str] = mapped_column(String(200), default="")
    issue_date: Mapped[str | None] = mapped_column(String(10))
    excerpt: Mapped[str] = mapped_column(Text, default="")


class SearchHistory(Base):
    __tablename__ = "search_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    query: Mapped[str] = mapped_column(Text)
    searched_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)

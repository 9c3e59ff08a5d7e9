"""The .xlsx and .docx writers under their first names (the UI and CLI call these)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from viewer.domain import Article
from viewer.reports.compilation import write_compilation
from viewer.reports.table import write_table


def write_xlsx(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], sheet: str = "文章") -> None:
    """One sheet: a bold, frozen, filtered header row, then the rows (dates and numbers as such, text as text)."""
    write_table(Path(path), headers, rows, sheet=sheet, fmt="xlsx")


def write_docx(path: Path, title: str, articles: Sequence[Article], sources: Sequence[str]) -> None:
    """A compilation (汇编) with `sources[i]` printed under article i's headline."""
    if len(sources) != len(articles):
        raise ValueError("one source line per article")
    write_compilation(path, articles, title=title, source_lines=sources)

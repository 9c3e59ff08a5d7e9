"""Page and article metadata: publication, issue date with precision, page, section, region."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from viewer.domain import IssueInfo, RegionPath
from viewer.ingest.layout import KNOWN_PUBLICATIONS, PAGE_SECTION_RE, Furniture
from viewer.ingest.regions import RegionResolver

DEFAULT_PAPER = "江苏工人报"  # the paper that "本报" means when a page names none
FULL_DATE_RE = re.compile(r"(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日")
YEAR_RE = re.compile(r"(20\d{2})(?:年|届|·)")
MONTH_DAY_RE = re.compile(r"(?<![\d年])(\d{1,2})月\s*(\d{1,2})日(?!\s*至|\d)")
RANGE_RE = re.compile(r"\d{1,2}月\s*\d{1,2}日\s*至")
EDITOR_RE = re.compile(r"(责任编辑|版面编辑|美术编辑|校对)\s*[/／:：]\s*([\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2})(?=\s|$)")


@dataclass(frozen=True)
class PageContext:
    """What the whole page says about where and when it was printed."""

    issue: IssueInfo
    home: RegionPath  # the region a local page belongs to (我市 means this)
    local: bool  # a city or county page (工会专刊, 本刊) rather than the provincial paper


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_issue_date(footer: list[str], text: str) -> tuple[str | None, str, bool]:
    """(YYYY-MM-DD or None, precision, inferred): printed footer date, else from dated events.

    An inferred date is the day after the latest dated event (the paper reports what
    happened before it went to print), with precision "range": it is a lower bound.
    """
    for line in footer:
        m = FULL_DATE_RE.search(line)
        if m:
            d = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d:
                return d.isoformat(), "day", False
    years = Counter(int(y) for y in YEAR_RE.findall(text) if 1990 <= int(y) <= 2100)
    if not years:
        return None, "unknown", True
    year = max(years)  # a page reports the latest year it names ("2025年重点工作")
    events: list[dt.date] = []
    text = re.sub(r"（[^）]{0,20}）", "", text)  # dates in brackets are asides, not events
    for m in FULL_DATE_RE.finditer(text):
        d = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d and d.year == year:
            events.append(d)
    cleaned = RANGE_RE.sub("", text)
    for m in MONTH_DAY_RE.finditer(cleaned):
        d = _date(year, int(m.group(1)), int(m.group(2)))
        if d:
            events.append(d)
    if events:
        events.sort()
        middle = events[len(events) // 2]
        recent = max(d for d in events if abs((d - middle).days) <= 10)
        return (recent + dt.timedelta(days=1)).isoformat(), "range", True
    months = [int(m) for m in re.findall(rf"{year}年(\d{{1,2}})月", text) if 1 <= int(m) <= 12]
    if months:
        return f"{year}-{max(months):02d}-01", "month", True
    return f"{year}-01-01", "range", True


def page_and_section(furniture: Furniture) -> tuple[int | None, str | None]:
    for line in furniture.footer:
        m = PAGE_SECTION_RE.match(line)
        if m:
            return int(m.group(1)), m.group(2)
    page = 1 if any(m in KNOWN_PUBLICATIONS for m in furniture.mastheads) else None
    return page, (furniture.sections[0] if furniture.sections else None)


def editors(furniture: Furniture) -> tuple[str, ...]:
    found: list[str] = []
    for line in furniture.footer:
        found.extend(m.group(2).replace(" ", "") for m in EDITOR_RE.finditer(line))
    return tuple(found)


def page_context(
    furniture: Furniture,
    text: str,
    source_lines: list[str],
    resolver: RegionResolver,
    source_file: str,
) -> PageContext:
    """Publication, date, page, section and home region of one page."""
    issue_date, precision, date_inferred = infer_issue_date(furniture.footer, text)
    page, section = page_and_section(furniture)
    masthead = next((m.replace(" ", "") for m in furniture.mastheads), "")
    journal = sum(1 for s in source_lines if s.startswith("本刊讯"))
    paper = sum(1 for s in source_lines if s.startswith("本报讯"))
    local = bool(masthead and masthead not in KNOWN_PUBLICATIONS) or journal > paper
    home = resolver.page_home(text, masthead, local, furniture.all_text())
    place = home.county or home.city or ""
    short_place = re.sub(r"(市|区|县)$", "", place)
    if masthead in KNOWN_PUBLICATIONS:
        publication, inferred = masthead, False
    elif masthead:
        publication, inferred = (f"{short_place}{masthead}" if short_place else masthead), True
    elif local:
        publication, inferred = f"{short_place}工会" if short_place else "工会刊物", True
    else:
        publication, inferred = DEFAULT_PAPER, True
    issue = IssueInfo(
        publication=publication,
        publication_inferred=inferred,
        issue_date=issue_date,
        date_precision=precision,
        date_inferred=date_inferred,
        page=page,
        section=section,
        editors=editors(furniture),
        source_file=source_file,
    )
    return PageContext(issue=issue, home=home, local=local)

"""How an article is cited: GB/T 7714-2015 ([N]) or the Chinese prose form, dates as precise as known."""

from __future__ import annotations

from viewer.domain import Article, IssueInfo, display_title

STYLES = ("gbt7714", "prose")
DEFAULT_STYLE = "prose"
INFERRED_PROSE = "（推断）"
INFERRED_GBT = "[推断]"
GBT_MAX_AUTHORS = 3  # GB/T 7714-2015 8.1.2: the first three names, then "等"


def date_parts(issue: IssueInfo) -> tuple[int, int, int] | None:
    """(year, month, day) of the issue date, or None when there is none or it is malformed."""
    if not issue.issue_date:
        return None
    try:
        y, m, d = (int(p) for p in issue.issue_date.split("-"))
    except ValueError:
        return None
    return y, m, d


def date_text(issue: IssueInfo, style: str = DEFAULT_STYLE) -> str:
    """The issue date as honestly as known: the day (day precision), the month, a lower bound, or 不详.

    An inferred date carries （推断） (prose) or [推断] (GB/T). "range" dates are the earliest day the
    page can have been printed (the day after its latest reported event).
    """
    parts = date_parts(issue)
    gbt = style == "gbt7714"
    mark = (INFERRED_GBT if gbt else INFERRED_PROSE) if issue.date_inferred else ""
    if parts is None or issue.date_precision == "unknown":
        return "[日期不详]" if gbt else "日期不详"
    y, m, d = parts
    if issue.date_precision == "month":
        return (f"{y:04d}-{m:02d}" if gbt else f"{y}年{m}月") + mark
    if issue.date_precision == "range":
        return (f"{y:04d}-{m:02d}-{d:02d}" if gbt else f"{y}年{m}月{d}日或稍后") + mark
    return (f"{y:04d}-{m:02d}-{d:02d}" if gbt else f"{y}年{m}月{d}日") + mark


def date_label(issue: IssueInfo, language: str = "zh_CN") -> str:
    """The date for the reader's metadata line: as date_text in Chinese; 2025-03-17 or later (inferred)."""
    if language != "en":
        return date_text(issue)
    parts = date_parts(issue)
    if parts is None or issue.date_precision == "unknown":
        return "date unknown"
    y, m, d = parts
    mark = " (inferred)" if issue.date_inferred else ""
    if issue.date_precision == "month":
        return f"{y:04d}-{m:02d}{mark}"
    if issue.date_precision == "range":
        return f"{y:04d}-{m:02d}-{d:02d} or later{mark}"
    return f"{y:04d}-{m:02d}-{d:02d}{mark}"


def page_label(page: int | None, language: str = "zh_CN") -> str:
    """第1版 or page 1 (empty when the page is not known)."""
    if page is None:
        return ""
    return f"page {page}" if language == "en" else f"第{page}版"


def publication_text(issue: IssueInfo, style: str = DEFAULT_STYLE) -> str:
    """江苏工人报 (GB/T) or 《江苏工人报》 (prose), marked when the publication was inferred."""
    if style == "gbt7714":
        return issue.publication + (INFERRED_GBT if issue.publication_inferred else "")
    return f"《{issue.publication}》" + (INFERRED_PROSE if issue.publication_inferred else "")


def issue_line(article: Article, style: str = DEFAULT_STYLE) -> str:
    """《江苏工人报》2025年3月17日第1版, or 江苏工人报, 2025-03-17(1) in GB/T 7714 form."""
    issue = article.issue
    if style == "gbt7714":
        page = f"({issue.page})" if issue.page else ""
        return f"{publication_text(issue, style)}, {date_text(issue, style)}{page}"
    return f"{publication_text(issue, style)}{date_text(issue, style)}{page_label(issue.page)}"


def citation(article: Article, style: str = DEFAULT_STYLE) -> str:
    """王鑫：《标题》，《江苏工人报》2025年3月17日第1版。 or 王鑫. 标题[N]. 江苏工人报, 2025-03-17(1)."""
    if style not in STYLES:
        raise ValueError(f"unknown citation style: {style!r} (one of {', '.join(STYLES)})")
    title = display_title(article).text
    if style == "gbt7714":
        names = list(article.byline[:GBT_MAX_AUTHORS]) + (["等"] if len(article.byline) > GBT_MAX_AUTHORS else [])
        authors = f"{', '.join(names)}. " if names else ""
        return f"{authors}{title}[N]. {issue_line(article, style)}."
    authors = "、".join(article.byline)
    return f"{authors + '：' if authors else ''}《{title}》，{issue_line(article, style)}。"

"""How an article is cited: 王鑫：《标题》，《江苏工人报》2025年3月17日第1版。"""

from __future__ import annotations

from viewer.domain import Article


def issue_line(article: Article) -> str:
    """《江苏工人报》2025年3月17日第1版 (the date as precise as the paper gives it)."""
    issue = article.issue
    date = ""
    if issue.issue_date:
        y, m, d = issue.issue_date.split("-")
        date = f"{int(y)}年{int(m)}月{int(d)}日" if issue.date_precision == "day" else f"{int(y)}年{int(m)}月"
    page = f"第{issue.page}版" if issue.page else ""
    return f"《{issue.publication}》{date}{page}"


def citation(article: Article) -> str:
    authors = "、".join(article.byline)
    title = article.headline or "（无标题）"
    return f"{authors + '：' if authors else ''}《{title}》，{issue_line(article)}。"

"""Page and article metadata: publication, issue date with precision, page, section, region."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from viewer.domain import IssueInfo, RegionPath
from viewer.ingest.layout import PAGE_SECTION_RE, PAPER_NAME, UNION_PERIODICAL_RE, Furniture
from viewer.ingest.regions import RegionResolver

MASTHEAD_NAME_RE = re.compile(PAPER_NAME)
# an issue line that names its organiser first: 常州市总工会主办　内部资料, 武进区总工会主办　第12期
ORGANISER_IN_HEAD_RE = re.compile(r"^([\u4e00-\u9fff]{2,20}?(?:总工会|工会|委员会))\s*主办")
GENERIC_NAME_RE = re.compile(r"^(工会|职工)?(工作)?(专刊|周刊|画刊|通讯|工会|简报)$")  # a special page named after its organiser
FOOTER_PAPER_RE = re.compile(rf"(?:^|\s)({PAPER_NAME})社?(?=\s|\d|$)")
FULL_DATE_RE = re.compile(r"(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日")
NUMBER_DATE_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})[-.](\d{1,2})[-.](\d{1,2})(?![\d.])")  # 2025-05-08, 2025.5.8
PRINTED_MONTH_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?!\s*\d{1,2}\s*日)")
CHINESE_DIGITS = "〇一二三四五六七八九"
WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
CHINESE_DATE_RE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十廿卅]{1,3})日")
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


def printed_date(line: str) -> dt.date | None:
    """The date a running head or footer prints: 2025年5月8日, ２０２５年…, 2025-05-08, 2025.5.8, 二〇二五年五月八日."""
    line = unicodedata.normalize("NFKC", line)
    m = FULL_DATE_RE.search(line) or NUMBER_DATE_RE.search(line)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = CHINESE_DATE_RE.search(line)
    if m:
        year = int("".join(str(CHINESE_DIGITS.index(ch)) for ch in m.group(1).replace("零", "〇")))
        return _date(year, _chinese_number(m.group(2)), _chinese_number(m.group(3)))
    return None


def _chinese_number(text: str) -> int:
    """十一 → 11, 廿九 → 29, 三十一 → 31, 五 → 5 (months and days)."""
    text = text.replace("廿", "二十").replace("卅", "三十")
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return CHINESE_DIGITS.index(text)
    return (CHINESE_DIGITS.index(tens) if tens else 1) * 10 + (CHINESE_DIGITS.index(units) if units else 0)


def infer_issue_date(footer: list[str], text: str) -> tuple[str | None, str, bool]:
    """(YYYY-MM-DD or None, precision, inferred): printed footer date, else from dated events.

    An inferred date is the day after the latest dated event (the paper reports what
    happened before it went to print), with precision "range": it is a lower bound.
    """
    for line in footer:
        d = printed_date(line)
        if d:
            return d.isoformat(), "day", False
    for line in footer:  # a monthly's issue line: 第12期　2025年1月
        month = PRINTED_MONTH_RE.search(unicodedata.normalize("NFKC", line))
        if month and 1 <= int(month.group(2)) <= 12:
            return f"{month.group(1)}-{int(month.group(2)):02d}-01", "month", False
    text = text.translate(WIDE_DIGITS)  # ２０２５年第１期
    printed = unicodedata.normalize("NFKC", " ".join(footer))
    years = Counter(int(y) for y in YEAR_RE.findall(f"{printed} {text}") if 1990 <= int(y) <= 2100)
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
        return (events[-1] + dt.timedelta(days=1)).isoformat(), "range", True
    months = [int(m) for m in re.findall(rf"{year}年(\d{{1,2}})月", text) if 1 <= int(m) <= 12]
    if months:
        return f"{year}-{max(months):02d}-01", "month", True
    return f"{year}-01-01", "range", True


def page_and_section(furniture: Furniture) -> tuple[int | None, str | None]:
    for line in furniture.footer:
        m = PAGE_SECTION_RE.match(line)
        if m:
            return int(m.group(1)), m.group(2)
    page = 1 if any(MASTHEAD_NAME_RE.fullmatch(m.replace(" ", "")) and not GENERIC_NAME_RE.match(m.replace(" ", ""))
                    for m in furniture.mastheads) else None
    return page, (furniture.sections[0] if furniture.sections else None)


def editors(furniture: Furniture) -> tuple[str, ...]:
    found: list[str] = []
    for line in furniture.footer:
        found.extend(m.group(2).replace(" ", "") for m in EDITOR_RE.finditer(line))
    return tuple(found)


def printed_publication(furniture: Furniture) -> str:
    """The paper's name as the page prints it: masthead, running head or footer (…报社)."""
    for line in furniture.mastheads:
        compact = re.sub(r"[A-Za-z'.&-]+", "", line).replace(" ", "").replace("\u3000", "")  # 劳动报 LABOUR DAILY
        if MASTHEAD_NAME_RE.fullmatch(compact) or UNION_PERIODICAL_RE.fullmatch(compact):
            return compact
    for line in furniture.footer:
        m = FOOTER_PAPER_RE.search(line)
        if m:
            return m.group(1)
    return ""


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
    printed = printed_publication(furniture)
    organiser = next((re.sub(r"\s*主办$", "", o) for o in furniture.organisers), "") or next(
        (m.group(1) for line in furniture.footer if (m := ORGANISER_IN_HEAD_RE.match(line))), "")
    journal = sum(1 for s in source_lines if s.startswith("本刊讯"))
    paper = sum(1 for s in source_lines if s.startswith("本报讯"))
    generic = bool(printed) and GENERIC_NAME_RE.match(printed) is not None
    local = generic or bool(organiser) or (not printed and journal > paper)
    home = resolver.page_home(text, organiser or printed, local, furniture.all_text())
    place = home.county or home.city or ""
    short_place = re.sub(r"(市|区|县)$", "", place)
    if printed and not generic:
        publication, inferred = printed, False
    elif organiser:
        publication, inferred = f"{organiser}{printed or '主办刊物'}", False
    elif printed:
        publication, inferred = (f"{short_place}{printed}" if short_place else printed), True
    elif local:
        publication, inferred = f"{short_place}工会" if short_place else "工会刊物", True
    else:
        # 本报 on a page that names no paper: the province's union paper is the likeliest
        province = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", home.province or "")
        publication, inferred = (f"{province}工人报" if province else "报刊（未印出）"), True
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

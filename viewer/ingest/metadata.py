"""Page and article metadata: publication, issue date with precision, page, section, region."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from viewer.domain import IssueInfo, RegionPath
from viewer.ingest.gazetteer import Gazetteer
from viewer.ingest.layout import KNOWN_PUBLICATIONS, PAGE_SECTION_RE, Furniture

DEFAULT_PAPER = "江苏工人报"  # the paper that "本报" means when a page names none
HOME_PROVINCE = "江苏省"
FULL_DATE_RE = re.compile(r"(20\d{2}|19\d{2})年(\d{1,2})月(\d{1,2})日")
YEAR_RE = re.compile(r"(20\d{2})(?:年|届|·)")
MONTH_DAY_RE = re.compile(r"(?<![\d年])(\d{1,2})月\s*(\d{1,2})日(?!\s*至|\d)")
RANGE_RE = re.compile(r"\d{1,2}月\s*\d{1,2}日\s*至")
EDITOR_RE = re.compile(r"(责任编辑|版面编辑|美术编辑|校对)\s*[/／:：]\s*([\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,2})(?=\s|$)")
PROVINCIAL_RE = re.compile(r"(我省|全省|省总工会|省总|省委|省人大|省政府|省民政厅|江苏省)")
SELF_REFERENCE_RE = re.compile(r"(我市|我县|我区|本市|本县|本区|(?:^|[，。、；：“（\s])[市县区]总工会)")


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


class RegionResolver:
    """Decides which province / city / county an article is about.

    Attributes:
        gazetteer: the place names.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def weigh(self, weighted_texts: list[tuple[str, float]]) -> Counter[tuple[str, str]]:
        """Score places: (level, name) → weight; a county also lends weight to its city."""
        scores: Counter[tuple[str, str]] = Counter()
        for text, weight in weighted_texts:
            for _, _, places in self.gazetteer.find(text):
                for place in places:
                    share = weight / len(places)
                    key = (place.level, place.name if place.level != "county" else f"{place.city}/{place.name}")
                    scores[key] += share
                    if place.level == "county":
                        scores[("city", place.city or "")] += share
                    if place.level in ("city", "county"):
                        scores[("province", place.province)] += share * 0.5
        return scores

    def home_region(self, text: str) -> RegionPath:
        """The region a local page is about: the dominant city, and its county if one dominates."""
        scores = self.weigh([(text, 1.0)])
        cities = {k[1]: v for k, v in scores.items() if k[0] == "city"}
        if not cities:
            return RegionPath()
        city, city_score = max(cities.items(), key=lambda kv: kv[1])
        counties = {k[1]: v for k, v in scores.items() if k[0] == "county" and k[1].startswith(city + "/")}
        path = RegionPath(province=HOME_PROVINCE, city=city)
        if counties:
            county, county_score = max(counties.items(), key=lambda kv: kv[1])
            if county_score >= 0.5 * city_score:
                path = RegionPath(province=HOME_PROVINCE, city=city, county=county.split("/", 1)[1])
        return path

    def resolve(
        self,
        headline: str,
        lead: str,
        rest: str,
        pen_names: list[str],
        context: PageContext,
    ) -> RegionPath:
        """Weigh the headline and lead above passing mentions; 我市 means the page's home."""
        weighted = [(headline, 3.0), (lead, 2.0), (rest, 0.3)]
        scores = self.weigh(weighted)
        first_sentence = re.split(r"[。！？]", lead, maxsplit=1)[0]
        provincial = PROVINCIAL_RE.search(headline) or PROVINCIAL_RE.search(first_sentence)
        if provincial and not context.local and not any(k[0] == "city" for k in self.weigh([(headline, 1.0)])):
            return RegionPath(province=HOME_PROVINCE)
        for pen in pen_names:
            place = self.gazetteer.from_pen_name(pen)
            if place is not None:
                scores[("city", place.name)] += 3.0
                scores[("province", place.province)] += 1.5
        own_scores = Counter(scores)
        if context.local and context.home.city:
            if SELF_REFERENCE_RE.search(headline) or SELF_REFERENCE_RE.search(lead):
                self._add_home(scores, context.home, 3.0)
            else:
                self._add_home(scores, context.home, 1.5)  # a local page's default
        cities = sorted(((v, k[1]) for k, v in scores.items() if k[0] == "city"), reverse=True)
        if cities and cities[0][0] >= 1.5 and (len(cities) == 1 or cities[0][0] >= 1.5 * cities[1][0]):
            city = cities[0][1]
            counties = sorted(
                ((v, k[1]) for k, v in scores.items() if k[0] == "county" and k[1].startswith(city + "/")),
                reverse=True,
            )
            city_score = own_scores[("city", city)] or cities[0][0]
            if counties and counties[0][0] >= 0.45 * city_score and counties[0][0] >= 1.5:
                return RegionPath(HOME_PROVINCE, city, counties[0][1].split("/", 1)[1])
            return RegionPath(HOME_PROVINCE, city)
        provinces = sorted(((v, k[1]) for k, v in scores.items() if k[0] == "province"), reverse=True)
        if provinces and provinces[0][0] >= 2.0 and (len(provinces) == 1 or provinces[0][0] >= 1.5 * provinces[1][0]):
            return RegionPath(province=provinces[0][1])
        if PROVINCIAL_RE.search(headline + lead):
            return RegionPath(province=HOME_PROVINCE)
        return RegionPath()

    @staticmethod
    def _add_home(scores: Counter[tuple[str, str]], home: RegionPath, weight: float) -> None:
        if home.city:
            scores[("city", home.city)] += weight
        if home.county:
            scores[("county", f"{home.city}/{home.county}")] += weight


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
    home = resolver.home_region(text) if local else RegionPath(province=HOME_PROVINCE)
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

"""Which province / city / county an article is about, from the gazetteer and the page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from viewer.domain import RegionPath
from viewer.ingest.gazetteer import Gazetteer, Mention, Place

if TYPE_CHECKING:
    from viewer.ingest.metadata import PageContext

Key = tuple[str, str | None, str | None]  # (province, city, county)

# The province as a whole: its union federation, government, people or "the whole province".
PROVINCIAL_RE = re.compile(r"(我省|全省|本省|省总工会|省总(?!经理)|省委|省政府|省人大|省政协|省[\u4e00-\u9fff]{2,5}厅)")
# The page's own place: 我市, 本县, 全市, and a bare 市总工会 / 区总工会 (a named one, 南宁市总工会, is not bare).
SELF_REFERENCE_RE = re.compile(r"(我市|我县|我区|本市|本县|本区|全市|全县|全区|(?:^|[，。、；：“（\s])[市县区]总工会)")
# Central bodies and agencies: news about the country, not a place in it (in the headline or the lead's
# first clause; 全国 and 我国 only in the headline, since a local lead says "来自全国27个省市").
NATIONAL_BODY = (
    r"新华社|人民日报|中新社|央视|中央广播电视总台|中华全国总工会|全国总工会|全总|国务院|中共中央|党中央|全国人大|全国政协|"
    r"国家[\u4e00-\u9fff]{1,8}?(?:局|委|署|院|部)|[\u4e00-\u9fff]{2,6}总局|"
    r"(?:教育|工信|工业和信息化|人社|人力资源社会保障|人力资源和社会保障|财政|商务|民政|公安|司法|自然资源|生态环境|"
    r"住房城乡建设|住房和城乡建设|交通运输|水利|农业农村|文化和旅游|卫生健康|应急管理|外交|国防|科技|审计|退役军人事务)部"
)
NATIONAL_RE = re.compile(rf"({NATIONAL_BODY}|我国|全国)")
NATIONAL_LEAD_RE = re.compile(rf"^[^，。！？]{{0,30}}?({NATIONAL_BODY})")
# A venue (活动在广州举行) is where something happened, not whom it is about.
VENUE_BEFORE = ("在", "于", "赴", "到")
VENUE_AFTER_RE = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:举行|举办|召开|开幕|落幕|启动|开班)")
VENUE_WEIGHT = 0.25
# Another outlet's agency line: 西江日报讯, 沧州日报讯（记者…）, 闽西日报讯 (the paper is named after its place).
AGENCY_RE = re.compile(r"^\s*[(（]?([\u4e00-\u9fff]{2,8}?)(?:日报|晚报|工人报|报|电视台|融媒体中心|新闻网)讯")
WEIGHTS = {"headline": 3.0, "lead": 2.0, "rest": 0.3, "agency": 3.0}


class RegionResolver:
    """Decides which province / city / county an article is about.

    Attributes:
        gazetteer: the place names.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    # --- evidence -------------------------------------------------------------------------------------
    def weigh(self, weighted_texts: Iterable[tuple[str, float]], support: Counter[Key] | None = None) -> Counter[Key]:
        """Score places by their mentions: a county also lends its weight to its city, both half to the province.

        Weak mentions (shared names, ordinary words) count only for candidates that the strong mentions of the
        same texts, or `support` (the page's own place), already back.
        """
        scores: Counter[Key] = Counter()
        weak: list[tuple[Mention, float]] = []
        for text, weight in weighted_texts:
            for mention in self.gazetteer.find(text):
                at = weight * (VENUE_WEIGHT if _is_venue(text, mention) else 1.0)
                if mention.weak:
                    weak.append((mention, at))
                else:
                    self._add(scores, mention.places, at)
        backing = scores + (support or Counter())
        for mention, weight in weak:
            backed = [(self._backing(p, backing), p) for p in mention.places]
            best = max((b for b, _ in backed), default=0.0)
            if best > 0:
                self._add(scores, tuple(p for b, p in backed if b == best), weight)
        return scores

    @staticmethod
    def _backing(place: Place, scores: Counter[Key]) -> float:
        """How much other evidence backs a weakly named place: its city (and siblings), else its province."""
        if place.level == "county":
            return scores[(place.province, place.city, None)] * 2 + scores[(place.province, None, None)]
        if place.level == "city":
            return scores[place.key] + scores[(place.province, None, None)]
        return scores[place.key]

    @staticmethod
    def _add(scores: Counter[Key], places: tuple[Place, ...], weight: float) -> None:
        share = weight / len(places)
        for place in places:
            scores[place.key] += share
            if place.level == "county":
                scores[(place.province, place.city, None)] += share
            if place.level != "province":
                scores[(place.province, None, None)] += share * 0.5

    # --- the page -------------------------------------------------------------------------------------
    def page_home(self, text: str, masthead: str = "", local: bool = False) -> RegionPath:
        """The page's own place: the province its paper is named after or most of its places lie in; for a city
        or county page (工会专刊) also the dominant city, and its county if one dominates."""
        named = self.weigh([(masthead, 5.0)]) if masthead else Counter()
        scores = self.weigh([(text, 1.0)], named) + named
        provinces = _ranked(scores, lambda k: k[1] is None)
        if not provinces:
            return RegionPath()
        total = sum(v for v, _ in provinces)
        (top, province), second = provinces[0], (provinces[1][0] if len(provinces) > 1 else 0.0)
        if not named and (top < 2 * second or top < 0.4 * total):
            return RegionPath()  # a national paper: places from everywhere
        if not local:
            return RegionPath(province=province[0])
        cities = _ranked(scores, lambda k: k[0] == province[0] and k[1] is not None and k[2] is None)
        if not cities:
            return RegionPath(province=province[0])
        city_score, city = cities[0]
        counties = _ranked(scores, lambda k: k[:2] == city[:2] and k[2] is not None)
        if counties and counties[0][0] >= 0.5 * city_score:
            return RegionPath(*counties[0][1])
        return RegionPath(city[0], city[1])

    def home_region(self, text: str) -> RegionPath:
        """The place of a city or county page (kept for callers that know only its text)."""
        return self.page_home(text, local=True)

    # --- one article ----------------------------------------------------------------------------------
    def resolve(
        self,
        headline: str,
        lead: str,
        rest: str,
        pen_names: list[str],
        context: PageContext,
    ) -> RegionPath:
        """Weigh the headline and lead above passing mentions; 我市 means the page's home; national news and
        news of a province as a whole get no city."""
        home = context.home
        support = self._home_scores(home)
        texts = [(headline, WEIGHTS["headline"]), (lead, WEIGHTS["lead"]), (rest, WEIGHTS["rest"])]
        agency = AGENCY_RE.match(lead)
        if agency and not agency.group(1).startswith("本"):
            texts.append((agency.group(1), WEIGHTS["agency"]))
        scores = self.weigh(texts, support)
        headline_scores = self.weigh([(headline, 1.0)], scores + support)
        headline_local = any(k[1] is not None for k, v in headline_scores.items() if v > 0)
        first_sentence = re.split(r"[。！？]", lead, maxsplit=1)[0]
        if not headline_local and not agency and (NATIONAL_RE.search(headline) or NATIONAL_LEAD_RE.search(lead)):
            return RegionPath()
        provincial = PROVINCIAL_RE.search(headline) or PROVINCIAL_RE.search(first_sentence)
        if provincial and not context.local and not headline_local:
            named = _ranked(headline_scores + self.weigh([(first_sentence, 1.0)], support), lambda k: k[1] is None)
            province = named[0][1][0] if named else home.province
            if province:
                return RegionPath(province=province)
        for pen in pen_names:
            place = self.gazetteer.from_pen_name(pen)
            if place is not None:
                self._add(scores, (place,), 3.0)
        own = Counter(scores)
        if context.local and home.city:
            if SELF_REFERENCE_RE.search(headline):  # 滕州市总工会一行调研我市…: the story is at home
                return home
            local_ref = SELF_REFERENCE_RE.search(lead)
            scores.update({k: v * (3.0 if local_ref else 1.5) for k, v in support.items()})
        cities = _ranked(scores, lambda k: k[1] is not None and k[2] is None)
        if cities and cities[0][0] >= 1.5 and (len(cities) == 1 or cities[0][0] >= 1.5 * cities[1][0]):
            city_score, city = cities[0]
            counties = _ranked(scores, lambda k: k[:2] == city[:2] and k[2] is not None)
            base = own[city] or city_score
            if counties and counties[0][0] >= 0.45 * base and counties[0][0] >= 1.5:
                return RegionPath(*counties[0][1])
            return RegionPath(city[0], city[1])
        provinces = _ranked(scores, lambda k: k[1] is None)
        if provinces and provinces[0][0] >= 2.0 and (len(provinces) == 1 or provinces[0][0] >= 1.5 * provinces[1][0]):
            return RegionPath(province=provinces[0][1][0])
        if PROVINCIAL_RE.search(headline + lead) and home.province:
            return RegionPath(province=home.province)
        return RegionPath()

    def _home_scores(self, home: RegionPath) -> Counter[Key]:
        """The page's own place as evidence of weight 1 (a county lends to its city, a city to its province)."""
        scores: Counter[Key] = Counter()
        if home.province:
            scores[(home.province, None, None)] += 1.0
        if home.city:
            scores[(home.province or "", home.city, None)] += 1.0
        if home.county:
            scores[(home.province or "", home.city, home.county)] += 1.0
        return scores


def _is_venue(text: str, mention: Mention) -> bool:
    """活动在广州举行, 会议于南京召开: the place is the venue of the event."""
    before = text[mention.offset - 1 : mention.offset] if mention.offset else ""
    return before in VENUE_BEFORE and bool(VENUE_AFTER_RE.match(text[mention.offset + len(mention.alias) :]))


def _ranked(scores: Counter[Key], wanted: object) -> list[tuple[float, Key]]:
    """(score, key) of the wanted keys, best first; ties keep the order of first evidence."""
    test = wanted if callable(wanted) else (lambda k: True)
    return sorted(((v, k) for k, v in scores.items() if v > 0 and test(k)), key=lambda vk: -vk[0])

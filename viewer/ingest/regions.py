"""Which province / city / county an article is about, from the gazetteer and the page."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from viewer.domain import RegionPath
from viewer.ingest.gazetteer import Gazetteer

if TYPE_CHECKING:
    from viewer.ingest.metadata import PageContext

HOME_PROVINCE = "江苏省"
PROVINCIAL_RE = re.compile(r"(我省|全省|省总工会|省总|省委|省人大|省政府|省民政厅|江苏省)")
SELF_REFERENCE_RE = re.compile(r"(我市|我县|我区|本市|本县|本区|(?:^|[，。、；：“（\s])[市县区]总工会)")


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

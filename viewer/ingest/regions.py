"""Which province / city / county an article is about, from the gazetteer and the page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from viewer.domain import RegionPath
from viewer.ingest.gazetteer import Gazetteer, Mention, Place, nested

if TYPE_CHECKING:
    from viewer.ingest.metadata import PageContext

Key = tuple[str, str | None, str | None]  # (province, city, county)

# The province as a whole: its union federation, government, people or "the whole province".
PROVINCIAL_RE = re.compile(r"(我省|全省|本省|省总工会|省总(?!经理)|省委|省政府|省人大|省政协|省[\u4e00-\u9fff]{2,5}厅)")
# The page's own place: 我市, 本县, 全市, and a bare 市总工会 / 区总工会 (a named one, 南宁市总工会, is not bare).
SELF_REFERENCE_RE = re.compile(
    r"(我市|我县|我区|我州|我旗|本市|本县|本区|本州|全市|全县|全区|全州|(?:^|[，。、；：“（\s])[市县区州旗]总工会)"
)
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
# Visits: the visited place counts double, the visitors' home half (徐州市总工会到南通考察交流).
VISIT = r"(?:调研|考察|交流|学习|视察|检查|慰问|走访|指导|参观|督导)"
VISIT_TO_RE = re.compile(r"(?:到|来|赴|走进|莅临|前往)$")
VISIT_WHAT_RE = re.compile(rf"^[^。；]{{0,12}}?{VISIT}")
VISITOR_RE = re.compile(r"^[^。；]{0,40}(?:来到|前往|莅临|走进|到|来|赴)$")
ABBREVIATED_VISIT_RE = re.compile(rf"(?:来|在|赴|到|抵)([宁锡徐通扬泰淮盐宿])(?={VISIT}|开展|举行|举办|召开|参加|工作|期间)")
DESTINATION_WEIGHT = 2.0
VISITOR_WEIGHT = 0.5
HAN_TAIL_RE = re.compile(r"[\u4e00-\u9fff]{1,4}$")
HAN_HEAD_RE = re.compile(r"[\u4e00-\u9fff]{1,4}")
DATELINE_AFTER_RE = re.compile(r"^\d{1,2}月\d{1,2}日(?:讯|电)")
CITYWIDE_RE = re.compile(r"全市|全省")
CITY_HEADLINE_RE = re.compile(r"我市|本市")  # 我市两个工作室榜上有名: the city's news, wherever its parts are
# A place's name that names a street, town, road or park (潞城街道 in 常州, 中山路, 东海镇): not the place.
SUBUNIT_AFTER_RE = re.compile(r"^(?:街道|镇|乡|村|社区|路|街|大道|公园|广场)")
SCAN_CACHE_SIZE = 2048
NAMED = 0.5  # a text names a place when the place scores this at weight 1 (a dateline or venue does not)
COUNTY_SHARE = 0.25  # a county named in the headline or lead is the place unless its city dwarfs it
# A page's printed organiser, starting a line: 平顶山市总工会 主办, 常州市金坛区总工会主办 (not …主办的).
ORGANISER_RE = re.compile(r"^([\u4e00-\u9fff]{2,14}?(?:总工会|工会))\s*(?:主办|编印|主管)(?![的单方])")
# Another outlet's agency line: 西江日报讯, 沧州日报讯（记者…）, 闽西日报讯 (the paper is named after its place).
AGENCY_RE = re.compile(r"^\s*[(（]?([\u4e00-\u9fff]{2,8}?)(?:日报|晚报|工人报|报|电视台|融媒体中心|新闻网)讯")
NATIONAL_OUTLET_RE = re.compile(r"^(?:中国|中华|人民|工人|光明|经济|法治|科技|新华|农民|健康)")
WEIGHTS = {"headline": 3.0, "lead": 2.0, "rest": 0.3, "agency": 3.0, "author": 2.0}


class RegionResolver:
    """Decides which province / city / county an article is about.

    Attributes:
        gazetteer: the place names.
    """

    def __init__(self, gazetteer: Gazetteer, crosses_word: Callable[[str, str], bool] | None = None) -> None:
        self.gazetteer = gazetteer
        self.crosses_word = crosses_word
        self._scans: dict[str, list[tuple[Mention, float, bool]]] = {}

    def _word_across(self, text: str, at: int) -> bool:
        """Does a word of the running Chinese text run across this offset?"""
        if self.crosses_word is None:
            return False
        left, right = HAN_TAIL_RE.search(text[max(0, at - 4) : at]), HAN_HEAD_RE.match(text[at : at + 4])
        return bool(left and right and self.crosses_word(left.group(), right.group()))

    def _begins_word(self, text: str, mention: Mention) -> bool:
        """A city's name that begins a longer word (苏州高新区, 南京大学, 天津港); a county's short name in a word is
        more often a piece of it (庆元旦, 静安寺) and is not kept."""
        start, end = mention.offset, mention.offset + len(mention.alias)
        return any(p.level != "county" for p in mention.places) and all(
            self._word_across(text, i) for i in range(start + 1, end)
        )

    def mentions(self, text: str, towns: set[str] | None = None) -> list[tuple[Mention, float]]:
        """The place names of a text that name a place here, each with a factor for how much it says.

        Dropped: a short form that a word runs across (党和政府 is not 和政县; 县长王永昌 not 永昌县), and a name
        right after another place's name that does not contain it (晋江市罗山总工会: a town of 晋江, not 罗山县).
        Discounted: a venue (活动在广州举行) and a dateline (本报杭州7月20日讯). `towns` collects the names found
        to be towns (罗山) so that later texts of the same article drop them too.
        """
        towns = set() if towns is None else towns
        scanned = self._scan(text)
        towns.update(m.alias for m, _, town in scanned if town)
        return [(m, f) for m, f, town in scanned if not town and m.alias not in towns]

    def _scan(self, text: str) -> list[tuple[Mention, float, bool]]:
        """(mention, factor, is a town) for a text; kept for the texts an article weighs more than once."""
        cached = self._scans.get(text)
        if cached is not None:
            return cached
        kept: list[tuple[Mention, float]] = []
        towns: list[Mention] = []
        previous: Mention | None = None
        for mention in self.gazetteer.find(text):
            start, end = mention.offset, mention.offset + len(mention.alias)
            after_place = previous is not None and previous.offset + len(previous.alias) == start
            # a word across the start, or one that begins inside the name and runs on (党和政府); a word that
            # begins with the name (苏州高新区, 南京大学) keeps it
            straddled = not mention.full and (
                (self._word_across(text, start) and not after_place)  # 辽宁抚顺 is one word to jieba
                or (self._word_across(text, end) and not self._begins_word(text, mention))
            )
            if after_place and previous is not None:  # 沧州新华区: the 新华区 of 沧州; 晋江市罗山: no 罗山县 there
                inner = tuple(p for p in mention.places if _within((p,), previous.places))
                if not inner:
                    towns.append(mention)
                    previous = mention
                    continue
                mention = replace(mention, places=inner, weak=mention.weak and len(inner) > 1)
            previous = mention
            if straddled or (not mention.full and SUBUNIT_AFTER_RE.match(text[end : end + 2])):
                continue
            factor = VENUE_WEIGHT if _is_venue(text, mention) or _is_dateline(text, mention) else 1.0
            if VISIT_TO_RE.search(text[max(0, start - 2) : start]) and VISIT_WHAT_RE.match(text[end : end + 14]):
                factor = DESTINATION_WEIGHT  # …一行来到南通，考察交流: the visit's place
            kept.append((mention, factor))
        for m in ABBREVIATED_VISIT_RE.finditer(text):  # 来通开展学习交流: 通 is 南通 (where Jiangsu backs it)
            place = self.gazetteer.abbreviated(m.group(1))
            if place is not None:
                kept.append((Mention(m.start(1), m.group(1), (place,), True, False), DESTINATION_WEIGHT))
        kept.sort(key=lambda mf: mf[0].offset)
        scanned = [(m, f, False) for m, f in _discount_visitors(text, kept)] + [(m, 1.0, True) for m in towns]
        if len(self._scans) >= SCAN_CACHE_SIZE:
            self._scans.clear()
        self._scans[text] = scanned
        return scanned

    # --- evidence -------------------------------------------------------------------------------------
    def weigh(
        self, weighted_texts: Iterable[tuple[str, float]], support: Counter[Key] | None = None, strong: bool = False
    ) -> Counter[Key]:
        """Score places by their mentions: a county also lends its weight to its city, both half to the province.

        Weak mentions (shared names, ordinary words) count only for candidates that the strong mentions of the
        same texts, or `support` (the page's own place), already back; `strong` texts (an outlet's name:
        孝感日报讯) count their ordinary-word names too when the name is not shared.
        """
        scores: Counter[Key] = Counter()
        weak: list[tuple[Mention, float]] = []
        towns: set[str] = set()
        weighted_texts = list(weighted_texts)
        for text, _ in weighted_texts:  # first learn which names are towns here (东莞市松山湖 … 松山湖)
            self.mentions(text, towns)
        for text, weight in weighted_texts:
            for mention, factor in self.mentions(text, towns):
                at = weight * factor
                if mention.weak and not (strong and nested(mention.places)):
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
    def page_home(self, text: str, masthead: str = "", local: bool = False, furniture: Sequence[str] = ()) -> RegionPath:
        """The page's own place: the province its paper is named after or most of its places lie in; for a city
        or county page (工会专刊) also the dominant city, and its county if one dominates.

        A printed organiser (平顶山市总工会 主办, 常州市金坛区总工会主办) names the page's place outright.
        """
        organiser = next((m.group(1) for line in [*furniture, *text.splitlines()]
                          if (m := ORGANISER_RE.match(line.strip()))), "")
        named = self.weigh([(masthead, 5.0)]) if masthead else Counter()
        if organiser:
            owner = self.weigh([(organiser, 5.0)], strong=True)
            deepest = _ranked(owner, lambda k: True)
            if deepest:
                place = max((k for _, k in deepest), key=lambda k: sum(x is not None for x in k))
                return RegionPath(*place) if local else RegionPath(province=place[0])
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
        if len(cities) > 1 and city_score < 2 * cities[1][0]:
            return RegionPath(province=province[0])  # news of several cities: no one city is home
        counties = _ranked(scores, lambda k: k[:2] == city[:2] and k[2] is not None)
        if counties and counties[0][0] >= 0.5 * city_score:
            return RegionPath(*counties[0][1])
        return RegionPath(city[0], city[1])

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
        scores = self.weigh(texts, support)
        agency = AGENCY_RE.match(lead)
        if agency and (agency.group(1).startswith("本") or NATIONAL_OUTLET_RE.match(agency.group(1))):
            agency = None  # 本报讯 is the page's own; 人民日报讯, 工人日报讯 are national outlets
        if agency:  # 江门日报讯: the outlet's place; 西江日报讯: at least local news
            scores += self.weigh([(agency.group(1), WEIGHTS["agency"])], scores + support, strong=True)
        headline_scores = self.weigh([(headline, 1.0)], scores + support)
        headline_local = any(k[1] is not None for k, v in headline_scores.items() if v >= NAMED)
        first_sentence = re.split(r"[。！？]", lead, maxsplit=1)[0]
        self_reference = SELF_REFERENCE_RE.search(headline) or SELF_REFERENCE_RE.search(first_sentence)
        own_place = headline_local or agency or self_reference or PROVINCIAL_RE.search(headline)
        if not own_place and (NATIONAL_RE.search(headline) or NATIONAL_LEAD_RE.search(lead)):
            return RegionPath()
        if not headline_local and not context.local:
            named = _ranked(headline_scores, lambda k: k[1] is None)
            if named:  # 四川工会送温暖力求全覆盖: a province and no city in the headline
                return RegionPath(province=named[0][1][0])
            lead_scores = self.weigh([(first_sentence, 1.0)], scores + support)
            lead_local = any(k[1] is not None for k, v in lead_scores.items() if v >= NAMED)
            provincial = PROVINCIAL_RE.search(headline) or PROVINCIAL_RE.search(first_sentence)
            if provincial and not lead_local and not SELF_REFERENCE_RE.search(headline):  # 省总工会…到我州: 我州's
                named = _ranked(lead_scores, lambda k: k[1] is None)
                province = named[0][1][0] if named else home.province
                if province:
                    return RegionPath(province=province)
        for pen in pen_names:  # the authors' organisations: 通工宣 (a pen name), 高邮经济开发区总工会
            place = self.gazetteer.from_pen_name(pen)
            if place is not None:
                self._add(scores, (place,), WEIGHTS["author"])
            else:
                scores += self.weigh([(pen, WEIGHTS["author"])], scores + support)
        own = Counter(scores)
        if context.local and home.city:
            if SELF_REFERENCE_RE.search(headline):  # 滕州市总工会一行调研我市…: the story is at home,
                inside = _ranked(scores, lambda k: k[:2] == (home.province, home.city) and k[2] is not None)
                if not home.county and inside and inside[0][0] >= 1.5:  # …in one of its counties (到卫东区)
                    return RegionPath(*inside[0][1])
                return home
            local_ref = SELF_REFERENCE_RE.search(lead)
            city_headline = headline_local and not any(k[2] is not None for k in headline_scores)
            lent = {k: v for k, v in support.items() if not (city_headline and k[2] is not None)}
            scores.update({k: v * (3.0 if local_ref else 1.5) for k, v in lent.items()})
            # (8名常州代表当选… on 金坛区's page is 常州's news: a headline naming a city lends no home county)
        cities = _ranked(scores, lambda k: k[1] is not None and k[2] is None)
        if cities and cities[0][0] >= 1.5 and (len(cities) == 1 or cities[0][0] >= 1.5 * cities[1][0]):
            city_score, city = cities[0]
            counties = _ranked(scores, lambda k: k[:2] == city[:2] and k[2] is not None)
            base = own[city] or city_score
            opening = self.weigh([(headline, 1.0), (first_sentence, 1.0)], scores)
            listed = {k for k in opening if k[:2] == city[:2] and k[2] is not None}
            in_headline = any(k[2] is not None and v >= NAMED for k, v in headline_scores.items())
            citywide = (  # 全市工会驿站体验周; but a county-level city (太仓市) is 全市 too
                (CITYWIDE_RE.search(headline + first_sentence) or CITY_HEADLINE_RE.search(headline))
                and not in_headline and counties
                and getattr(self.gazetteer.place(*counties[0][1]), "kind", "") != "县级市"
            )
            if counties and counties[0][0] >= max(1.5, COUNTY_SHARE * base) and len(listed) < 2 and not citywide and (
                len(counties) == 1 or counties[0][0] >= 2 * counties[1][0]
            ):  # a lead that lists 铁力市、乌翠区、汤旺县 is about their city
                return RegionPath(*counties[0][1])
            return RegionPath(city[0], city[1])
        if self_reference and not home.city and cities and (len(cities) == 1 or cities[0][0] >= 3 * cities[1][0]):
            # 市总工会召开全委会 on a provincial page: the one city the article names at all (为巢湖“加速崛起”)
            city = cities[0][1]
            counties = _ranked(scores, lambda k: k[:2] == city[:2] and k[2] is not None)
            reference = self_reference.group()
            county_level = any(c in reference for c in "县区旗") or (  # 我县, 区总工会; 我州 is the 州
                "市" in reference and len(counties) == 1  # 市总工会 of a county-level city (巢湖市)
                and getattr(self.gazetteer.place(*counties[0][1]), "kind", "") == "县级市"
            )
            if county_level and len(counties) == 1:
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


def _discount_visitors(text: str, kept: list[tuple[Mention, float]]) -> list[tuple[Mention, float]]:
    """徐州市总工会到南通考察: when a text names the place of a visit, the visitors' home before it counts half."""
    destinations = [m.offset for m, f in kept if f == DESTINATION_WEIGHT]
    if not destinations:
        return kept
    result = []
    for mention, factor in kept:
        end = mention.offset + len(mention.alias)
        later = [d for d in destinations if d >= end]
        if factor == 1.0 and later and VISITOR_RE.match(text[end : later[0]]):
            factor = VISITOR_WEIGHT
        result.append((mention, factor))
    return result


def _within(places: tuple[Place, ...], outer: tuple[Place, ...]) -> bool:
    """Does every place lie in (or equal) one of the outer places (南京市 → 江宁区: yes; 晋江市 → 罗山县: no)?"""
    def inside(p: Place, q: Place) -> bool:
        return p.key[: {"province": 1, "city": 2, "county": 3}[q.level]] == q.key[: {"province": 1, "city": 2,
                                                                                       "county": 3}[q.level]]

    return all(any(inside(p, q) for q in outer) for p in places)


def _is_dateline(text: str, mention: Mention) -> bool:
    """本报杭州7月20日讯, 新华社南京3月5日电: where the report was filed."""
    return text[max(0, mention.offset - 2) : mention.offset] == "本报" or bool(
        DATELINE_AFTER_RE.match(text[mention.offset + len(mention.alias) :])
    )


def _is_venue(text: str, mention: Mention) -> bool:
    """活动在广州举行, 会议于南京召开: the place is the venue of the event."""
    before = text[mention.offset - 1 : mention.offset] if mention.offset else ""
    return before in VENUE_BEFORE and bool(VENUE_AFTER_RE.match(text[mention.offset + len(mention.alias) :]))


def _ranked(scores: Counter[Key], wanted: object) -> list[tuple[float, Key]]:
    """(score, key) of the wanted keys, best first; ties keep the order of first evidence."""
    test = wanted if callable(wanted) else (lambda k: True)
    return sorted(((v, k) for k, v in scores.items() if v > 0 and test(k)), key=lambda vk: -vk[0])

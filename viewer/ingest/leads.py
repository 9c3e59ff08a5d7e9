"""Story leads: what opens a new story (another place, a dated lead) and what goes on with the one above."""

from __future__ import annotations

import re
from collections.abc import Callable

from viewer.ingest import credits, layout
from viewer.ingest.drafts import (
    BRIEF_MARKS,
    COLUMN_RE,
    ORG_LEAD_RE,
    PURPOSE_LEAD_RE,
    STORY_LEAD_RE,
    Draft,
    PlaceMention,
    starts_mid_sentence,
)
from viewer.ingest.layout import Paragraph
from viewer.ingest.titles import bigrams, is_headline_like, overlap

UNION_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}(总工会|工会|工委)$")  # 汝州市总工会 over its brief
TIME_WORD_RE = re.compile(r"近日|日前|近期|今年以来|昨天|昨日|今天|\d{1,2}月\d{1,2}日|之际|前夕|将至|来临")
RUN_IN_TITLE_RE = re.compile(r"【([^【】]{8,40})】(?=\S)")  # 【…“十佳”好事】6月14日，…: a title printed inline
# words that open a paragraph going on with the story above (随后，…; 活动中，…; 据介绍，…)
GOES_ON_RE = re.compile(r"^(随后|此后|之后|同时|此外|另外|其间|活动中|活动现场|会上|会议指出|会议强调|据悉|据了解|据介绍|当天|当日)[，,]?")


def opens_elsewhere(para: Paragraph, current: Draft, nxt: str, title: str,
                    places: Callable[[str], list[PlaceMention]]) -> bool:
    """A lead about another place after a finished story: 日前，普陀40多名企业职工… after a 萧山 story.

    The paragraph must open like a lead (a date, 日前/近日, 为了…, or a place's union as subject),
    name a place in its first sentence, and share no city with the story so far (or, when the story opened
    on a county, name another county of its city). `title` is the story's title text.
    """
    if len(current.paragraphs) < 2 or not para.gap_before:
        return False
    if not layout.is_terminal(current.paragraphs[-1]):
        return False
    # a lead cut off mid-sentence by the extraction goes on in the next paragraph
    text = para.text if layout.is_terminal(para.text) else para.text + nxt
    if not (STORY_LEAD_RE.match(text) or PURPOSE_LEAD_RE.match(text) or ORG_LEAD_RE.match(text)):
        return False
    sentences = re.split(r"[。！？]", text, maxsplit=2)
    named = places(sentences[0]) or places("".join(sentences[1:2]))  # 为了…。1月12日上午，石龙区…
    if not named:
        return False
    story = places(current.source_line + current.text + title)
    story_cities = frozenset().union(*(m.cities for m in story))
    if not story_cities:
        return False
    if any((not m.weak or len(m.cities) > 1) and not (m.cities & story_cities) for m in named):
        return True  # 普陀 (上海 or 舟山) after a 杭州 story; an ordinary word (借助资源: 资源县) is no place
    # another county of the same city, when the story opened on a county of its own
    opening_counties = frozenset().union(*(m.counties for m in places(current.paragraphs[0][:80])))
    story_counties = frozenset().union(*(m.counties for m in story))
    return bool(opening_counties) and any(
        not m.weak and m.counties and not (m.counties & story_counties) for m in named
    )


def goes_on_below(title: str, nxt: str, story: str) -> bool:
    """Does the story above go on under this heading (a subheading), rather than a new story start?"""
    if is_headline_like(nxt) or STORY_LEAD_RE.match(nxt) or credits.AGENCY_RE.match(nxt) or nxt.startswith(BRIEF_MARKS):
        return False
    if starts_mid_sentence(nxt) or COLUMN_RE.match(nxt) or layout.looks_like_credit(nxt):
        return False
    if title.endswith(("——", "……")):
        return False
    if GOES_ON_RE.match(nxt):
        return True  # 随后，调研组到…: the text below goes on with the story above
    # a headline sums up the text below it more than the story above it; a subheading does both
    words = set(bigrams(title))
    below = overlap(words, set(bigrams(nxt)))
    above = overlap(words, set(bigrams(story)))
    return not (below >= 0.3 and below > above + 0.15)

"""Story leads: does a paragraph open a new story about another place than the story above?"""

from __future__ import annotations

import re
from collections.abc import Callable

from viewer.ingest import layout
from viewer.ingest.drafts import ORG_LEAD_RE, PURPOSE_LEAD_RE, STORY_LEAD_RE, Draft, PlaceMention
from viewer.ingest.layout import Paragraph


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
    story = places(current.source_line + current.text + title)
    story_cities = frozenset().union(*(m.cities for m in story))
    if not named or not story_cities:
        return False
    if any(not (m.cities & story_cities) for m in named):
        return True  # 普陀 (上海 or 舟山) after a 杭州 story
    # another county of the same city, when the story opened on a county of its own
    opening_counties = frozenset().union(*(m.counties for m in places(current.paragraphs[0][:80])))
    story_counties = frozenset().union(*(m.counties for m in story))
    return bool(opening_counties) and any(
        not m.weak and m.counties and not (m.counties & story_counties) for m in named
    )

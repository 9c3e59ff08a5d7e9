"""Why the parser is unsure of an article: review flags an archivist checks before trusting it."""

from __future__ import annotations

import re

from viewer.domain import RegionPath
from viewer.ingest import credits
from viewer.ingest.drafts import Draft

SHORT_STORY = 60  # characters: a "story" this short is likely a piece of another one
LONG_STORY = 4000  # characters: longer than most single stories on a page


def _place_stem(name: str) -> str:
    return re.sub(r"(特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)$", "", name)


def review_reasons(
    draft: Draft, kind: str, headline: str, opening: str, region: RegionPath, home: RegionPath
) -> tuple[str, ...]:
    """Reason codes (see viewer.domain.REVIEW_REASONS) for one article; empty when the parser is sure.

    opening is the headline, the source line and the lead: where a story names its place.
    """
    reasons: list[str] = []
    if not headline and kind in ("news", "column", "reprint"):
        reasons.append("no_headline")
    if draft.weak_headline:
        reasons.append("weak_headline")
    place = region.county or region.city
    at_home = bool(place) and place in (home.county, home.city)
    if place and not at_home and _place_stem(place) not in opening:
        reasons.append("region_from_mention")
    later_leads = sum(1 for p in draft.paragraphs[1:] if credits.AGENCY_RE.match(p))
    if later_leads or len(draft.text) > LONG_STORY:
        reasons.append("possible_merge")
    if kind in ("news", "fragment") and not headline and len(draft.text) < SHORT_STORY:
        reasons.append("possible_split")
    if (draft.continued_from or draft.continued_to) and not draft.markers:
        reasons.append("continuation_unmarked")
    return tuple(reasons)

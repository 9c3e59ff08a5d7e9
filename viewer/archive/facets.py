"""Facets of a match set: how many matches per city, publication and year."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

from viewer.domain import Facet, Facets

UNKNOWN = "（未知）"


class FacetLabels:
    """One facet's label of every article, as a list indexed by rowid: tallies run in C."""

    def __init__(self, key_of_rowid: list[object], label_of: dict[object, str]) -> None:
        """`key_of_rowid[r]`: article r's key (a region id, an issue id, a year); `label_of` names keys."""
        keys = set(key_of_rowid)
        self.names = sorted({label_of.get(k, UNKNOWN) for k in keys})
        number_of_key = {k: self.names.index(label_of.get(k, UNKNOWN)) for k in keys}
        self.of_rowid = list(map(number_of_key.__getitem__, key_of_rowid))

    def tally(self, rowids: list[int]) -> Counter[str]:
        counts = Counter(map(self.of_rowid.__getitem__, rowids))
        return Counter({self.names[number]: n for number, n in counts.items()})


class FacetCounter:
    """Tallies match sets by city (or province), publication and year; labels loaded once."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._labels: tuple[FacetLabels, FacetLabels, FacetLabels] | None = None

    def facets(self, rowids: list[int]) -> Facets:
        """Hit counts by city, publication and year (for the side panel) of these matches."""
        if not rowids:
            return Facets()
        region, publication, year = (labels.tally(rowids) for labels in self._facet_labels())

        def by_count(counter: Counter[str]) -> tuple[Facet, ...]:
            return tuple(Facet(k, n) for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

        def newest_first(counter: Counter[str]) -> tuple[Facet, ...]:
            order = sorted(counter, key=lambda k: (k != UNKNOWN, k), reverse=True)  # unknown last
            return tuple(Facet(k, counter[k]) for k in order)

        return Facets(region=by_count(region), publication=by_count(publication), year=newest_first(year),
                      matches=len(rowids))

    def _facet_labels(self) -> tuple[FacetLabels, FacetLabels, FacetLabels]:
        """City (or province), publication and year of every article, loaded once.

        Each article's region and issue come from the covering index article_labels (3 MB at
        100,000 articles, where the article table is 234 MB) as JSON arrays, named through the
        small region and issue tables; as articles are numbered newest first, each date is a
        rowid range.
        """
        if self._labels is None:
            arrays = self.conn.execute(
                "SELECT json_group_array(id), json_group_array(region_id), json_group_array(issue_id)"
                " FROM article INDEXED BY article_labels").fetchone()
            rowids, regions, issues = (json.loads(a) for a in arrays)
            size = max(rowids, default=0) + 1
            region_of, issue_of, year_of = [None] * size, [None] * size, [None] * size
            for rowid, region, issue in zip(rowids, regions, issues, strict=True):
                region_of[rowid], issue_of[rowid] = region, issue
            for date, first, last in self.conn.execute(
                    "SELECT sort_date, min(id), max(id) FROM article GROUP BY sort_date"):
                year_of[first : last + 1] = [date[:4]] * (last - first + 1)
            city_of_region = dict(self.conn.execute(
                "SELECT r.id, CASE r.level WHEN 'county' THEN c.name ELSE r.name END"
                " FROM region r LEFT JOIN region c ON c.id = r.parent_id").fetchall())
            publication_of_issue = dict(self.conn.execute(
                "SELECT i.id, p.name FROM issue i JOIN publication p ON p.id = i.publication_id").fetchall())
            self._labels = (FacetLabels(region_of, city_of_region), FacetLabels(issue_of, publication_of_issue),
                            FacetLabels(year_of, {y: y for y in set(year_of) if y}))
        return self._labels

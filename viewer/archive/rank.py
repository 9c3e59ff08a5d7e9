"""Ranking a planned query's matches: in-word matches first, then bm25 or headline, then newest first."""

from __future__ import annotations

import json
from collections.abc import Callable
from operator import itemgetter

from viewer.archive import query as querylang
from viewer.archive.match import Matcher, Total
from viewer.archive.plan import Plan
from viewer.archive.schema import BM25_WEIGHTS

# bm25 costs about 1.6 µs per match: rank the newest this many matches, the rest newest first.
RANK_WINDOW = 1000
# Score offset that puts matches with every term inside words above those crossing word boundaries.
WORD_TIER = 100.0
HEADLINE_SCORE = 10.0  # a headline hit in a window ranked without bm25
# FTS5 checks a rowid range's far end only on a match: a rare match set is read on past it
# to the next match. Read backwards, the scan of a range that starts at the newest (rowid 1)
# ends where the index does (headline matches of 2025年 in the window: 4.2 ms forwards, 0.5 backwards).
BACKWARDS = "ORDER BY rowid DESC"
Ranked = list[tuple[int, float]]  # (rowid, score), best first


class Ranker:
    """Ranks one page of a plan's matches through a Matcher's connections."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    def ranked_rowids(self, q: querylang.Query, plan: Plan, limit: int, offset: int,
                      matching: Callable[[], list[int]]) -> tuple[Ranked, Total]:
        """((rowid, score) for the page, the total). Higher scores rank first.

        The newest RANK_WINDOW matches are ranked by the number of terms found inside words,
        then bm25 (headline weighted), then newest first; older matches follow newest first.
        The window keeps a term that matches everything as fast as a rare one. The page never
        waits for the total of a huge match set: that is counted (on several threads when the
        range is large) when first asked for, so the hits go out first with both cores free.
        Rowids are numbered newest first, so every newest-first read goes forwards.
        `matching()` lists every match (kept by the caller): used for plans that must be listed.
        """
        m = self.matcher
        if plan.impossible:
            return [], Total.known(0)
        if plan.listed:
            rowids = matching()
            if not q.has_text:
                return [(r, 0.0) for r in rowids[offset : offset + limit]], Total.known(len(rowids))
            window = rowids[:RANK_WINDOW]
            kept = set(window)
            in_words = self._in_word_rowids(q, plan, window)
            ranked = self._order([(r, s) for r, s in self._bm25(plan, window) if r in kept], in_words())
            rest = [(r, 0.0) for r in rowids[len(window) : offset + limit]]
            return (ranked + rest)[offset : offset + limit], Total.known(len(rowids))
        if not q.has_text:
            page = m.rowid_list(plan, "ORDER BY rowid LIMIT ? OFFSET ?", (limit, offset))
            return [(r, 0.0) for r in page], m.total(plan)
        newest = m.rowid_list(plan, "ORDER BY rowid LIMIT ?", (RANK_WINDOW + 1,))
        if len(newest) <= RANK_WINDOW:  # every match is here: it is its own total
            in_words = self._in_word_rowids(q, plan, newest)
            ranked = self._order(self._bm25(plan, newest), in_words())
            return ranked[offset : offset + limit], Total.known(len(newest))
        window = newest[:RANK_WINDOW]
        in_words = self._in_word_rowids(q, plan, window)  # beside the headline test, on another connection
        ranked = self._order(self._headline_scores(q, plan, window), in_words())
        total = m.total(plan)
        if offset + limit > len(ranked):  # past the window (there are older matches: newest had one more)
            skip = max(0, offset - len(ranked))
            older = m.rowid_list(plan, "AND rowid > ? ORDER BY rowid LIMIT ? OFFSET ?",
                                 (window[-1], offset + limit - len(ranked) - skip, skip))
            return (ranked[offset:] + [(r, 0.0) for r in older])[:limit], total
        return ranked[offset : offset + limit], total

    def _bm25(self, plan: Plan, rowids: list[int]) -> Ranked:
        """(rowid, -bm25) of the plan's matches from the first to the last of `rowids` (newest first)."""
        if not rowids:
            return []
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        return [(r, s) for r, s in self.matcher.run(
            f"SELECT rowid, -bm25(article_fts, {weights}) FROM article_fts"
            " WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ?",
            [plan.expression, rowids[0], rowids[-1]],
        )]

    def _headline_scores(self, q: querylang.Query, plan: Plan, window: list[int]) -> Ranked:
        """The window's matches (newest first), scored HEADLINE_SCORE when a term is in the headline.

        bm25 needs collection statistics, which cost FTS5 a second pass over every match;
        for a huge match set the window is ranked by headline and in-word matches instead.
        """
        titled = querylang.Query(raw=q.raw, groups=[[querylang.Term(t.text, "title") for t in g] for g in q.groups],
                                 excluded=q.excluded)
        filters = tuple(f"facets : {f}" for f in plan.filters)
        headline_plan = Plan(titled.fts_expression(filters), window[0], window[-1], False, False)
        in_headline = set(self.matcher.rowid_list(headline_plan, BACKWARDS))
        return [(r, HEADLINE_SCORE if r in in_headline else 0.0) for r in window]

    @staticmethod
    def _order(scored: Ranked, in_words: set[int]) -> Ranked:
        """Matches with every term inside words first, then by bm25 (or headline), then newest first."""
        ranked = [(r, s + WORD_TIER) if r in in_words else (r, s) for r, s in scored]
        ranked.sort()  # newest first (lowest rowid) ...
        ranked.sort(key=itemgetter(1), reverse=True)  # ... within each score: the sort is stable
        return ranked

    def _in_word_rowids(self, q: querylang.Query, plan: Plan, rowids: list[int]) -> Callable[[], set[int]]:
        """Rowids in the span of `rowids` where each group's term lies inside one of jieba's words.

        Started on a pool connection when there is one, so it runs beside the headline test or
        bm25 (职工 服务 盐城: 2 ms each); call the result for the set.

        One query over article_words with the query's own AND/OR shape and its region and
        publication filters (article_words carries the filter tokens too), so what comes back
        is bounded by the matches. Rowids that are not matches (an excluded term) may come
        back too: the caller only looks up its own. Tags (标签:) are not in the archive: then
        SQLite keeps only the given rowids, rather than handing every in-word row of a wide
        span to Python. Groups with no in-word form (a title filter, a single character) do
        not take part.
        """
        groups = [[f'"{w}"' for t in g if (w := t.in_word_form())] for g in q.groups]
        groups = [g for g in groups if g]
        if not groups or not rowids:
            return set  # nothing to run: calling it gives the empty set
        clauses = ["(" + " OR ".join(g) + ")" for g in groups] + list(plan.filters)
        sql = "SELECT rowid FROM article_words WHERE article_words MATCH ? AND rowid BETWEEN ? AND ?"
        params: list[object] = [" AND ".join(clauses), min(rowids), max(rowids)]
        if plan.allowed is not None:
            sql += " AND +rowid IN (SELECT value FROM json_each(?))"  # +: not a lookup per rowid
            params.append(json.dumps(rowids))
        sql += f" {BACKWARDS}"
        rows = self.matcher.beside(f"SELECT json_group_array(rowid) FROM ({sql})", params)
        return lambda: set(json.loads(rows()[0][0]))

"""Titles: which lines are titles, which line of a title block is the headline, which story a title heads."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter

from viewer.ingest import credits, layout, names
from viewer.ingest.drafts import BRIEF_MARKS, SOURCE_LABEL_RE, Draft, Unit

HEADLINE_MAX = 64
WORD_CHAR_RE = re.compile(r"[\u4e00-\u9fff]|[^\W_]")
NEAREST_BODIES = 40  # bodies a headline is compared with (by distance on the page)
BRACKETED_RE = re.compile(r"[（(][^（）()]+[）)]")
# a gap no title sets between its own words: four spaces, or two ideographic ones
WIDE_GAP_RE = re.compile(r" {4,}|\u3000{2,}")


def is_headline_like(text: str) -> bool:
    """Short, not a sentence: no sentence end, no sentence-internal punctuation."""
    if len(text) > HEADLINE_MAX or len(text) < 3:
        return False
    if credits.AGENCY_RE.match(text) or text.startswith(BRIEF_MARKS) or layout.unbalanced(text):
        return False
    if text.startswith(("图为", "上图", "下图", "左图", "右图")) or BRACKETED_RE.fullmatch(text):
        return False  # a caption (图为活动现场) or a sender in brackets (（武进区总工会生产保护部）), never a title
    if text.endswith(("：", ":")) and re.search(r"[，、]", text):
        return False  # 徐州有8家站点榜上有名，分别是： leads into what follows
    if text.endswith(("——", "……")) and "。" not in text:
        return True  # a kicker (引题) leading into the headline
    if layout.is_terminal(text) and not (text.rstrip("”’").endswith(("！", "？")) and 8 <= len(text) <= 40 and "。" not in text):
        return False
    unquoted = layout.QUOTED_RE.sub("“”", text)  # a quoted list (“进企业、进院校、进社区”) is one name
    punct = unquoted.count("，") + unquoted.count("、") + unquoted.count("。")
    return punct == 0 or (punct == 1 and (len(text) <= 30 or "——" in text))


def side_by_side(text: str) -> list[str]:
    """A line holding the headlines of two columns, set apart by a wide gap, as separate titles."""
    parts = [p.strip() for p in WIDE_GAP_RE.split(text)]
    if len(parts) > 1 and all(len(p) >= 4 and is_headline_like(p) for p in parts):
        return parts
    return [text]


def assign_titles(drafts: list[Draft], units: list[Unit], banners: list[str]) -> None:
    """Give each title to its story: the body printed below it when it fits, else the headless body it
    clearly fits best (titles gathered at the page's end, vertical titles beside their story).

    Titles that fit no story go to `banners`."""
    bodies = [d for d in drafts if d.paragraphs]
    if not units:
        return
    grams = [set(bigrams(d.source_line + d.text)) for d in bodies]
    idf = _bigram_idf(grams)
    default = max(idf.values(), default=1.0)
    positional = {d.run: d for d in drafts if d.run is not None}
    body_grams = {id(d): g for d, g in zip(bodies, grams, strict=True)}
    # a body is headed when a title printed right above it fits it; a title above it that fits
    # another body (a vertical title printed beside its story) leaves it open
    body_lines = [d.line for d in bodies]

    def fits_own(unit: Unit) -> bool:
        own = positional.get(unit.run)
        if own is None or id(own) not in body_grams:
            return False
        title = set(bigrams(unit.text))
        at = bisect.bisect_left(body_lines, unit.line)
        others = [_similarity(title, body_grams[id(d)], idf, default)
                  for d in bodies[max(0, at - NEAREST_BODIES) : at + NEAREST_BODIES] if d is not own]
        mine = _similarity(title, body_grams[id(own)], idf, default) + 0.25
        return mine >= 0.3 and mine >= max(others, default=0.0)

    headed = {u.run for u in units if fits_own(u)} | {
        d.run for d in drafts if d.run is not None and not d.paragraphs
    }
    open_bodies = [(d, g) for d, g in zip(bodies, grams, strict=True) if d.run not in headed and not d.photo]
    open_lines = [d.line for d, _ in open_bodies]  # drafts are in page order
    unplaced: list[Unit] = []
    for unit in units:
        if SOURCE_LABEL_RE.match(unit.text):
            unplaced.append(unit)  # 来源：《泰州日报》 goes with the title lines above it, wherever they went
            continue
        if unit.text.startswith("——") or names.author_line(unit.text):
            target = positional.get(unit.run)
            if target is not None:
                _attach(target, unit)
                continue
        own = positional.get(unit.run)
        # the nearest open bodies only: a page's length never makes this quadratic
        at = bisect.bisect_left(open_lines, unit.line)
        window = open_bodies[max(0, at - NEAREST_BODIES) : at + NEAREST_BODIES]
        candidates = sorted(window, key=lambda pair: abs(pair[0].line - unit.line))[:NEAREST_BODIES]
        if own is not None and id(own) in body_grams:
            candidates.append((own, body_grams[id(own)]))
        unit_grams = set(bigrams(unit.text))
        best, best_score, runner_up = None, 0.0, 0.0
        for draft, draft_grams in candidates:
            if draft is not own and any(u.run != unit.run for u in draft.units):
                continue  # a headless body takes one title block
            score = _similarity(unit_grams, draft_grams, idf, default) + (0.25 if draft is own else 0.0)
            if score > best_score:
                best, best_score, runner_up = draft, score, best_score
            elif score > runner_up:
                runner_up = score
        # a title with no body below it (gathered at the page's end) takes the body it fits clearly best
        clear = own is None and best_score >= 0.15 and best_score >= runner_up + 0.1
        if best is not None and (best is own and best_score >= 0.3 or best_score >= 0.35 or clear):
            _attach(best, unit)
            best.weak_headline = best.weak_headline or (best is not own and best_score < 0.5)
        elif own is not None and own.column and not own.units:
            _attach(own, unit)
        else:
            unplaced.append(unit)
    holders = {u.run: d for d in drafts for u in d.units}  # the story each title block went to
    for unit in unplaced:
        # a line of a title block whose other lines found their story goes with them; a title no story
        # fits better heads the untitled story printed right below it (第5期劳模培训班开班 over its report)
        own = positional.get(unit.run)
        holder = holders.get(unit.run)
        if holder is not None:  # the other lines of its title block found their story (perhaps above it)
            _attach(holder, unit)
        elif own is not None and not own.units and own.paragraphs:
            _attach(own, unit)
            own.weak_headline = True
            holders[unit.run] = own
        else:
            banners.append(unit.text)

def _attach(draft: Draft, unit: Unit) -> None:
    draft.units.append(unit)


def headline_parts(units: list[Unit]) -> tuple[str, str, str, str, list[str]]:
    """(kicker, headline, subheadline, affiliation, author persons) from a draft's units.

    Lines ending in ——/…… are kickers and lines starting with —— are subheadlines; of
    the others the first is the headline (papers print the main title first, a 副题 below it).
    """
    affiliation = ""
    persons: list[str] = []
    lines: list[str] = []
    for unit in sorted(units, key=lambda u: u.line):
        author = names.author_line(unit.text)
        if author:
            affiliation, person = author
            persons.append(person)
        else:
            lines.append(unit.text)
    lines = [t.lstrip("■□ ") or t for t in lines]  # ■市总工会为困难劳模送温暖: the mark is no part of the title
    plain = [t for t in lines if not t.startswith("——") and not t.endswith(("——", "……"))]
    if len(plain) >= 2 and len(plain[0]) <= 6 and " " not in plain[0] and len(plain[1]) >= 2 * len(plain[0]):
        plain = plain[1:]  # 金秋助学 above 我市工会开展“金秋助学”活动: a column label, kept as the kicker
    main = plain[0] if plain else (lines[-1] if lines else "")
    position = lines.index(main) if main else 0
    kicker = [t for t in lines[:position] if not t.startswith("——")]
    subs = [t for t in lines[position + 1 :]] + [t for t in lines[:position] if t.startswith("——")]
    return " ".join(kicker), main, " ".join(subs), affiliation, persons


def bigrams(text: str) -> list[str]:
    chars = WORD_CHAR_RE.findall(text)
    return [a + b for a, b in zip(chars, chars[1:], strict=False)]


def overlap(title: set[str], text: set[str]) -> float:
    """Share of a title's bigrams found in a text (unweighted)."""
    return len(title & text) / len(title) if title else 0.0


def _bigram_idf(grams: list[set[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for bag in grams:
        df.update(bag)
    n = max(1, len(grams))
    return {g: math.log(1 + n / c) for g, c in df.items()}


def _similarity(headline: set[str], body: set[str], idf: dict[str, float], default: float) -> float:
    """Share of a headline's (idf-weighted) bigrams that occur in a body."""
    if not headline:
        return 0.0
    total = sum(idf.get(g, default) for g in headline)
    return sum(idf.get(g, default) for g in headline if g in body) / total

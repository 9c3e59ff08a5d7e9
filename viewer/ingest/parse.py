"""Parse one raw page into articles with metadata: the pure core of ingest (no I/O)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

from viewer.domain import Article
from viewer.ingest import layout, metadata, names, regions, review
from viewer.ingest.drafts import Draft, PlaceMention
from viewer.ingest.gazetteer import Gazetteer
from viewer.ingest.layout import Furniture
from viewer.ingest.splitter import PageSplitter
from viewer.ingest.titles import headline_parts
from viewer.text.normalize import content_chars

LEAD_CHARS = 150


@dataclass(frozen=True)
class ParsedPage:
    """Articles of a page, its metadata, and everything that was not article text."""

    articles: tuple[Article, ...]
    context: metadata.PageContext
    furniture: Furniture


class PageParser:
    """Turns page text into articles; build one and reuse it for every page.

    Attributes:
        crosses_word: tells whether a word runs across a line break (jieba).
        resolver: region inference over the gazetteer.
    """

    def __init__(self, crosses_word: Callable[[str, str], bool], gazetteer: Gazetteer | None = None) -> None:
        self.crosses_word = crosses_word
        self.resolver = regions.RegionResolver(gazetteer or Gazetteer(), crosses_word)

    def _places(self, text: str) -> list[PlaceMention]:
        """The cities and counties a text names; a name shared by several places keeps every reading."""
        found = []
        for m in self.resolver.gazetteer.find(text):
            cities = frozenset(p.city or p.name for p in m.places if p.level != "province")
            counties = frozenset(p.name for p in m.places if p.level == "county")
            if cities:
                found.append(PlaceMention(cities, counties, m.weak))
        return found

    def parse(self, text: str, name: str, source: str) -> ParsedPage:
        lines, furniture = layout.prepare_lines(text)
        paragraphs = layout.build_paragraphs(lines, self.crosses_word)
        split = PageSplitter(
            paragraphs, furniture, layout.is_wrapped_page(lines), places=self._places
        ).split()
        page_text = "\n".join(p.text for p in paragraphs)
        context = metadata.page_context(
            furniture, page_text, [d.source_line for d in split.drafts], self.resolver, source
        )
        built: list[Article] = []
        seen: dict[str, int] = {}
        for seq, draft in enumerate(split.drafts, start=1):
            article = self._article(draft, seq, name, source, context)
            count = seen.get(article.id, 0)
            seen[article.id] = count + 1
            if count:
                article = replace(article, id=f"{article.id}-{count + 1}")
            built.append(article)
        return ParsedPage(articles=tuple(built), context=context, furniture=furniture)

    def _article(
        self, draft: Draft, seq: int, name: str, source: str, context: metadata.PageContext
    ) -> Article:
        kicker, headline, subheadline, affiliation, authors = headline_parts(draft.units)
        persons = list(dict.fromkeys(authors + draft.persons))
        body = "\n".join(draft.paragraphs)
        # the first paragraph, and the next when extraction broke the first before its sentence ended
        first = draft.paragraphs[:1] if draft.paragraphs and layout.is_terminal(draft.paragraphs[0]) else draft.paragraphs[:2]
        opening_text = "\n".join(first)[:LEAD_CHARS]
        lead = opening_text.replace("\n", "")
        region = self.resolver.resolve(
            " ".join(x for x in (kicker, headline, subheadline, affiliation) if x),
            draft.source_line + lead,
            body[len(opening_text):],
            draft.groups,
            context,
        )
        groups = list(dict.fromkeys(draft.groups + ([affiliation] if affiliation else [])))
        kind = _kind(draft)
        where_named = " ".join((kicker, headline, subheadline, draft.source_line, lead))
        return Article(
            id=article_key(name, headline, body),
            source=source,
            seq=seq,
            kind=kind,
            headline=headline,
            subheadline=subheadline,
            kicker=kicker,
            byline=tuple(persons),
            byline_groups=tuple(groups),
            source_line=draft.source_line,
            body=body,
            region=region,
            issue=context.issue,
            column=draft.column,
            continued=_continued(draft),
            signature=" ".join([u.text for u in draft.units if names.author_line(u.text)] + draft.signatures + draft.markers),
            review=review.review_reasons(draft, kind, headline, where_named, region, context.home),
        )


def _kind(draft: Draft) -> str:
    if draft.brief:
        return "brief"
    if draft.photo:
        return "photo"
    if draft.continued_from:
        return "fragment"
    if draft.reprint:
        return "reprint"
    if draft.column:
        return "column"
    return "news"


def _continued(draft: Draft) -> str:
    if draft.continued_from and draft.continued_to:
        return "both"
    return "from" if draft.continued_from else ("to" if draft.continued_to else "")


def article_key(source_name: str, headline: str, body: str) -> str:
    """Stable id from the file name and the article's own text (not its position).

    Rebuilding the same input gives the same ids, and editing one article leaves the
    ids of the others unchanged. Format: <file prefix>-<12 hex digits>.
    """
    stem = source_name.rsplit(".", 1)[0]
    prefix = stem.split("_", 1)[0] if "_" in stem else stem[:16]
    signature = content_chars(headline) + "|" + content_chars(body)[:80]
    digest = hashlib.sha1(f"{stem}\x00{signature}".encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"


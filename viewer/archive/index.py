"""The index format: what text is indexed and how, filter tokens, region codes, term_docs keys, verification columns.

The builder writes through these functions and the search reads through them, so a change
here changes both sides at once (and needs a new schema version).
"""

from __future__ import annotations

from viewer.domain import Article, RegionPath
from viewer.text.normalize import content_runs, fold, index_form

# Filter tokens live in article_fts.facets and article_words. They start with a private-use
# character, which text tokens never contain (it is not alphanumeric), so no text query,
# prefix queries included, can match them.
FACET_MARK = "\ue000"

# term_docs holds how many articles contain a term (one run of content characters, folded): every
# two-character term (one bigram token) found in at least TOKEN_DOCS_MIN, read from the index's
# vocabulary as Lucene's docFreq is, and every phrase of 3 to MAX_PHRASE_CHARS characters found
# in at least PHRASE_DOCS_MIN (counting one through FTS5 would take a millisecond or more). The
# count of such a term with no filter and nothing else is then a lookup.
TOKEN_DOCS_MIN = 1000
PHRASE_DOCS_MIN = 5000
MAX_PHRASE_CHARS = 16

# The article columns a term with separators (全国两会 精神) is checked against, and the same
# text as one SQL expression for checking it in Python after folding.
VERIFY_COLUMNS = ("body", "headline", "subheadline", "kicker", "byline_json", "byline_groups_json", "source_line")
VERIFY_TEXT = ("(headline || ' ' || subheadline || ' ' || kicker || ' ' || body || ' ' || byline_json"
               " || ' ' || byline_groups_json || ' ' || source_line)")


def indexed_texts(article: Article) -> tuple[str, str, str, str]:
    """The texts of the article_fts columns: body, headline, subheadline (with the kicker), byline."""
    byline = " ".join((*article.byline, *article.byline_groups, article.source_line))
    sub = " ".join(x for x in (article.kicker, article.subheadline) if x)
    return article.body, article.headline, sub, byline


def fts_fields(article: Article) -> tuple[str, str, str, str]:
    """The article_fts columns in bigram index form."""
    body, headline, sub, byline = map(index_form, indexed_texts(article))
    return body, headline, sub, byline


def word_text(article: Article) -> str:
    """The text whose in-word pieces go into article_words (headline and body)."""
    return f"{article.headline}\n{article.body}"


def region_token(region_id: int) -> str:
    return f"{FACET_MARK}region{region_id}"


def publication_token(publication_id: int) -> str:
    return f"{FACET_MARK}pub{publication_id}"


REGION_SEPARATOR = "/"


def region_code(region: RegionPath) -> str:
    """A region's code: its names from the province down, joined by "/" (江苏省/南京市/玄武区)."""
    return REGION_SEPARATOR.join(k for k in (region.province, region.city, region.county) if k)


def region_from_code(code: str | None) -> RegionPath:
    parts = code.split(REGION_SEPARATOR) if code else []
    return RegionPath(*(parts + [None, None, None])[:3])  # type: ignore[arg-type]


def region_code_and_ancestors(code: str) -> list[str]:
    """The codes of a region and of each region above it, the province first."""
    parts = code.split(REGION_SEPARATOR)
    return [REGION_SEPARATOR.join(parts[:depth]) for depth in range(1, len(parts) + 1)]


def bigrams(run: str) -> list[str]:
    """The bigram tokens of one folded run of two or more content characters."""
    return [run[k : k + 2] for k in range(len(run) - 1)]


def bigram_phrase(run: str) -> str:
    """The FTS5 phrase of one folded run of two or more content characters (a term_docs key)."""
    return '"' + " ".join(bigrams(run)) + '"'


def term_docs_key(text: str) -> str | None:
    """The key term_docs holds a term's article count under: the folded term when it is one run of
    two or more characters with nothing around it (工会, 总工会), else None."""
    folded = fold(text)
    runs = [run for _, run in content_runs(folded)]
    if len(folded) < 2 or len(runs) != 1 or runs[0] != folded:
        return None
    return folded


def is_term_docs_key(text: str) -> bool:
    """Would a search look this text up in term_docs? Not a bigram or phrase starting or ending
    with a joiner ("9." or -03 of 2025-03-14)."""
    return term_docs_key(text) == text

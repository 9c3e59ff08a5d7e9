"""Frozen dataclasses that cross layer boundaries (no ORM rows, no sqlite3.Row, no Qt types)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ARTICLE_KINDS = ("news", "photo", "brief", "column", "reprint", "fragment")
DATE_PRECISIONS = ("day", "month", "range", "unknown")

# Each kind's label (Chinese, English), and the prefix of a title made from the lead of an
# article printed without a headline (news gets none: its lead reads as a headline).
KIND_LABELS: dict[str, tuple[str, str]] = {
    "news": ("新闻", "News"),
    "photo": ("图片", "Photo"),
    "brief": ("简讯", "Brief"),
    "column": ("专栏", "Column"),
    "reprint": ("转载", "Reprint"),
    "fragment": ("续", "Continued"),
}
DERIVED_TITLE_PREFIXES: dict[str, tuple[str, str]] = {
    "news": ("", ""),
    "photo": ("图片说明：", "Photo caption: "),
    "brief": ("简讯：", "Brief: "),
    "column": ("专栏：", "Column: "),
    "reprint": ("转载：", "Reprint: "),
    "fragment": ("续：", "Continued: "),
}
LEAD_TITLE_CHARS = 24  # a derived title keeps at most this many characters of the lead
_SENTENCE_END = re.compile(r"[。！？；!?;]")


@dataclass(frozen=True)
class RegionPath:
    """Where an article is about: province, city and county names (any may be None)."""

    province: str | None = None
    city: str | None = None
    county: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"province": self.province, "city": self.city, "county": self.county}

    def label(self) -> str:
        return " ".join(part for part in (self.province, self.city, self.county) if part)


@dataclass(frozen=True)
class IssueInfo:
    """Metadata of one printed page (an issue page of a publication)."""

    publication: str
    publication_inferred: bool
    issue_date: str | None  # YYYY-MM-DD (first day of the range for inferred dates)
    date_precision: str  # one of DATE_PRECISIONS
    date_inferred: bool
    page: int | None
    section: str | None
    editors: tuple[str, ...] = ()
    source_file: str = ""


# Review flags the parser sets: code -> (Chinese, English) label shown to the archivist.
REVIEW_REASONS: dict[str, tuple[str, str]] = {
    "no_headline": ("未找到标题", "no headline found"),
    "weak_headline": ("标题与正文匹配依据不足", "headline matched to its text by weak evidence"),
    "region_from_mention": ("地区仅来自文中提及", "region taken from a passing mention"),
    "possible_merge": ("可能合并了多篇文章", "possibly several articles merged"),
    "possible_split": ("可能是另一篇文章的片段", "possibly a piece of another article"),
    "continuation_unmarked": ("续接关系未找到", "continuation not found"),
}


@dataclass(frozen=True)
class Article:
    """One article as the paper printed it, with the page's metadata."""

    id: str
    source: str
    seq: int
    kind: str
    headline: str
    subheadline: str
    kicker: str
    byline: tuple[str, ...]
    byline_groups: tuple[str, ...]
    source_line: str
    body: str  # paragraphs joined by "\n"
    region: RegionPath
    issue: IssueInfo
    column: str = ""
    continued: str = ""  # "", "from" (starts mid-text), "to" (ends mid-text), "both"
    signature: str = ""  # credit or signature lines as printed (张旭 摄, 通讯员 吴新宇张强卢克余)
    review: tuple[str, ...] = ()  # why the parser is unsure (codes of REVIEW_REASONS); empty when sure

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n") if p]

    @property
    def char_count(self) -> int:
        return len(self.body)


def kind_label(kind: str, language: str = "zh_CN") -> str:
    """新闻, 图片, 简讯, 专栏, 转载, 续 (or News, Photo, ... when language is "en")."""
    zh, en = KIND_LABELS.get(kind, (kind, kind))
    return en if language == "en" else zh


@dataclass(frozen=True)
class DisplayTitle:
    """The one title an article is shown and cited by; derived when the paper printed none."""

    text: str
    derived: bool  # made from the lead (show it as such, e.g. in grey)
    kind: str

    def __str__(self) -> str:
        return self.text


# a lead's bullet and its source line (●, 本报讯（通讯员 王鑫）, 西江日报讯): not part of a title made from it
_LEAD_PREFIX = re.compile(
    r"^[●▲◆★■□\s]*(?:(?:本报|本刊|本网|本台)[\u4e00-\u9fff\d]{0,10}?讯|[\u4e00-\u9fff·]{1,14}?(?:报|网|台|刊|社)讯)?"
    r"\s*(?:[（(][^（）()]{0,40}[）)])?[\s：:]*"
)


def lead_title(body: str, limit: int = LEAD_TITLE_CHARS) -> str:
    """The first sentence of a body, cut to `limit` characters with an ellipsis when longer."""
    lead = next((p.strip() for p in body.split("\n") if p.strip()), "")
    lead = _LEAD_PREFIX.sub("", lead, count=1) or lead  # the bullet and source line are no title
    match = _SENTENCE_END.search(lead)
    sentence = lead[: match.start()] if match else lead
    return sentence if len(sentence) <= limit else sentence[:limit].rstrip("，、：,: ") + "…"


def derive_title(headline: str, kind: str, body: str, language: str = "zh_CN") -> DisplayTitle:
    """The printed headline, or a kind prefix and the lead (图片说明：3月14日，南京航空航天大学…)."""
    if headline.strip():
        return DisplayTitle(headline.strip(), False, kind)
    zh, en = DERIVED_TITLE_PREFIXES.get(kind, ("", ""))
    lead = lead_title(body) or ("(untitled)" if language == "en" else "（无标题）")
    if kind == "fragment" and body.strip():
        lead = "…" + lead  # a continuation starts mid-text
    return DisplayTitle((en if language == "en" else zh) + lead, True, kind)


def display_title(article: Article, language: str = "zh_CN") -> DisplayTitle:
    """The title of an article everywhere it is shown, cited, exported or compiled."""
    return derive_title(article.headline, article.kind, article.body, language)


@dataclass(frozen=True)
class SearchHit:
    """One ranked search result."""

    article_id: str
    headline: str
    publication: str
    issue_date: str | None
    page: int | None
    region: RegionPath
    snippet: str
    score: float
    title_derived: bool = False  # `headline` was made from the lead (display_title): shown as such
    kind: str = "news"


@dataclass(frozen=True)
class Facet:
    """A facet bucket: a value and how many hits carry it."""

    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    """Hits of one query page, the total, and how the query was understood."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    terms: tuple[str, ...] = ()
    notice: str = ""  # explanation when part of the query was read literally
    elapsed_ms: float = 0.0


@dataclass(frozen=True)
class Facets:
    """Hit counts by city, publication and year for a query, and how many articles match it."""

    region: tuple[Facet, ...] = ()
    publication: tuple[Facet, ...] = ()
    year: tuple[Facet, ...] = ()
    matches: int = 0


@dataclass(frozen=True)
class TreeNode:
    """A node of a navigator tree (region or issue), with its article count."""

    key: str
    label: str
    count: int
    has_children: bool
    article_id: str | None = None
    children_hint: tuple[str, ...] = field(default=())
    derived: bool = False  # an article's label made from its lead (display_title)


@dataclass(frozen=True)
class Snapshot:
    """What user data remembers of an article, to find it again in a rebuilt archive."""

    article_id: str
    headline: str
    publication: str
    issue_date: str | None
    excerpt: str = ""  # the first characters of the body


@dataclass(frozen=True)
class TagInfo:
    """A tag with its colour, parent, favourite key (1-9) and the ids of its articles."""

    name: str
    color: str
    parent: str | None
    shortcut: int | None
    article_ids: frozenset[str]  # articles carrying this very tag
    all_article_ids: frozenset[str] = frozenset()  # and those of the tags below it (what 标签:name finds)

    @property
    def count_ids(self) -> frozenset[str]:
        """The articles a count shows: the tag's and its children's (its own when the tree is unknown)."""
        return self.all_article_ids or self.article_ids


@dataclass(frozen=True)
class BookmarkInfo:
    article_id: str
    headline: str
    note: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Orphan:
    """An annotated article id the current archive no longer has, with what is known of it."""

    snapshot: Snapshot
    tags: tuple[str, ...]
    note: str | None

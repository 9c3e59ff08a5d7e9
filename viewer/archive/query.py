"""The query language: words (AND), "phrases", OR, -exclusion, fields; never raises on input.

Parsing yields a `Query`: groups of alternatives that must all match, excluded terms,
and filters. Each text term becomes an FTS5 phrase over character bigrams, which is
exact for substrings: a term matches an article exactly when the article contains it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from viewer.archive import index
from viewer.domain import KIND_LABELS
from viewer.text.normalize import content_runs, fold, run_tokens

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32  # words searched at most (loose mode cuts a long sentence into many)
FIELD_ALIASES = {
    "标题": "title", "title": "title",
    "作者": "author", "author": "author",
    "地区": "region", "region": "region",
    "日期": "date", "date": "date",
    "出版物": "pub", "pub": "pub", "报刊": "pub",
    "标签": "tag", "tag": "tag",
    "类型": "kind", "kind": "kind",
}
# 类型:图片 / kind:photo → the kind the parser gave an article
KIND_NAMES = {name: kind for kind, names in KIND_LABELS.items() for name in (kind, *names)} | {
    "消息": "news", "照片": "photo", "续文": "fragment"}
TOKEN_RE = re.compile(r'-?(?:[^\s:："“”]+[:：])?(?:"[^"]*"|“[^”]*”|[^\s"“”]+)|["“”]')
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True)
class Term:
    """A piece of text to find, optionally only in one field (title or author)."""

    text: str  # as typed (for highlighting)
    field: str = ""  # "", "title", "author"

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def runs(self) -> list[str]:
        """The folded term's runs of content characters (joiners inside included)."""
        return [run for _, run in content_runs(self.folded)]

    def needs_verification(self) -> bool:
        """Is the term more than one run (全国两会 精神, 1869，7) or has punctuation around its run (AI.)?

        Such a term's phrase cannot say what lies between or around its runs, so the
        candidates are checked against the text. Joiners inside a run (1869.7, 3·15) are indexed.
        """
        runs = self.runs
        return len(runs) != 1 or runs[0] != self.folded

    def fts(self) -> str:
        """The FTS5 expression: a phrase of bigram tokens, column-filtered when fielded.

        A term with separators (全国两会 精神) is verified against the text afterwards, so its
        phrase may be a superset: a trailing one-character run is left out rather than made a slow
        prefix query, but the run before it keeps its end token (1869，7 → "18 86 69 9": 1869 at
        the end of a run), which keeps the candidates few. Only a one-character term is a prefix query ("工"*: any token from 工).
        """
        runs = self.runs
        dropped_tail = len(runs) > 1 and len(runs[-1]) == 1
        if dropped_tail:
            runs.pop()
        tokens: list[str] = []
        for i, run in enumerate(runs):
            if i < len(runs) - 1 or dropped_tail:  # the run is known to end here: keep its end token
                tokens.extend(run_tokens(run))
            elif len(run) > 1:
                tokens.extend(index.bigrams(run))
            else:
                tokens.append(run)
        prefix = len(runs) == 1 and len(runs[0]) == 1
        phrase = '"' + " ".join(tokens) + '"' + ("*" if prefix else "")
        columns = {"title": "{headline subheadline}", "author": "byline"}.get(self.field)
        return f"{columns} : {phrase}" if columns else phrase

    def lookup_text(self) -> str | None:
        """The text term_docs may hold this term's article count under: the folded term when it is
        one run of two or more characters with nothing around it and no field (工会, 总工会)."""
        return None if self.field else index.term_docs_key(self.text)

    def in_word_form(self) -> str | None:
        """The term as it would appear inside one of jieba's words (the article_words index).

        Matches inside a word rank above matches that cross word boundaries (化工 in 数智化工会).
        """
        runs = self.runs
        if self.field or len(runs) != 1 or len(runs[0]) < 2 or not runs[0].isalnum():
            return None  # a word never holds a joiner (jieba cuts 1869.7 at the point)
        return runs[0]


@dataclass(frozen=True)
class DateRange:
    start: str  # inclusive YYYY-MM-DD
    end: str  # inclusive YYYY-MM-DD
    swapped: bool = False  # typed end first (9999..0000); searched in order


@dataclass
class Query:
    """A parsed query."""

    raw: str
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    dates: list[DateRange] = field(default_factory=list)
    publications: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[Term]:
        return [t for group in self.groups for t in group]

    @property
    def has_text(self) -> bool:
        return bool(self.groups)

    @property
    def has_filters(self) -> bool:
        return bool(self.regions or self.dates or self.publications or self.tags or self.kinds)

    def is_empty(self) -> bool:
        return not (self.groups or self.has_filters)

    def fts_expression(self, required: tuple[str, ...] = ()) -> str:
        """The MATCH expression: AND of groups and `required` clauses, NOT exclusions; '' if none."""
        parts = ["(" + " OR ".join(t.fts() for t in group) + ")" for group in self.groups]
        parts += [f"({clause})" for clause in required]
        if not parts:
            return ""
        expression = " AND ".join(parts)
        for term in self.excluded:
            expression = f"{expression} NOT ({term.fts()})"
        return expression


def _parse_date(value: str) -> DateRange | None:
    value = value.replace("/", "-").replace(".", "-")
    if ".." in value or "--" in value:
        left, _, right = value.replace("--", "..").partition("..")
        a, b = _parse_date(left), _parse_date(right)
        if not (a and b):
            return None
        return DateRange(b.start, a.end, swapped=True) if a.start > b.end else DateRange(a.start, b.end)
    m = DATE_RE.match(value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        try:
            d = dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError:  # 2025-13-45, 2025-02-30
            return None
        return DateRange(d, d)
    if month:
        if not 1 <= int(month) <= 12:
            return None
        return DateRange(f"{year}-{int(month):02d}-01", f"{year}-{int(month):02d}-31")
    return DateRange(f"{year}-01-01", f"{year}-12-31")


def parse_query(raw: str, loose: bool = False, split_words: object = None) -> Query:
    """Parse user input. Never raises: what cannot be read as syntax is searched as text.

    Args:
        raw: what the user typed.
        loose: 模糊 mode: an unspaced run is split into words (by `split_words`) that must all occur.
        split_words: a callable str -> list[str] (jieba) used in loose mode.
    """
    raw = raw.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # undecodable bytes from argv
    text = raw.strip()
    query = Query(raw=raw)
    if "\ufffd" in text:
        query.notices.append("查询中有无法识别的字符（显示为 �），已按原样查找；请检查输入法或终端编码")
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        query.notices.append(f"查询过长，只使用了前 {MAX_QUERY_CHARS} 个字符")
    if text.count('"') % 2:
        text = text.replace('"', " ")
        query.notices.append("引号不成对，已按普通文字查找")
    pending_or = False
    for token in TOKEN_RE.findall(text):
        if token in ('"', "“", "”"):
            continue
        if token.upper() == "OR" or token == "|":
            pending_or = bool(query.groups)
            continue
        negative = token.startswith("-") and len(token) > 1
        body = token[1:] if negative else token
        name, value = _split_field(body)
        if name in ("region", "date", "pub", "tag", "kind"):
            _add_filter(query, name, value)
            pending_or = False
            continue
        literal = value.strip('"“”')
        if not any(ch.isalnum() for ch in fold(literal)):
            if literal:
                query.notices.append(f"“{literal}”不含可查找的文字，已忽略")
            continue
        pieces = [literal]
        if loose and split_words is not None and not name and not negative and " " not in literal:
            pieces = [w for w in split_words(literal) if any(ch.isalnum() for ch in w)] or [literal]  # type: ignore[operator]
        for piece in pieces:
            if len(query.positive_terms) + len(query.excluded) >= MAX_TERMS:
                notice = f"查询词过多，只使用了前 {MAX_TERMS} 个词"
                if notice not in query.notices:
                    query.notices.append(notice)
                break
            term = Term(piece, name or "")
            if negative:
                if term not in query.excluded:
                    query.excluded.append(term)
            elif pending_or and query.groups:
                if term not in query.groups[-1]:
                    query.groups[-1].append(term)
            elif [term] not in query.groups:  # a word said twice is searched once (工工工… in loose mode)
                query.groups.append([term])
            pending_or = False
    if query.excluded and not query.groups and not query.has_filters:
        query.notices.append("只有排除词：请至少输入一个要查找的词")
    return query


def _split_field(token: str) -> tuple[str | None, str]:
    m = re.match(r"^([^\s:：]+)[:：](.+)$", token)
    if m and m.group(1).lower() in FIELD_ALIASES:
        return FIELD_ALIASES[m.group(1).lower()], m.group(2)
    return None, token


def _add_filter(query: Query, name: str, value: str) -> None:
    value = value.strip('"“”')
    if name == "region":
        query.regions.append(value)
    elif name == "pub":
        query.publications.append(value)
    elif name == "tag":
        query.tags.append(value)
    elif name == "kind":
        kind = KIND_NAMES.get(value.lower()) or KIND_NAMES.get(value)
        if kind is None:
            query.notices.append(f"没有“{value}”这种类型（可用：新闻、图片、简讯、专栏、转载、续），已忽略")
        elif kind not in query.kinds:
            query.kinds.append(kind)
    else:
        parsed = _parse_date(value)
        if parsed and parsed.swapped:
            query.notices.append(f"日期范围“{value}”起止颠倒，已按 {parsed.start}..{parsed.end} 查找")
        if parsed:
            query.dates.append(parsed)
        else:
            query.notices.append(f"无法识别的日期“{value}”（示例：2025、2025-03、2025-03-01..2025-04-30）")

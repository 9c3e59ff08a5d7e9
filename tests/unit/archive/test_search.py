"""Search over the seed archive: exact substring recall and precision, syntax, ranking, facets."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.archive import Archive
from viewer.errors import ArchiveError, QuerySyntaxError
from viewer.text.normalize import fold


def scan(archive, needle):
    """Reference answer: articles whose text contains the needle (folded)."""
    needle = fold(needle)
    return {
        a.id for a in archive.articles()
        if needle in fold(" ".join((a.headline, a.subheadline, a.kicker, a.body, a.source_line,
                                     " ".join(a.byline), " ".join(a.byline_groups))))
    }


def found(archive, query, **kw):
    result = archive.search(query, limit=1000, **kw)
    assert result.total == len(result.hits)
    return {h.article_id for h in result.hits}


@pytest.mark.parametrize(
    "needle",
    ["工会", "工", "会", "总工会", "农民", "农民工", "魏国强", "劳模工匠助企行", "3月14日", "化工", "中电光谷",
     "DeepSeek", "deepseek", "AI", "ai", "2025", "康乃馨", "秦淮", "滕州", "洪泽区", "1869.7", "不存在的词语"],
)
def test_substring_recall_and_precision(archive, needle):
    assert found(archive, needle) == scan(archive, needle)


def test_full_width_and_case_are_folded(archive):
    assert found(archive, "ＤｅｅｐＳｅｅｋ") == found(archive, "deepseek") != set()


def test_and_or_not_and_phrases(archive):
    both = found(archive, "工会 南京")
    assert both == scan(archive, "工会") & scan(archive, "南京")
    assert found(archive, "滕州 OR 洪泽") == scan(archive, "滕州") | scan(archive, "洪泽")
    assert found(archive, "工会 -南京") == scan(archive, "工会") - scan(archive, "南京")
    assert found(archive, '"新时代 新思想"') <= scan(archive, "新时代")


def test_fields(archive):
    titles = found(archive, "标题:无锡")
    assert titles and all("无锡" in archive.article(i).headline for i in titles)
    assert found(archive, "作者:王鑫") == {a.id for a in archive.articles() if "王鑫" in a.byline}
    yancheng = found(archive, "地区:盐城")
    assert any(archive.article(i).region.county == "大丰区" for i in yancheng)  # a region includes its children
    assert all(archive.article(i).region.city == "盐城市" for i in yancheng)
    assert found(archive, "日期:2024") == {a.id for a in archive.articles() if (a.issue.issue_date or "").startswith("2024")}
    assert found(archive, "日期:2025-03-01..2025-04-30 工会") <= scan(archive, "工会")
    assert found(archive, "出版物:江苏工人报 劳模") <= scan(archive, "劳模")


def test_whole_words_rank_above_crossings(archive):
    hits = archive.search("化工", limit=10).hits
    assert hits and "化工" in hits[0].snippet


def test_snippets_use_callers_markers(archive):
    from viewer.archive.highlight import Markers

    hit = archive.search("康乃馨", markers=Markers("<<", ">>")).hits[0]
    assert "<<康乃馨>>" in hit.snippet


def test_match_offsets_cover_every_hit(archive):
    hit = archive.search("工会").hits[0]
    offsets = archive.match_offsets(hit.article_id, "工会")
    body = archive.article(hit.article_id).body
    assert [body[s:e] for s, e in offsets["body"]] == ["工会"] * body.count("工会")


def test_facets(archive):
    facets = archive.facets("劳模")
    assert sum(f.count for f in facets.publication) == archive.search("劳模").total
    assert any(f.value == "盐城市" for f in facets.region)
    assert {f.value for f in facets.year} <= {"2024", "2025"}


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "OR", "AND", "NOT", "NEAR(", "*", "工会*", "😀", "'; DROP TABLE article; --",
     "标题:", "日期:tomorrow", "a" * 10000, "(((", "{headline}: x", "^工会", "-", "--", "工会 OR"],
)
def test_malformed_queries_never_raise_unexpectedly(archive, query):
    try:
        result = archive.search(query)
    except QuerySyntaxError as e:
        assert e.message_zh
    else:
        assert result.total >= 0


def test_only_exclusions_is_explained(archive):
    with pytest.raises(QuerySyntaxError) as err:
        archive.search("-南京")
    assert "至少" in err.value.message_zh


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=40))
def test_fuzzed_queries(seed_archive_path, text):
    with Archive.open(seed_archive_path) as archive:
        try:
            archive.search(text, limit=5)
        except QuerySyntaxError as e:
            assert e.message_zh


def test_open_errors(tmp_path):
    with pytest.raises(ArchiveError) as missing:
        Archive.open(tmp_path / "none.sqlite")
    assert "找不到" in missing.value.message_zh
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ArchiveError) as corrupt:
        Archive.open(garbage)
    assert "损坏" in corrupt.value.message_zh
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x(y)").connection.commit()
    with pytest.raises(ArchiveError):
        Archive.open(other)


@pytest.mark.parametrize("version", [0, 4])
def test_old_schema_is_refused(tmp_path, seed_archive_path, version):
    import shutil

    old = tmp_path / "old.sqlite"
    shutil.copy(seed_archive_path, old)
    conn = sqlite3.connect(old)
    conn.execute(f"PRAGMA user_version = {version}")
    if version == 4:  # schema 4 had token_docs where 5 has term_docs
        conn.execute("ALTER TABLE term_docs RENAME TO token_docs")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError) as err:
        Archive.open(old)
    assert "过旧" in err.value.message_zh and "python -m viewer build" in err.value.message_zh


def test_archive_is_read_only(archive):
    with pytest.raises(sqlite3.OperationalError):
        archive.conn.execute("DELETE FROM article")


def test_archive_keeps_text_in_utf16(seed_archive_path):
    """Chinese text takes two bytes a character in UTF-16 against three in UTF-8."""
    conn = sqlite3.connect(seed_archive_path)
    try:
        assert conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-16le"
    finally:
        conn.close()


@pytest.mark.parametrize(("text", "verified"), [
    ("1869.7", False), ("2025-03-14", False), ("3·15", False), ("工会", False),  # exact in the index
    ("1869，7", True), ("全国两会 精神", True), ("AI.", True), ("3-", True),
])
def test_only_terms_the_index_cannot_pin_down_are_checked_against_the_text(text, verified):
    from viewer.archive.query import Term

    assert Term(text).needs_verification() is verified


def test_newest_first_lists_read_an_index_in_order(archive):
    """Region lists and the facets' labels read an index in order: no sort of a whole region."""
    statements: list[str] = []
    archive.conn.set_trace_callback(statements.append)
    try:
        archive.trees.region_articles("江苏省/南京市", limit=5)
        archive.trees.browse(region="江苏省/南京市", limit=5)
        archive.trees.browse(publication="江苏工人报", limit=5)
        archive.facets("工会")
    finally:
        archive.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    for sql in selects:
        plan = " | ".join(row[3] for row in archive.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "TEMP B-TREE FOR ORDER BY" not in plan, sql
        assert "SCAN a\b" not in plan and not plan.startswith("SCAN article |"), sql  # no full table scan


@pytest.mark.parametrize(("region", "publication", "year"), [
    ("江苏省", None, None), ("江苏省/盐城市", None, None), ("", None, None), ("江苏省/火星市", None, None),
    (None, "江苏工人报", None), (None, "江苏工人报", "2025"), (None, "盐城工会", "2024"), (None, "江苏工人报", "1999"),
    (None, "江苏工人报", ""), ("江苏省/南京市", "江苏工人报", None), (None, "没有这份报纸", None),
])
def test_browsing_a_node_lists_its_articles_newest_first(archive, region, publication, year):
    """Whichever way a node is read (filter tokens and a rowid range, or SQL), the list is the same."""
    clauses, params = [], []
    if region is not None:
        clauses.append("coalesce(r.code, '') = ? OR r.code LIKE ? || '/%'" if region else "r.code IS NULL")
        params += [region, region] if region else []
    if publication is not None:
        clauses.append("p.name = ?")
        params.append(publication)
    if year is not None:
        clauses.append("substr(a.sort_date, 1, 4) = ?")
        params.append(year)
    expected = [k for (k,) in archive.conn.execute(
        "SELECT a.key FROM article a JOIN issue i ON i.id = a.issue_id JOIN publication p ON p.id = i.publication_id"
        f" LEFT JOIN region r ON r.id = a.region_id WHERE ({') AND ('.join(clauses)}) ORDER BY a.sort_date DESC, a.id",
        params)]
    result = archive.trees.browse(region=region, publication=publication, year=year, limit=1000)
    assert [h.article_id for h in result.hits] == expected
    assert result.total == len(expected)

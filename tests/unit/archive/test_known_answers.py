"""Search over a small hand-made archive whose answers are known: matching, ranking, filters."""

import pytest

from viewer.archive import Archive, index
from viewer.archive import match as match_module
from viewer.archive import rank as rank_module
from viewer.domain import Article, IssueInfo, RegionPath
from viewer.ingest.build import PageInput, write_articles
from viewer.text.normalize import fold

# key: (date, publication, region, headline, body, byline)
ARTICLES = {
    "chem": ("2020-05-01", "江苏工人报", ("江苏省", "南京市", None), "化工园区安全生产检查", "本市化工企业开展安全检查。", ()),
    "hub": ("2024-05-01", "江苏工人报", ("江苏省", "盐城市", "大丰区"), "数智化工会驿站建成",
            "全天候数智化工会驿站建成，服务职工。", ("王鑫",)),
    "farm": ("2023-01-10", "盐城工会", ("江苏省", "盐城市", None), "关爱农民工", "为农民工讨薪，农民工权益得到保障。", ()),
    "farmer": ("2022-03-14", "江苏工人报", ("江苏省", "无锡市", None), "农民丰收节", "农民喜获丰收。3月14日举行表彰。", ()),
    "latin": ("2025-02-01", "江苏工人报", ("江苏省", "苏州市", None), "ＤｅｅｐＳｅｅｋ进车间",
              "工人用DeepSeek和AI助手写报告，增幅1869.7万元。", ("季亚婷", "蔡梅")),
    "union": ("2025-03-17", "江苏工人报", ("江苏省", None, None), "省总工会召开会议", "总工会部署劳模工匠助企行。", ("王鑫",)),
    "old": ("2016-07-01", "兴化工会专刊", ("江苏省", "泰州市", "兴化市"), "兴化职工书屋", "兴化工会建设职工书屋。", ()),
    "figures": ("2019-06-01", "江苏工人报", ("江苏省", "常州市", None), "统计数字",
                "产值21869.7亿元，另有18697件与1869，7人。", ()),
    "dates": ("2018-03-15", "江苏工人报", ("江苏省", "南通市", None), "晚会通知",
              "会议于2025-03-14召开，3·15晚会9:30开始，约翰·史密斯到场。", ()),
    "nodate": (None, "江苏工人报", ("江苏省", "泰州市", "兴化市"), "无日期的稿件", "工会简讯，本月发布通知。", ()),
}


def make_article(key: str, spec: tuple | None = None) -> Article:
    date, pub, region, headline, body, byline = spec or ARTICLES[key]
    issue = IssueInfo(pub, False, date, "day" if date else "unknown", False, 1, "要闻", (), f"fixture/{key}.txt")
    return Article(id=key, source=issue.source_file, seq=1, kind="news", headline=headline, subheadline="",
                   kicker="", byline=byline, byline_groups=(), source_line="", body=body,
                   region=RegionPath(*region), issue=issue)


@pytest.fixture(scope="module")
def fixture_archive(tmp_path_factory, segmenter):
    path = tmp_path_factory.mktemp("known") / "known.sqlite"
    pages = [PageInput((make_article(k),), f"{i:064d}") for i, k in enumerate(ARTICLES)]
    with pytest.MonkeyPatch.context() as patch:
        # Every term's and phrase's article count is kept: the known answers test the lookups too.
        patch.setattr(index, "TOKEN_DOCS_MIN", 1)
        patch.setattr(index, "PHRASE_DOCS_MIN", 1)
        write_articles(path, pages, segmenter, workers=1)
    with Archive.open(path, split_words=segmenter.words) as archive:
        yield archive


def ids(archive, query, **kw):
    return [h.article_id for h in archive.search(query, limit=100, **kw).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("化工", {"chem", "hub", "old"}),  # inside 数智化工会 and 兴化工会 too
        ("工会", {"hub", "union", "old", "nodate"}),
        ("农民", {"farm", "farmer"}),  # inside 农民工 as well
        ("农民工", {"farm"}),
        ("总工会", {"union"}),
        ("劳模工匠助企行", {"union"}),
        ("3月14日", {"farmer"}),
        ("deepseek", {"latin"}),
        ("ＡＩ", {"latin"}),
        ("1869.7", {"latin", "figures"}),  # inside 21869.7 too; not 18697 or 1869，7
        ("869.7", {"latin", "figures"}),
        ("1869.8", set()),
        ("1869，7", {"figures"}),
        ("2025-03-14", {"dates"}),  # joiners (. - · :) between two characters are indexed
        ("03-14", {"dates"}),
        ("3·15", {"dates"}),
        ("3.15", set()),
        ("9:30", {"dates"}),
        ("翰·史", {"dates"}),
        ("约翰史密斯", set()),
        ("报告，", {"latin"}),  # punctuation around a term is checked against the text
        ("报告。", set()),
        ("兴", {"old"}),
        ("鑫", {"hub", "union"}),
        ("工会 -驿站", {"union", "old", "nodate"}),
        ("农民工 OR 书屋", {"farm", "old"}),
        ('"全天候数智化工会驿站建成"', {"hub"}),
        ("标题:工会", {"hub", "union"}),
        ("作者:王鑫", {"hub", "union"}),
        ("地区:盐城", {"hub", "farm"}),  # a city includes its counties
        ("地区:大丰区", {"hub"}),
        ("地区:泰州 工会", {"old", "nodate"}),
        ("日期:2025", {"latin", "union"}),
        ("日期:2022-03", {"farmer"}),
        ("日期:2020-01-01..2023-12-31", {"chem", "farm", "farmer"}),
        ("日期:2018", {"dates"}),
        ("日期:2019-06-01..2020-05-01", {"figures", "chem"}),  # both ends of a range included
        ("日期:2017", set()),
        ("出版物:工会专刊", {"old"}),
        ("出版物:盐城 农民", {"farm"}),
        ("地区:火星 工会", set()),
        ("region", set()),  # filter tokens are never matched by text
        ("r", set()),
        ("标签:产改", set()),  # no user data in the archive itself
    ],
)
def test_known_answers(fixture_archive, query, expected):
    assert set(ids(fixture_archive, query)) == expected
    assert fixture_archive.count(query) == len(expected)
    assert set(fixture_archive.search_ids(query)) == expected


def test_whole_words_rank_above_crossings(fixture_archive):
    # chem is the oldest of the three, but only there is 化工 one of jieba's words.
    assert ids(fixture_archive, "化工")[0] == "chem"
    assert ids(fixture_archive, "地区:江苏 化工")[0] == "chem"  # with a filter, too


def test_headline_ranks_above_body_and_ties_go_newest_first(fixture_archive):
    ranked = ids(fixture_archive, "工会")
    assert set(ranked[:2]) == {"hub", "union"}  # 工会 in the headline
    assert ranked[2:] == ["old", "nodate"]  # same lengths, body only: a tie, newer first (undated last)


def test_loose_mode_splits_a_sentence_into_words(fixture_archive):
    assert ids(fixture_archive, "农民工权益保障") == []
    assert ids(fixture_archive, "农民工权益保障", loose=True) == ["farm"]


@pytest.mark.parametrize("window", [1, 2, 3, 100])
def test_pages_of_a_huge_match_set_are_complete_and_disjoint(fixture_archive, monkeypatch, window):
    """Beyond the rank window, matches follow newest first; paging never repeats or skips."""
    monkeypatch.setattr(rank_module, "RANK_WINDOW", window)
    every = set(fixture_archive.search_ids("工"))
    results = [fixture_archive.search("工", limit=2, offset=o) for o in range(0, 10, 2)]
    assert {r.total for r in results} == {len(every)}  # counted, or known from a window holding all
    pages = [r.hits for r in results]
    seen = [h.article_id for page in pages for h in page]
    assert len(seen) == len(set(seen)) == len(every)
    assert set(seen) == every


def test_facets_count_hits_by_city_publication_and_year(fixture_archive):
    facets = fixture_archive.facets("工会")
    assert {(f.value, f.count) for f in facets.region} == {("盐城市", 1), ("江苏省", 1), ("泰州市", 2)}
    assert {(f.value, f.count) for f in facets.publication} == {("江苏工人报", 3), ("兴化工会专刊", 1)}
    assert [f.value for f in facets.year] == ["2025", "2024", "2016", "（未知）"]


@pytest.mark.parametrize("query", ["工会", "工", "1869.7", "地区:盐城", "日期:2020..2025 农民", "工会 -驿站", "不存在"])
def test_facets_know_how_many_articles_match(fixture_archive, query):
    assert fixture_archive.facets(query).matches == fixture_archive.count(query) == len(fixture_archive.search_ids(query))


def test_counts_split_over_several_connections_agree(fixture_archive, monkeypatch):
    queries = ["工会", "化工", "农民", "兴", "日期:2020-01-01..2023-12-31", "地区:盐城", "工会 -驿站"]
    expected = [fixture_archive.count(q) for q in queries]
    monkeypatch.setattr(match_module, "PARALLEL_MIN_ROWS", 0)
    assert fixture_archive.engine.counter is not None or pytest.skip("one core: no parallel counter")
    assert [fixture_archive.count(q) for q in queries] == expected
    assert [fixture_archive.search(q).total for q in queries] == expected


@pytest.mark.parametrize("parallel", [False, True])
def test_the_page_of_a_huge_match_set_comes_before_its_total(fixture_archive, monkeypatch, parallel):
    """Past the rank window the hits do not wait for the count; the total, when asked, is exact."""
    monkeypatch.setattr(rank_module, "RANK_WINDOW", 2)
    if parallel:
        monkeypatch.setattr(match_module, "PARALLEL_MIN_ROWS", 0)
        assert fixture_archive.engine.counter is not None or pytest.skip("one core: no parallel counter")
    for query in ("工", "工会", "日期:2016..2025 工"):
        pending = fixture_archive.start_search(query, limit=2)
        assert len(pending.hits) == 2
        assert not pending.total.ready  # counted when first asked for
        complete = pending.result()
        assert complete.total == fixture_archive.count(query) == len(fixture_archive.search_ids(query)) > 2
        assert complete.hits == fixture_archive.search(query, limit=2).hits
        assert pending.total.ready


def test_a_match_set_within_the_window_is_its_own_total(fixture_archive):
    pending = fixture_archive.start_search("工会")
    assert pending.total.ready and pending.total.value() == len(pending.hits) == fixture_archive.count("工会")


def test_a_byte_hit_off_a_character_boundary_is_no_match(tmp_path, segmenter):
    """Verification looks for UTF-16 bytes: 1.5 is 31 00 2E 00 35 00, which ㄅ⸀㔀一 (05 31 00 2E
    00 35 00 4E) holds one byte off a character boundary. That article is an FTS candidate for
    1.5 (it has 1 and 5 as runs) but does not contain it."""
    specs = {"bytes": ("2021-01-01", "江苏工人报", ("江苏省", None, None), "编码", "编号1 5与ㄅ⸀㔀一。", ()),
             "decimal": ("2021-01-02", "江苏工人报", ("江苏省", None, None), "小数", "增长1.5倍。", ())}
    path = tmp_path / "bytes.sqlite"
    pages = [PageInput((make_article(k, spec),), f"{i:064d}") for i, (k, spec) in enumerate(specs.items())]
    write_articles(path, pages, segmenter, workers=1)
    with Archive.open(path) as archive:
        assert "1 5" in archive.article("bytes").body and "ㄅ⸀㔀一".encode("utf-16-le").find(b"1\x00.\x005\x00") == 1
        assert archive.search_ids("1.5") == ["decimal"]
        assert archive.count("1.5") == archive.search("1.5").total == 1


@pytest.mark.parametrize(("query", "lookup"), [
    ("工会", "工会"), ("ＡＩ", "ai"), ("总工会", "总工会"), ("劳模工匠助企行", "劳模工匠助企行"), ("1869.7", "1869.7"),
    ("工", None), ("标题:工会", None), ("工会 -驿站", None), ("地区:盐城 工会", None), ("日期:2025 工会", None),
    ("工会 劳模", None), ("报告，", None), ("1869，7", None),
])
def test_only_a_lone_unfiltered_term_is_counted_by_lookup(fixture_archive, query, lookup):
    engine = fixture_archive.engine
    assert engine.plan(engine.parse(query)).lookup == lookup
    if lookup:
        docs = engine.conn.execute("SELECT docs FROM term_docs WHERE term = ?", (lookup,)).fetchone()[0]
        assert fixture_archive.count(query) == docs == len(fixture_archive.search_ids(query))


def test_term_docs_holds_exact_counts_of_terms_and_phrases(fixture_archive):
    """Every stored count is the number of articles whose text holds the term (folded)."""
    engine = fixture_archive.engine
    rows = engine.conn.execute("SELECT term, docs FROM term_docs").fetchall()
    texts = [fold(" ".join((a.headline, a.body, *a.byline))) for a in map(make_article, ARTICLES)]
    assert {len(term) for term, _ in rows} >= {2, 3, index.MAX_PHRASE_CHARS}
    assert all(term[0].isalnum() and term[-1].isalnum() for term, _ in rows)  # never "-03" of 2025-03-14
    for term, docs in rows:
        assert docs == sum(term in text for text in texts), term

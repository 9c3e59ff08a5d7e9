"""Any query text, limit and offset answers or explains, in the facade and the CLI (issue 18, 10)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.archive import Archive
from viewer.archive.query import MAX_TERMS, parse_query
from viewer.errors import QuerySyntaxError

from .conftest import ROOT, one_clean_line, run_cli

QUERY_PIECES = st.sampled_from(['"', "“", "”", "OR", "|", "-", ":", "：", "标题:", "日期:", "地区:", "标签:", "..",
                                "2025-13-45", "9999..0000", "工会", "劳模", " ", "\x00", "\ud800", "\U0001f600",
                                "\u202e", "\x1b[31m", "*", "(", ")", "NEAR", "^", "AND", "NOT"])
HOSTILE_TEXT = st.lists(st.one_of(QUERY_PIECES, st.text(max_size=8)), max_size=12).map("".join)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE_TEXT, st.booleans())
def test_the_query_parser_never_raises(text, loose):
    query = parse_query(text, loose=loose, split_words=lambda s: [s[i : i + 2] for i in range(0, len(s), 2)])
    assert len(query.positive_terms) + len(query.excluded) <= MAX_TERMS
    for term in query.positive_terms + query.excluded:
        term.fts().encode("utf-8")  # no lone surrogate reaches SQLite
    for dates in query.dates:
        assert dates.start <= dates.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(HOSTILE_TEXT, st.integers(min_value=-(2**70), max_value=2**70), st.integers(min_value=-(2**70), max_value=2**70))
def test_the_facade_answers_or_explains_any_query_and_paging(archive, text, limit, offset):
    try:
        result = archive.search(text, limit=limit, offset=offset)
    except QuerySyntaxError as e:
        assert e.message_zh
        return
    assert result.total >= 0 and len(result.hits) <= max(0, limit)
    json.dumps(result.query).encode("utf-8")


@pytest.mark.parametrize(("query", "explained"), [
    ("日期:2025-13-45", "无法识别的日期"),
    ("工会 日期:2025-02-30", "无法识别的日期"),
    ("工会 日期:9999..0000", "起止颠倒"),
])
def test_impossible_dates_are_explained_not_a_silent_zero(archive, query, explained):
    try:
        result = archive.search(query)
    except QuerySyntaxError as e:
        assert explained in e.message_zh
        return
    assert explained in (result.notice or "")


def test_a_reversed_range_is_searched_in_order(archive):
    forwards = archive.search("工会 日期:0000..9999")
    backwards = archive.search("工会 日期:9999..0000")
    assert backwards.total == forwards.total > 0


def test_loose_mode_is_bounded(seed_archive_path, segmenter):
    with Archive.open(seed_archive_path, split_words=segmenter.words) as archive:
        body = next(a.body for a in archive.articles() if len(a.body) > 1000)
        started = time.perf_counter()
        result = archive.search(body[:1000].replace("\n", ""), loose=True)
        assert time.perf_counter() - started < 5
        assert (result.notice or "").count(f"前 {MAX_TERMS} 个词") == 1  # said once


@pytest.mark.parametrize("argv", [
    ["search", "--limit", str(2**70), "工会"],
    ["search", "--offset", str(2**70), "工会"],
    ["search", "--limit", "-1", "工会"],
    ["search", "--offset", "-5", "工会"],
    ["search", "工会", "--json", "--limit", "99999999999999999999"],
])
def test_huge_and_negative_paging_in_the_cli(seed_archive_path, argv):
    code, out, err = run_cli(*argv, "--db", str(seed_archive_path))
    assert code in (0, 2) and "Traceback" not in err
    if code:
        assert one_clean_line(err)


@pytest.mark.parametrize("raw", [b"\xff\xfe\xe5\xb7\xa5\xe4\xbc\x9a", b"\xed\xa0\x80", b"\xe5\xb7", b"\x1b]0;pwned\x07\xe5\xb7\xa5"])
def test_invalid_utf8_from_argv(seed_archive_path, raw):
    for extra in ([], ["--json"]):
        proc = subprocess.run([sys.executable, "-m", "viewer", "search", raw, "--db", str(seed_archive_path), *extra],
                              cwd=ROOT, capture_output=True, timeout=120)
        assert proc.returncode in (0, 2), proc.stderr
        assert b"Traceback" not in proc.stderr and b"\x1b" not in proc.stdout
        if extra:
            assert proc.returncode == 2 or json.loads(proc.stdout)["total"] >= 0


def test_a_word_repeated_is_searched_once():
    """Loose mode cut 1,000 × 工 into 32 identical one-character prefix queries (3-5 s on 30,000 articles)."""
    query = parse_query("工" * 1000, loose=True, split_words=list)
    assert [t.text for t in query.positive_terms] == ["工"]
    assert not any("查询词过多" in notice for notice in query.notices)
    query = parse_query("工会 工会 -南京 -南京 劳模 OR 劳模 工会")
    assert [[t.text for t in group] for group in query.groups] == [["工会"], ["劳模"]]
    assert [t.text for t in query.excluded] == ["南京"]


@pytest.mark.parametrize("text", ["工会\udcff", "\ud800工会", "工会\ufffd"])
def test_undecodable_characters_in_a_query_are_named(archive, text):
    result = archive.search(text)
    assert result.total == 0 and "无法识别的字符" in result.notice

"""One search per query: planned once, every answer from that plan; SQLite errors split by blame."""

import sqlite3

import pytest

from viewer.archive import Archive
from viewer.archive.plan import Planner
from viewer.archive.sql_errors import raise_sqlite_error
from viewer.errors import ArchiveError, BugError, QuerySyntaxError


def test_a_search_is_parsed_and_planned_once(archive, monkeypatch):
    calls: list[str] = []
    real_parse, real_plan = Planner.parse, Planner.plan
    monkeypatch.setattr(Planner, "parse", lambda self, text, loose=False: calls.append("parse") or
                        real_parse(self, text, loose))
    monkeypatch.setattr(Planner, "plan", lambda self, q: calls.append("plan") or real_plan(self, q))
    search = archive.query("工会 地区:江苏")
    first, second = search.page(limit=3), search.page(limit=3, offset=3)
    total, facets, ids = search.total(), search.facets(), search.ids()
    assert calls == ["parse", "plan"]
    assert total == facets.matches == len(ids) == archive.search("工会 地区:江苏").total
    assert [h.article_id for h in (*first.hits, *second.hits)] == [h.article_id for h in
                                                                   archive.search("工会 地区:江苏", limit=6).hits]


def test_the_facade_answers_as_the_search_object_does(archive):
    search = archive.query("劳模")
    assert archive.search("劳模").total == search.total() == archive.count("劳模")
    assert archive.search_ids("劳模") == search.ids()
    assert archive.facets("劳模") == search.facets()


def test_a_query_with_nothing_to_search_is_refused_when_made(archive):
    with pytest.raises(QuerySyntaxError):
        archive.query("-工会")
    empty = archive.query("😀")
    assert empty.total() == 0 and empty.ids() == [] and empty.notice


def test_a_tag_filter_without_user_data_says_so(archive):
    search = archive.query("标签:重要")
    assert search.total() == 0 and "个人数据" in search.notice


def test_a_tag_filter_uses_the_lookup_it_was_handed(seed_archive_path):
    with Archive.open(seed_archive_path) as plain:
        some = plain.search_ids("工会")[:3]
    with Archive.open(seed_archive_path, tag_ids=lambda name: set(some) if name == "重要" else set()) as tagged:
        assert set(tagged.query("标签:重要").ids()) == set(some)
        assert tagged.query("标签:其他").total() == 0


def _error(code: int, name: str, message: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode, error.sqlite_errorname = code, name
    return error


@pytest.mark.parametrize(("code", "name", "message", "expected"), [
    (1, "SQLITE_ERROR", 'fts5: syntax error near ""', QuerySyntaxError),
    (5, "SQLITE_BUSY", "database is locked", ArchiveError),
    (10, "SQLITE_IOERR", "disk I/O error", ArchiveError),
    (266, "SQLITE_IOERR_READ", "disk I/O error", ArchiveError),
    (8, "SQLITE_READONLY", "attempt to write a readonly database", ArchiveError),
    (11, "SQLITE_CORRUPT", "database disk image is malformed", ArchiveError),
    (26, "SQLITE_NOTADB", "file is not a database", ArchiveError),
    (1, "SQLITE_ERROR", "no such column: nothere", BugError),
])
def test_sqlite_errors_are_split_by_blame(code, name, message, expected):
    with pytest.raises(expected) as caught:
        raise_sqlite_error(_error(code, name, message), "SELECT nothere FROM article")
    if expected is ArchiveError:
        assert caught.value.message_zh != caught.value.message  # says what to do, in Chinese
    if expected is BugError:
        assert "nothere" in str(caught.value)


def test_a_mistake_in_our_sql_is_a_bug_not_a_query_error(archive, monkeypatch):
    from viewer.archive import hits

    monkeypatch.setattr(hits, "HIT_SQL", hits.HIT_SQL.replace("a.headline", "a.no_such_column"))
    with pytest.raises(BugError):
        archive.search("工会")


def test_a_damaged_archive_is_the_archive_s_fault(archive, tmp_path):
    broken = tmp_path / "broken.sqlite"
    data = bytearray(archive.path.read_bytes())
    data[len(data) // 2 :] = b"\xff" * (len(data) - len(data) // 2)  # the header survives, later pages do not
    broken.write_bytes(bytes(data))
    try:
        opened = Archive.open(broken)
    except ArchiveError:
        return  # refused when opened: also the archive's fault, said so
    with opened, pytest.raises(ArchiveError):
        opened.search_ids("工")

"""Team mode under faults: a hung or stopped server, bad URLs, and no password in any message (issue 18, 12, 14)."""

from __future__ import annotations

import logging
import os
import signal
import time

import pytest

from viewer.userdata import UserStore, database
from viewer.userdata.store import UserDataError

from .conftest import free_port, one_clean_line, run_cli

SECRET = "s3cr3t-Pa55"


def test_a_server_that_never_answers_fails_within_seconds(hung_server, caplog):
    url = f"postgresql+psycopg://team:{SECRET}@127.0.0.1:{hung_server}/archive"
    started = time.monotonic()
    with caplog.at_level(logging.DEBUG), pytest.raises(UserDataError) as raised:
        UserStore(url)
    assert time.monotonic() - started < 15
    error = raised.value
    assert "无法连接团队数据库" in error.message_zh and f"127.0.0.1:{hung_server}" in error.message_zh
    assert SECRET not in str(error) and SECRET not in error.message_zh and SECRET not in caplog.text


def test_a_server_that_is_down_is_a_message_without_the_password(monkeypatch, tmp_path):
    port = free_port()  # nothing listens there
    monkeypatch.setenv("ARCHIVE_VIEWER_DB_URL", f"postgresql+psycopg://team:{SECRET}@127.0.0.1:{port}/archive")
    monkeypatch.delenv("ARCHIVE_VIEWER_DATA", raising=False)
    code, out, err = run_cli("tags")
    assert code == 1 and one_clean_line(err) and SECRET not in err + out
    assert "无法连接团队数据库" in err


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://team:pw@host:notaport/db",
    "postgresql+psycopg://team:pw@host:99999/db",
    "postgresql+psycopg:///db",
    "mysql://team:pw@host/db",
    "nonsense-without-a-scheme",
    "postgresql+nosuchdriver://team:pw@host/db",
    "",
])
def test_bad_urls_are_clear_errors(url, monkeypatch):
    with pytest.raises(UserDataError) as raised:
        UserStore(url)
    assert "pw@" not in str(raised.value) and ":pw" not in raised.value.message_zh
    monkeypatch.setenv("ARCHIVE_VIEWER_DB_URL", url or "x")
    code, _, err = run_cli("tags")
    assert code == 1 and one_clean_line(err) and ":pw@" not in err


def test_a_stopped_server_is_a_message_and_a_restarted_one_is_used_again(pg_server):
    store = UserStore(pg_server.url)
    store.tag(["a"], ["产改"])
    pg_server.stop()
    try:
        with pytest.raises(UserDataError) as raised:
            store.tag(["b"], ["产改"])
        assert "无法连接团队数据库" in raised.value.message_zh
        with pytest.raises(UserDataError):
            store.tags()
    finally:
        pg_server.start()
    store.tag(["c"], ["产改"])
    assert store.article_ids_for_tag("产改") == {"a", "c"}
    store.close()


def test_tag_names_over_200_characters_from_the_cli(store_url, seed_archive_path, monkeypatch, tmp_path):
    from viewer.archive import Archive

    with Archive.open(seed_archive_path) as archive:
        article_id = next(archive.articles()).id
    if store_url.startswith("postgresql"):
        monkeypatch.setenv("ARCHIVE_VIEWER_DB_URL", store_url)
        where: list[str] = []
    else:
        where = ["--data-dir", str(tmp_path / "data")]
    code, _, err = run_cli("tag", article_id, "标" * 201, "--db", str(seed_archive_path), *where)
    assert code == 1 and one_clean_line(err) and "200" in err
    code, out, _ = run_cli("tags", "--json", "--db", str(seed_archive_path), *where)
    assert code == 0 and out.strip() == "[]"


def test_a_password_in_the_url_query_is_never_printed(monkeypatch):
    port = free_port()
    url = f"postgresql+psycopg://team@127.0.0.1:{port}/archive?password={SECRET}&application_name=x"
    with pytest.raises(UserDataError) as raised:
        UserStore(url)
    assert SECRET not in str(raised.value) + raised.value.message_zh
    assert f"127.0.0.1:{port}/archive" in raised.value.message_zh
    for where in ("", "?host=127.0.0.1"):  # libpq's host in the query is a host too
        bad = f"postgresql+psycopg://team@:{port}/archive{where}" + ("&" if where else "?") + f"password={SECRET}"
        monkeypatch.setenv("ARCHIVE_VIEWER_DB_URL", bad)
        code, out, err = run_cli("tags")
        assert code == 1 and one_clean_line(err) and SECRET not in out + err, err
    monkeypatch.setenv("ARCHIVE_VIEWER_DB_URL", f"postgresql+psycopg:///archive?host=127.0.0.1&port={port}")
    code, _, err = run_cli("tags")
    assert code == 1 and f"127.0.0.1:{port}/archive" in err, err  # the port given in the query is named


def test_an_unknown_host_is_said_to_be_unreachable():
    with pytest.raises(UserDataError) as raised:
        UserStore(f"postgresql+psycopg://team:{SECRET}@no-such-host.invalid/archive")
    assert "无法连接团队数据库" in raised.value.message_zh and "no-such-host.invalid" in raised.value.message_zh
    assert SECRET not in str(raised.value)


def test_an_unknown_user_or_database_is_named_as_such(pg_server):
    base = pg_server.url.rsplit("/", 1)[0].replace("postgres@", "nobody-here@")
    with pytest.raises(UserDataError) as raised:
        UserStore(f"{base}/postgres")
    assert "拒绝登录" in raised.value.message_zh
    with pytest.raises(UserDataError) as raised:
        UserStore(pg_server.url.rsplit("/", 1)[0] + "/no_such_database")
    assert "没有这个数据库" in raised.value.message_zh


def test_nul_characters_never_reach_the_database(store):
    with pytest.raises(UserDataError) as raised:
        store.tag(["a"], ["坏\x00标签"])
    assert "空字符" in raised.value.message_zh and store.tags() == []
    store.bookmark("a", "笔\x00记")
    store.save_search("名\x00字", "工\x00会")
    store.add_history("劳\x00模")
    assert store.bookmarks()[0].note == "笔记"
    assert store.saved_searches() == [("名字", "工会")] and store.history() == ["劳模"]


def test_a_server_that_freezes_mid_session_is_cut_off_within_seconds(pg_server, monkeypatch):
    """A frozen server (its kernel still acknowledges, its statement timeout never fires) waited for ever."""
    monkeypatch.setattr(database, "PG_ANSWER_SECONDS", 2)
    store = UserStore(pg_server.url)
    store.tag(["a"], ["冻结"])
    frozen = pg_server.pids()
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(UserDataError) as raised:
            store.tag(["b"], ["冻结"])
        assert time.monotonic() - started < 10
        assert "没有及时响应" in raised.value.message_zh and f"127.0.0.1:{pg_server.port}" in raised.value.message_zh
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
    store.tag(["c"], ["冻结"])  # the server is back: the same store works again
    assert {"a", "c"} <= store.article_ids_for_tag("冻结")
    store.close()


def test_undecodable_characters_are_stored_as_replacement_characters(store):
    """A lone surrogate (an undecodable byte) raised UnicodeEncodeError past the store's messages."""
    store.tag(["a"], ["坏\ud800字"])
    store.bookmark("a", "笔\udfff记")
    store.save_search("名\ud800", "工会")
    assert [t.name for t in store.tags()] == ["坏\ufffd字"]
    assert store.bookmarks()[0].note == "笔\ufffd记" and store.saved_searches() == [("名\ufffd", "工会")]
    with pytest.raises(UserDataError) as raised:
        store.tag(["编号\ud800"], ["产改"])
    assert "无法保存的字符" in raised.value.message_zh
    assert store.article_ids_for_tag("产改") == set()


def test_a_lock_held_by_another_session_is_reported_after_one_wait(pg_server, monkeypatch):
    """A lock not granted was retried eight times (over 80 s with the default wait) before any message."""
    import psycopg

    monkeypatch.setattr(database, "PG_LOCK_MS", 1000)
    store = UserStore(pg_server.url)
    store.tag(["a"], ["锁"])
    holder = psycopg.connect(pg_server.url.replace("+psycopg", ""))
    try:
        holder.execute("LOCK TABLE tag IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        with pytest.raises(UserDataError) as raised:
            store.tag(["b"], ["锁"])
        assert time.monotonic() - started < 5
        assert "锁定" in raised.value.message_zh
    finally:
        holder.rollback()
        holder.close()
    store.tag(["c"], ["锁"])
    assert store.article_ids_for_tag("锁") == {"a", "c"}
    store.close()

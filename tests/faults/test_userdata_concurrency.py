"""Concurrent writers and simultaneous first starts never show an IntegrityError or a deadlock; every
action is one transaction; listeners hear each committed change (issue 18, 3 and 8; issue 15, 6)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from viewer.userdata import UserStore
from viewer.userdata.store import UserDataError

from .conftest import ROOT

# Every writer tags the same articles with the same new tags, merges and toggles: the worst races.
RACER = textwrap.dedent("""
    import sys
    from viewer.userdata import UserStore
    from viewer.userdata.store import UserDataError
    url, me, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = UserStore(url, user=me)
    for i in range(rounds):
        store.tag([f"shared-{i % 7}", f"{me}-{i}"], [f"共同{i % 5}", "产改"])
        store.toggle_tag([f"shared-{i % 3}"], f"开关{i % 2}")
        store.bookmark(f"shared-{i % 4}", f"{me} {i}")
        if i % 10 == 9:
            try:
                store.merge_tags(f"共同{i % 5}", "合并")
            except UserDataError:  # another writer merged it first: told so, nothing lost
                pass
    store.close()
    print("done", flush=True)
""")


def _racers(url: str, count: int, rounds: int) -> list[subprocess.CompletedProcess[str]]:
    procs = [subprocess.Popen([sys.executable, "-c", RACER, url, f"w{k}", str(rounds)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(count)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def test_concurrent_writers_never_see_a_conflict(store_url):
    UserStore(store_url).close()
    results = _racers(store_url, 4, 40)
    for result in results:
        assert result.returncode == 0 and result.stdout.strip() == "done", result.stderr[-2000:]
        assert "IntegrityError" not in result.stderr and "Deadlock" not in result.stderr
    store = UserStore(store_url)
    tags = {t.name: t.article_ids for t in store.tags()}
    assert {f"w{k}-{i}" for k in range(4) for i in range(40)} <= tags["产改"]  # no acknowledged tag lost
    assert all(tags[name] for name in tags if name != "开关0" and name != "开关1")  # no empty tag left behind
    store.close()


STARTER = textwrap.dedent("""
    import sys
    from viewer.userdata import UserStore
    UserStore(sys.argv[1]).close()
    print("ok", flush=True)
""")


def test_simultaneous_first_starts_create_the_schema_once(store_url):
    procs = [subprocess.Popen([sys.executable, "-c", STARTER, store_url], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(6)]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and out.strip() == "ok", err[-2000:]
    store = UserStore(store_url)
    assert store._current_revision() is not None
    store.tag(["a"], ["x"])
    store.close()


def test_an_action_that_fails_half_way_leaves_nothing(store):
    store.tag(["a"], ["已有"])
    with pytest.raises(UserDataError):
        store.tag(["b", "c"], ["新标签", "x" * 201])  # refused before anything is written
    with pytest.raises(UserDataError):  # the new target tag is created, then the missing source fails
        store.merge_tags("不存在", "合并目标")
    assert {t.name for t in store.tags()} == {"已有"}


def test_a_write_refused_half_way_by_the_database_rolls_back_the_new_tag(store_url):
    store = UserStore(store_url)
    try:  # PostgreSQL refuses article ids over 64 characters after the tag row is written; SQLite takes them
        store.tag(["ok", "y" * 100], ["只有标签"])
    except UserDataError as e:
        assert store_url.startswith("postgresql")
        assert "IntegrityError" not in e.message and "DataError" not in e.message_zh
        assert store.tags() == []  # the tag was not committed without its links
    else:
        assert store.article_ids_for_tag("只有标签") == {"ok", "y" * 100}
    store.close()


def test_tag_names_over_200_characters_are_a_clear_error(store):
    with pytest.raises(UserDataError) as raised:
        store.tag(["a"], ["长" * 201])
    assert "200" in raised.value.message_zh
    store.tag(["a"], ["长" * 200])
    with pytest.raises(UserDataError):
        store.rename_tag("长" * 200, "短" * 300)
    assert [len(t.name) for t in store.tags()] == [200]


def test_listeners_hear_each_committed_change_once(store):
    heard: list[str] = []
    unsubscribe = store.subscribe(heard.append)
    store.tag(["a"], ["产改"])
    store.bookmark("a", "笔记")
    store.save_search("盐城", "地区:盐城")
    store.add_history("工会")
    with pytest.raises(UserDataError):
        store.delete_tag("没有这个")  # failed: nothing committed, nothing announced
    assert heard == ["tags", "bookmarks", "searches", "history"]
    unsubscribe()
    store.untag(["a"], ["产改"])
    assert len(heard) == 4


def test_a_failing_listener_does_not_undo_the_change(store):
    def broken(_what: str) -> None:
        raise RuntimeError("listener bug")

    store.subscribe(broken)
    store.tag(["a"], ["产改"])
    assert store.article_ids_for_tag("产改") == {"a"}


def test_an_annotations_import_is_announced_and_atomic(store):
    from viewer.userdata.transfer import export_annotations, import_annotations

    store.tag(["a"], ["产改"])
    data = export_annotations(store)
    heard: list[str] = []
    store.subscribe(heard.append)
    data["article_tags"].append({"article_id": "b", "tag": "新"})
    data["bookmarks"].append({"article_id": "c", "note": 5})  # malformed: nothing at all imported
    with pytest.raises(UserDataError):
        import_annotations(store, data)
    assert heard == [] and {t.name for t in store.tags()} == {"产改"}
    data["bookmarks"].pop()
    import_annotations(store, data)
    assert heard == ["all"] and store.article_ids_for_tag("新") == {"b"}


def test_a_read_of_several_tables_sees_one_moment(store_url):
    """A tag and its link committed between the two queries of `tags()` are seen both or not at all."""
    from sqlalchemy import event

    reader, writer = UserStore(store_url), UserStore(store_url)
    reader.tag(["a"], ["先有"])
    done: list[bool] = []

    def interleave(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if not done and statement.lstrip().upper().startswith("SELECT") and "FROM tag" in statement:
            done.append(True)
            writer.tag(["b"], ["后来"])  # committed while the reader's action is half-way

    event.listen(reader.engine, "after_cursor_execute", interleave)
    try:
        names = {t.name: set(t.article_ids) for t in reader.tags()}
    finally:
        event.remove(reader.engine, "after_cursor_execute", interleave)
    assert done and names in ({"先有": {"a"}}, {"先有": {"a"}, "后来": {"b"}})
    assert {t.name for t in reader.tags()} == {"先有", "后来"}
    reader.close()
    writer.close()


def test_a_large_annotations_file_imports_in_seconds_and_once(store):
    """100,000 bookmarks took minutes on PostgreSQL (one query per entry); an entry given twice is one."""
    import time

    from viewer.userdata.transfer import FORMAT, import_annotations

    marks = [{"article_id": f"a-{i}", "note": f"笔记 {i}"} for i in range(20_000)]
    doc = {"format": FORMAT, "version": 1, "bookmarks": [*marks, {"article_id": "a-1", "note": "笔记 1"}],
           "snapshots": [{"article_id": "a-1", "headline": "一"}, {"article_id": "a-1", "headline": "一"}]}
    started = time.monotonic()
    assert import_annotations(store, doc)["bookmarks"] == 20_000
    assert import_annotations(store, doc)["bookmarks"] == 0
    assert time.monotonic() - started < 30
    assert len(store.bookmarks()) == 20_000 and store.snapshot("a-1").headline == "一"

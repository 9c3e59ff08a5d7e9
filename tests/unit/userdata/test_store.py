"""The user-data store on SQLite and PostgreSQL: tags, hierarchy, favourites, bookmarks, transfer."""

import json

import pytest
from sqlalchemy import inspect

from viewer.domain import Snapshot
from viewer.userdata import UserStore
from viewer.userdata.store import UserDataError
from viewer.userdata.transfer import export_annotations, import_annotations


def snap(article_id, headline="标题"):
    return Snapshot(article_id, headline, "江苏工人报", "2025-03-17", "正文开头")


def tag_map(store):
    return {t.name: set(t.article_ids) for t in store.tags()}


def test_fresh_store_is_at_the_newest_schema(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"tag", "article_tag", "bookmark", "saved_search", "article_snapshot", "alembic_version"} <= tables


def test_tag_untag_and_counts(store):
    assert store.tag(["a", "b"], ["产改", "女职工"], [snap("a"), snap("b")]) == 4
    assert store.tag(["a"], ["产改"]) == 0  # no duplicates
    assert tag_map(store) == {"产改": {"a", "b"}, "女职工": {"a", "b"}}
    assert store.untag(["a"], ["产改"]) == 1
    assert tag_map(store)["产改"] == {"b"}
    assert store.tags_by_article(["a", "b"]) == {"a": ["女职工"], "b": ["产改", "女职工"]}


def test_a_parent_tag_includes_its_children(store):
    store.tag(["a"], ["劳模"])
    store.tag(["b"], ["劳模工匠助企行"])
    store.tag(["c"], ["省级劳模"])
    store.set_tag("劳模工匠助企行", parent="劳模")
    store.set_tag("省级劳模", parent="劳模工匠助企行")
    assert store.article_ids_for_tag("劳模") == {"a", "b", "c"}
    assert store.article_ids_for_tag("劳模工匠助企行") == {"b", "c"}
    with pytest.raises(UserDataError):
        store.set_tag("劳模", parent="省级劳模")  # no cycles


def test_rename_merge_delete(store):
    store.tag(["a", "b"], ["产业工人"])
    store.tag(["b", "c"], ["产改"])
    store.rename_tag("产业工人", "产业工人队伍建设")
    with pytest.raises(UserDataError):
        store.rename_tag("产改", "产业工人队伍建设")
    store.merge_tags("产改", "产业工人队伍建设")
    assert tag_map(store) == {"产业工人队伍建设": {"a", "b", "c"}}
    store.delete_tag("产业工人队伍建设")
    assert tag_map(store) == {}


def test_favourite_keys(store):
    store.tag(["x"], ["产改"])
    store.tag(["x"], ["女职工"])
    store.set_tag("产改", shortcut=1, color="#ff0000")
    store.set_tag("女职工", shortcut=1)  # takes the key over
    assert store.favourite_tags() == {1: "女职工"}
    assert store.toggle_tag(["a", "b"], "女职工") is True
    assert store.toggle_tag(["a", "b"], "女职工") is False  # all had it: removed
    store.tag(["a"], ["女职工", "产改"])
    assert store.clear_favourite_tags(["a"]) == 1
    assert store.tags_by_article(["a"]) == {"a": ["产改"]}
    assert next(t for t in store.tags() if t.name == "产改").color == "#ff0000"
    with pytest.raises(UserDataError):
        store.set_tag("产改", shortcut=10)


def test_bookmarks_with_notes(store):
    store.bookmark("a", "写年度报告用", snap("a", "劳模工匠助企行推进会"))
    store.bookmark("b", None, snap("b", "女职工关爱行动"))
    store.bookmark("a", None)  # None keeps the note
    assert store.is_bookmarked("a") and not store.is_bookmarked("z")
    marks = {b.article_id: b for b in store.bookmarks()}
    assert marks["a"].note == "写年度报告用" and marks["a"].headline == "劳模工匠助企行推进会"
    assert [b.article_id for b in store.bookmarks("年度")] == ["a"]
    assert [b.article_id for b in store.bookmarks("女职工")] == ["b"]
    store.remove_bookmark("a")
    assert [b.article_id for b in store.bookmarks()] == ["b"]


def test_saved_searches(store):
    store.save_search("盐城劳模", "劳模 地区:盐城")
    store.save_search("盐城劳模", "劳模 地区:盐城 日期:2025")
    assert store.saved_searches() == [("盐城劳模", "劳模 地区:盐城 日期:2025")]


def test_export_import_is_lossless_and_merges(store, tmp_path):
    store.tag(["a", "b"], ["产改"], [snap("a"), snap("b")])
    store.set_tag("产改", shortcut=2, color="#123456")
    store.tag(["a"], ["女职工"])
    store.set_tag("女职工", parent="产改")
    store.bookmark("a", "备注：<b>粗体</b>", snap("a"))
    store.save_search("产改", "产改")
    data = export_annotations(store)
    assert {(x["article_id"], x["tag"], x["created_by"]) for x in data["article_tags"]} == {
        ("a", "产改", "测试员"), ("b", "产改", "测试员"), ("a", "女职工", "测试员")}
    other = UserStore(f"sqlite:///{(tmp_path / 'other.sqlite').as_posix()}", user="同事")
    other.tag(["c"], ["产改"])
    first = import_annotations(other, json.loads(json.dumps(data, ensure_ascii=False)))
    again = import_annotations(other, data)
    assert first["article_tags"] == 3 and sum(again.values()) == 0
    assert tag_map(other) == {"产改": {"a", "b", "c"}, "女职工": {"a"}}
    assert other.bookmarks()[0].note == "备注：<b>粗体</b>"
    mine = {(x["article_id"], x["tag"]): x for x in export_annotations(other)["article_tags"]}
    assert mine[("a", "产改")]["created_by"] == "测试员"  # who made it survives the trip
    assert mine[("a", "产改")]["created_at"] == next(x["created_at"] for x in data["article_tags"]
                                                      if (x["article_id"], x["tag"]) == ("a", "产改"))
    tags = {t.name: t for t in other.tags()}
    assert tags["女职工"].parent == "产改" and tags["产改"].shortcut == 2
    other.close()


def test_a_malformed_import_changes_nothing(store):
    store.tag(["a"], ["产改"])
    with pytest.raises(UserDataError):
        import_annotations(store, {"format": "x"})
    with pytest.raises(UserDataError):
        import_annotations(store, {"format": "press-archive-viewer-annotations", "tags": [{"name": "新"}],
                                   "article_tags": [{"no_id": 1}]})
    assert tag_map(store) == {"产改": {"a"}}


def test_relink_after_a_rebuild(store):
    store.tag(["old-1", "old-2", "kept"], ["产改"],
              [Snapshot("old-1", "劳模工匠助企行推进会", "盐城工会", "2024-03-27", "3月26日下午"),
               Snapshot("old-2", "消失的文章", "盐城工会", "2024-03-27", "已删除"),
               Snapshot("kept", "仍在", "盐城工会", "2024-03-27", "")])
    store.bookmark("old-1", "笔记", None)
    archive = {"new-1": "劳模工匠助企行推进会", "kept": "仍在"}
    orphans = store.relink(lambda ids: ids & set(archive),
                           lambda s: next((k for k, h in archive.items() if h == s.headline), None))
    assert tag_map(store) == {"产改": {"new-1", "old-2", "kept"}}
    assert store.bookmarks()[0].article_id == "new-1" and store.bookmarks()[0].note == "笔记"
    assert [(o.snapshot.article_id, o.tags, o.note) for o in orphans] == [("old-2", ("产改",), None)]
    assert store.snapshot("new-1").headline == "劳模工匠助企行推进会"


def test_head_revision_constant_matches_the_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from viewer.userdata.store import HEAD_REVISION, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_an_older_schema_is_upgraded_after_a_backup(tmp_path):
    from alembic import command
    from alembic.config import Config

    from viewer.userdata.store import HEAD_REVISION, MIGRATIONS

    url = f"sqlite:///{(tmp_path / 'userdata.sqlite').as_posix()}"
    store = UserStore(url)
    store.tag(["a"], ["产改"])
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:  # as an older release left it
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    store.close()
    upgraded = UserStore(url)
    assert upgraded._current_revision() == HEAD_REVISION
    assert len(list((tmp_path / "backups").glob("*before-upgrade-0001*"))) == 1
    assert tag_map(upgraded) == {"产改": {"a"}}
    assert "bookmark_created_at" in {i["name"] for i in inspect(upgraded.engine).get_indexes("bookmark")}


def test_search_history_newest_first_without_repeats(store, monkeypatch):
    from viewer.userdata import store as store_module

    monkeypatch.setattr(store_module, "HISTORY_KEPT", 3)
    for query in ("工会", "劳模", "工会", "产改", "女职工"):
        store.add_history(query)
    assert store.history() == ["女职工", "产改", "工会"]
    store.save_search("盐城", "地区:盐城")
    store.remove_saved_search("盐城")
    assert store.saved_searches() == []

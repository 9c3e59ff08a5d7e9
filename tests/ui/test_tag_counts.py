"""Tags you can trust in the window: a parent's count is what its search finds, pinyin order, distinct colours."""

from __future__ import annotations

import io
import json

from viewer import cli


def panel_rows(window):
    panel = window.navigator.tag_panel
    out = {}

    def walk(item):
        out[item.data(0, 256)] = item.text(0)
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(panel.topLevelItemCount()):
        walk(panel.topLevelItem(i))
    return out


def test_a_parent_tag_counts_its_childrens_articles_like_its_search(tagged_window, user_store, archive, run_search,
                                                                     seed_archive_path, tmp_path):
    ids = archive.search_ids("工会")[:6]
    user_store.tag(ids[:1], ["产改"])
    user_store.tag(ids[1:], ["产改试点"])
    user_store.set_tag("产改试点", parent="产改")
    run_search(tagged_window, "标签:产改")
    total = tagged_window.list_model.total
    assert total == 6
    assert panel_rows(tagged_window)["产改"].startswith(f"产改（{total}）")
    out = io.StringIO()
    assert cli.main(["tags", "--json", "--db", str(seed_archive_path), "--data-dir", str(user_store.path.parent)],
                    out, io.StringIO()) == 0
    assert {r["name"]: r["count"] for r in json.loads(out.getvalue())}["产改"] == total


def test_tags_are_listed_in_pinyin_order_with_distinct_colours(tagged_window, user_store, archive):
    names = ["职工", "安全", "产改", "工会", "劳模", "女职工", "帮扶", "培训", "维权", "文体"]
    first = next(archive.articles()).id
    for name in names:
        user_store.tag([first], [name])
    shown = [tagged_window.navigator.tag_panel.topLevelItem(i).data(0, 256)
             for i in range(tagged_window.navigator.tag_panel.topLevelItemCount())]
    assert shown == ["安全", "帮扶", "产改", "工会", "劳模", "女职工", "培训", "维权", "文体", "职工"]
    assert len({t.color for t in user_store.tags()}) == 10


def test_panels_follow_changes_made_anywhere_through_the_store(tagged_window, user_store, archive):
    first = next(archive.articles()).id
    user_store.tag([first], ["旧名"])  # not through the window: the store's announcement refreshes it
    assert "旧名" in panel_rows(tagged_window)
    tagged_window.navigator.tag_panel._apply(lambda: user_store.rename_tag("旧名", "新名"))
    assert "新名" in panel_rows(tagged_window) and "旧名" not in panel_rows(tagged_window)
    user_store.bookmark(first, "笔记", archive.snapshot(first))
    assert tagged_window.navigator.bookmark_panel.list.count() == 1
    user_store.save_search("存", "工会")
    user_store.remove_saved_search("存")
    assert tagged_window.navigator.bookmark_panel.saved.count() == 0


def test_tag_and_merge_dialogs_preselect_nothing(tagged_window, user_store, archive, monkeypatch):
    from PySide6 import QtWidgets

    asked = []
    monkeypatch.setattr(QtWidgets.QInputDialog, "getItem", lambda *a: (asked.append(a[4]), ("", False))[1])
    user_store.tag([next(archive.articles()).id], ["甲", "乙"])
    tagged_window.navigator.tag_panel._merge("甲")
    tagged_window.navigation.show_article(next(archive.articles()).id)
    tagged_window.annotations.tag_selection()
    assert asked == [-1, -1]

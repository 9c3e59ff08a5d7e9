"""Tag colours from a fixed palette, pinyin order, and parent counts that include the children."""

import re

from viewer.domain import TagInfo
from viewer.userdata.palette import PALETTE, next_colour
from viewer.userdata.tag_tree import descendants, with_children


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_the_palette_has_twelve_distinct_colours_that_read_on_white():
    assert len(PALETTE) == len(set(PALETTE)) == 12
    for colour in PALETTE:
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)
        assert 1.05 / (_luminance(colour) + 0.05) >= 3.0, colour  # WCAG contrast for graphics


def test_next_colour_takes_the_least_used_in_palette_order():
    assert next_colour([]) == PALETTE[0]
    assert next_colour([PALETTE[0], None, "#E06C75"]) == PALETTE[1]
    assert next_colour([PALETTE[0].upper()]) == PALETTE[1]
    assert next_colour(list(PALETTE)) == PALETTE[0]
    assert next_colour([*PALETTE, PALETTE[0]]) == PALETTE[1]


def test_ten_new_tags_get_ten_distinct_colours(store):
    for n in range(10):
        store.tag([f"a-{n}"], [f"标签{n}"])
    colours = [t.color for t in store.tags()]
    assert len(set(colours)) == 10 and set(colours) <= set(PALETTE)


def test_tags_at_once_get_distinct_colours_too(store):
    store.tag(["a-1"], ["甲", "乙", "丙"])
    assert len({t.color for t in store.tags()}) == 3


def test_store_lists_tags_in_pinyin_order(store):
    store.tag(["a-1"], ["职工", "产改", "工会", "Zeta", "alpha", "劳模"])
    assert [t.name for t in store.tags()] == ["alpha", "产改", "工会", "劳模", "Zeta", "职工"]


def test_a_parents_count_includes_its_childrens_articles(store):
    store.tag(["a-1"], ["产改"])
    store.tag(["a-2", "a-3"], ["产改试点"])
    store.tag(["a-3", "a-4"], ["产改试点南京"])
    store.set_tag("产改试点", parent="产改")
    store.set_tag("产改试点南京", parent="产改试点")
    tags = {t.name: t for t in store.tags()}
    assert tags["产改"].article_ids == {"a-1"}
    assert tags["产改"].all_article_ids == {"a-1", "a-2", "a-3", "a-4"} == store.article_ids_for_tag("产改")
    assert tags["产改试点"].count_ids == store.article_ids_for_tag("产改试点") == {"a-2", "a-3", "a-4"}
    assert tags["产改试点南京"].count_ids == {"a-3", "a-4"}


def test_descendants_survive_a_loop_and_a_missing_parent():
    tags = [TagInfo("甲", "#000000", "乙", None, frozenset({"1"})),
            TagInfo("乙", "#000000", "甲", None, frozenset({"2"})),
            TagInfo("丙", "#000000", "不存在", None, frozenset({"3"}))]
    assert descendants(tags) == {"甲": {"甲", "乙"}, "乙": {"甲", "乙"}, "丙": {"丙"}}
    counted = {t.name: t.all_article_ids for t in with_children(tags)}
    assert counted == {"甲": {"1", "2"}, "乙": {"1", "2"}, "丙": {"3"}}
    assert TagInfo("丁", "#000000", None, None, frozenset({"9"})).count_ids == {"9"}

"""Pinyin order for names (tags, saved searches): as a Chinese reader expects, not code points."""

from viewer.text.collation import pinyin_key, sorted_by_pinyin


def test_chinese_names_sort_by_pinyin_not_code_point():
    names = ["职工", "产改", "工会", "劳模", "安全生产", "女职工"]
    assert sorted(names) != sorted_by_pinyin(names)
    assert sorted_by_pinyin(names) == ["安全生产", "产改", "工会", "劳模", "女职工", "职工"]


def test_words_are_read_as_words_and_tones_break_ties():
    assert pinyin_key("重庆")[0] == ("chong2", "qing4")
    assert pinyin_key("行长")[0] == ("hang2", "zhang3")
    assert sorted_by_pinyin(["妈妈", "马"]) == ["妈妈", "马"]  # ma1 before ma3


def test_latin_and_digits_sort_among_the_syllables_case_insensitively():
    assert sorted_by_pinyin(["Zeta", "产改", "alpha", "2025重点"]) == ["2025重点", "alpha", "产改", "Zeta"]


def test_a_key_function_picks_the_name():
    items = [("职工", 1), ("产改", 2)]
    assert sorted_by_pinyin(items, name=lambda item: item[0]) == [("产改", 2), ("职工", 1)]

"""Line repairs, table-driven with real lines from the seeds."""

import pytest

from viewer.ingest import repair


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("铸魂强基砺作风铸魂强基砺作风 实干笃行促发展实干笃行促发展", "铸魂强基砺作风 实干笃行促发展"),
        ("江苏油田暑期夏令营丰富多彩江苏油田暑期夏令营丰富多彩", "江苏油田暑期夏令营丰富多彩"),
        ("【【履职手记】】", "【履职手记】"),
        ("劳模工匠助企行", "劳模工匠助企行"),  # nothing doubled
        ("哈哈哈哈", "哈哈哈哈"),  # too short to be a doubled bold headline
    ],
)
def test_undouble(line, expected):
    fixed, removed = repair.undouble_line(line)
    assert fixed == expected
    assert len(fixed.replace(" ", "")) + len(removed) == len(line.replace(" ", ""))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("本刊讯 3月22日上午,大丰区总工会", "本刊讯 3月22日上午，大丰区总工会"),
        ("《关于加强村(社区)工会组织规范化建设的实施意见》,推动", "《关于加强村（社区）工会组织规范化建设的实施意见》，推动"),
        ("做好做实产业工人文学刊物《一线》杂志(季刊)的编辑出版工作", "做好做实产业工人文学刊物《一线》杂志（季刊）的编辑出版工作"),
        ("1.35万亿元", "1.35万亿元"),
        ("E-mail:jsgrbs@126.com", "E-mail:jsgrbs@126.com"),
        ("Deep-Seek, AI (model).", "Deep-Seek, AI (model)."),
        ("推动“双进”规范化、常态化、长效化开展.", "推动“双进”规范化、常态化、长效化开展。"),
    ],
)
def test_widen_punctuation(line, expected):
    assert repair.widen_punctuation(line) == expected


def test_vertical_headline_joined_with_quotes():
    lines = ["实", "施", "﹃", "五", "大", "工", "程", "﹄", "推", "动", ""]
    joined = repair.join_vertical_runs(lines)
    assert joined[0] == "实施“五大工程”推动"
    assert all(not x for x in joined[1:])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("正月十四至十五（2月 11日至 12日）", "正月十四至十五（2月11日至12日）"),
        ("重比上年提高 0.9 个百分点", "重比上年提高0.9个百分点"),
        ("本报讯 （通讯员 王维 张羽）", "本报讯（通讯员 王维 张羽）"),
        ("“新时代 新思想 新宣讲”", "“新时代 新思想 新宣讲”"),
    ],
)
def test_tidy_spaces(text, expected):
    assert repair.tidy_spaces(text) == expected

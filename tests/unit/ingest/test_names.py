"""Bylines: person names, glued names, collective pen names, author lines."""

import pytest

from viewer.ingest import names


@pytest.mark.parametrize(
    ("text", "persons", "groups"),
    [
        ("吴新宇张强卢克余", ["吴新宇", "张强", "卢克余"], []),
        ("赵金荣王雨婷", ["赵金荣", "王雨婷"], []),
        ("朱建良 王娟 仲齐慧", ["朱建良", "王娟", "仲齐慧"], []),
        ("通讯员 宁工萱 记者 陶睿", ["陶睿"], ["宁工萱"]),
        ("通工宣", [], ["通工宣"]),
        ("锡工办", [], ["锡工办"]),
    ],
)
def test_name_lists(text, persons, groups):
    assert names.parse_name_list(text) == (persons, groups)


@pytest.mark.parametrize("text", ["谱写绿色盐城新篇章", "南京市秦淮区总工会", "交流互鉴", "省五一"])
def test_not_name_lists(text):
    assert names.parse_name_list(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("高邮经济开发区总工会 张国庆", ("高邮经济开发区总工会", "张国庆")),
        ("淮安市洪泽区政协三级调研员、区总工会主席 刘筠", ("淮安市洪泽区政协三级调研员、区总工会主席", "刘筠")),
        ("本报讯（记者 万森 通讯员 顾家轩 周艳", None),
        ("交流互鉴 共促发展", None),
    ],
)
def test_author_line(line, expected):
    assert names.author_line(line) == expected

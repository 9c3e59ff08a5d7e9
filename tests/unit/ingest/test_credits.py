"""Source lines and credits as papers print them (real lines from union pages)."""

import pytest

from viewer.ingest import credits


@pytest.mark.parametrize(
    ("text", "source", "persons"),
    [
        ("本报讯（记者 王鑫）3月14日上午，省总工会", "本报讯（记者 王鑫）", ["王鑫"]),
        ("西江日报讯 （记者 陈松连 通讯员 周铭渲） 日前，端州区", "西江日报讯 （记者 陈松连 通讯员 周铭渲）", ["陈松连", "周铭渲"]),
        ("江门日报讯 （记者/黄胜 通讯员/邹景云 黄泽彬） 今年7月17日", "江门日报讯 （记者/黄胜 通讯员/邹景云 黄泽彬）", ["黄胜", "邹景云", "黄泽彬"]),
        ("本报讯 记者李国峰报道 近日，杭州萧山区", "本报讯 记者李国峰报道", ["李国峰"]),
        ("中国妇女报·中华女性网记者贾莹莹 发自抚顺 日前，抚顺市妇联", "中国妇女报·中华女性网记者贾莹莹 发自抚顺", ["贾莹莹"]),
        ("中新网江苏新闻12月26日电（张梦珠 王舒）近期，徐州市", "中新网江苏新闻12月26日电（张梦珠 王舒）", ["张梦珠", "王舒"]),
        ("国际在线江苏报道（韩小强 通讯员 张鹏）：近期，苏州市总工会", "国际在线江苏报道（韩小强 通讯员 张鹏）：", ["韩小强", "张鹏"]),
        ("陕工网讯  5月28日，陕西省", "陕工网讯", []),
        ("新华社北京3月14日电（记者 张三）今天", "新华社北京3月14日电（记者 张三）", ["张三"]),
        # a one-character paper abbreviation; a reporter's given name without a surname
        ("扬报讯（记者 木森）近日，市总工会", "扬报讯（记者 木森）", ["木森"]),
        ("本报讯 李明华报道  近日，县总工会", "本报讯 李明华报道", ["李明华"]),
        ("云上通山报道：（记者 孟军）2月6日，县委", "云上通山报道：（记者 孟军）", ["孟军"]),
        ("四川新闻网消息（周瑜原 曾翠婵）2月2日", "四川新闻网消息（周瑜原 曾翠婵）", ["周瑜原", "曾翠婵"]),
        ("湛江市总工会网讯（图文/谭武明、肖金龙 编辑/林珊珊）为进一步", "湛江市总工会网讯（图文/谭武明、肖金龙 编辑/林珊珊）",
         ["谭武明", "肖金龙"]),
        # an outlet's short name before 讯, known by the reporters' bracket after it
        ("海都讯（见习记者 王小明 通讯员 李华） 为解决", "海都讯（见习记者 王小明 通讯员 李华）", ["王小明", "李华"]),
    ],
)
def test_agency_lines(text, source, persons):
    got_source, rest, credit = credits.split_agency(text)
    assert got_source == source
    assert credit.persons == persons
    assert text.startswith(got_source) and rest


@pytest.mark.parametrize(
    "text",
    ["记者14日从市场监管总局获悉，截至目前", "会议指出，学习好、宣传好", "电视台记者采访了职工", "据了解，该活动共推荐申报项目"],
)
def test_not_agency_lines(text):
    assert credits.split_agency(text)[0] == ""


@pytest.mark.parametrize(
    ("line", "persons", "photo"),
    [
        ("（通讯员 郑珠太）", ["郑珠太"], False),
        ("（张庆）", ["张庆"], False),
        ("（本组图片由本报记者 刘强 摄）", ["刘强"], True),
        ("南方日报连州视窗记者 梁锐呈 摄影报道", ["梁锐呈"], True),
        ("□窦皓 摄", ["窦皓"], True),
        ("作者：张波", ["张波"], False),
        ("■通讯员 贾志云 缪东生", ["贾志云", "缪东生"], False),
        ("■快报记者 都怡文 通讯员 陈苏平", ["都怡文", "陈苏平"], False),
        ("工人日报-中工网记者黄洪涛 通讯员丁正骥 季兵 张宏生", ["黄洪涛", "丁正骥", "季兵", "张宏生"], False),
        ("（通讯员 孔德成 江苏工人报记者 丁彬彬）", ["孔德成", "丁彬彬"], False),
        ("全媒体记者 黄晓东 通讯员 刘洁", ["黄晓东", "刘洁"], False),
        ("（供稿方：城东区总工会陈莉）", ["陈莉"], False),
        ("作者：阙立新", ["阙立新"], False),
    ],
)
def test_credit_lines(line, persons, photo):
    credit = credits.credit_line(line)
    assert credit is not None
    assert credit.persons == persons and credit.photo == photo


@pytest.mark.parametrize(
    "line",
    ["（上接1版）", "（完）", "市总工会开展活动", "风采展示”和“南通市劳模工匠风采摄", "本报讯（记者 万森 通讯员 顾家轩 周艳",
     "中国妇女报·中华女性网记者贾莹莹 发自", "会议在市里召开（扩大）", "一奖章获得者和先进工作者用质"],
)
def test_not_credit_lines(line):
    assert credits.credit_line(line) is None


@pytest.mark.parametrize("text", ["县职工摄影家协会", "县首届职工摄影展在县职工摄影家协", "记者节走访一线职工"])
def test_no_person_from_words_after_a_photo_role(text):
    credit = credits.parse_credit(text)
    assert credit is None or not credit.persons


def test_trailing_credit_and_office_signature():
    body, credit, printed = credits.split_trailing_credit("认真听取劳动模范的意见和建议。（通讯员 张淑萍）")
    assert body == "认真听取劳动模范的意见和建议。" and credit.persons == ["张淑萍"] and printed == "（通讯员 张淑萍）"
    body, credit, _ = credits.split_trailing_credit("直属单位负责人参加会议。（市总工会）")
    assert credit is not None and credit.groups == ["市总工会"] and not credit.persons
    assert credits.split_trailing_credit("会议在市里召开（扩大）")[1] is None


def test_a_line_cut_inside_a_word_is_no_byline():
    """户外工 / 作者驱散暑热；…: 作者 here is the end of 工作者, and what follows is no name."""
    credit = credits.parse_credit("作者驱散暑热;各工会驿站积极更新健全服")
    assert credit is None or "驱散暑热" not in credit.persons


@pytest.mark.parametrize(
    ("line", "persons"),
    [("通讯员钟小伟、赵炜 摄", ["钟小伟", "赵炜"]), ("■通讯员周建巨、柳庭和", ["周建巨", "柳庭和"]),
     ("□晚报记者 王 瑞/文 闫宏伟/图", ["王瑞", "闫宏伟"])],
)
def test_names_listed_with_a_comma_or_spaced_to_three_characters(line, persons):
    credit = credits.credit_line(line)
    assert credit is not None and credit.persons == persons


@pytest.mark.parametrize("line", ["工作者劳模、先进代表企业一线职工代表200", "大职工、劳动模范和工会工作者致以诚"])
def test_a_wrapped_line_with_a_list_is_no_credit(line):
    assert credits.credit_line(line) is None


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [("18对新人从此开始新生活。王海欣 摄", "18对新人从此开始新生活。", "王海欣 摄"),
     ("共同分享过年的喜悦之情。毛朝阳 许琳 摄", "共同分享过年的喜悦之情。", "毛朝阳 许琳 摄"),
     ("会议强调，要加强摄影。", "会议强调，要加强摄影。", ""),
     ("大家一起拍照留念。合影 摄", "大家一起拍照留念。合影 摄", ""),
     ("王海欣 摄", "王海欣 摄", "")],
)
def test_a_photo_credit_run_on_after_a_caption(text, caption, credit):
    assert credits.split_photo_credit(text) == (caption, credit)


def test_a_picture_credit_naming_an_office():
    credit = credits.credit_line("各县市总工会 图/资料")
    assert credit is not None and credit.groups == ["各县市总工会"] and not credit.persons


def test_a_closing_credit_of_an_office_abbreviation_and_a_name():
    _, credit, printed = credits.split_trailing_credit("发放宣传资料近2000份。（市总宣 吕亦菲）")
    assert credit is not None and credit.persons == ["吕亦菲"] and printed == "（市总宣 吕亦菲）"
    assert credits.split_agency("据人民日报消息，近日")[2].persons == []

"""Joining wrapped lines into paragraphs without gluing real paragraphs together."""

import pytest

from viewer.ingest import layout


def paragraphs(text, segmenter):
    lines, _ = layout.prepare_lines(text)
    return [p.text for p in layout.build_paragraphs(lines, segmenter.crosses_word)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paragraph cut by a column break across a blank line (000)
        ("会议指出，学习好、宣传好、贯彻\n\n好习近平总书记重要讲话精神，是当前的重大政治任务。",
         ["会议指出，学习好、宣传好、贯彻好习近平总书记重要讲话精神，是当前的重大政治任务。"]),
        # an open quote carries the sentence over (000)
        ("深刻领会“在促进全体人民共同富\n\n裕上作示范”的重要指示。",
         ["深刻领会“在促进全体人民共同富裕上作示范”的重要指示。"]),
        # two real paragraphs stay apart
        ("会议还审议了有关文件。\n\n拥抱“AI+工会”新时代 省总举办人工智能专题辅导报告会",
         ["会议还审议了有关文件。", "拥抱“AI+工会”新时代 省总举办人工智能专题辅导报告会"]),
        # a headline is never glued to the source line below it
        ("连云港女职工在发展奋进中展风采\n\n本报讯（通讯员 李绘 特约记者 刘毅）连云港市各级工会。",
         ["连云港女职工在发展奋进中展风采", "本报讯（通讯员 李绘 特约记者 刘毅）连云港市各级工会。"]),
        # a photo credit stays on its own
        ("吸引来自全国27个省市的520家用人单位参与，助力毕业生找到合适的职业发展方向。\n\n张旭 摄",
         ["吸引来自全国27个省市的520家用人单位参与，助力毕业生找到合适的职业发展方向。", "张旭 摄"]),
    ],
)
def test_join_paragraphs(text, expected, segmenter):
    assert paragraphs(text, segmenter) == expected


WRAPPED = """本报讯（通工宣）2月11日，南通
市劳模工匠新春团拜会在市劳动人民
文化宫举行，进一步弘扬了新时代劳
模精神、劳动精神、工匠精神，鼓励广
大劳模工匠在新的一年勇挑大梁走在
前。

倪春青代表市委向全市劳模工
匠、广大职工致以崇高的敬意和亲切
的节日问候！他勉励全市劳模先进在
江海大地建新功、成大业，奋力谱写

“强富美高”新南通现代化建设建功立
业的新篇章。

"""
# lines 2-13 of seeds/001: a subheading between wrapped paragraphs
SUBHEADING = """护职工合法权益、竭诚服务职工群众”基
本职责，在职工医疗、薪资、就业等方面精
准发力，靶向施策，用心用情用力织牢“保
障网”，持续为职工幸福“加码”。

全方位帮扶，职工分“类”施策

淮安金湖县职工马先生因患食管恶
性肿瘤进行了手术治疗，互济会依据规
定，一次性给付重大疾病住院互助金
30000元。在淮安，像这样享受到职工医
疗互助保障的案例还有不少。
"""


def test_wrapped_page(segmenter):
    paras = paragraphs(WRAPPED, segmenter)
    assert paras[0].startswith("本报讯（通工宣）2月11日，南通市劳模工匠") and paras[0].endswith("走在前。")
    assert paras[1] == ("倪春青代表市委向全市劳模工匠、广大职工致以崇高的敬意和亲切的节日问候！"
                        "他勉励全市劳模先进在江海大地建新功、成大业，奋力谱写“强富美高”新南通现代化建设建功立业的新篇章。")


def test_wrapped_subheading_stays_apart(segmenter):
    paras = paragraphs(SUBHEADING, segmenter)
    assert paras[1] == "全方位帮扶，职工分“类”施策"  # not joined to the text below
    assert paras[2].startswith("淮安金湖县职工马先生因患食管恶性肿瘤进行了手术治疗")
    assert paras[2].endswith("的案例还有不少。")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("E-mail:jsgrbs@126.com", "web"),
        ("江苏工人报新闻网:www.jsgrb.com", "web"),
        ("4 主席论坛 工会新闻部电话：025-83279180 读者报料热线电话：025-83279195", "footer"),
        ("责任编辑/刘 涛 版面编辑/晓 强 校对/李明浩 2025年7月29日", "footer"),
        ("江苏工人报", "masthead"),
        ("我国进入汛期", None),
    ],
)
def test_furniture_lines(line, kind):
    _, furniture = layout.split_furniture([line])
    found = {"web": furniture.web, "footer": furniture.footer, "masthead": furniture.mastheads}
    assert [k for k, v in found.items() if v] == ([kind] if kind else [])

"""Page-level rules, each on a small page built from real lines of union papers."""

import pytest


def parse(parser, text):
    return parser.parse(text, "t01.txt", "seeds/t01.txt")


SOLID = """市总工会开展夏日“送清凉”活动

7月16日上午，市总工会干部来到市工人文化宫项目建设现场，看望慰问坚守在劳动一线的广大职工。
入夏以来，全市各级工会开展防暑降温慰问活动，先后慰问3000多家单位，职工10万多人。


1月13日、14日，省教育科技工会主席寇芳一行来我市开展送温暖活动，看望慰问困难职工。
13日下午，寇芳一行先后走访慰问了市公交集团等单位的困难职工，详细询问他们的生活情况。
"""


def test_a_wider_blank_after_a_finished_sentence_starts_a_story(parser):
    page = parse(parser, SOLID)
    assert [a.body[:6] for a in page.articles] == ["7月16日上", "1月13日、"]
    assert page.articles[0].headline == "市总工会开展夏日“送清凉”活动"
    assert "入夏以来" in page.articles[0].body


TITLES = """把问题清单 变成幸福清单

杭州萧山区首个镇街新就业形态
联合工会委员会选举产生

本报讯 记者李国峰报道 近日，杭州萧山区首个镇街新就业形态联合工会委员会选举产生。300余名新就业形态劳动者有了“娘家”。

市总工会慰问组到卫东区
开展春节送温暖慰问活动

岁末情深，暖意融融，1月27日下午，市总工会领导班子到卫东区开展2021年春节送温暖活动。
"""


def test_first_title_line_is_the_headline_and_a_title_may_take_two_lines(parser):
    first, second = parse(parser, TITLES).articles
    assert first.headline == "把问题清单 变成幸福清单"
    assert first.subheadline.replace(" ", "") == "杭州萧山区首个镇街新就业形态联合工会委员会选举产生"
    assert first.byline == ("李国峰",)
    assert first.body.startswith("本报讯 记者李国峰报道")  # the lead keeps its source line, as printed
    assert second.headline.replace(" ", "") == "市总工会慰问组到卫东区开展春节送温暖慰问活动"


FURNITURE = """
工会专刊

平顶山市总工会 主办

市总工会开展春节送温暖慰问活动

1月27日下午，市总工会经费审查委员会主任张志宏代表市总工会领导班子到卫东区开展送温暖活动。

2 工会新闻 陕西工人报社 电话：029-87344613
"""


def test_organiser_line_names_a_special_page(parser):
    issue = parse(parser, FURNITURE).context.issue
    assert issue.publication == "平顶山市总工会工会专刊" and not issue.publication_inferred
    assert issue.page == 2


def test_running_head_and_footer_name_the_paper(parser):
    page = parse(parser, "河北工人报  3  基层·文体\n\n涿州市总工会举办技能大赛\n\n近日，涿州市总工会联合人社局举办了涿州市第三届“工匠杯”技能大赛。\n")
    issue = page.context.issue
    assert (issue.publication, issue.page, issue.section) == ("河北工人报", 3, "基层·文体")
    assert page.articles[0].headline == "涿州市总工会举办技能大赛"
    footer = parse(parser, "近日，富平县总工会在全县职工中开展文化体育活动。\n\n2 工会新闻 陕西工人报社 电话：029-87344613\n")
    assert footer.context.issue.publication == "陕西工人报"


def test_dates_printed_with_weekday_lunar_date_or_full_width_digits(parser):
    for line, date in [("2023年5月8日 星期一 农历三月十九", "2023-05-08"), ("２０２４年６月２８日  星期五", "2024-06-28"),
                       ("2024-10-09", "2024-10-09"), ("二〇二五年十一月十七日  星期一", "2025-11-17"),
                       ("二〇二四年十二月三十一日", "2024-12-31"), ("江苏工人报  2025.11.10  星期一", "2025-11-10"),
                       ("2018.4.27  星期五", "2018-04-27")]:
        issue = parse(parser, f"江苏工人报\n{line}\n\n本报讯 近日，南京市总工会开展活动。\n").context.issue
        assert (issue.issue_date, issue.date_precision) == (date, "day"), line


def test_a_running_foot_dates_the_page(parser):
    stories = "".join(f"本报讯 4月{day}日，第{day}个基层工会开展活动。\n\n" for day in range(1, 11))
    text = stories + "江苏工人报 2024年5月7日 星期二 农历三月廿九 第3版 地方工会\n"
    assert parse(parser, text).context.issue.issue_date == "2024-05-07"


def test_an_undated_page_is_dated_after_its_latest_event(parser):
    text = ("本报讯 3月5日，县总工会启动2025年劳动竞赛。\n\n本报讯 4月2日，区总工会开展培训。\n\n"
            "本报讯 6月5日，市总工会举办“安全月”活动开幕仪式。\n")
    issue = parse(parser, text).context.issue
    assert (issue.issue_date, issue.date_precision, issue.date_inferred) == ("2025-06-06", "range", True)
    numbered = parse(parser, "工会工作简报\n２０２５年第１期\n\n本报讯 近日，县总工会开展活动。\n").context.issue
    assert numbered.issue_date.startswith("2025-")


def test_continuation_markers_end_and_open_stories(parser):
    page = parse(parser, "屯溪河街有个“暖心驿站”\n\n（上接1版）\n\n跟以往的工地比，这个驿站就像家里一样，真的太方便了。\n\n"
                         "凝聚“工”力量 建功新时代\n\n本网讯 6月26日，市总工会举行劳动竞赛启动式，全市上下要\n（下转第2版）\n")
    first, second = page.articles
    assert first.continued in ("from", "both") and "（上接1版）" in first.signature
    assert second.continued in ("to", "both") and "（下转第2版）" in second.signature
    assert "continuation_unmarked" not in first.review + second.review


def test_review_flags_mark_unsure_articles_only(parser):
    closed = TITLES.rstrip() + "（记者 梁熙）\n\n"
    page = parse(parser, closed + "在重阳节来临之际，县总工会开展走访致敬劳动模范系列活动，安排健康体检。\n")
    sure = page.articles[0]
    assert sure.review == ()
    unsure = page.articles[-1]
    assert not unsure.headline and "no_headline" in unsure.review


@pytest.mark.parametrize(
    "text",
    ["本报讯\n金晖摄", "本报讯\n\n金晖 摄", "金晖 摄", "本报讯", "（记者 王鑫）", "●", "▲\n本报讯", "摄", "本报讯（\n）",
     "新华社电\n\n张旭 摄\n", "来源：\n", "■\n", "——\n", "（下转第2版）", "（上接第1版）", "工会动态\n\n图片新闻"],
)
def test_tiny_pages_never_raise(parser, text):
    parse(parser, text)


COUNTIES = """铜山区总工会开展送温暖活动

1月18日上午，铜山区总工会负责人带领区工会有关人员走访慰问困难职工，送去米、面、油等节日慰问品。

此次送温暖活动，铜山区总工会共筹措专项资金5万余元，为全区77名困难职工送去了新春的祝福。

为了进一步贯彻市总工会关于开展双节送温暖活动
通知的精神，让困难职工过一个欢乐祥和的春节。1月12日上午，贾汪区总工会对全区特困职工进行了二次慰问。

双节送温暖活动是工会工作的重要组成部分，区总工会领导亲自到职工家里了解情况。
"""


def test_a_lead_about_another_county_of_the_city_starts_a_story(parser):
    page = parse(parser, COUNTIES)
    assert [a.body[:4] for a in page.articles] == ["1月18", "为了进一"]
    assert "贾汪区" not in page.articles[0].body
    assert page.articles[1].region.county == "贾汪区"


def test_a_lead_about_the_same_place_goes_on(parser):
    same = COUNTIES.replace("贾汪区总工会对全区", "铜山区总工会对全区")
    assert len(parse(parser, same).articles) == 1


def test_a_byline_goes_with_the_text_it_sits_on(parser):
    page = parse(parser, "将350名“快递小哥”纳入连云港市职工互助互济会。\n（下转第6版）\n\n\n"
                         "□孙晓阳 彭俊杰 文/图\n本刊讯 2月1日至4日，市政协副主席、市总工会主席徐龙波走访慰问一线职工。\n\n"
                         "活动现场气氛热烈，职工们纷纷表示感谢。\n本报通讯员 王华斌 摄\n\n"
                         "昨日，婺城区总工会组织人员走访慰问户外劳动者。\n")
    below = next(a for a in page.articles if a.body.startswith("本刊讯"))
    assert below.byline == ("孙晓阳", "彭俊杰")
    above = next(a for a in page.articles if "王华斌" in a.byline)
    assert "活动现场气氛热烈" in above.body


LEAD = "本报讯 近日，市总工会在市工人文化宫举办活动，全市200多名职工参加。"


@pytest.mark.parametrize(
    "title",
    ["奋进新征程丨市总工会开展职工技能大赛", "省总工会主办职工技能大赛", "第5期劳模培训班开班", "我市职工再传喜报",
     "记者节走访一线职工", "市总工会举办职工书法摄影作品展"],
)
def test_titles_at_a_page_head_stay_titles(parser, title):
    article = parse(parser, f"{title}\n\n{LEAD}\n").articles[0]
    assert article.headline == title
    assert not article.byline


@pytest.mark.parametrize(
    "sentence",
    ["职工如有疑问，可拨打12351职工服务热线电话咨询。", "详情可登录www.jsgh.org查看，报名截至5月底。",
     "群众反映的问题已全部转至相关部门办理。", "互联网通讯技术的发展，让职工服务更便捷。"],
)
def test_story_sentences_that_look_like_furniture_stay_in_the_story(parser, sentence):
    page = parse(parser, f"市总工会开展服务活动\n\n{LEAD}\n\n{sentence}\n\n活动受到职工欢迎。\n")
    assert len(page.articles) == 1
    assert sentence in page.articles[0].body


def test_a_title_over_its_story_is_no_signature_of_the_story_above(parser):
    page = parse(parser, f"市总工会开展服务活动\n\n{LEAD}\n\n我市成立劳模协会\n\n本报讯 日前，市劳模协会成立，首批会员120人。\n")
    assert [a.headline for a in page.articles] == ["市总工会开展服务活动", "我市成立劳模协会"]


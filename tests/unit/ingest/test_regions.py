"""Which place an article is about: table tests by phenomenon, with real-looking lines."""

from __future__ import annotations

import pytest

from viewer.domain import IssueInfo, RegionPath
from viewer.ingest.gazetteer import Gazetteer
from viewer.ingest.metadata import PageContext
from viewer.ingest.regions import RegionResolver

ISSUE = IssueInfo(publication="测试报", publication_inferred=True, issue_date=None, date_precision="unknown",
                  date_inferred=True, page=None, section=None)


@pytest.fixture(scope="module")
def resolver(segmenter) -> RegionResolver:
    return RegionResolver(Gazetteer(), segmenter.crosses_word)


def page(province=None, city=None, county=None, local=False) -> PageContext:
    return PageContext(issue=ISSUE, home=RegionPath(province, city, county), local=local)


JIANGSU_PAPER = page("江苏省")
NATIONAL_PAPER = page()
XINGHUA_PAGE = page("江苏省", "泰州市", "兴化市", local=True)

CASES = [
    # a name shared by several places, settled by the other places of the article
    ("普陀区总工会开展金秋助学", "日前，舟山市普陀区总工会为40多名企业职工子女发放助学金。", "", NATIONAL_PAPER,
     ("浙江省", "舟山市", "普陀区")),
    ("普陀区总工会开展金秋助学", "日前，上海市普陀区总工会为40多名企业职工子女发放助学金。", "", NATIONAL_PAPER,
     ("上海市", "上海市", "普陀区")),
    ("鼓楼区总工会慰问环卫工人", "7月16日，福州市鼓楼区总工会来到五四路，看望坚守一线的环卫工人。", "", NATIONAL_PAPER,
     ("福建省", "福州市", "鼓楼区")),
    ("沧州新华区为农民工撑起保护伞", "这是河北沧州市新华区总工会写给农民工公开信上的承诺。", "", NATIONAL_PAPER,
     ("河北省", "沧州市", "新华区")),
    # ... and left unsettled without such context
    ("鼓楼区总工会慰问环卫工人", "7月16日，区总工会来到五四路，看望坚守一线的环卫工人。", "", NATIONAL_PAPER,
     (None, None, None)),
    # short forms and former names
    ("把问题清单变成幸福清单", "萧山区首个镇街新就业形态劳动者党建工作站日前揭牌。", "", NATIONAL_PAPER,
     ("浙江省", "杭州市", "萧山区")),
    ("崇明县总工会开展“金秋助学”活动", "日前，崇明县总工会向困难职工子女发放助学金。", "", NATIONAL_PAPER,
     ("上海市", "上海市", "崇明区")),
    ("法律援助中心为农民工成功维权", "日前，贵州黔东南州榕江县法律援助中心为12名农民工讨回工资。", "", NATIONAL_PAPER,
     ("贵州省", "黔东南苗族侗族自治州", "榕江县")),
    # 我市 / 市总工会 on a city or county page mean the page's own place
    ("市总工会开展清明烈士祭扫活动", "4月3日，市总工会组织机关干部前往烈士陵园祭扫。", "", XINGHUA_PAGE,
     ("江苏省", "泰州市", "兴化市")),
    ("滕州市总工会一行调研我市职工服务中心阵地建设", "日前，山东省滕州市总工会副主席一行调研我市职工服务中心。", "",
     XINGHUA_PAGE, ("江苏省", "泰州市", "兴化市")),
    # on a county's page, a headline naming the city is the city's news
    ("8名常州代表当选省总工会委员", "日前，8名常州代表当选省总工会第十五届委员会委员。", "", page("江苏省", "常州市", "金坛区", local=True),
     ("江苏省", "常州市", None)),
    # 市总工会 on a provincial page: the one city the article names at all
    ("市总工会召开六届二次全委（扩大）会议", "3月20日，市总工会六届二次全委（扩大）会议召开。",
     "会议审议通过了《凝聚职工力量 为巢湖“加速崛起”建功立业》的工作报告。", page("安徽省"), ("安徽省", "合肥市", "巢湖市")),
    ("省总工会慰问组到我州开展春节送温暖活动", "1月10日，省总工会党组书记率慰问组一行到我州开展春节送温暖活动。",
     "慰问组来到楚雄市……楚雄州总工会主席陪同。", page("云南省"), ("云南省", "楚雄彝族自治州", None)),
    ("省总工会命名表彰劳模创新工作室 我市两个工作室榜上有名", "记者从市总工会获悉，盱眙县某公司工作室榜上有名。", "",
     page("江苏省"), ("江苏省", "淮安市", None)),
    # another outlet's agency line names its city
    ("“外卖小哥”看电影", "江门日报讯（记者/黄胜）当晚，区总工会组织“外卖小哥”开展观影活动。", "", NATIONAL_PAPER,
     ("广东省", "江门市", None)),
    ("“外卖小哥”看电影", "江门日报讯（记者/黄胜）当晚，新会区总工会组织“外卖小哥”开展观影活动。", "", NATIONAL_PAPER,
     ("广东省", "江门市", "新会区")),
    ("职工技能大赛落幕", "沧州日报讯（记者 王强）日前，职工技能大赛落幕。", "", NATIONAL_PAPER, ("河北省", "沧州市", None)),
    # an outlet named after no place: local news all the same, so a national body in the lead does not make it national
    ("户外劳动者驿站揭牌", "西江日报讯 国家税务总局端州区税务局工会驿站日前揭牌。", "", NATIONAL_PAPER,
     ("广东省", "肇庆市", "端州区")),
    # national news: no city, even when a place is named in passing
    ("全国职工书屋建设推进会召开", "工人日报讯 全国总工会日前在杭州召开职工书屋建设推进会。", "", NATIONAL_PAPER,
     (None, None, None)),
    ("国务院部署多项举措提振消费", "国务院常务会议3月14日召开，部署提振消费举措。", "在上海、广州等城市试点。", JIANGSU_PAPER,
     (None, None, None)),
    ("我国进入汛期", "水利部消息，今年汛期，长江流域降雨偏多。", "", JIANGSU_PAPER, (None, None, None)),
    ("教育部部署开展“春季促就业攻坚行动”", "新华社北京3月10日电 教育部日前印发通知。", "", JIANGSU_PAPER,
     (None, None, None)),
    # ... but 全国 in a local lead does not make it national
    ("", "3月14日，南京航空航天大学举办春季双选会，吸引来自全国27个省市的520家用人单位参与。", "", JIANGSU_PAPER,
     ("江苏省", "南京市", None)),
    # the province as a whole: the province and no city
    ("省总工会主席办公会传达学习全国两会精神", "3月12日，省总工会召开主席办公会。", "", JIANGSU_PAPER,
     ("江苏省", None, None)),
    ("四川工会送温暖力求全覆盖", "元旦前夕，当走进四川自贡的困难职工家中……", "", NATIONAL_PAPER, ("四川省", None, None)),
    ("", "日前，广东省职工互助保障信息系统上线发布暨广东工会“二次医保”赠送活动在广州举行。", "", JIANGSU_PAPER,
     ("广东省", None, None)),
    # a province's union visiting a city is news of that city
    ("", "6月17日上午，省总工会、扬州市总工会领导一行来高邮开发区调研产改工作。", "", JIANGSU_PAPER,
     ("江苏省", "扬州市", "高邮市")),
    # a lead listing several counties of a city is about the city
    ("全市工会系统夏日送清凉", "连日来，铁力市、乌翠区、汤旺县等地工会组织积极开展“夏送清凉”活动。", "铁力市总工会走访环卫工人。",
     page("黑龙江省"), ("黑龙江省", "伊春市", None)),
    ("连云港市总工会开展工会驿站体验周活动", "7月25日，全市工会驿站体验周活动启动。市总工会一行来到海州区智慧物流园工会驿站。", "",
     page("江苏省"), ("江苏省", "连云港市", None)),
    ("", "当前，正值全市上下锚定拼出“太仓速度”，太仓市总工会开展劳动竞赛。", "", page("江苏省"),
     ("江苏省", "苏州市", "太仓市")),  # a county-level city calls itself 全市 too
    # a provincial headline is not undone by a dateline
    ("为一线职工送清凉 省总工会慰问团分赴全省各地", "本报杭州7月20日讯 （记者 阮蓓茜）车间里、工地上……",
     "杭州、宁波、温州的职工……杭州", page("浙江省"), ("浙江省", None, None)),
    # names that are not places here
    ("困难职工感受到党和政府的温暖", "日前，市总工会走访慰问困难职工。", "", NATIONAL_PAPER, (None, None, None)),
    ("", "日前，晋江市罗山总工会在兰峰社区开展职工大联欢。", "", NATIONAL_PAPER, ("福建省", "泉州市", "晋江市")),
    ("", "日前，晋江市罗山总工会在兰峰社区开展职工大联欢。", "罗山街道职工踊跃参加。罗山总工会表示……罗山各企业……罗山社区",
     NATIONAL_PAPER, ("福建省", "泉州市", "晋江市")),
    # 市总工会 in the headline of a city page, and the county it went to
    ("市总工会慰问组到卫东区开展春节送温暖慰问活动", "1月27日下午，市总工会领导班子到卫东区开展春节送温暖活动。", "",
     page("河南省", "平顶山市", local=True), ("河南省", "平顶山市", "卫东区")),
    ("", "政府县长王永昌宣布2021年献县一季度重点项目集中开工。", "", page("河北省"), ("河北省", "沧州市", "献县")),
    ("", "4月15日，东莞市松山湖南部片区服务驿站揭牌。", "松山湖各企业职工前来参观。松山湖工会表示……", NATIONAL_PAPER,
     ("广东省", "东莞市", None)),
    # a word that begins with the name keeps it: 苏州高新区, not a word across it
    ("全总领导来苏州高新区调研", "6月28日，调研组走访了木桥公寓职工服务站。", "", page("江苏省"), ("江苏省", "苏州市", None)),
    ("辽宁抚顺推进“母爱十平方”落地", "日前，市妇联、市总工会联合举办女职工关爱室培训班。", "", NATIONAL_PAPER,
     ("辽宁省", "抚顺市", None)),
    ("辞旧迎新 共庆元旦——赤峰市红山区总工会开展庆元旦活动", "12月27日，赤峰市红山区总工会开展庆元旦活动。", "",
     NATIONAL_PAPER, ("内蒙古自治区", "赤峰市", "红山区")),
    # a visit: the visited place, not the visitors' home
    ("徐州市总工会到南通考察交流工会工作", "3月23日，徐州市总工会主席率徐州工会代表团一行来到南通，考察交流工会工作经验。",
     "", page("江苏省"), ("江苏省", "南通市", None)),
    ("上海市崇明区总工会来通开展学习交流", "4月17日，上海市崇明区总工会主席率队来通开展学习交流活动。", "",
     page("江苏省", "南通市", local=True), ("江苏省", "南通市", None)),
    ("宁夏职工代表团在宁参观", "日前，职工代表团在宁参观学习。", "", page("宁夏回族自治区"), ("宁夏回族自治区", None, None)),
    ("", "7月3日上午，自治区总工会副主席一行赴武川县调研指导。", "", page("内蒙古自治区"),
     ("内蒙古自治区", "呼和浩特市", "武川县")),
    ("东海舰队官兵慰问活动", "日前，某部官兵在东海之滨开展活动。", "", NATIONAL_PAPER, (None, None, None)),
    ("东海县总工会开展送清凉", "连日来，东海县总工会深入企业一线。", "", JIANGSU_PAPER, ("江苏省", "连云港市", "东海县")),
]


@pytest.mark.parametrize(("headline", "lead", "rest", "context", "expected"), CASES,
                         ids=[f"{i}-{(c[0] or c[1])[:10]}" for i, c in enumerate(CASES)])
def test_resolution(resolver, headline, lead, rest, context, expected):
    assert resolver.resolve(headline, lead, rest, [], context) == RegionPath(*expected)


def test_authors_organisation_and_pen_names(resolver):
    essay = "深入贯彻中央八项规定精神以来，作为一名基层工会工作者，我深入学习深刻领悟。"
    assert resolver.resolve("铸魂强基砺作风", essay, "", ["高邮经济开发区总工会"], JIANGSU_PAPER) == RegionPath(
        "江苏省", "扬州市", "高邮市")
    assert resolver.resolve("职工书屋建设见成效", "近日，全市新建职工书屋20家。", "", ["通工宣"], JIANGSU_PAPER).city == "南通市"


@pytest.mark.parametrize(
    ("text", "masthead", "local", "expected"),
    [
        ("西安市总工会表彰先进。渭南市富平县举行竞赛。榆林市佳县职工运动会。", "陕西工人报", False, ("陕西省", None, None)),
        # a national paper: places from everywhere, no home
        ("沧州市新华区农民工。黔东南州榕江县维权。南宁市总工会。上饶市信州区驿站。江门市新会区观影。", "", False,
         (None, None, None)),
        # a county page: its county dominates
        ("兴化市总工会召开全委会。兴化市职工服务中心。兴化职工书屋。泰州市总工会调研兴化。", "工会专刊", True,
         ("江苏省", "泰州市", "兴化市")),
        # a local-looking page with news of several cities: the province only
        ("屯溪区暖心驿站。黄山市总工会。巢湖市总工会全委会。合肥市劳模。铜陵市集中开工。铜陵市职工。", "安徽日报", True,
         ("安徽省", None, None)),
    ],
)
def test_page_home(resolver, text, masthead, local, expected):
    assert resolver.page_home(text, masthead, local) == RegionPath(*expected)


def test_a_printed_organiser_names_the_page(resolver):
    text = "平顶山市总工会 主办\n市总工会慰问组到卫东区开展春节送温暖慰问活动。卫东区困难职工。卫东区劳模。"
    assert resolver.page_home(text, "工会专刊", True) == RegionPath("河南省", "平顶山市")
    assert resolver.page_home("卫东区职工。", "工会专刊", True, ["常州市金坛区总工会主办"]) == RegionPath(
        "江苏省", "常州市", "金坛区")
    # an event's organiser is not the page's
    assert resolver.page_home("由阜宁县总工会主办的篮球赛。盐城市总工会。盐城市职工。", "", True).county is None


@pytest.mark.parametrize("lead", ["近日，潞城街道总工会为快递小哥送上清凉。", "中山路社区工会开展活动。", "东海镇工会举办运动会。"])
def test_streets_and_towns_named_after_places(resolver, lead):
    # 潞城街道 (in 常州), 中山路, 东海镇 are not 潞城区 (长治), 中山市, 东海县
    assert resolver.resolve("", lead, "", [], NATIONAL_PAPER) == RegionPath()

"""Page-level rules for titles, credits, captions and mastheads, each on a small page laid out as extraction prints it."""

import pytest


def parse(parser, text):
    return parser.parse(text, "t02.txt", "seeds/t02.txt")


SIDE_BY_SIDE = """县总工会举办职工象棋比赛      市直机关工会 表彰十佳标兵

为丰富职工文化生活，12月15日，县总工会举办了职工象棋比赛，来自基层的32支队伍参加了比赛。
最终，来自县电力公司的职工队伍夺得了冠军。


近日，市直机关工会召开表彰大会，对评选出的十佳标兵个人和单位进行表彰。
十佳标兵产生于各机关单位推荐，经评审委员会评选产生。
"""


def test_two_columns_headlines_on_one_line_head_their_own_stories(parser):
    page = parse(parser, SIDE_BY_SIDE)
    assert [(a.headline, a.body[:4]) for a in page.articles] == [
        ("县总工会举办职工象棋比赛", "为丰富职"), ("市直机关工会 表彰十佳标兵", "近日，市")]


def test_a_title_with_one_space_between_its_parts_stays_one_title(parser):
    page = parse(parser, SIDE_BY_SIDE.replace("      ", " ", 1))
    assert page.articles[0].headline == "县总工会举办职工象棋比赛 市直机关工会 表彰十佳标兵"


TITLE_BELOW_THEN_TITLE_ABOVE = """本报讯（通讯员 王芳）为纪念“三八”国际劳动妇女节，近日，江宁区总工会组织女职工在商场开展文艺展演。
女职工们身着盛装，以歌舞的形式展现风采，吸引了众多市民驻足观看。

江宁巾帼玩“快闪”！这个三八妇女节不一样


市总工会专项督查开发区工会建设

10月24日上午，市总工会副主席一行到经济开发区，专项督查开发区工会建设情况。
督查组听取了开发区工会建设工作汇报，查阅了相关台账资料。
"""


def test_a_title_set_apart_by_a_wide_blank_is_not_the_next_storys_kicker(parser):
    page = parse(parser, TITLE_BELOW_THEN_TITLE_ABOVE)
    assert [(a.headline, a.subheadline, a.body[:3]) for a in page.articles] == [
        ("江宁巾帼玩“快闪”！这个三八妇女节不一样", "", "本报讯"), ("市总工会专项督查开发区工会建设", "", "10月")]


ROUNDUP = """县总工会走进企业送清凉

连日来，一车车满载着纯净水、西瓜的慰问车驶向全县各个建筑工地，为一线职工送去清凉。

汝阳县总工会
7月17日，汝阳县总工会主席带领有关部室人员，到交警执勤岗位慰问一线干警，送去防暑降温用品。（李军）

新安县总工会
7月19日，新安县总工会主席一行看望慰问了园林绿化工人，为他们送去电风扇等消暑用品。（记者 张渊）
"""


def test_a_union_named_over_a_brief_is_its_title_not_a_section_label(parser):
    page = parse(parser, ROUNDUP)
    assert [a.headline for a in page.articles][-2:] == ["汝阳县总工会", "新安县总工会"]
    assert page.articles[-1].body.startswith("7月19日")


IMPRINT_AND_REPORTER_LINE = """工人日报
WORKERS' DAILY  国内统一连续出版物号 CN11-0001

县总工会农民工返乡专车发车
本报全媒体记者随车全程报道

本报讯 1月6日，记者从县总工会
获悉，首批农民工返乡专车今天发车
，300余名农民工免费乘车回家过
年。专车从县工人文化宫出发，沿途
设有三个停靠点，工会干部全程陪同
，为农民工送上热水、面包和防疫用
品。县总工会负责人表示，今年将继
续组织返乡专车，让农民工安心回家
。
"""


def test_the_imprint_is_furniture_and_a_reporter_line_is_not_part_of_the_title(parser):
    page = parse(parser, IMPRINT_AND_REPORTER_LINE)
    assert len(page.articles) == 1
    assert page.articles[0].headline == "县总工会农民工返乡专车发车"
    assert any("CN11-0001" in line for line in page.furniture.footer)


TITLE_UNDER_ITS_STORY = """海都讯（见习记者 王小明 通讯员
 李华） 为解决职工子女暑期“看
护难”问题，近日，在市总工会指导
下，企业工会开办“工会子女暑托班
”。该暑托班以兴趣培养为宗旨，开
设作业辅导、科普讲座等课程，注重
劳动教育与团队协作。

暑托班“托”起多彩假期


笔者从省总工会获悉，省总工会日前
表彰了全省职工职业技能竞赛活动取
得优异成绩的职工，我市第一技工学
校等11名职工荣获“金牌工人”称
号。据悉，去年全市共有1600多
家企事业单位参赛，开展岗位练兵1
700多场次。（张三）
"""


def test_a_title_closer_to_the_story_above_is_that_storys_title(parser):
    page = parse(parser, TITLE_UNDER_ITS_STORY)
    assert [(a.headline, a.body[:3]) for a in page.articles] == [("暑托班“托”起多彩假期", "海都讯"), ("", "笔者从")]


ARROW_BRIEFS = """简讯

▶6月17日上午，省总工会领导一行来开发区调研产改工作，对该公司工会组织建设给予充分肯定。
▶6月10日，开发区总工会与市诗词学会联合举办了第十一届端阳诗会，参加活动人员即兴赋诗。
"""


def test_arrow_bullets_are_briefs_of_their_own(parser):
    page = parse(parser, ARROW_BRIEFS)
    assert [a.body[:6] for a in page.articles] == ["▶6月17日", "▶6月10日"]
    assert all(a.kind == "brief" for a in page.articles)


def test_a_picture_line_inside_a_story_is_no_title(parser):
    text = ("市总工会组织职工徒步寻访\n\n本报讯 近日，市总工会组织职工徒步寻访红色工运地标，在追溯历史中感悟初心使命。\n"
            "图为活动现场\n活动现场，职工们在纪念碑前驻足致哀，深切缅怀为工运事业献身的先烈。\n")
    page = parse(parser, text)
    assert len(page.articles) == 1 and "图为活动现场" in page.articles[0].body


CAPTIONS_WITH_CREDITS = """春节前夕，市总工会置办了10多桌年夜饭，与100多名农民工欢聚一堂，共同分享过年的喜悦之情。毛朝阳 许琳 摄

5月26日，区总工会在公园中心草坪举行职工集体婚礼，18对新人从此开始新生活。王海欣 摄

在街道居家养老服务中心，外来务工人员在工会活动中开展交流。
张金桥 摄
"""


def test_captions_with_their_credit_run_on_are_photo_stories(parser):
    page = parse(parser, CAPTIONS_WITH_CREDITS)
    assert [(a.kind, list(a.byline)) for a in page.articles] == [
        ("photo", ["毛朝阳", "许琳"]), ("photo", ["王海欣"]), ("photo", ["张金桥"])]
    assert page.articles[1].body.endswith("开始新生活。")


def test_a_caption_set_inside_a_story_keeps_the_story_whole(parser):
    text = ("街道工会情暖新业态\n\n本报讯 21日，社区在新时代文明实践站开展暖冬关爱行活动，现场赠送书籍80余本。\n"
            "为外卖员、快递员发放冬季保暖物品。王会 摄\n"
            "街道有关负责人介绍，下一步将继续开展各类关爱活动。\n")
    page = parse(parser, text)
    assert len(page.articles) == 1 and "下一步" in page.articles[0].body and "王会" in page.articles[0].byline


CREDITS_UNDER_A_STORY = """县总工会开展中秋慰问

中秋佳节，阖家团圆。为切实做好节日慰问工作，县总工会深入企业走访慰问一线职工，送去节日祝福。

融媒体记者 伍迪 文
各县市总工会 图/资料

区总工会启动春节送温暖

本报讯 （记者陈昌云）1月20日，区总工会主席一行到企业慰问困难职工，送去慰问金和慰问品。
"""


def test_a_writer_and_a_picture_credit_close_the_story_above(parser):
    page = parse(parser, CREDITS_UNDER_A_STORY)
    assert [(a.headline, list(a.byline)) for a in page.articles] == [
        ("县总工会开展中秋慰问", ["伍迪"]), ("区总工会启动春节送温暖", ["陈昌云"])]


@pytest.mark.parametrize(("masthead", "publication"), [("海峡都市报", "海峡都市报"), ("劳动报 LABOUR DAILY", "劳动报")])
def test_mastheads_of_city_papers_and_with_an_english_name(parser, masthead, publication):
    text = f"{masthead}\n2025年7月12日 星期六\n\n本报讯 近日，福州市总工会开展送清凉活动。\n"
    issue = parse(parser, text).context.issue
    assert (issue.publication, issue.publication_inferred) == (publication, False)


def test_a_work_bulletin_is_named_after_its_place(parser):
    text = ("工会工作简报\n第12期\n平顶山市总工会办公室编  2023年4月6日\n\n"
            "本刊讯 近日，平顶山市总工会开展劳模宣讲活动。\n\n本刊讯 3月28日，平顶山市新华区总工会举办职工运动会。\n")
    assert parse(parser, text).context.issue.publication.startswith("平顶山")


CREDIT_BLOCK = """昆山举行“五一”主题活动

4月29日下午，由市总工会主办的五一主题活动举行。市委副书记与全市劳模工匠代表、职工代表共聚一堂，共庆劳动者节日。

活动以百年工运发展为主线，展现了工会星火燎原、与国同行的壮阔史诗。
活动收到了院士的祝福视频，院士深情寄语家乡劳动者传承匠心、接续奋斗。
现场发布了工匠技能人才三年行动方案，5位劳模获颁“劳模工匠实训导师”聘书。
今年获评全国劳模的职工分享了匠心故事，展现了一线劳动者的坚守与追求。

当天，职工服务矩阵启动，包含市工人文化宫、市职工服务中心四大服务平台。

责任编审 | 孙亚美 冯涛
融媒体记者 | 朱小芳
供图 | 季昊
责任编辑 | 陆晓兰

中工网讯 2月25日，江苏昆山市总工会组织公益观影活动，邀请30位外卖骑手免费观看影片。（通讯员 王雨婷）
"""


def test_a_credit_block_with_editors_closes_the_story_above(parser):
    page = parse(parser, CREDIT_BLOCK)
    assert [list(a.byline) for a in page.articles] == [["朱小芳", "季昊"], ["王雨婷"]]
    assert any("孙亚美" in line for line in page.furniture.footer)


def test_a_title_over_two_lines_with_a_quoted_list_and_a_verb_before_a_union(parser):
    text = ("区总工会开展劳模精神\n“进企业、进院校、进社区”宣讲活动\n\n"
            "为进一步弘扬劳模精神，近日，区总工会组织劳模宣讲团走进企业、院校和社区开展宣讲活动。\n\n\n"
            "高新区吸纳5800余名\n农民工入工会\n\n本报讯 今年以来，高新区总工会推动农民工入会，5800余名农民工加入工会。\n")
    page = parse(parser, text)
    assert [a.headline.replace(" ", "") for a in page.articles] == ["区总工会开展劳模精神“进企业、进院校、进社区”宣讲活动",
                                                   "高新区吸纳5800余名农民工入工会"]


def test_a_caption_line_before_text_that_goes_on_stays_in_the_story(parser):
    text = ("市总工会到江洪镇调研工会工作\n\n本报讯 近日，市总工会调研组到江洪镇调研基层工会建设工作，县总工会领导参加调研。\n\n"
            "调研组一行到盐务改良纪念亭参观调研\n\n随后，调研组到渔业工会旧址、盐务改良纪念亭等地参观，详细了解工运历史。\n")
    page = parse(parser, text)
    assert len(page.articles) == 1 and "随后" in page.articles[0].body


def test_a_campaign_label_in_brackets_is_no_headline(parser):
    text = ("【2026年两节工会送温暖行动·暖闻】\n西宁开展暖冬专项行动\n\n"
            "本报讯 近日，西宁市总工会开展暖冬专项行动，为一线职工送去棉衣、棉被等过冬物资。\n")
    article = parse(parser, text).articles[0]
    assert article.headline == "西宁开展暖冬专项行动" and article.column == "2026年两节工会送温暖行动·暖闻"


def test_a_roundup_title_does_not_head_its_first_brief(parser):
    text = ROUNDUP.replace("汝阳县总工会\n", "工会送“清凉”\n\n汝阳县总工会\n", 1)
    page = parse(parser, text)
    assert [a.headline for a in page.articles][-2:] == ["汝阳县总工会", "新安县总工会"]


def test_a_title_set_apart_over_a_dated_lead_opens_a_new_story(parser):
    text = ("区总工会开展送温暖活动\n\n本报讯 1月20日，区总工会开展送温暖活动，筹集资金为困难职工送去慰问金。\n"
            "区总工会负责人表示，将把送温暖活动做细做实，让职工感受到工会的温暖。\n\n\n"
            "市总工会系统筹集4000万元送温暖\n\n春节将至，近日，全市各级工会集中走访慰问困难职工和一线劳动者。\n")
    page = parse(parser, text)
    assert [a.headline for a in page.articles] == ["区总工会开展送温暖活动", "市总工会系统筹集4000万元送温暖"]


def test_a_title_printed_inline_in_brackets(parser):
    text = ("本报讯 近日，区总工会开展劳模宣讲活动，劳模代表走进企业宣讲。\n\n"
            "【市总工会表彰职工精神文明“十佳”好事】6月14日，市总工会举行表彰会，表彰第十九届职工精神文明“十佳”好事。\n")
    article = parse(parser, text).articles[-1]
    assert article.headline == "市总工会表彰职工精神文明“十佳”好事" and article.body.startswith("6月14日")



def test_a_column_set_off_to_the_right_is_text_not_a_stack_of_titles(parser):
    margin = "\u3000" * 15
    column = ["远东连杆、达蒙砂轮、铭创幕墙等", "17家企业，为一线职工送去工会", "组织的关怀每到一处，深入车间一",
              "线，询问企业职工的工作和生活情", "况，对大家不畏酷暑坚守岗位的精", "神表示衷心感谢。"]
    text = ("东青工联会开展送清凉活动\n\n本报讯 近日，东青工联会第一时间将防暑降温物资送到中交建、\n"
            + "\n".join(margin + line for line in column) + "\n")
    article = parse(parser, text).articles[0]
    assert article.headline == "东青工联会开展送清凉活动" and "17家企业" in article.body and not article.subheadline


def test_a_place_name_that_is_an_ordinary_word_does_not_start_a_story(parser):
    text = ("本报讯 日前，市总工会主席到平阴县调研工会工作及经济社会发展情况。\n\n"
            "一行先后到平阴县职工服务中心、县中医医院等地进行实地察看，并听取相关情况汇报。\n\n"
            "今年以来，平阴县总工会精准定位，注重打造特色型工会；借助资源，注重打造合作型工会。\n")
    assert len(parse(parser, text).articles) == 1


def test_a_source_line_in_a_title_block_goes_with_the_block(parser):
    text = ("“铜湾码头分四期打造，将建成集职工服务于一体的阵地。”9月24日，区委常委、总工会主席率队调研工会项目推进情况。\n"
            "一行首先调研了福禄镇码头项目，听取了建设方案汇报。\n\n"
            "沙湾区委常委、区总工会主席\n调研工会项目建设运行情况\n来源：乐山市总工会\n\n\n"
            "累了来歇歇\n\n经开区总工会户外劳动者服务站点向户外劳动者敞开温暖的大门。\n")
    first = parse(parser, text).articles[0]
    assert first.headline.startswith("沙湾区委常委") and "乐山市总工会" in first.subheadline
    assert (first.region.city, first.region.county) == ("乐山市", "沙湾区")


@pytest.mark.parametrize("head", ["常州工会\n常州市总工会主办　　　　内部资料　免费交流",
                                  "武进工会\n武进区总工会主办　　第12期　　2025年1月"])
def test_a_union_periodical_is_named_by_its_masthead(parser, head):
    text = f"{head}\n\n省总工会调研我区工会工作\n\n本刊讯 近日，省总工会调研组到我区调研基层工会建设工作。\n"
    issue = parse(parser, text).context.issue
    assert issue.publication == head.split("\n")[0] and not issue.publication_inferred


def test_a_page_section_named_like_a_union_is_no_periodical(parser):
    text = "地方工会\n\n《榜样的力量》在我市首发\n\n本报讯 近日，市总工会编纂的劳模事迹书籍首发。\n\n江苏工人报 2024年5月7日 第3版 地方工会\n"
    assert parse(parser, text).context.issue.publication == "江苏工人报"


def test_a_monthly_dated_by_its_printed_month(parser):
    text = "南通工会\n南通市总工会主办　　2025年5月　总第231期\n\n本刊讯 12月9日，市总工会调研组到如皋调研。\n"
    issue = parse(parser, text).context.issue
    assert (issue.issue_date, issue.date_precision, issue.date_inferred) == ("2025-05-01", "month", False)


def _wrapped(text: str, width: int = 16, indent: str = "") -> str:
    return "\n".join(indent + text[i : i + width] if i == 0 else text[i : i + width] for i in range(0, len(text), width))


def test_a_story_set_with_indented_paragraphs_stays_whole(parser):
    plain = [_wrapped(p) for p in (
        "本报讯 近日，市总工会开展送清凉活动，走访慰问了一线职工，为他们送去防暑降温物品和节日的问候。",
        "慰问组一行先后来到建筑工地、环卫站点和快递网点，与一线职工亲切交流，详细了解他们的工作生活情况。",
        "市总工会负责人表示，将持续做好夏季送清凉工作，切实维护好职工的劳动安全和身体健康，让职工安心。")]
    indented = [_wrapped(p, indent="\u3000\u3000") for p in (
        "4月28日，全市产业工人队伍建设改革联席会议暨工作推进会举行。市委常委、组织部部长参加活动。",
        "会上，与会领导对前一阶段我市产改工作成效给予肯定，要求突出政治引领，把产改工作推向深入。")]
    text = "\n".join(plain) + "\n\n\n产业工人队伍建设改革工作推进会举行\n\n" + "\n".join(indented) + "\n"
    page = parse(parser, text)
    assert [a.body[:5] for a in page.articles] == ["本报讯 近", "4月28日"]


def test_title_marks_doubles_and_labels(parser):
    text = ("基层传真\n\n震泽蚕丝行业举办首届职工技能竞赛\n震泽蚕丝行业举办首届职工技能竞赛\n\n"
            "本报讯 近日，震泽蚕丝行业举办首届职工技能竞赛，60名职工参赛。\n（武进区总工会生产保护部）\n\n\n"
            "■市总工会为困难劳模送温暖\n\n昨天下午，市总工会分三路走访慰问困难劳模和一线职工。\n")
    page = parse(parser, text)
    assert [a.headline for a in page.articles] == ["震泽蚕丝行业举办首届职工技能竞赛", "市总工会为困难劳模送温暖"]
    assert "基层传真" in page.furniture.sections


def test_a_source_line_under_a_title_printed_below_its_story(parser):
    text = ("本报讯 近日，泰兴市总工会举行职工图书漂流启动仪式，让工会文化惠及全市广大职工群众。（蒋瑜）\n\n"
            "泰兴举行图书漂流启动仪式\n来源：《泰州日报》\n\n\n"
            "江苏省扬州市总工会在全市职工中广泛开展技能大比武活动，培养高素质职工队伍。\n（来源：扬州日报）\n\n"
            "5月30日，盐城市大丰区总工会开展“联手兴家”活动。\n")
    page = parse(parser, text)
    assert page.articles[0].headline == "泰兴举行图书漂流启动仪式"
    assert [a.headline for a in page.articles[1:]] == ["", ""] and len(page.articles) == 3


def test_a_bulleted_credit_on_its_own_line_opens_the_brief_below(parser):
    page = parse(parser, "●（记者 王鑫）\n近日，南京市总工会开展活动，慰问一线职工。\n")
    assert len(page.articles) == 1 and page.articles[0].byline == ("王鑫",)
    closing = parse(parser, "本报讯 近日，区总工会完善了职工书屋设施。\n\n（通讯员 郑珠太）\n\n本报讯 近日，城厢区总工会举行读书会。\n")
    assert [a.byline for a in closing.articles] == [("郑珠太",), ()]


def test_a_title_printed_twice_on_a_hard_wrapped_page_is_one_title(parser):
    text = """市总工会将依托工会线上线下的服务平台和
阵地，为留苏州过年职工提供多样化的
服务。充分发挥市工人文化宫、第二工人文
化宫和各县级市（区）职工文体中心等文
体设施的作用，发放电子文体券2万余张
，有计划地将工人文化宫内的电影院、乒乓
球馆、健身馆等活动场馆向留在苏州过年
的外地职工免费开放。工会会员可以通
过“苏工惠”App会员抽取电子文体
券。记者 钱茹冰


震泽蚕丝行业举办首届职工技能竞赛
震泽蚕丝行业举办首届职工技能竞赛

本报讯 近日，江苏省苏州市震泽蚕丝
行业工会联合会在苏州慈云蚕丝制品
有限公司举办了首届职工技能竞赛。
来自震泽蚕丝行业的慈云、太湖雪、
山水丝绸、辑里、丝立方等8家骨
干企业参加了此次技能竞赛。
8家企业经过各自企业初赛，选拨出1
4位技能娴熟、素质过硬的选手参与缝
"""
    page = parse(parser, text)
    assert any(a.headline == "震泽蚕丝行业举办首届职工技能竞赛" for a in page.articles)


def test_a_word_cut_by_a_column_break_is_no_title(parser):
    text = """院、省疾控中心，省人大常委会副主任、
省总工会主席周农深入科室和临床一线，了
解医疗疾控机构医疗救治、疾病预防、医
学技术创新和医务人员工作生活情况，为劳
动模范、技能人才、困难职工送上慰问金
和温暖大礼包。他勉励卫健系统广大职工
始终秉持“一切为了人民健康”的理念
，大力弘扬伟大抗疫精神和“敬佑生命、
救死扶伤、甘于奉献、大爱无疆”的职业精
神，为推进健康湖南建设贡献智慧力量。
在省公安厅特勤局和长沙市公安局交警支

队芙蓉大队三中队，慰问组看望慰问了
公安特勤干警和交警，考察了省公安厅特勤
"""
    page = parse(parser, text)
    assert len(page.articles) == 1 and "交警支队芙蓉大队" in page.articles[0].body

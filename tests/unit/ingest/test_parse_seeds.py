"""The seed pages parse into the articles a reader sees on paper (spot checks per hard case)."""

from pathlib import Path

import pytest

from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def pages(parser):
    return {
        p.name[:3]: parser.parse(p.read_text(encoding="utf-8"), p.name, f"seeds/{p.name}")
        for p in sorted(Path(SEEDS).glob("*.txt"))
    }


def find(page, headline_part):
    matches = [a for a in page.articles if headline_part in a.headline]
    assert len(matches) == 1, [a.headline for a in page.articles]
    return matches[0]


def test_headline_subheadline_and_byline(pages):
    a = find(pages["000"], "省总工会主席办公会")
    assert a.subheadline == "魏国强主持并讲话"
    assert a.source_line == "本报讯（记者 王鑫）"
    assert a.byline == ("王鑫",)
    assert a.body.startswith("本报讯（记者 王鑫）3月14日上午，省总工会召开主席办公会")  # the lead as printed
    assert "学习好、宣传好、贯彻好习近平" in a.body


def test_headline_printed_after_body_is_attached_by_content(pages):
    yangzhou = find(pages["000"], "扬州发布情暖产业工人十件实事")
    assert yangzhou.kicker.startswith("优化企业职工食堂")
    assert yangzhou.source_line == "本报讯（通讯员 高云 陈咏）"
    huaian = find(pages["001"], "织密“保障网”为职工幸福“加码”")
    assert huaian.body.startswith("近年来，淮安市总工会")
    assert huaian.byline == ("吴新宇", "张强", "卢克余")
    wuxi = find(pages["001"], "无锡：推动工会工作")
    assert wuxi.byline_groups == ("锡工办",) and wuxi.region.city == "无锡市"
    consumption = find(pages["001"], "国务院部署多项举措提振消费")
    assert consumption.kind == "reprint" and consumption.source_line == "据新华社电"


def test_vertical_headline_and_editor_note(pages):
    qinhuai = find(pages["003"], "实施“五大工程”推动工会工作高质量发展")
    assert qinhuai.region.county == "秦淮区"
    assert qinhuai.paragraphs[-1].startswith("小编说：南京市秦淮区总工会")
    assert "南京市秦淮区总工会" in qinhuai.byline_groups


def test_columns_and_doubled_headlines(pages):
    column = find(pages["003"], "铸魂强基砺作风 实干笃行促发展")
    assert column.kind == "column" and column.column == "履职手记"
    assert column.byline == ("张国庆",)
    assert (column.region.city, column.region.county) == ("扬州市", "高邮市")
    voice = find(pages["003"], "在竭诚服务职工群众中展现新作为")
    assert voice.column == "主席之声" and voice.byline == ("刘筠",)
    assert "打造“工会在你身边”服务阵地" in voice.paragraphs  # an inline subheading stays in the text


def test_briefs_photos_and_fragments(pages):
    kinds = [a.kind for a in pages["000"].articles]
    assert kinds.count("brief") == 5
    photo = next(a for a in pages["000"].articles if a.kind == "photo")
    assert photo.byline == ("张旭",) and photo.body.startswith("3月14日，南京航空航天大学")
    qiushi = find(pages["000"], "《求是》杂志发表习近平总书记重要文章")
    assert qiushi.kind == "fragment" and qiushi.continued in ("from", "both")
    yancheng_photos = [a for a in pages["004"].articles if a.kind == "photo"]
    assert len(yancheng_photos) == 5


def test_page_metadata(pages):
    page3 = pages["003"].context.issue
    assert (page3.issue_date, page3.date_precision, page3.page, page3.section) == ("2025-07-29", "day", 4, "主席论坛")
    page0 = pages["000"].context.issue
    assert page0.publication == "江苏工人报" and not page0.publication_inferred and page0.page == 1
    assert page0.issue_date == "2025-03-17" and page0.date_precision == "range"
    xinghua = pages["002"].context
    assert xinghua.issue.publication_inferred and "专刊" in xinghua.issue.publication
    assert xinghua.home.county == "兴化市"


@pytest.mark.parametrize(
    ("page", "headline", "city", "county"),
    [
        ("004", "大丰区总工会“双进”宣讲向纵深挺进", "盐城市", "大丰区"),
        ("004", "盐城经开区纵深推进", "盐城市", None),
        ("002", "交流互鉴 共促发展", "泰州市", "兴化市"),
        ("000", "教育部部署开展", None, None),  # national news gets no city
        ("000", "连云港女职工在发展奋进中展风采", "连云港市", None),
    ],
)
def test_regions(pages, page, headline, city, county):
    article = find(pages[page], headline)
    assert (article.region.city, article.region.county) == (city, county)


def test_ids_are_stable_and_local(parser):
    text = (Path(SEEDS) / "000_a78a1988dbe7ac1c.txt").read_text(encoding="utf-8")
    first = parser.parse(text, "000_x.txt", "seeds/000_x.txt")
    again = parser.parse(text, "000_x.txt", "seeds/000_x.txt")
    assert [a.id for a in first.articles] == [a.id for a in again.articles]
    edited = parser.parse(text.replace("我国进入汛期", "我国今年进入汛期"), "000_x.txt", "seeds/000_x.txt")
    changed = {a.id for a in first.articles} ^ {a.id for a in edited.articles}
    assert len(changed) == 2  # only the edited article's id changed

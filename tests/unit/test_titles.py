"""One display title: the printed headline, or a kind prefix and the lead, flagged as derived."""

import dataclasses

import pytest

from viewer.domain import (
    ARTICLE_KINDS,
    KIND_LABELS,
    derive_title,
    display_title,
    kind_label,
    lead_title,
)


def test_a_printed_headline_is_the_title(archive):
    article = next(a for a in archive.articles() if a.headline)
    title = display_title(article)
    assert title.text == article.headline and not title.derived and str(title) == article.headline


def test_every_headline_less_seed_article_gets_a_derived_title_from_its_lead(archive):
    missing = [a for a in archive.articles() if not a.headline]
    assert len(missing) >= 15
    for article in missing:
        title = display_title(article)
        assert title.derived and title.kind == article.kind
        assert title.text and "无标题" not in title.text
        lead = lead_title(article.body)
        assert title.text.endswith(lead) and lead[:8] in article.body
        assert len(lead) <= 25


@pytest.mark.parametrize(("kind", "zh", "en"), [
    ("photo", "图片说明：", "Photo caption: "), ("brief", "简讯：", "Brief: "), ("reprint", "转载：", "Reprint: "),
    ("column", "专栏：", "Column: "), ("news", "", ""),
])
def test_the_kind_prefix_in_both_languages(kind, zh, en):
    body = "3月14日，南京航空航天大学举办2025年春季大型双选会。吸引来自全国的企业。"
    assert derive_title("", kind, body).text == zh + "3月14日，南京航空航天大学举办2025年春季大…"
    assert derive_title("", kind, body, "en").text.startswith(en + "3月14日")


def test_the_lead_is_the_first_sentence_and_a_fragment_shows_it_starts_mid_text():
    assert lead_title("短讯一则。第二句。") == "短讯一则"
    assert lead_title("\n\n  首段无句号") == "首段无句号"
    assert derive_title("", "fragment", "实施意见》，实现产业工人健康体检。").text == "续：…实施意见》，实现产业工人健康体检"
    assert derive_title("", "photo", "").text == "图片说明：（无标题）"
    assert derive_title("  ", "news", "", "en").text == "(untitled)"


def test_kind_labels_cover_every_kind_in_both_languages():
    assert set(KIND_LABELS) == set(ARTICLE_KINDS)
    assert [kind_label(k) for k in ARTICLE_KINDS] == ["新闻", "图片", "简讯", "专栏", "转载", "续"]
    assert kind_label("photo", "en") == "Photo" and kind_label("unknown-kind") == "unknown-kind"


def test_a_headline_of_spaces_is_no_headline(archive):
    article = dataclasses.replace(next(a for a in archive.articles() if a.kind == "brief"), headline="  ")
    assert display_title(article).derived


def test_a_title_from_the_lead_leaves_out_its_bullet_and_source_line():
    from viewer.domain import lead_title

    assert lead_title("●今年以来，我国多地铁路项目建设持续推进。") == "今年以来，我国多地铁路项目建设持续推进"
    assert lead_title("本报讯（通讯员 王鑫）3月14日，省总工会召开会议。") == "3月14日，省总工会召开会议"
    assert lead_title("西江日报讯 （记者 陈松连） 日前，端州区总工会举行活动。") == "日前，端州区总工会举行活动"

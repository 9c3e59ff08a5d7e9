"""Citations: GB/T 7714-2015 [N] and the Chinese prose form; the day kept; inferred parts marked."""

import dataclasses

import pytest

from viewer.domain import display_title
from viewer.reports.citation import citation, date_label, date_text, issue_line, page_label


@pytest.fixture()
def wang(archive):
    """王鑫's page-1 article of 江苏工人报, given the printed day 2025-03-17."""
    article = next(a for a in archive.articles() if a.byline == ("王鑫",))
    issue = dataclasses.replace(article.issue, publication="江苏工人报", issue_date="2025-03-17",
                                date_precision="day", date_inferred=False, publication_inferred=False, page=1)
    return dataclasses.replace(article, issue=issue, headline="省总工会主席办公会传达学习全国两会精神")


def with_issue(article, **changes):
    return dataclasses.replace(article, issue=dataclasses.replace(article.issue, **changes))


def test_gbt7714_newspaper_article(wang):
    assert citation(wang, "gbt7714") == "王鑫. 省总工会主席办公会传达学习全国两会精神[N]. 江苏工人报, 2025-03-17(1)."


def test_prose_form_keeps_the_day(wang):
    assert citation(wang, "prose") == "王鑫：《省总工会主席办公会传达学习全国两会精神》，《江苏工人报》2025年3月17日第1版。"
    assert citation(wang) == citation(wang, "prose")


def test_a_seed_article_with_a_printed_day_is_cited_with_the_day(archive):
    dated = [a for a in archive.articles() if a.issue.date_precision == "day"]
    assert dated
    for article in dated:
        y, m, d = (int(p) for p in article.issue.issue_date.split("-"))
        assert f"{y}年{m}月{d}日" in citation(article)
        assert article.issue.issue_date in citation(article, "gbt7714")


def test_month_precision_says_only_the_month_and_marks_an_inferred_date(wang):
    month = with_issue(wang, date_precision="month", date_inferred=True, issue_date="2025-03-01")
    assert issue_line(month) == "《江苏工人报》2025年3月（推断）第1版"
    assert issue_line(month, "gbt7714") == "江苏工人报, 2025-03[推断](1)"


def test_an_inferred_lower_bound_is_written_as_such(wang):
    bound = with_issue(wang, date_precision="range", date_inferred=True)
    assert citation(bound).endswith("《江苏工人报》2025年3月17日或稍后（推断）第1版。")
    assert citation(bound, "gbt7714").endswith("江苏工人报, 2025-03-17[推断](1).")


def test_an_inferred_publication_and_an_unknown_date_are_marked(wang):
    guessed = with_issue(wang, publication="盐城工会", publication_inferred=True, issue_date=None,
                         date_precision="unknown", page=None)
    assert issue_line(guessed) == "《盐城工会》（推断）日期不详"
    assert issue_line(guessed, "gbt7714") == "盐城工会[推断], [日期不详]"
    assert date_text(with_issue(wang, issue_date="2025-13-xx").issue) == "日期不详"


def test_authors_more_than_three_become_et_al_in_gbt(wang):
    many = dataclasses.replace(wang, byline=("甲", "乙", "丙", "丁"))
    assert citation(many, "gbt7714").startswith("甲, 乙, 丙, 等. ")
    assert citation(many).startswith("甲、乙、丙、丁：《")
    nobody = dataclasses.replace(wang, byline=())
    assert citation(nobody, "gbt7714").startswith("省总工会")
    assert citation(nobody).startswith("《省总工会")


def test_a_headline_less_article_is_cited_by_its_display_title(archive):
    photo = next(a for a in archive.articles() if a.kind == "photo" and not a.headline)
    title = display_title(photo).text
    assert f"《{title}》" in citation(photo) and f"{title}[N]." in citation(photo, "gbt7714")
    assert "无标题" not in citation(photo)


def test_an_unknown_style_is_refused(wang):
    with pytest.raises(ValueError, match="citation style"):
        citation(wang, "apa")


def test_reader_labels_in_both_languages(wang):
    assert date_label(wang.issue) == "2025年3月17日" and date_label(wang.issue, "en") == "2025-03-17"
    bound = with_issue(wang, date_precision="range", date_inferred=True).issue
    assert date_label(bound) == "2025年3月17日或稍后（推断）"
    assert date_label(bound, "en") == "2025-03-17 or later (inferred)"
    month = with_issue(wang, date_precision="month", date_inferred=True).issue
    assert date_label(month, "en") == "2025-03 (inferred)"
    assert date_label(with_issue(wang, issue_date=None).issue, "en") == "date unknown"
    assert page_label(1) == "第1版" and page_label(1, "en") == "page 1" and page_label(None) == ""

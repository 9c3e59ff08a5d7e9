"""PDF text extraction: every character, reading order, headlines put back, clear failure reasons."""

from __future__ import annotations

import pytest
from pdfpages import SAMPLE_STORIES, Story, make_page

from viewer.errors import SourceError
from viewer.ingest.pdf import Line, headlines_first, read_pdf
from viewer.text.normalize import content_chars

LONG_STORIES = SAMPLE_STORIES + [
    Story("常州职工书屋建设提档升级", ("本报讯（记者 周洁）常州市总工会今年新建职工书屋五十家，" * 4,
                                     "书屋配备图书、电子阅读设备，方便职工工余阅读学习。" * 3)),
    Story("盐城开展女职工权益保护宣传", ("本报讯 盐城市总工会近日组织女职工权益保护专项宣传活动。" * 5,)),
]


@pytest.mark.parametrize("font", ["ttf", "cid"])
@pytest.mark.parametrize("after", [False, True])
def test_every_character_in_reading_order_with_headlines_first(tmp_path, font, after):
    path = make_page(tmp_path / "p.pdf", LONG_STORIES, font=font, headline_after=after, columns=2)
    (page,) = read_pdf(path)
    text = content_chars(page.text)
    positions = []
    for story in LONG_STORIES:
        head = content_chars(story.headline)
        body = content_chars("".join(story.paragraphs))
        assert head in text and body in text
        assert text.index(head) < text.index(body)  # the headline comes before its own story
        positions.append(text.index(head))
    assert positions == sorted(positions)  # stories in the order they are printed, column by column


def test_two_columns_are_read_one_after_the_other(tmp_path):
    path = make_page(tmp_path / "p.pdf", LONG_STORIES, columns=2)
    (page,) = read_pdf(path)
    lefts = {round(line.box[0]) for line in page.lines if line.size < 12}
    assert len({x // 100 for x in lefts}) == 2  # body lines in two columns
    columns = [line.box[0] > 250 for line in page.lines if line.size < 12 and "年" not in line.text]
    assert columns == sorted(columns)  # every left-column line before every right-column line


def test_masthead_and_dateline_on_one_baseline_are_separate_lines(tmp_path):
    (page,) = read_pdf(make_page(tmp_path / "p.pdf", SAMPLE_STORIES))
    assert page.lines[0].text == "江苏工人报"
    assert page.lines[1].text.startswith("2026年3月14日")


def test_headline_after_its_story_is_moved_before_it():
    body = [Line("正文第一行", (10, 700, 200, 710), 9.0), Line("正文第二行", (10, 685, 200, 695), 9.0)]
    other = Line("另一栏正文", (300, 690, 500, 700), 9.0)
    head = Line("标题", (10, 720, 150, 736), 16.0)
    assert headlines_first([*body, head]) == [head, *body]
    # a headline already first, or one above another column's lines, stays where it is
    assert headlines_first([head, *body]) == [head, *body]
    assert headlines_first([other, head, *body]) == [other, head, *body]


def test_multi_page_pdf_gives_each_page(tmp_path):
    from pdfpages import font_name
    from reportlab.pdfgen import canvas

    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path))
    for text in ("第一版 职工之家", "第二版 劳模风采"):
        c.setFont(font_name("ttf"), 12)
        c.drawString(72, 700, text)
        c.showPage()
    c.save()
    pages = read_pdf(path)
    assert [p.number for p in pages] == [1, 2]
    assert "劳模风采" in pages[1].text


def test_empty_file_is_named(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(SourceError, match="empty") as e:
        read_pdf(path)
    assert "文件为空" in e.value.message_zh


def test_damaged_pdf_is_named(tmp_path):
    good = make_page(tmp_path / "good.pdf", SAMPLE_STORIES).read_bytes()
    path = tmp_path / "damaged.pdf"
    path.write_bytes(good[: len(good) // 3])
    with pytest.raises(SourceError, match="damaged") as e:
        read_pdf(path)
    assert "损坏" in e.value.message_zh


def test_encrypted_pdf_is_named(tmp_path):
    path = make_page(tmp_path / "locked.pdf", SAMPLE_STORIES, encrypt="secret")
    with pytest.raises(SourceError, match="encrypted") as e:
        read_pdf(path)
    assert "加密" in e.value.message_zh


def test_image_only_page_is_named(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for i in range(40):  # a scanned page: marks, no text
        c.rect(50 + i * 10, 100 + i * 5, 8, 300, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(SourceError, match="image-only") as e:
        read_pdf(path)
    assert "没有可提取的文字" in e.value.message_zh

"""The reader steps through the hit offsets it was given, whatever colours the page holds."""

import pytest
from PySide6.QtGui import QTextCursor

from viewer.archive.highlight import find_offsets
from viewer.ui.list_model import HIGHLIGHT
from viewer.ui.reader import ReaderView


@pytest.fixture()
def reader(qtbot):
    view = ReaderView()
    qtbot.addWidget(view)
    return view


def article_with(archive, term, at_least=3):
    for hit in archive.search(term, limit=50).hits:
        article = archive.article(hit.article_id)
        if len(find_offsets(article.body, [term])) >= at_least:
            return article
    raise AssertionError(f"no article with {at_least} hits of {term}")


def selected(reader):
    return reader.textCursor().selectedText()


def test_f3_stops_at_every_hit_in_reading_order_and_wraps(reader, archive):
    article = article_with(archive, "工会")
    reader.show_article(article, ["工会"])
    expected = sum(len(find_offsets(t, ["工会"])) for t in (article.kicker, article.headline or "（无标题）",
                                                            article.subheadline, *article.paragraphs) if t)
    assert reader.hit_count == expected
    starts = []
    for _ in range(reader.hit_count):
        assert selected(reader) == "工会"
        starts.append(reader.textCursor().selectionStart())
        reader.next_hit()
    assert starts == sorted(starts) and len(set(starts)) == expected  # none skipped, none twice
    assert reader.textCursor().selectionStart() == starts[0]  # wrapped around
    reader.previous_hit()
    assert reader.textCursor().selectionStart() == starts[-1]


def test_a_tag_coloured_like_the_highlight_is_not_a_stop(reader, archive):
    article = article_with(archive, "工会")
    reader.show_article(article, ["工会"])
    plain = list(reader.spans)
    reader.show_article(article, ["工会"], [("工会新闻", HIGHLIGHT), ("另一个", "#ffe08a")])
    assert reader.spans != plain  # the chips moved the text down
    assert reader.hit_count == len(plain)
    for _ in range(reader.hit_count):
        assert selected(reader) == "工会"
        reader.next_hit()


def test_hits_keep_their_place_in_text_with_repeated_spaces(reader, archive):
    from dataclasses import replace

    article = replace(article_with(archive, "工会", at_least=1), headline="  工会  与   工会", body="甲  工会\n乙   工会")
    reader.show_article(article, ["工会"])
    assert reader.hit_count == 4
    for _ in range(4):
        assert selected(reader) == "工会"
        reader.next_hit()


def test_new_tag_chips_keep_the_current_hit(reader, archive):
    article = article_with(archive, "工会")
    reader.show_article(article, ["工会"])
    reader.next_hit()
    reader.next_hit()
    reader.set_tags([("产改", "#e06c75")])
    assert reader.current_hit == 2 and selected(reader) == "工会" and "产改" in reader.toPlainText()


def test_an_article_opened_without_a_search_has_no_stops(reader, archive):
    reader.show_article(article_with(archive, "工会"), [])
    reader.next_hit()
    assert reader.hit_count == 0 and reader.textCursor().position() == 0
    reader.moveCursor(QTextCursor.MoveOperation.End)


def test_the_metadata_line_says_what_was_inferred(archive):
    from viewer.ui.reader import metadata_line

    inferred = next(a for a in archive.articles() if a.issue.date_inferred and a.issue.publication_inferred)
    line = metadata_line(inferred)
    assert line.startswith(f"{inferred.issue.publication}（推断） · ") and "或稍后（推断）" in line.split(" · ")[1]
    printed = next(a for a in archive.articles() if not a.issue.date_inferred and a.kind == "column")
    line = metadata_line(printed)
    assert line.split(" · ")[1] == "2025年7月29日"

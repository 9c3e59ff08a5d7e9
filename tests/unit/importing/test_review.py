"""Review edits on a parsed page, the page reopened from the library, and the worker process."""

from __future__ import annotations

import sqlite3

import pytest
from pdfpages import SAMPLE_STORIES, make_page

from viewer.archive import Archive
from viewer.ingest import page_review as review
from viewer.ingest.library import library_path
from viewer.ingest.library_writer import LibraryWriter


@pytest.fixture()
def page(importer, tmp_path):
    prepared = importer.prepare(make_page(tmp_path / "p.pdf", SAMPLE_STORIES))
    return prepared.pages[0]


def test_fix_page_info_headline_kind_region(page):
    fixed = review.set_page_info(page, "工人日报", "2024-05-01", 3, "要闻")
    assert {(a.issue.publication, a.issue.issue_date, a.issue.page, a.issue.section) for a in fixed.articles} == {
        ("工人日报", "2024-05-01", 3, "要闻")}
    edited = review.edit_article(fixed, 1, headline="快递小哥有了歇脚处", kind="brief", region="江苏省/南通市")
    article = edited.articles[1]
    assert (article.headline, article.kind, article.region.city) == ("快递小哥有了歇脚处", "brief", "南通市")
    assert article.id == page.articles[1].id  # the id stays: tags follow
    with pytest.raises(review.ReviewError):
        review.set_page_info(page, "工人日报", "5月1日", None, None)
    with pytest.raises(review.ReviewError):
        review.edit_article(page, 0, kind="novel")


def test_merge_and_split(page):
    merged = review.merge_articles(page, 0)
    assert len(merged.articles) == len(page.articles) - 1
    assert page.articles[1].headline in merged.articles[0].body
    assert [a.seq for a in merged.articles] == list(range(1, len(merged.articles) + 1))
    assert len(merged.areas[0]) == len(page.areas[0]) + len(page.areas[1])
    first = page.articles[0]
    assert len(first.paragraphs) >= 2
    split = review.split_article(page, 0, 1)
    assert split.articles[0].body == first.paragraphs[0]
    assert split.articles[1].body.startswith(first.paragraphs[1][:10])
    assert split.articles[1].id != first.id and len(split.articles) == len(page.articles) + 1
    with pytest.raises(review.ReviewError):
        review.split_article(page, 0, 0)
    with pytest.raises(review.ReviewError):
        review.merge_articles(page, len(page.articles) - 1)


def test_reviewing_a_stored_page_again_keeps_keys(importer, data_dir, tmp_path, page):
    report = importer.run([make_page(tmp_path / "p.pdf", SAMPLE_STORIES)])
    keys = report.imported[0]["articles"]
    library = library_path(data_dir)
    stored = review.stored_page(library, keys[0])
    assert [a.id for a in stored.articles] == keys and stored.width > 0
    fixed = review.edit_article(review.set_page_info(stored, "江苏工人报", "2026-03-14", 2, None), 0,
                                headline="无锡职工技能大赛开幕")
    writer = LibraryWriter(library, importer.segmenter)
    assert writer.rewrite_page(keys[0], fixed) == keys
    writer.close()
    with Archive.open(library) as lib:
        assert lib.article(keys[0]).headline == "无锡职工技能大赛开幕"
        assert lib.article(keys[0]).issue.page == 2
        assert lib.search("标题:技能大赛开幕").total == 1
    conn = sqlite3.connect(library)
    assert conn.execute("SELECT count(*) FROM issue WHERE source_sha256 = ?",
                        (report.imported[0]["sha256"],)).fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM article_area WHERE article_key = ?", (keys[0],)).fetchone()[0] >= 1


def test_worker_process_prepares_and_writes(data_dir, seed_archive_path, tmp_path):
    from viewer.ingest import import_process

    path = make_page(tmp_path / "p.pdf", SAMPLE_STORIES)
    broken = tmp_path / "x.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    process, requests, replies = import_process.start(data_dir, seed_archive_path)
    try:
        assert replies.get(timeout=60).kind == "ready"
        requests.put(("prepare", str(path), False))
        prepared = replies.get(timeout=60)
        assert prepared.kind == "prepared" and len(prepared.prepared.pages[0].articles) == 3
        requests.put(("write", prepared.prepared, prepared.prepared.pages, False))
        written = replies.get(timeout=60)
        assert written.kind == "written" and len(written.keys) == 3
        requests.put(("prepare", str(path), False))
        assert replies.get(timeout=60).kind == "duplicate"
        requests.put(("prepare", str(broken), False))
        failed = replies.get(timeout=60)
        assert failed.kind == "failed" and "损坏" in failed.reason_zh
        requests.put(("finish",))
        assert replies.get(timeout=60).kind == "finished"
        requests.put(("stop",))
        process.join(30)
    finally:
        if process.is_alive():
            process.kill()
        requests.close()
        replies.close()
    assert process.exitcode == 0


def test_review_flags_are_kept_and_shown_in_chinese(importer, data_dir, page):
    from dataclasses import replace

    flagged = replace(page, articles=(replace(page.articles[0], review=("possible_merge",)), *page.articles[1:]))
    assert review.review_flags(flagged.articles[0]) == ("可能合并了多篇文章",)
    writer = importer.open_writer()
    keys = writer.write_file([flagged])
    writer.close()
    with Archive.open(library_path(data_dir)) as lib:
        assert lib.article(keys[0]).review == ("possible_merge",)
    assert review.stored_page(library_path(data_dir), keys[0]).articles[0].review == ("possible_merge",)

"""The user's library: made from the bundled archive, pages written whole, order and counts kept."""

from __future__ import annotations

import hashlib
import sqlite3

from pdfpages import SAMPLE_STORIES, Story, make_page

from viewer.archive import Archive
from viewer.ingest.library import archive_to_read, library_path


def _ids_in_date_order(path):
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT id, sort_date FROM article ORDER BY id").fetchall()
    conn.close()
    return rows


def test_first_import_copies_the_bundled_archive_and_leaves_it_untouched(importer, data_dir, seed_archive_path,
                                                                            tmp_path):
    before = hashlib.sha256(seed_archive_path.read_bytes()).hexdigest()
    with Archive.open(seed_archive_path) as bundled:
        bundled_count = bundled.article_count()
    assert archive_to_read(data_dir) != library_path(data_dir)
    report = importer.run([make_page(tmp_path / "p.pdf", SAMPLE_STORIES)])
    assert report.ok and report.pages == 1 and report.articles == 3
    assert hashlib.sha256(seed_archive_path.read_bytes()).hexdigest() == before
    assert archive_to_read(data_dir) == library_path(data_dir)
    with Archive.open(library_path(data_dir)) as lib:
        assert lib.article_count() == bundled_count + 3
        assert lib.search("快递小哥").total == 1  # found at once
        assert {"江苏工人报"} <= {a.issue.publication for a in map(lib.article, report.imported[0]["articles"])}
    conn = sqlite3.connect(library_path(data_dir))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (data_dir / "pages" / f"{report.imported[0]['sha256']}.pdf").is_file()


def test_text_pdf_and_folder_import(importer, data_dir, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    make_page(folder / "a.pdf", SAMPLE_STORIES[:2])
    (folder / "b.txt").write_text("工人日报\n2024年5月1日\n劳动节慰问一线职工\n本报讯（记者 张三）五一前夕，市总工会慰问一线职工。\n",
                                  encoding="gb18030")
    (folder / "notes.md").write_text("不是版面")
    report = importer.run([folder])
    assert [e["file"].rsplit("/", 1)[-1] for e in report.imported] == ["a.pdf", "b.txt"]
    with Archive.open(library_path(data_dir)) as lib:
        assert lib.search("慰问一线职工").total == 1


def test_duplicate_is_skipped_and_replace_keeps_keys(importer, data_dir, tmp_path):
    path = make_page(tmp_path / "p.pdf", SAMPLE_STORIES)
    first = importer.run([path])
    again = importer.run([path])
    assert not again.imported and again.duplicates == [{"file": str(path), "sha256": first.imported[0]["sha256"]}]
    replaced = importer.run([path], replace=True)
    assert replaced.imported[0]["articles"] == first.imported[0]["articles"]
    with Archive.open(library_path(data_dir)) as lib:
        assert lib.search("快递小哥").total == 1  # once, not twice
    conn = sqlite3.connect(library_path(data_dir))
    assert conn.execute("SELECT count(*) FROM issue WHERE source_sha256 = ?",
                        (first.imported[0]["sha256"],)).fetchone()[0] == 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_failed_files_are_named_and_the_rest_imported(importer, tmp_path):
    good = make_page(tmp_path / "good.pdf", SAMPLE_STORIES)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    locked = make_page(tmp_path / "locked.pdf", SAMPLE_STORIES, encrypt="pw")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(good.read_bytes()[:500])
    report = importer.run([empty, locked, damaged, good])
    assert [e["file"] for e in report.imported] == [str(good)]
    reasons = {f["file"].rsplit("/", 1)[-1]: f["reason"] for f in report.failed}
    assert set(reasons) == {"empty.pdf", "locked.pdf", "damaged.pdf"}
    assert "empty" in reasons["empty.pdf"] and "encrypted" in reasons["locked.pdf"]
    assert "damaged" in reasons["damaged.pdf"]


def test_pages_of_any_date_keep_newest_first_numbering(importer, data_dir, tmp_path):
    dates = ["2030年1月1日", "2000年6月1日", "2025年7月29日", "2026年3月14日", "2031年2月2日"]
    for n, date in enumerate(dates):
        importer.run([make_page(tmp_path / f"p{n}.pdf", [Story(f"职工运动会第{n}场比赛举行", (f"本报讯（记者 王鑫）第{n}场比赛在体育馆举行。",))],
                                dateline=f"{date} 星期一")])
    rows = _ids_in_date_order(library_path(data_dir))
    assert [d for _, d in rows] == sorted((d for _, d in rows), reverse=True)
    assert min(i for i, _ in rows) >= 1
    with Archive.open(library_path(data_dir)) as lib:
        assert lib.search("运动会 日期:2000").total == 1
        assert lib.search("运动会 日期:2025..2031").total == 4
        hit = lib.search("第1场比赛").hits[0]
        assert hit.issue_date == "2000-06-01"
    conn = sqlite3.connect(library_path(data_dir))
    conn.execute("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO article_words(article_words) VALUES ('integrity-check')")


def test_term_docs_counts_follow_imports_and_replacements(importer, data_dir, tmp_path):
    from viewer.archive.query import Term
    from viewer.ingest.library import open_library

    path = open_library(data_dir, importer.bundled)
    conn = sqlite3.connect(path)

    def fts_count(term):
        return conn.execute("SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", (Term(term).fts(),)).fetchone()[0]

    for term in ("工会", "总工会", "快递"):  # stored counts as the builder keeps them for common terms
        conn.execute("INSERT OR REPLACE INTO term_docs VALUES (?, ?)", (term, fts_count(term)))
    conn.commit()
    page = make_page(tmp_path / "p.pdf", SAMPLE_STORIES)
    importer.run([page])
    importer.run([page], replace=True)
    for term in ("工会", "总工会", "快递"):
        stored = conn.execute("SELECT docs FROM term_docs WHERE term = ?", (term,)).fetchone()[0]
        assert stored == fts_count(term), term


def test_an_archive_without_front_room_is_renumbered(importer, data_dir, seed_archive_path, tmp_path):
    """An older bundled archive numbered from 1: a newest page moves every article up."""
    import shutil

    old = tmp_path / "old.sqlite"
    shutil.copy(seed_archive_path, old)
    conn = sqlite3.connect(old)
    low = conn.execute("SELECT min(id) FROM article").fetchone()[0]
    conn.close()
    importer.bundled = old
    importer.run([make_page(tmp_path / "p.pdf", SAMPLE_STORIES, dateline="2040年1月1日")])
    rows = _ids_in_date_order(library_path(data_dir))
    assert rows[0][1] == "2040-01-01" and rows[0][0] == low - 3
    assert [d for _, d in rows] == sorted((d for _, d in rows), reverse=True)


def test_a_newer_bundled_archive_is_merged_in_and_imports_kept(importer, data_dir, tmp_path):
    import shutil

    from tests.conftest import SEEDS
    from viewer.ingest.build import build_archive

    first = importer.run([make_page(tmp_path / "p.pdf", SAMPLE_STORIES)])
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, seeds / path.name)
    (seeds / "new.txt").write_text("工人日报\n2027年1月5日\n新年走访困难职工\n本报讯（记者 张三）新年前夕，走访困难职工家庭。\n",
                                   encoding="utf-8")
    newer = tmp_path / "newer.sqlite"
    build_archive(seeds, newer, segmenter=importer.segmenter)
    importer.bundled = newer
    second = importer.run([make_page(tmp_path / "q.pdf", [Story("扬州工会夜校开课", ("本报讯 扬州工会夜校开课。",))])])
    assert second.ok
    with Archive.open(library_path(data_dir)) as lib, Archive.open(newer) as new:
        assert lib.article_count() == new.article_count() + 3 + 1
        assert lib.search("走访困难职工").total == 1  # the new bundled page
        assert lib.search("快递小哥").hits[0].article_id in first.imported[0]["articles"]  # ids kept
        assert lib.search("夜校开课").total == 1
    assert _page_image_areas(data_dir, first.imported[0]["articles"][0])
    rows = _ids_in_date_order(library_path(data_dir))
    assert [d for _, d in rows] == sorted((d for _, d in rows), reverse=True)


def _page_image_areas(data_dir, key):
    from viewer.ingest.page_image import printed_page

    return printed_page(library_path(data_dir), data_dir, key).areas.get(key)


def test_files_of_the_same_name_are_different_pages(importer, data_dir, tmp_path):
    """E-paper files are often named 01.pdf: another day's 01.pdf is a new page, even with --replace."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = make_page(tmp_path / "a" / "01.pdf", SAMPLE_STORIES, dateline="2026年3月14日")
    two = make_page(tmp_path / "b" / "01.pdf", [Story("扬州工会夜校开课", ("本报讯 扬州工会夜校开课。",))],
                    dateline="2026年3月21日")
    importer.run([one])
    report = importer.run([two, one], replace=True)
    assert len(report.imported) == 2
    with Archive.open(library_path(data_dir)) as lib:
        assert lib.search("快递小哥").total == 1 and lib.search("夜校开课").total == 1


def test_imported_articles_are_checksummed_like_built_ones(importer, data_dir, tmp_path):
    import pytest

    from viewer.errors import ArchiveError

    page = make_page(tmp_path / "p.pdf", SAMPLE_STORIES)
    report = importer.run([page])
    keys = report.imported[0]["articles"]
    conn = sqlite3.connect(library_path(data_dir))
    marks = ",".join("?" * len(keys))
    assert conn.execute(f"SELECT count(*) FROM article_check WHERE key IN ({marks})", keys).fetchone()[0] == 3
    conn.execute("UPDATE article SET body = body || '篡改' WHERE key = ?", (keys[0],))
    conn.commit()
    conn.close()
    with Archive.open(library_path(data_dir)) as lib:
        assert lib.article(keys[1]).headline  # untouched articles read as before
        with pytest.raises(ArchiveError):
            lib.article(keys[0])
    importer.run([page], replace=True)  # a replaced page is whole again
    with Archive.open(library_path(data_dir)) as lib:
        assert "篡改" not in lib.article(keys[0]).body


def test_a_library_in_use_elsewhere_is_left_as_it_was(importer, data_dir, seed_archive_path, tmp_path, monkeypatch):
    """Windows refuses to replace a file another program has open: the merge says so and changes nothing."""
    import os
    import shutil
    from pathlib import Path

    import pytest

    from viewer.errors import ArchiveError
    from viewer.ingest import merge

    importer.run([make_page(tmp_path / "p.pdf", SAMPLE_STORIES)])
    before = library_path(data_dir).read_bytes()
    newer = tmp_path / "newer.sqlite"
    shutil.copy(seed_archive_path, newer)
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE meta SET value = 'later' WHERE key = 'built_at'")
    conn.commit()
    conn.close()

    real_replace = os.replace

    def in_use(src, dst):  # what Windows does while the app holds the library open
        if Path(dst) == library_path(data_dir):
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", in_use)
    with pytest.raises(ArchiveError) as e:
        merge.merge_bundled(data_dir, newer, importer.segmenter)
    assert "正被另一个程序使用" in e.value.message_zh
    monkeypatch.undo()
    assert library_path(data_dir).read_bytes() == before
    assert not list(data_dir.glob("*.merging*"))

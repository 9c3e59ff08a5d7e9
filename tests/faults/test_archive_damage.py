"""A damaged archive is found before it is trusted: never altered text with exit 0, never a traceback
(issue 18, 4)."""

from __future__ import annotations

import os
import random
import shutil

import pytest

from viewer.archive import Archive
from viewer.archive.trees import DAMAGED_LEAF
from viewer.errors import ArchiveError

from .conftest import one_clean_line, run_cli


@pytest.fixture(scope="module")
def pristine(seed_archive_path, tmp_path_factory):
    """The seed archive, its export, and where its article bodies lie in the file (UTF-16)."""
    code, export, _ = run_cli("export", "--db", str(seed_archive_path))
    assert code == 0
    data = seed_archive_path.read_bytes()
    with Archive.open(seed_archive_path) as archive:
        bodies = [a.body for a in archive.articles() if len(a.body) > 40]
    spots = [data.find(body[10:30].encode("utf-16-le")) for body in bodies]
    return seed_archive_path, export, [s for s in spots if s > 0]


def _damaged_copy(tmp_path, source, flips):
    copy = tmp_path / "archive.sqlite"
    shutil.copyfile(source, copy)
    data = bytearray(copy.read_bytes())
    for offset, mask in flips:
        data[offset] ^= mask
    copy.write_bytes(bytes(data))
    return copy


def test_a_flipped_byte_in_an_article_is_refused_when_read(pristine, tmp_path):
    source, _, spots = pristine
    copy = _damaged_copy(tmp_path, source, [(spots[0] + 4, 0x01)])  # one character of the body changes
    with Archive.open(copy) as archive:
        damaged = [a for a in _ids(source) if not _reads(archive, a)]
        assert len(damaged) == 1
        with pytest.raises(ArchiveError) as raised:
            list(archive.articles())
        assert "已损坏" in raised.value.message_zh and "python -m viewer build" in raised.value.message_zh
    code, _, err = run_cli("export", "--db", str(copy))
    assert code == 1 and one_clean_line(err) and "damaged" in err


def _ids(path):
    with Archive.open(path) as archive:
        return [a.id for a in archive.articles()]


def _reads(archive, article_id):
    try:
        archive.article(article_id)
    except ArchiveError:
        return False
    return True


@pytest.mark.parametrize("case", range(40))
def test_random_damage_never_gives_altered_text_or_a_traceback(pristine, tmp_path, case):
    source, export, spots = pristine
    rng = random.Random(case)
    size = source.stat().st_size
    flips = [(rng.choice(spots) + rng.randrange(40) if rng.random() < 0.5 else rng.randrange(100, size),
              1 << rng.randrange(8)) for _ in range(rng.randint(1, 10))]
    copy = _damaged_copy(tmp_path, source, flips)
    code, out, err = run_cli("export", "--db", str(copy))
    assert code in (0, 1) and "internal error" not in err and "Traceback" not in err, err
    if code == 0:
        assert out == export  # what is exported with success is exactly what was built
    else:
        assert one_clean_line(err)
    for query in ("工会", "劳模 -南京", "日期:2024"):
        code, _, err = run_cli("search", query, "--db", str(copy))
        assert code in (0, 1) and "internal error" not in err and "Traceback" not in err, (query, err)
        if code:
            assert one_clean_line(err)


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "header-only", "not-sqlite"])
def test_a_broken_file_is_refused_at_open(pristine, tmp_path, damage):
    source = pristine[0]
    data = source.read_bytes()
    path = tmp_path / "archive.sqlite"
    path.write_bytes({
        "empty": b"",
        "truncated": data[: len(data) // 3],
        "garbage": random.Random(1).randbytes(len(data)),
        "header-only": data[:100],
        "not-sqlite": "这不是档案。".encode() * 1000,
    }[damage])
    with pytest.raises(ArchiveError) as raised:
        Archive.open(path).close()
    assert str(path) in raised.value.message_zh
    for command in (["search", "工会"], ["export"], ["tags"], ["bookmarks"]):
        code, _, err = run_cli(*command, "--db", str(path), "--data-dir", str(tmp_path / "data"))
        assert code in (0, 1) and "Traceback" not in err and "internal error" not in err, (command, err)
        if command[0] in ("search", "export", "tags"):
            assert code == 1 and one_clean_line(err), (command, err)


def test_a_structurally_damaged_page_fails_the_open_check(pristine, tmp_path):
    source = pristine[0]
    data = bytearray(source.read_bytes())
    page_size = int.from_bytes(data[16:18], "big") or 65536
    for page in range(2, len(data) // page_size):  # scribble over the b-tree page headers
        data[page * page_size] = 0xFF
    path = tmp_path / "archive.sqlite"
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError):
        Archive.open(path).close()


def _flip_every(source, tmp_path, text):
    """A copy of the archive with one bit of every stored copy of `text` (UTF-16: rows and indexes) flipped."""
    data, needle = source.read_bytes(), text.encode("utf-16-le")
    spots, at = [], data.find(needle)
    while at >= 0:
        spots.append(at)
        at = data.find(needle, at + 1)
    assert spots, text
    return _damaged_copy(tmp_path, source, [(at + 2, 0x01) for at in spots])


@pytest.mark.parametrize("field", ["headline", "publication", "issue date"])
def test_a_flipped_byte_never_shows_in_search_hits_or_tree_leaves(pristine, tmp_path, field):
    source = pristine[0]
    with Archive.open(source) as archive:
        hit = archive.search("工会", limit=1).hits[0]
        article = archive.article(hit.article_id)
    text = {"headline": article.headline, "publication": article.issue.publication,
            "issue date": article.issue.issue_date}[field]
    copy = _flip_every(source, tmp_path, text)
    code, out, err = run_cli("search", "工会", "--db", str(copy), "--json", "--limit", "100")
    assert code == 1 and out == "" and one_clean_line(err) and "damaged" in err and str(copy) in err
    try:
        archive = Archive.open(copy)
    except ArchiveError:  # the date's copies in the indexes no longer match the table: refused at open
        return
    with archive:
        with pytest.raises(ArchiveError) as raised:
            archive.search("工会", limit=100)
        assert "已损坏" in raised.value.message_zh
        with pytest.raises(ArchiveError):
            archive.trees.browse(limit=1000)
        leaves = [leaf for node in _issue_nodes(archive) for leaf in archive.trees.issue_articles(node.key)]
        damaged = [leaf for leaf in leaves if leaf.label == DAMAGED_LEAF]
        assert damaged and hit.article_id in {leaf.article_id for leaf in damaged}
        assert {leaf.label for leaf in leaves} <= {leaf.label for leaf in _leaves(source)} | {DAMAGED_LEAF}
        with pytest.raises(ArchiveError):  # opening it says what to do
            archive.article(damaged[0].article_id)


def _leaves(path):
    with Archive.open(path) as archive:
        return [leaf for node in _issue_nodes(archive) for leaf in archive.trees.issue_articles(node.key)]


def _issue_nodes(archive):
    return [issue for pub in archive.trees.publications() for year in archive.trees.publication_years(pub.key)
            for issue in archive.trees.year_issues(pub.key, year.key.split("\t")[1])]


def _index_damaged_copy(source, tmp_path):
    """A copy whose region-code index no longer matches its table (quick_check passes such a file)."""
    import sqlite3

    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_region_1'")]
        code = conn.execute("SELECT code FROM region WHERE level = 'county' ORDER BY id DESC LIMIT 1").fetchone()[0]
    data, needle = source.read_bytes(), code.encode("utf-16-le")
    spots = [data.find(needle, (p - 1) * page_size, p * page_size) for p in pages]
    at = next(s for s in spots if s >= 0)
    copy = _damaged_copy(tmp_path, source, [(at + len(needle) - 2, 0x01)])  # its last character changes
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    return copy


@pytest.mark.parametrize("whole_file", [True, False])
def test_an_index_that_no_longer_matches_its_table_is_refused_at_open(pristine, tmp_path, monkeypatch, whole_file):
    """Such a file passed the open check and then crashed the app (an error from the region tree's model)."""
    from viewer.archive import integrity

    copy = _index_damaged_copy(pristine[0], tmp_path)
    if not whole_file:  # a big archive: only its small tables are checked at open
        monkeypatch.setattr(integrity, "QUICK_CHECK_BYTES", 1)
    with pytest.raises(ArchiveError) as raised:
        Archive.open(copy).close()
    assert "已损坏" in raised.value.message_zh and "index" in raised.value.message


def test_a_tree_that_cannot_be_read_is_a_message_not_a_crash(qtbot, pristine, tmp_path, monkeypatch):
    """An error escaping the navigator model's fetchMore ended the app with a segmentation fault (PySide)."""
    import sqlite3

    from PySide6.QtCore import QSettings

    from viewer.archive.trees import Trees
    from viewer.ui import tree_model
    from viewer.ui.main_window import MainWindow

    def unreadable(self):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Trees, "_region_counts", unreadable)
    shown = []
    monkeypatch.setattr(tree_model, "show_error", shown.append)
    archive = Archive.open(pristine[0])
    window = MainWindow(archive, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.wait(50)
    assert len(shown) == 1 and isinstance(shown[0], ArchiveError) and "已损坏" in shown[0].message_zh
    window.session.stop()


def test_self_test_on_an_archive_with_a_damaged_article_fails_with_a_message(pristine, tmp_path):
    import subprocess
    import sys

    source = pristine[0]
    with Archive.open(source) as archive:
        headline = archive.article(archive.search("工会", limit=1).hits[0].article_id).headline
    copy = _flip_every(source, tmp_path, headline)
    proc = subprocess.run([sys.executable, "-m", "viewer", "self-test", "--db", str(copy)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "self-test FAILED" in proc.stderr and "damaged" in proc.stderr


def test_a_flipped_byte_in_a_place_name_is_refused_at_open(pristine, tmp_path):
    """Region names are shown by the trees and facets; no index covers them, so only their checksum can tell."""
    import sqlite3

    source = pristine[0]
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as conn:
        name = conn.execute("SELECT name FROM region WHERE level = 'county' AND length(name) >= 3"
                            " ORDER BY id DESC LIMIT 1").fetchone()[0]
    copy = _flip_every(source, tmp_path, name)
    with pytest.raises(ArchiveError) as raised:
        Archive.open(copy).close()
    assert "region table" in raised.value.message and "已损坏" in raised.value.message_zh

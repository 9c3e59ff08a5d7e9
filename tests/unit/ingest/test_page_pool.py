"""Pages parsed on worker processes give the same archive as pages parsed in turn."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from viewer.errors import ArchiveError
from viewer.ingest import page_pool
from viewer.ingest.build import PageInput, build_archive, write_articles

ROOT = Path(__file__).resolve().parents[3]
CONTENT_SQL = """
SELECT a.id, a.key, a.seq, a.kind, a.headline, a.subheadline, a.byline_json, a.body, a.region_id, a.review_json,
       i.date, i.page, i.source_file, p.name
FROM article a JOIN issue i ON i.id = a.issue_id JOIN publication p ON p.id = i.publication_id ORDER BY a.id
"""


def _content(path: Path) -> tuple[list[tuple], list[tuple]]:
    """Every article with its issue, and every entry of the word index (contentless: read through fts5vocab)."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, 'article_words', 'instance')")
        words = conn.execute("SELECT term, doc, offset FROM temp.words ORDER BY doc, offset").fetchall()
        return conn.execute(CONTENT_SQL).fetchall(), words


@pytest.fixture
def many_pages(tmp_path):
    """The seeds and the development pages, with one empty file among them."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for source in [*sorted((ROOT / "seeds").glob("*.txt")), *sorted((ROOT / "tests/pages/pages").glob("*.txt"))[:20]]:
        shutil.copy(source, folder / source.name)
    (folder / "010_empty.txt").write_bytes(b"")
    return folder


def test_workers_build_the_same_archive(many_pages, tmp_path, segmenter, monkeypatch):
    monkeypatch.setattr(page_pool, "PARALLEL_MIN_FILES", 2)
    serial = build_archive(many_pages, tmp_path / "serial.sqlite", segmenter=segmenter, workers=1)
    parallel = build_archive(many_pages, tmp_path / "parallel.sqlite", segmenter=segmenter, workers=2)
    assert serial.articles > 100 and (parallel.files, parallel.articles) == (serial.files, serial.articles)
    assert parallel.skipped == serial.skipped == [("010_empty.txt", "empty file")]
    articles, words = _content(tmp_path / "serial.sqlite")
    assert len(words) > 1000 and _content(tmp_path / "parallel.sqlite") == (articles, words)
    # the word index made beside the parse is the one the writer makes from the articles alone
    reader = page_pool.PageReader(segmenter, page_pool.Gazetteer())
    pages = [reader(f) for f in sorted(many_pages.glob("*.txt"))]
    write_articles(tmp_path / "plain.sqlite", [PageInput(p.articles, p.sha256) for p in pages if not p.skipped],
                   segmenter, workers=1)
    assert _content(tmp_path / "plain.sqlite")[1] == words


def test_few_files_are_parsed_in_this_process(many_pages, segmenter):
    """Below the threshold no worker starts (a worker's start costs about a second)."""
    files = sorted(many_pages.glob("*.txt"))[:3]
    results = list(page_pool.read_pages(files, segmenter, page_pool.Gazetteer(), workers=2))
    assert [r.name for r in results] == [f.name for f in files]
    assert all(len(r.words) == len(r.articles) > 0 for r in results)


def test_a_lost_worker_is_an_archive_error_and_nothing_is_written(many_pages, tmp_path, segmenter, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    def lost(*args, **kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")
        yield

    monkeypatch.setattr("viewer.ingest.build.read_pages", lost)
    out = tmp_path / "out.sqlite"
    with pytest.raises(ArchiveError) as err:
        build_archive(many_pages, out, segmenter=segmenter, workers=2)
    assert "worker" in err.value.message and not out.exists()
    assert list(tmp_path.glob(".out.sqlite*")) == []

"""User data survives kills, corruption, concurrent writers and archive rebuilds."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from viewer.archive import Archive
from viewer.ingest.build import build_archive
from viewer.userdata import UserStore, location, open_store

ROOT = Path(__file__).resolve().parents[3]

WRITER = textwrap.dedent("""
    import sys
    from viewer.userdata import UserStore
    store = UserStore(sys.argv[1], user=sys.argv[2])
    for i in range(int(sys.argv[3])):
        store.tag([f"{sys.argv[2]}-{i}"], ["产改", f"批次{i % 3}"])
        print(i, flush=True)
""")


def writer(url, name, count):
    return subprocess.Popen([sys.executable, "-c", WRITER, url, name, str(count)], stdout=subprocess.PIPE,
                            text=True, cwd=ROOT)


def test_sigkill_while_tagging_loses_no_acknowledged_tag(tmp_path):
    url = f"sqlite:///{(tmp_path / 'u.sqlite').as_posix()}"
    UserStore(url).close()
    proc = writer(url, "w", 100_000)
    acknowledged = []
    for line in proc.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) == 40:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    proc.stdout.close()
    conn = sqlite3.connect(tmp_path / "u.sqlite")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = UserStore(url)
    assert store.recovery is None
    tagged = next(t for t in store.tags() if t.name == "产改").article_ids
    assert {f"w-{i}" for i in acknowledged} <= tagged


def test_concurrent_writers_lose_nothing(store_url):
    UserStore(store_url).close()
    procs = [writer(store_url, name, 60) for name in ("甲", "乙")]
    for proc in procs:
        proc.communicate(timeout=120)
        assert proc.returncode == 0
    store = UserStore(store_url)
    tags = {t.name: t.article_ids for t in store.tags()}
    assert len(tags["产改"]) == 120
    assert sum(len(tags[f"批次{k}"]) for k in range(3)) == 120
    store.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_corrupt_file_is_moved_aside_and_a_backup_offered(tmp_path, damage):
    path = tmp_path / "userdata.sqlite"
    store = open_store(tmp_path)
    store.tag(["a"], ["产改"])
    backup = store.backup()
    store.close()
    data = path.read_bytes()
    path.write_bytes(b"\x00garbage\xff" * 500 if damage == "garbage" else data[: len(data) // 3])
    broken = path.read_bytes()
    reopened = open_store(tmp_path)
    assert reopened.recovery is not None
    assert "已损坏" in reopened.recovery.message_zh and str(backup) in reopened.recovery.message_zh
    assert reopened.recovery.moved_to.read_bytes() == broken  # kept, never deleted
    assert reopened.tags() == []
    reopened.restore(reopened.recovery.latest_backup)
    assert {t.name for t in reopened.tags()} == {"产改"}


def test_backups_keep_the_last_five(tmp_path):
    store = open_store(tmp_path)
    store.tag(["a"], ["x"])
    made = [store.backup() for _ in range(7)]
    kept = sorted((tmp_path / "backups").glob("*.sqlite"))
    assert kept == sorted(made[-5:])


def test_data_location(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHIVE_VIEWER_DATA", raising=False)
    monkeypatch.delenv("ARCHIVE_VIEWER_DB_URL", raising=False)
    assert location.data_dir(tmp_path / "x") == tmp_path / "x"
    monkeypatch.setenv("ARCHIVE_VIEWER_DATA", str(tmp_path / "env"))
    assert location.data_dir() == tmp_path / "env"
    monkeypatch.delenv("ARCHIVE_VIEWER_DATA")
    monkeypatch.setattr(location.paths, "executable_dir", lambda: tmp_path)
    assert location.data_dir() != tmp_path / "data"
    (tmp_path / "portable").write_text("")
    assert location.data_dir() == tmp_path / "data"
    monkeypatch.setenv("ARCHIVE_VIEWER_DB_URL", "postgresql+psycopg://team@server/archive")
    assert location.database_url() == "postgresql+psycopg://team@server/archive"
    assert location.database_url(tmp_path / "mine").startswith("sqlite:///")


def test_annotations_survive_an_archive_rebuild(tmp_path, segmenter):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        (seeds / path.name).write_bytes(path.read_bytes())
    first = tmp_path / "first.sqlite"
    build_archive(seeds, first, segmenter=segmenter, workers=1)
    store = open_store(tmp_path / "data")
    with Archive.open(first) as archive:
        moved = next(a for a in archive.articles() if a.source.endswith(".txt") and a.headline
                     and a.source.split("/")[-1].startswith("004"))
        gone = next(a for a in archive.articles() if a.source.split("/")[-1].startswith("003") and a.headline)
        for article in (moved, gone):
            store.tag([article.id], ["产改"], [archive.snapshot(article.id)])
        store.bookmark(moved.id, "年度报告", archive.snapshot(moved.id))
    # The next edition: 004 renamed (every id in it changes), 003 dropped.
    old = next(seeds.glob("004_*.txt"))
    old.rename(seeds / ("104" + old.name[3:]))
    next(seeds.glob("003_*.txt")).unlink()
    second = tmp_path / "second.sqlite"
    build_archive(seeds, second, segmenter=segmenter, workers=1)
    with Archive.open(second) as archive:
        assert not archive.existing_ids({moved.id, gone.id})
        orphans = store.relink(archive.existing_ids, archive.find_by_snapshot)
        new_id = next(iter(store.article_ids_for_tag("产改") - {gone.id}))
        assert archive.article(new_id).headline == moved.headline
    assert store.bookmarks()[0].article_id == new_id and store.bookmarks()[0].note == "年度报告"
    assert [o.snapshot.article_id for o in orphans] == [gone.id]
    assert orphans[0].tags == ("产改",) and orphans[0].snapshot.headline == gone.headline

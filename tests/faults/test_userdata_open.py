"""A user database that cannot be opened is left alone with a clear message; only a damaged one is
moved aside, and then the newest backup that passes the check is offered (issue 18, 1-2, 9)."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from viewer.userdata import UserStore, open_store
from viewer.userdata.store import UserDataError

from .conftest import ROOT, as_unprivileged, one_clean_line


def _made(folder, tag="产改"):
    store = open_store(folder)
    store.tag(["a", "b"], [tag])
    store.close()
    return folder / "userdata.sqlite"


def _tag_names(folder):
    store = open_store(folder)
    try:
        return {t.name: set(t.article_ids) for t in store.tags()}
    finally:
        store.close()


@contextlib.contextmanager
def _locked(path):
    """Another program holds the user's file in an exclusive write transaction."""
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO saved_search(name, query, created_at) VALUES ('x', 'y', '2025-01-01')")
    try:
        yield holder
    finally:
        holder.rollback()
        holder.close()


def test_a_locked_file_is_not_declared_damaged(tmp_path):
    path = _made(tmp_path)
    with _locked(path):
        with pytest.raises(UserDataError) as raised:
            UserStore(f"sqlite:///{path.as_posix()}", busy_seconds=0.5)
        assert str(path) in raised.value.message_zh and "锁定" in raised.value.message_zh
        assert not list(tmp_path.glob("*.corrupt-*"))
    assert _tag_names(tmp_path) == {"产改": {"a", "b"}}


def test_a_lock_released_within_the_wait_is_waited_for(tmp_path):
    path = _made(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.8, holder.rollback).start()
    store = UserStore(f"sqlite:///{path.as_posix()}", busy_seconds=5)
    store.tag(["c"], ["产改"])  # waits for the writer, then writes
    assert store.article_ids_for_tag("产改") == {"a", "b", "c"}
    store.close()
    holder.close()


def test_a_file_without_permission_is_left_alone(shared_dir):
    path = _made(shared_dir)
    path.chmod(0)
    result = as_unprivileged(lambda: UserStore(f"sqlite:///{path.as_posix()}", busy_seconds=0.5) and "opened")
    assert result[0] == "UserDataError" and str(path) in result[2], result
    assert not list(shared_dir.glob("*.corrupt-*"))
    path.chmod(0o644)
    assert _tag_names(shared_dir) == {"产改": {"a", "b"}}


def test_a_read_only_data_folder_is_left_alone(shared_dir):
    folder = shared_dir / "data"
    folder.mkdir()
    _made(folder)
    folder.chmod(0o555)
    result = as_unprivileged(lambda: UserStore(f"sqlite:///{(folder / 'userdata.sqlite').as_posix()}") and "opened")
    assert result[0] == "UserDataError" and "userdata.sqlite" in result[2], result
    folder.chmod(0o755)
    assert not list(folder.glob("*.corrupt-*"))
    assert _tag_names(folder) == {"产改": {"a", "b"}}


def test_a_read_only_folder_for_a_new_store_is_a_message(shared_dir):
    folder = shared_dir / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    result = as_unprivileged(lambda: UserStore(f"sqlite:///{(folder / 'userdata.sqlite').as_posix()}") and "opened")
    assert result[0] == "UserDataError" and str(folder) in result[2], result


def test_the_cli_says_the_file_is_locked_in_one_line(tmp_path):
    path = _made(tmp_path)
    with _locked(path):
        env = {**os.environ, "ARCHIVE_VIEWER_DATA": str(tmp_path)}
        code = "from viewer.userdata import database; database.SQLITE_BUSY_SECONDS = 0.5\n" \
               "import sys; from viewer import cli; sys.exit(cli.main(['tags']))"
        proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=60)
    assert proc.returncode == 1 and one_clean_line(proc.stderr) and "锁定" in proc.stderr, proc.stderr
    assert not list(tmp_path.glob("*.corrupt-*"))


@pytest.mark.parametrize("damage", ["zero-bytes", "not-a-database", "bad-pages"])
def test_a_damaged_file_is_moved_aside_and_the_newest_good_backup_offered(tmp_path, damage):
    path = _made(tmp_path)
    store = open_store(tmp_path)
    good = store.backup()
    store.tag(["z"], ["新的"])
    newest = store.backup()
    store.close()
    newest.write_bytes(b"\0" * 4096)  # the newest backup is itself damaged: it must be passed over
    data = path.read_bytes()
    if damage == "zero-bytes":
        path.write_bytes(b"")
    elif damage == "not-a-database":
        path.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 100)
    else:
        page = 4096
        path.write_bytes(data[: 2 * page] + os.urandom(len(data) - 2 * page))
    broken = path.read_bytes()
    reopened = open_store(tmp_path)
    assert reopened.recovery is not None, damage
    assert reopened.recovery.moved_to.read_bytes() == broken
    assert reopened.recovery.latest_backup == good
    assert str(good) in reopened.recovery.message_zh
    reopened.restore(reopened.recovery.latest_backup)
    assert {t.name for t in reopened.tags()} == {"产改"}
    reopened.close()


def test_a_healthy_file_is_never_moved(tmp_path):
    _made(tmp_path)
    for _ in range(3):
        store = open_store(tmp_path)
        assert store.recovery is None
        store.close()
    assert not list(tmp_path.glob("*.corrupt-*"))


FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from viewer.userdata import UserStore
    store = UserStore(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
    try:
        store.tag([f"article-{i:05d}-" + "x" * 40 for i in range(3000)], ["满了"])
    except Exception as e:
        print(type(e).__name__, getattr(e, "message_zh", e))
        sys.exit(1)
    print("written")
""")


def test_a_full_disk_is_a_message_and_leaves_no_empty_tag(tmp_path):
    path = _made(tmp_path)
    limit = path.stat().st_size + 4096 * 4  # the WAL file may grow a little, far from what the action needs
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, f"sqlite:///{path.as_posix()}", str(limit)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith("UserDataError") and "磁盘" in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr
    assert _tag_names(tmp_path) == {"产改": {"a", "b"}}  # the new tag came with its links or not at all

"""Damage that SQLite's quick_check alone does not name: schema text that is no longer UTF-8, a changed
column name, tag names whose bytes were flipped; backups are single files; a failed first start leaves
nothing behind (issue 18, 1-2)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap

from viewer.userdata import open_store
from viewer.userdata.transfer import export_annotations

from .conftest import ROOT, one_clean_line, run_cli


def _made(folder):
    store = open_store(folder)
    store.tag(["a", "b"], ["产改"])
    store.bookmark("a", "笔记")
    backup = store.backup()
    store.close()
    return folder / "userdata.sqlite", backup


def _patch(path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new))


def test_schema_text_that_is_no_longer_utf8_is_damage_with_the_backup_offered(tmp_path):
    path, backup = _made(tmp_path)
    _patch(path, b"CREATE TABLE alembic_version", b"CREATE \xabABLE alembic_version")
    code, out, err = run_cli("tags", "--json", "--data-dir", str(tmp_path))
    assert code == 0 and one_clean_line(err) and "损坏" in err and str(backup) in err, err
    assert json.loads(out) == []  # a new, empty file; the damaged one kept beside it
    moved = [p for p in tmp_path.glob("userdata.sqlite.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1 and b"\xabABLE" in moved[0].read_bytes()


def test_a_changed_column_name_is_damage(tmp_path):
    path, backup = _made(tmp_path)
    _patch(path, b"color VARCHAR(16)", b"colxr VARCHAR(16)")  # quick_check accepts this
    store = open_store(tmp_path)
    assert store.recovery is not None and "tag.color" in store.recovery.reason
    assert store.recovery.latest_backup == backup
    store.restore(backup)
    assert {t.name for t in store.tags()} == {"产改"}
    store.close()


def test_tag_names_whose_bytes_were_damaged_are_still_listed_and_exported(tmp_path):
    path, _ = _made(tmp_path)
    _patch(path, "产改".encode(), b"\xff\xfe\xfd\xfc\xfb\xfa")
    store = open_store(tmp_path)
    assert store.recovery is None  # quick_check passes: the file is kept
    names = [t.name for t in store.tags()]
    assert len(names) == 1 and "\ufffd" in names[0]
    assert store.bookmarks()[0].note == "笔记"
    assert export_annotations(store)["article_tags"]
    store.close()
    code, out, err = run_cli("tags", "--data-dir", str(tmp_path))
    assert code == 0 and err == "" and "\ufffd" in out


def test_a_backup_is_one_self_contained_file(tmp_path):
    _made(tmp_path)
    store = open_store(tmp_path)
    assert store.latest_backup() is not None  # checking it opens it
    store.close()
    assert sorted(p.name.rsplit(".", 1)[-1] for p in (tmp_path / "backups").iterdir()) == ["sqlite"]


FIRST_START_ON_A_FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from viewer.userdata import UserStore
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
    try:
        UserStore(sys.argv[1])
    except Exception as e:
        print(type(e).__name__, getattr(e, "message_zh", e))
        sys.exit(1)
""")


def test_a_first_start_on_a_full_disk_leaves_no_half_made_file(tmp_path):
    url = f"sqlite:///{(tmp_path / 'data' / 'userdata.sqlite').as_posix()}"
    proc = subprocess.run([sys.executable, "-c", FIRST_START_ON_A_FULL_DISK, url], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, preexec_fn=lambda: signal.signal(signal.SIGXFSZ, signal.SIG_IGN))
    assert proc.returncode == 1 and proc.stdout.startswith("UserDataError"), proc.stdout + proc.stderr
    assert list((tmp_path / "data").iterdir()) == []


def test_a_schema_only_a_writer_rejects_is_damage(tmp_path):
    """SQLite checks CHECK constraints only when it may write: the read-only check passes, the open fails."""
    path, backup = _made(tmp_path)
    _patch(path, b"OR shortcut BETWEEN", b"OR jhortcut BETWEEN")
    code, out, err = run_cli("tags", "--json", "--data-dir", str(tmp_path))
    assert code == 0 and one_clean_line(err) and "损坏" in err and str(backup) in err, err
    assert json.loads(out) == []


def test_an_index_that_no_longer_matches_its_table_is_damage(tmp_path):
    """quick_check passes this; integrity_check does not."""
    path, backup = _made(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX bookmark_created_at ON bookmark (note)'"
                 " WHERE name = 'bookmark_created_at'")
    conn.commit()
    conn.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    check.close()
    store = open_store(tmp_path)
    assert store.recovery is not None and store.recovery.reason == "完整性检查未通过"
    assert store.recovery.latest_backup == backup
    store.close()


def test_a_damaged_time_is_a_message_that_offers_the_backup(tmp_path):
    path, backup = _made(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE bookmark SET created_at = '2026f11-26 16:28:44.750884'")  # one flipped byte
    conn.commit()
    conn.close()
    code, _, err = run_cli("bookmarks", "--data-dir", str(tmp_path))
    assert code == 1 and one_clean_line(err) and "internal error" not in err, err
    assert "损坏" in err and str(backup) in err


def test_a_header_from_an_unknown_file_format_is_damage(tmp_path):
    path, backup = _made(tmp_path)
    data = bytearray(path.read_bytes())
    data[47] = 9  # the schema format number: 1 to 4 in every SQLite file
    path.write_bytes(bytes(data))
    store = open_store(tmp_path)
    assert store.recovery is not None and store.recovery.latest_backup == backup
    store.close()

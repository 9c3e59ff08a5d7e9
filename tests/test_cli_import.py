"""The import and page-image commands: exit codes, JSON, failures named, crash safety, the marked page."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import struct
import subprocess
import sys
import time
import zlib

import pytest
from pdfpages import SAMPLE_STORIES, Story, make_page

from tests.conftest import ROOT
from viewer import cli


@pytest.fixture(autouse=True)
def bundled(seed_archive_path, monkeypatch):
    monkeypatch.setenv("ARCHIVE_VIEWER_ARCHIVE", str(seed_archive_path))
    return seed_archive_path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main([str(a) for a in args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_import_json_then_search_finds_it_in_the_library(tmp_path):
    data = tmp_path / "data"
    page = make_page(tmp_path / "p.pdf", SAMPLE_STORIES, headline_after=True)
    text = tmp_path / "t.txt"
    text.write_text("工人日报\n2024年5月1日\n劳动节慰问一线职工\n本报讯（记者 张三）五一前夕，市总工会慰问环卫职工。\n",
                    encoding="utf-8")
    code, out, err = run("import", page, text, "--data-dir", data, "--json")
    payload = json.loads(out)
    assert code == 0 and err == ""
    assert [e["file"] for e in payload["imported"]] == [str(page), str(text)]
    assert len(payload["imported"][0]["articles"]) == 3 and payload["duplicates"] == [] and payload["failed"] == []
    code, out, _ = run("search", "快递小哥", "--data-dir", data, "--json")
    hits = json.loads(out)["hits"]
    assert code == 0 and [h["id"] for h in hits] == [payload["imported"][0]["articles"][1]]
    assert hits[0]["headline"] == "南通港闸区工会为快递小哥送温暖"  # put back before its story
    code, out, _ = run("search", "快递小哥", "--data-dir", tmp_path / "other", "--json")
    assert json.loads(out)["total"] == 0  # without a library: the bundled archive
    code, out, _ = run("import", page, "--data-dir", data)
    assert code == 0 and "1 already there" in out


def test_failed_files_exit_1_and_are_named_on_stderr(tmp_path):
    good = make_page(tmp_path / "good.pdf", SAMPLE_STORIES)
    scan = tmp_path / "scan.pdf"
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(scan))
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    code, out, err = run("import", good, scan, "--data-dir", tmp_path / "d", "--json")
    payload = json.loads(out)
    assert code == 1 and len(payload["imported"]) == 1
    assert payload["failed"] == [{"file": str(scan), "reason": "scan.pdf: image-only page (a scan): no text to extract"}]
    assert "scan.pdf" in err and "image-only" in err


def test_page_image_before_any_import_says_so(tmp_path):
    code, _, err = run("page-image", "000-abc", "--out", tmp_path / "x.png", "--data-dir", tmp_path / "empty")
    assert code == 1 and "nothing has been imported" in err


def test_bad_usage_exits_2(tmp_path):
    assert run("import", tmp_path / "missing.pdf", "--data-dir", tmp_path)[0] == 2
    assert run("import")[0] == 2
    assert run("page-image", "x", "--out", tmp_path / "x.png", "--dpi", "5", "--data-dir", tmp_path)[0] == 2


def _png_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", data[16:24])
    at, idat = 8, b""
    while at < len(data):
        size = struct.unpack(">I", data[at : at + 4])[0]
        if data[at + 4 : at + 8] == b"IDAT":
            idat += data[at + 8 : at + 8 + size]
        at += size + 12
    raw = zlib.decompress(idat)
    rows = b"".join(raw[y * (width * 3 + 1) + 1 : (y + 1) * (width * 3 + 1)] for y in range(height))
    return width, height, rows


def test_page_image_marks_the_article_area(tmp_path):
    data = tmp_path / "data"
    page = make_page(tmp_path / "p.pdf", SAMPLE_STORIES)
    _, out, _ = run("import", page, "--data-dir", data, "--json")
    second = json.loads(out)["imported"][0]["articles"][1]
    png = tmp_path / "page.png"
    code, out, _ = run("page-image", second, "--out", png, "--dpi", 72, "--data-dir", data)
    assert code == 0 and "1 area(s) marked" in out
    width, height, pixels = _png_pixels(png.read_bytes())
    assert (width, height) == (595, 842)
    red_rows = {i // (width * 3) for i in range(0, len(pixels), 3) if pixels[i : i + 3] == b"\xd0\x20\x20"}
    # the second story sits in the middle of the column: the mark spans it, not the first or third
    assert red_rows and min(red_rows) > 200 and max(red_rows) < 330
    code, _, err = run("page-image", "no-such-id", "--out", png, "--data-dir", data)
    assert code == 1 and "no such article" in err
    text = tmp_path / "t.txt"
    text.write_text("工人日报\n2024年5月1日\n劳动节慰问一线职工\n本报讯（记者 张三）市总工会慰问职工。\n", encoding="utf-8")
    _, out, _ = run("import", text, "--data-dir", data, "--json")
    key = json.loads(out)["imported"][0]["articles"][0]
    code, _, err = run("page-image", key, "--out", png, "--data-dir", data)
    assert code == 1 and "no printed page" in err


def _library_state(path):
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO article_fts(article_fts) VALUES ('integrity-check')")
        files = conn.execute("SELECT sha256, pages FROM imported_file").fetchall()
        issues = conn.execute("SELECT source_sha256, count(*) FROM issue i JOIN imported_page p ON p.issue_id = i.id"
                              " GROUP BY source_sha256").fetchall()
        empty = conn.execute("SELECT count(*) FROM imported_page p WHERE NOT EXISTS"
                             " (SELECT 1 FROM article a WHERE a.issue_id = p.issue_id)").fetchone()[0]
        return dict(files), dict(issues), empty
    finally:
        conn.close()


def test_sigkill_during_import_leaves_whole_pages_and_rerun_completes(tmp_path, bundled):
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(16):
        stories = [Story(f"{s.headline}{n}", tuple(p * 6 for p in s.paragraphs)) for s in SAMPLE_STORIES]
        make_page(folder / f"{n:02d}.pdf", stories, dateline=f"2026年{n % 12 + 1}月{n + 1}日", columns=2)
    data = tmp_path / "data"
    env = {**os.environ, "ARCHIVE_VIEWER_ARCHIVE": str(bundled)}
    command = [sys.executable, "-m", "viewer", "import", str(folder), "--data-dir", str(data)]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    library = data / "archive.sqlite"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if library.exists():
            try:
                conn = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
                done = conn.execute("SELECT count(*) FROM imported_file").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                done = 0
            if done >= 3:
                break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    files, issues, empty = _library_state(library)
    assert 3 <= len(files) < 16 and empty == 0
    assert all(issues[sha] == pages for sha, pages in files.items())  # whole files, whole pages
    rerun = subprocess.run([*command, "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    payload = json.loads(rerun.stdout)
    assert rerun.returncode == 0, rerun.stderr
    assert len(payload["imported"]) + len(payload["duplicates"]) == 16
    files, issues, empty = _library_state(library)
    assert len(files) == 16 and set(issues.values()) == {1} and empty == 0


def test_tags_follow_an_article_through_replace(tmp_path):
    data = tmp_path / "data"
    page = make_page(tmp_path / "p.pdf", SAMPLE_STORIES)
    _, out, _ = run("import", page, "--data-dir", data, "--json")
    key = json.loads(out)["imported"][0]["articles"][2]
    assert run("tag", key, "待核对", "--data-dir", data)[0] == 0
    code, out, _ = run("import", page, "--replace", "--data-dir", data, "--json")
    assert code == 0 and key in json.loads(out)["imported"][0]["articles"]
    code, out, _ = run("search", "标签:待核对", "--data-dir", data, "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == [key]
    _, out, _ = run("tags", "--json", "--data-dir", data)
    assert [(t["name"], t["count"]) for t in json.loads(out)] == [("待核对", 1)]

"""Ingest reads only what it should: odd files are skipped with a reason, legacy encodings are read or
refused by name, and the archive is replaced only by a successful build (issue 18, 5, 9, 13)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from viewer.errors import ArchiveError, SourceError
from viewer.ingest import sources
from viewer.ingest.build import build_archive

from .conftest import ROOT, one_clean_line, run_cli

TRADITIONAL = ("本報訊（記者 王鑫）近日，江蘇省總工會召開會議，部署全省職工勞動和技能競賽工作。"
               "會議指出，要發揮工會組織的作用，服務廣大職工，推動產業工人隊伍建設改革。\n")
PREVIOUS = b"SQLite format 3\x00 stands for the previous archive"
JAPANESE = "日本の労働組合は、新聞記者に対して会社の事業について説明した。これは重要なことです。\n"


@pytest.fixture()
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    first = sorted((ROOT / "seeds").glob("*.txt"))[0]
    shutil.copyfile(first, folder / first.name)
    return folder


def _skipped(seeds, tmp_path, segmenter):
    report = build_archive(seeds, tmp_path / "out.sqlite", segmenter=segmenter, workers=1)
    return dict(report.skipped), report


def test_a_fifo_a_device_and_a_link_loop_are_skipped_with_reasons(seeds, tmp_path, segmenter):
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "zero.txt").symlink_to("/dev/zero")
    (seeds / "loop.txt").symlink_to(seeds / "loop2.txt")
    (seeds / "loop2.txt").symlink_to(seeds / "loop.txt")
    (seeds / "folder.txt").mkdir()
    skipped, report = _skipped(seeds, tmp_path, segmenter)
    assert "FIFO" in skipped["pipe.txt"] and "device" in skipped["zero.txt"]
    assert "loop" in skipped["loop.txt"] and "loop" in skipped["loop2.txt"]
    assert "folder" in skipped["folder.txt"]
    assert report.files == 1 and report.articles > 0


def test_a_page_over_the_limit_is_skipped_without_reading_it(seeds, tmp_path, segmenter):
    with (seeds / "huge.txt").open("wb") as f:  # sparse: no disk used
        f.truncate(sources.MAX_PAGE_BYTES + 1)
    skipped, _ = _skipped(seeds, tmp_path, segmenter)
    assert "too large" in skipped["huge.txt"]


def test_big5_is_read_as_big5_and_shift_jis_refused_by_name(seeds, tmp_path, segmenter):
    (seeds / "big5.txt").write_bytes(TRADITIONAL.encode("big5") * 3)
    (seeds / "sjis.txt").write_bytes(JAPANESE.encode("shift_jis") * 3)
    page = sources.read_page(seeds / "big5.txt")
    assert page.encoding == "big5" and page.text.startswith("本報訊（記者 王鑫）")
    with pytest.raises(SourceError) as raised:
        sources.read_page(seeds / "sjis.txt")
    assert "Shift-JIS" in raised.value.message
    skipped, report = _skipped(seeds, tmp_path, segmenter)
    assert list(skipped) == ["sjis.txt"] and report.files == 2


def test_gb18030_pages_still_read_as_gb18030(seeds):
    text = (seeds / next(iter(os.listdir(seeds)))).read_text(encoding="utf-8")
    (seeds / "gb.txt").write_bytes(text.encode("gb18030"))
    page = sources.read_page(seeds / "gb.txt")
    assert page.encoding == "gb18030" and page.text == text.replace("\r\n", "\n")


@pytest.mark.parametrize("data", [bytes(range(128, 256)) * 40, "Grüße aus Köln, ça va très bien.".encode("latin-1") * 40])
def test_undecodable_bytes_are_refused_not_turned_into_mojibake(tmp_path, data):
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError) as raised:
        sources.read_page(path)
    assert "encoding" in raised.value.message


def test_an_empty_seeds_folder_fails_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "archive.sqlite"
    out.write_bytes(PREVIOUS)
    code, _, err = run_cli("build", "--seeds", str(empty), "--out", str(out))
    assert code == 1 and one_clean_line(err) and "no page files" in err
    assert out.read_bytes() == PREVIOUS and sorted(os.listdir(tmp_path)) == ["archive.sqlite", "empty"]


def test_a_folder_where_no_page_can_be_read_fails_and_writes_nothing(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(b"")
    os.mkfifo(seeds / "b.txt")
    out = tmp_path / "archive.sqlite"
    out.write_bytes(PREVIOUS)
    code, _, err = run_cli("build", "--seeds", str(seeds), "--out", str(out))
    assert code == 1 and one_clean_line(err) and "none of the 2" in err
    assert out.read_bytes() == PREVIOUS and sorted(os.listdir(tmp_path)) == ["archive.sqlite", "seeds"]


def test_an_unreadable_seeds_folder_is_a_message(tmp_path):
    with pytest.raises(SourceError) as raised:
        list(sources.iter_seed_files(tmp_path / "missing"))
    assert "seeds folder" in raised.value.message


def test_an_unwritable_output_is_a_message_and_the_old_archive_stays(seeds, tmp_path, segmenter):
    target = tmp_path / "a-file-not-a-folder"
    target.write_text("x")
    with pytest.raises(ArchiveError):
        build_archive(seeds, target / "archive.sqlite", segmenter=segmenter, workers=1)
    code, _, err = run_cli("build", "--seeds", str(seeds), "--out", str(target / "archive.sqlite"))
    assert code == 1 and one_clean_line(err) and "cannot write the archive" in err


def test_a_failed_build_leaves_the_previous_archive_and_no_temporary_file(seeds, tmp_path, segmenter, monkeypatch):
    out = tmp_path / "archive.sqlite"
    build_archive(seeds, out, segmenter=segmenter, workers=1)
    before = out.read_bytes()
    from viewer.ingest import build

    def full_disk(self):  # the last step fails as a full disk would
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build.ArchiveWriter, "_count_term_docs", full_disk)
    with pytest.raises(ArchiveError) as raised:
        build_archive(seeds, out, segmenter=segmenter, workers=1)
    assert "No space" in raised.value.message
    assert out.read_bytes() == before
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["archive.sqlite", "seeds"]


def test_euc_jp_is_refused_by_name_not_read_as_gb18030(seeds, tmp_path, segmenter):
    """EUC-JP kana sit where GB2312 has them: read as GB18030 the page kept its kana and turned every kanji
    into a rare Chinese character (mojibake, exit 0)."""
    (seeds / "eucjp.txt").write_bytes(JAPANESE.encode("euc_jp") * 3)
    with pytest.raises(SourceError) as raised:
        sources.read_page(seeds / "eucjp.txt")
    assert "EUC-JP" in raised.value.message and "日文" in raised.value.message_zh
    skipped, report = _skipped(seeds, tmp_path, segmenter)
    assert list(skipped) == ["eucjp.txt"] and report.files == 1


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_reason(seeds, tmp_path):
    with open(os.path.join(os.fsencode(seeds), b"\xff\xfe.txt"), "wb") as f:
        f.write(TRADITIONAL.encode("utf-8"))
    out = tmp_path / "out.sqlite"
    code, stdout, err = run_cli("build", "--seeds", str(seeds), "--out", str(out))
    assert code == 1 and "internal error" not in err and "not UTF-8" in err and "rename" in err
    assert "1 file(s) skipped" in stdout and out.exists()


def test_import_of_a_fifo_or_a_device_fails_with_a_reason_and_never_hangs(tmp_path, seed_archive_path):
    """`import pipe.txt` blocked for ever on the FIFO and `import zero.txt` (a link to /dev/zero) read without
    end; in a folder they were passed over without a word."""
    import json
    import subprocess
    import sys

    folder = tmp_path / "pages"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "ok.txt").write_text(TRADITIONAL.replace("會", "会"), encoding="utf-8")
    for paths in (["pipe.txt"], ["zero.txt"], ["."]):
        proc = subprocess.run([sys.executable, "-m", "viewer", "import", *paths, "--json", "--data-dir",
                               str(tmp_path / "data")], cwd=folder, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "ARCHIVE_VIEWER_ARCHIVE": str(seed_archive_path)})
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        failed = {Path(f["file"]).name: f["reason"] for f in json.loads(proc.stdout)["failed"]}
        if paths == ["."]:
            assert sorted(failed) == ["loop.txt", "pipe.txt", "zero.txt"] and "loop" in failed["loop.txt"]
        else:
            assert "not a regular file" in failed[paths[0]]


def test_import_names_a_file_whose_name_is_not_utf8_in_valid_json(tmp_path, seed_archive_path):
    """The JSON report carried the name's raw bytes (not UTF-8), and a PDF with such a name went on to be parsed."""
    import json
    import subprocess
    import sys

    folder = tmp_path / "pages"
    folder.mkdir()
    for suffix in (b".txt", b".pdf"):
        with open(os.path.join(os.fsencode(folder), b"\xff\xfe" + suffix), "wb") as f:
            f.write(TRADITIONAL.encode("utf-8") if suffix == b".txt" else b"%PDF-1.4\n%%EOF\n")
    proc = subprocess.run([sys.executable, "-m", "viewer", "import", ".", "--json", "--data-dir", str(tmp_path / "data")],
                          cwd=folder, capture_output=True, timeout=120,
                          env={**os.environ, "ARCHIVE_VIEWER_ARCHIVE": str(seed_archive_path)})
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    failed = json.loads(proc.stdout.decode("utf-8"))["failed"]  # strict UTF-8
    assert sorted(f["file"] for f in failed) == ["\ufffd\ufffd.pdf", "\ufffd\ufffd.txt"]
    assert all("not UTF-8" in f["reason"] for f in failed)


@pytest.mark.parametrize("target", ["a seed page", "a folder", "a FIFO"])
def test_build_never_replaces_what_is_not_an_archive(seeds, tmp_path, target):
    """`build --out seeds/000_x.txt` put the archive in place of the page it had just read."""
    page = next(seeds.iterdir())
    before = page.read_bytes()
    out = {"a seed page": page, "a folder": tmp_path / "folder", "a FIFO": tmp_path / "fifo.sqlite"}[target]
    if target == "a folder":
        out.mkdir()
    elif target == "a FIFO":
        os.mkfifo(out)
    code, _, err = run_cli("build", "--seeds", str(seeds), "--out", str(out))
    assert code == 1 and one_clean_line(err) and "refusing to replace" in err and "不会覆盖" in err
    assert page.read_bytes() == before and not list(out.parent.glob(".*.building"))

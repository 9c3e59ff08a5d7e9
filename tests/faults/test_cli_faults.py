"""The CLI under bad usage and hostile data: one line on stderr with the contract's exit codes, no
escape sequences on the terminal, no partial imports (issue 18, 9, 11, 14, 15)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from viewer.userdata import open_store

from .conftest import ROOT, one_clean_line, run_cli


@pytest.mark.parametrize("argv", [
    ["search"],
    ["search", "工会", "--limit", "x"],
    ["export", "--format", "xml"],
    ["tag"],
    ["bookmark"],
    ["annotations", "merge", "x.json"],
    ["tags", "--nonsense"],
    ["build", "--seeds"],
    [],
])
def test_usage_errors_are_one_line_and_exit_2(argv):
    code, out, err = run_cli(*argv)
    assert code == 2 and one_clean_line(err) and err.startswith("error:") and out == "", err


@pytest.mark.parametrize("word", ["serach", "tga", "exprot"])
def test_a_mistyped_subcommand_is_exit_2_never_the_window(word):
    proc = subprocess.run([sys.executable, "-m", "viewer", word, "工会"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={"PATH": "", "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 2 and one_clean_line(proc.stderr) and "invalid choice" in proc.stderr


def test_help_still_prints_help(capsys):
    code, _, _ = run_cli("--help")
    assert code == 0 and "search" in capsys.readouterr().out


ESCAPES = "\x1b[2J\x1b]0;owned\x07\u202eevil\r\x08\x9b"


def test_tags_and_bookmarks_strip_escape_sequences(seed_archive_path, tmp_path):
    from viewer.archive import Archive

    with Archive.open(seed_archive_path) as archive:
        article_id = next(archive.articles()).id
    data = str(tmp_path / "data")
    code, out, _ = run_cli("tag", article_id, f"坏{ESCAPES}标签", "--db", str(seed_archive_path), "--data-dir", data)
    assert code == 0 and "\x1b" not in out
    code, _, _ = run_cli("bookmark", article_id, "--note", f"笔记{ESCAPES}\n第二行", "--db", str(seed_archive_path),
                         "--data-dir", data)
    assert code == 0
    for command in ("tags", "bookmarks"):
        code, out, _ = run_cli(command, "--db", str(seed_archive_path), "--data-dir", data)
        assert code == 0 and not any(ch in out for ch in "\x1b\x07\u202e\r\x08\x9b"), repr(out)
        assert "坏" in out or "笔记" in out
    code, out, _ = run_cli("tags", "--json", "--db", str(seed_archive_path), "--data-dir", data)
    assert code == 0 and json.loads(out)[0]["name"] == f"坏{ESCAPES}标签"  # JSON keeps the data, escaped


@pytest.mark.parametrize("target", ["missing-folder/out.jsonl", "a-folder", "a-file/out.jsonl"])
def test_an_unwritable_export_target_is_one_line(seed_archive_path, tmp_path, target):
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-file").write_text("x")
    code, _, err = run_cli("export", "--db", str(seed_archive_path), "--out", str(tmp_path / target))
    assert code == 1 and one_clean_line(err) and f"cannot write {tmp_path / target}" in err, err
    code, _, err = run_cli("annotations", "export", str(tmp_path / target), "--data-dir", str(tmp_path / "d"))
    assert code == 1 and one_clean_line(err) and f"cannot write {tmp_path / target}" in err, err


def _valid() -> dict:
    return {"format": "press-archive-viewer-annotations", "version": 1,
            "tags": [{"name": "产改", "color": "#e06c75"}],
            "article_tags": [{"article_id": "a-1", "tag": "产改"}],
            "bookmarks": [{"article_id": "a-1", "note": "笔记"}],
            "saved_searches": [{"name": "盐城", "query": "地区:盐城"}],
            "snapshots": [{"article_id": "a-1", "headline": "标题"}]}


def _hostile() -> list[object]:
    cases: list[object] = [None, 5, "text", [], {"format": "other"}]
    for section in ("tags", "article_tags", "bookmarks", "saved_searches", "snapshots"):
        for bad_list in ("not a list", {"a": 1}, 7):
            doc = _valid()
            doc[section] = bad_list
            cases.append(doc)
        for bad_item in (None, "item", 3, ["list"]):
            doc = _valid()
            doc[section].append(bad_item)
            cases.append(doc)
        first = _valid()[section][0]
        for field in first:
            for bad_value in (None, 12, ["x"], {"y": 1}, "x" * 100_001, "\ud800", True):
                doc = _valid()
                doc[section][0] = {**first, field: bad_value}
                if bad_value is None and field in ("color", "note", "headline", "query"):
                    continue  # an optional field may be missing
                cases.append(doc)
    for shortcut in (0, 10, -1, 2**70, "1", 1.5):
        doc = _valid()
        doc["tags"][0]["shortcut"] = shortcut
        cases.append(doc)
    doc = _valid()
    doc["tags"][0]["name"] = "长" * 201
    cases.append(doc)
    return cases


HOSTILE = _hostile()


def test_hostile_annotation_files_import_nothing_and_say_so_in_one_line(tmp_path):
    data = tmp_path / "data"
    store = open_store(data)
    store.tag(["keep"], ["原有"])
    store.close()
    before = json.loads(_export(tmp_path, data))
    for number, doc in enumerate(HOSTILE):
        path = tmp_path / f"hostile-{number}.json"
        path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
        code, _, err = run_cli("annotations", "import", str(path), "--data-dir", str(data))
        assert code in (1, 2) and one_clean_line(err) and "internal error" not in err, (number, doc, err)
    after = json.loads(_export(tmp_path, data))
    for doc in (before, after):
        doc.pop("exported_at")
    assert after == before  # nothing imported, not even in part
    assert len(HOSTILE) >= 64


def _export(tmp_path, data) -> str:
    out = tmp_path / "export.json"
    code, _, err = run_cli("annotations", "export", str(out), "--data-dir", str(data))
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def test_a_valid_file_still_imports(tmp_path):
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(_valid(), ensure_ascii=False), encoding="utf-8")
    code, out, err = run_cli("annotations", "import", str(path), "--data-dir", str(tmp_path / "data"))
    assert code == 0 and "1 tags" in out, err


FORMAT = '"format": "press-archive-viewer-annotations"'
RAW_HOSTILE: dict[str, bytes] = {
    "nested too deep": ("{" + FORMAT + ', "tags": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
    "an array nested too deep": ("[" * 100_000 + "]" * 100_000).encode(),
    "a 5,000-digit version": ("{" + FORMAT + ', "version": ' + "9" * 5000 + "}").encode(),
    "a 5,000-digit shortcut": ("{" + FORMAT + ', "tags": [{"name": "a", "shortcut": ' + "9" * 5000 + "}]}").encode(),
    "a newer format": ("{" + FORMAT + ', "version": 99, "tags": [{"name": "未来"}]}').encode(),
    "a NUL in a tag name": ("{" + FORMAT + ', "tags": [{"name": "a\\u0000b"}]}').encode(),
    "a NUL in an article id": ("{" + FORMAT + ', "bookmarks": [{"article_id": "x\\u0000", "note": "n"}]}').encode(),
    "a NUL in a saved search": ("{" + FORMAT + ', "saved_searches": [{"name": "s\\u0000", "query": "q"}]}').encode(),
    "Latin-1 bytes": ("{" + FORMAT + ', "tags": [{"name": "caf\xe9"}]}').encode("latin-1"),
    "binary": bytes(range(256)) * 40,
    "empty": b"",
    "not JSON": "标签：产改".encode(),
}


@pytest.mark.parametrize("case", sorted(RAW_HOSTILE))
def test_raw_hostile_annotation_files_are_bad_input(tmp_path, case):
    data = tmp_path / "data"
    store = open_store(data)
    store.tag(["keep"], ["原有"])
    store.close()
    path = tmp_path / "hostile.json"
    path.write_bytes(RAW_HOSTILE[case])
    code, out, err = run_cli("annotations", "import", str(path), "--data-dir", str(data))
    assert code == 2 and one_clean_line(err) and "internal error" not in err and out == "", (case, err)
    assert "未导入任何内容" in err
    store = open_store(data)
    assert [t.name for t in store.tags()] == ["原有"] and store.bookmarks() == [] and store.saved_searches() == []
    store.close()


def test_imported_parents_never_make_a_loop(tmp_path):
    doc = {"format": "press-archive-viewer-annotations", "version": 1,
           "tags": [{"name": "甲", "parent": "乙"}, {"name": "乙", "parent": "丙"}, {"name": "丙", "parent": "甲"},
                    {"name": "自己", "parent": "自己"}]}
    path = tmp_path / "loop.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run_cli("annotations", "import", str(path), "--data-dir", str(tmp_path / "data"))
    assert code == 0, err
    store = open_store(tmp_path / "data")
    parents = {t.name: t.parent for t in store.tags()}
    store.close()
    assert parents == {"甲": "乙", "乙": "丙", "丙": None, "自己": None}


EXPORT_ON_A_FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from viewer import cli
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
    sys.exit(cli.main(sys.argv[2:]))
""")


@pytest.mark.parametrize("command", ["annotations", "export"])
def test_an_export_that_fills_the_disk_keeps_the_previous_file(seed_archive_path, tmp_path, command):
    data = tmp_path / "data"
    store = open_store(data)
    store.tag([f"article-{i}" for i in range(3000)], ["产改"])  # an export of a few hundred KB
    store.close()
    target = tmp_path / "previous.out"
    target.write_text("the previous export", encoding="utf-8")
    argv = (["annotations", "export", str(target), "--data-dir", str(data)] if command == "annotations"
            else ["export", "--db", str(seed_archive_path), "--out", str(target)])
    proc = subprocess.run([sys.executable, "-c", EXPORT_ON_A_FULL_DISK, "65536", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and one_clean_line(proc.stderr) and str(target) in proc.stderr, proc.stderr
    assert target.read_text(encoding="utf-8") == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "previous.out"]  # no partial file left


@pytest.mark.parametrize(("argv", "target", "args"), [
    ([], "window", []),
    (["--db", "a.sqlite", "--data-dir", "d"], "window", ["--db", "a.sqlite", "--data-dir", "d"]),
    (["--db=a.sqlite"], "window", ["--db", "a.sqlite"]),
    (["--data-dir", "d", "tags"], "cli", ["tags", "--data-dir", "d"]),
    (["--data-dir", "d", "self-test"], "self-test", ["--data-dir", "d"]),
    (["serach", "工会"], "cli", ["serach", "工会"]),
    (["-x"], "cli", ["-x"]),
    (["--nonsense"], "cli", ["--nonsense"]),
    (["--data-dir"], "cli", ["--data-dir"]),
])
def test_only_the_windows_own_options_open_the_window(argv, target, args):
    from viewer.__main__ import route

    assert route(argv) == (target, args)


@pytest.mark.parametrize("argv", [["-x"], ["--nonsense", "工会"], ["--data-dir"], ["--data-dir", "{data}", "serach"]])
def test_an_unknown_option_is_exit_2_never_the_window(argv, tmp_path):
    argv = [a.replace("{data}", str(tmp_path)) for a in argv]
    proc = subprocess.run([sys.executable, "-m", "viewer", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={"PATH": "", "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 2 and one_clean_line(proc.stderr) and proc.stderr.startswith("error:"), proc.stderr


def test_options_before_the_command_go_with_it(tmp_path, bundled_archive):
    proc = subprocess.run([sys.executable, "-m", "viewer", "--data-dir", str(tmp_path), "tags", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "", "QT_QPA_PLATFORM": "offscreen", "ARCHIVE_VIEWER_ARCHIVE": str(bundled_archive)})
    assert proc.returncode == 0 and proc.stdout.strip() == "[]", proc.stderr
    assert (tmp_path / "userdata.sqlite").exists()


def test_an_export_never_overwrites_a_database(seed_archive_path, tmp_path):
    """`export --db X --out X` replaced the archive with JSON lines; an annotations export named like the
    user's file replaced every tag (the JSON was then moved aside as damaged)."""
    import shutil

    archive = tmp_path / "archive.sqlite"
    shutil.copyfile(seed_archive_path, archive)
    before = archive.read_bytes()
    for fmt in ("jsonl", "csv"):
        code, _, err = run_cli("export", "--db", str(archive), "--format", fmt, "--out", str(archive))
        assert code == 1 and one_clean_line(err) and "数据库" in err, err
    assert archive.read_bytes() == before
    data = tmp_path / "data"
    store = open_store(data)
    store.tag(["a"], ["产改"])
    store.close()
    for name in ("userdata.sqlite", "userdata.sqlite-wal"):
        (data / "userdata.sqlite-wal").touch()
        code, _, err = run_cli("annotations", "export", str(data / name), "--data-dir", str(data))
        assert code == 1 and one_clean_line(err) and "数据库" in err, (name, err)
    store = open_store(data)
    assert store.recovery is None and [t.name for t in store.tags()] == ["产改"]
    store.close()


def test_build_never_replaces_another_database(tmp_path):
    """`build --out <the user's data file>` replaced every tag with an archive, exit 0."""
    data = tmp_path / "data"
    store = open_store(data)
    store.tag(["a"], ["产改"])
    store.close()
    for target in (data / "userdata.sqlite",):
        before = target.read_bytes()
        code, out, err = run_cli("build", "--seeds", str(ROOT / "seeds"), "--out", str(target))
        assert code == 2 and one_clean_line(err) and "not an archive" in err and out == "", err
        assert target.read_bytes() == before
    store = open_store(data)
    assert store.recovery is None and [t.name for t in store.tags()] == ["产改"]
    store.close()
    archive = tmp_path / "archive.sqlite"
    for _ in range(2):  # a new file, then an archive replaced by a new build
        code, out, err = run_cli("build", "--seeds", str(ROOT / "seeds"), "--out", str(archive))
        assert code == 0 and "built" in out, err

"""The command-line contract for tags, bookmarks and annotation files."""

import io
import json

from viewer import cli


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def test_tag_tags_untag_and_search_by_tag(tmp_path, seed_archive_path, archive):
    db, data = str(seed_archive_path), str(tmp_path / "data")
    first = archive.search("康乃馨").hits[0].article_id
    assert run("tag", first, "女职工", "产改", "--db", db, "--data-dir", data)[0] == 0
    code, out, _ = run("tag", "--query", "劳模工匠", "劳模", "--db", db, "--data-dir", data)
    hits = archive.search("劳模工匠").total
    assert code == 0 and f"tagged {hits} article(s)" in out
    code, out, _ = run("tags", "--json", "--db", db, "--data-dir", data)
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0 and rows["劳模"]["count"] == hits and rows["女职工"]["count"] == 1
    assert set(rows["产改"]) >= {"name", "color", "count"}
    code, out, _ = run("search", "标签:劳模 地区:盐城", "--json", "--db", db, "--data-dir", data)
    assert json.loads(out)["total"] == archive.search("劳模工匠 地区:盐城").total
    code, out, _ = run("search", "标签:劳模 劳模", "--json", "--db", db, "--data-dir", data)
    expected = [h.article_id for h in archive.search("劳模工匠", limit=100).hits]
    assert code == 0 and sorted(h["id"] for h in json.loads(out)["hits"]) == sorted(expected)
    assert run("untag", first, "女职工", "--db", db, "--data-dir", data)[0] == 0
    rows = {r["name"]: r for r in json.loads(run("tags", "--json", "--db", db, "--data-dir", data)[1])}
    assert rows["女职工"]["count"] == 0


def test_bookmarks_and_annotation_files(tmp_path, seed_archive_path, archive):
    db, data = str(seed_archive_path), str(tmp_path / "data")
    hit = archive.search("魏国强").hits[0]
    assert run("bookmark", hit.article_id, "--note", "<b>报告</b>", "--db", db, "--data-dir", data)[0] == 0
    code, out, _ = run("bookmarks", "--json", "--data-dir", data)
    rows = json.loads(out)
    assert code == 0 and rows[0]["article_id"] == hit.article_id and rows[0]["headline"] == hit.headline
    assert rows[0]["note"] == "<b>报告</b>" and set(rows[0]) >= {"article_id", "headline", "note", "created_at"}
    exported = tmp_path / "notes.json"
    assert run("annotations", "export", str(exported), "--data-dir", data)[0] == 0
    other = str(tmp_path / "other")
    code, out, _ = run("annotations", "import", str(exported), "--data-dir", other)
    assert code == 0 and "1 bookmarks" in out
    assert json.loads(run("bookmarks", "--json", "--data-dir", other)[1]) == rows


def test_bad_input_exits_2_with_one_line(tmp_path, seed_archive_path):
    db, data = str(seed_archive_path), str(tmp_path / "data")
    for args in (("tag", "no-such-id", "产改"), ("tag", "only-an-id"), ("bookmark", "no-such-id"),
                 ("tag", "--query", "-南京", "产改")):
        code, out, err = run(*args, "--db", db, "--data-dir", data)
        assert code == 2 and len(err.strip().splitlines()) == 1, (args, err)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run("annotations", "import", str(bad), "--data-dir", data)
    assert code == 2 and "not valid JSON" in err
    bad.write_text('{"format": "other"}', encoding="utf-8")
    code, _, err = run("annotations", "import", str(bad), "--data-dir", data)
    assert code == 2 and err.startswith("error:") and "未导入任何内容" in err

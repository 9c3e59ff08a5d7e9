"""The command-line contract: build, export (jsonl/csv), search (--json), exit codes."""

import io
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS
from viewer import cli


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def test_build_and_export_jsonl(tmp_path):
    db = tmp_path / "a.sqlite"
    code, out, _ = run("build", "--seeds", str(SEEDS), "--out", str(db))
    assert code == 0 and "articles from 5 files" in out
    code, out, _ = run("export", "--db", str(db), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) > 40
    first = records[0]
    for key in ("id", "source", "publication", "issue_date", "page", "section", "kind", "headline",
                "subheadline", "byline", "source_line", "region", "body"):
        assert key in first
    assert set(first["region"]) == {"province", "city", "county"}
    assert all(r["source"].startswith("seeds/") for r in records)
    code, csv_out, _ = run("export", "--db", str(db), "--format", "csv")
    assert code == 0 and csv_out.splitlines()[0].startswith("id,source,publication")


def test_build_exit_code_when_a_file_is_skipped(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text((SEEDS / "000_a78a1988dbe7ac1c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (seeds / "b.txt").write_bytes(b"")
    code, _, err = run("build", "--seeds", str(seeds), "--out", str(tmp_path / "x.sqlite"))
    assert code == 1 and "b.txt" in err


def test_search_json(seed_archive_path):
    code, out, _ = run("search", "劳模", "--db", str(seed_archive_path), "--json", "--limit", "3")
    payload = json.loads(out)
    assert code == 0 and payload["query"] == "劳模" and payload["total"] >= 3 and len(payload["hits"]) == 3
    hit = payload["hits"][0]
    assert set(hit) >= {"id", "headline", "publication", "issue_date", "region", "snippet", "score"}
    assert "<b>劳模</b>" in hit["snippet"]


@pytest.mark.parametrize("query", ["-南京", ""])
def test_search_bad_query_exits_2_with_one_line(seed_archive_path, query):
    code, out, err = run("search", query, "--db", str(seed_archive_path))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_archive_exits_1(tmp_path):
    code, _, err = run("search", "工会", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1 and "not found" in err


def test_python_dash_m_entry_point(seed_archive_path):
    proc = subprocess.run(
        [sys.executable, "-m", "viewer", "search", "秦淮", "--db", str(seed_archive_path), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["total"] >= 1


def test_export_csv_to_a_file_is_ready_for_excel(tmp_path, seed_archive_path):
    out = tmp_path / "all.csv"
    code, _, _ = run("export", "--db", str(seed_archive_path), "--format", "csv", "--out", str(out))
    data = out.read_bytes()
    assert code == 0 and data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel and WPS read UTF-8
    rows = data.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("id,source,publication") and len(rows) > 10


def test_export_csv_neutralises_formula_cells():
    import io

    from viewer.cli import write_csv

    record = {f: "" for f in ("id", "source", "publication", "issue_date", "page", "section", "kind",
                                "headline", "subheadline", "byline", "source_line", "body", "review")}
    record.update(region={"province": None, "city": None, "county": None}, byline=[], byline_groups=[],
                  headline="=HYPERLINK(\"http://x\")", review=[])
    target = io.StringIO()
    write_csv(target, [record])
    assert "'=HYPERLINK" in target.getvalue()

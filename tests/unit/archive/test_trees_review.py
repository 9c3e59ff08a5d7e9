"""Articles the parser is unsure of are stored with their reasons and can be listed."""

import json
import subprocess
import sys


def test_review_flags_are_exported_and_listed(seed_archive_path, archive):
    out = subprocess.run([sys.executable, "-m", "viewer", "export", "--db", str(seed_archive_path), "--format", "jsonl"],
                         capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    flagged = {r["id"]: r["review"] for r in rows if r["review"]}
    sure = [r for r in rows if r["review"] == []]
    assert flagged and sure
    headless = [r for r in rows if not r["headline"] and r["kind"] == "news"]
    assert all("no_headline" in r["review"] for r in headless)
    listed = archive.trees.browse(needs_review=True, limit=1000)
    assert listed.total == len(flagged) and {h.article_id for h in listed.hits} == set(flagged)

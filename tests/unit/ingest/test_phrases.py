"""Finding the common phrases whose article counts the builder stores."""

import sqlite3

import pytest

from viewer.archive import index
from viewer.ingest import phrases


def test_candidates_are_phrases_held_by_enough_sampled_articles():
    sampled = [("总工会召开会议", "劳模"), ("省总工会", ""), ("总工会", "总工会"), ("工会驿站", "")]
    common = {"总工", "工会", "召开", "开会", "会议"}
    found = phrases.candidates(sampled, common, min_hits=2)
    assert found == ["总工会"]  # in three articles (twice in one: counted once); 召开会议 in one
    assert phrases.candidates(sampled, common, min_hits=1)[:1] == ["总工会"]  # most common first
    assert "召开会议" in phrases.candidates(sampled, common, min_hits=1)


def test_a_phrase_with_an_uncommon_bigram_is_not_looked_at():
    sampled = [("总工会",)] * 5
    assert phrases.candidates(sampled, {"总工"}, min_hits=1) == []  # 工会 is not common


def test_phrases_are_folded_and_never_start_or_end_with_a_joiner():
    sampled = [("ＤｅｅｐＳｅｅｋ 2025-03-14",)] * 3
    common = {"de", "ee", "ep", "ps", "se", "ek", "20", "02", "25", "5-", "-0", "03", "3-", "-1", "14"}
    found = phrases.candidates(sampled, common, min_hits=3)
    assert "deepseek" in found and "2025-03-14" in found and "25-03" in found
    assert not [p for p in found if not (p[0].isalnum() and p[-1].isalnum())]
    assert max(map(len, found)) <= index.MAX_PHRASE_CHARS


def test_the_sample_is_spread_over_the_archive_and_scaled_to_the_threshold():
    seen: list[int] = []

    def texts_of(i):
        seen.append(i)
        return ("总工会",)

    assert phrases.sampled_candidates(texts_of, 100_000, {"总工", "工会"}, 5000) == ["总工会"]
    assert len(seen) == 1000 and seen[0] == 0 and seen[-1] >= 99_000  # 50 expected hits at 5,000
    seen.clear()
    phrases.sampled_candidates(texts_of, 100_000, {"总工", "工会"}, 1000)
    assert len(seen) == 5000
    seen.clear()
    phrases.sampled_candidates(texts_of, 30, {"总工", "工会"}, 1)
    assert seen == list(range(30))  # a small archive is read whole


@pytest.mark.parametrize("workers", [1, 2])
def test_counts_come_from_the_index(tmp_path, workers):
    path = tmp_path / "fts.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE VIRTUAL TABLE article_fts USING fts5(body, content='')")
        conn.executemany("INSERT INTO article_fts(rowid, body) VALUES (?, ?)",
                         [(1, "总工 工会 会"), (2, "总工 工 工会 会"), (3, "省总 总工 工会 会")])
    counts = phrases.count_articles(lambda: sqlite3.connect(path, check_same_thread=False), ["总工会", "省总工会"],
                                    workers)
    assert counts == {"总工会": 2, "省总工会": 1}  # 总工|工会 not adjacent in article 2

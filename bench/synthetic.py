"""Synthetic articles made from seed text, for benchmarks (deterministic for a given seed)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from viewer.domain import Article, IssueInfo
from viewer.ingest.parse import PageParser

ROOT = Path(__file__).resolve().parent.parent


def seed_articles(parser: PageParser) -> list[Article]:
    out: list[Article] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.extend(parser.parse(path.read_text(encoding="utf-8"), path.name, f"seeds/{path.name}").articles)
    return out


def synthetic(parser: PageParser, count: int, seed: int = 7) -> list[Article]:
    """`count` articles: seed paragraphs shuffled into new bodies, with spread-out dates."""
    rng = random.Random(seed)
    base = seed_articles(parser)
    paragraphs = [p for a in base for p in a.paragraphs if len(p) > 20]
    out = []
    for i in range(count):
        template = base[i % len(base)]
        body = "\n".join(rng.sample(paragraphs, k=rng.randint(3, 9)))
        year = 2015 + i % 11
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        issue = IssueInfo(template.issue.publication, template.issue.publication_inferred, date, "day", False,
                          1 + i % 8, template.issue.section, (), f"synthetic/{i // 10:06d}.txt")
        out.append(replace(template, id=f"s{i:07d}", body=body, issue=issue, seq=i % 10 + 1,
                           source=issue.source_file))
    return out

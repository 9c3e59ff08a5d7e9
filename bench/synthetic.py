"""Synthetic articles made from seed text, for benchmarks (deterministic for a given seed).

Two corpora:

- ``mixed`` (the default): each article holds one to four seed paragraphs among three to five
  paragraphs of other text, drawn word by word from jieba's dictionary by word frequency. Five
  seed pages have a tiny vocabulary; a real archive of ten years has a large one, in which a
  programme name such as 劳模工匠助企行 occurs in a small share of the articles, not in most.
- ``paragraphs``: seed paragraphs only, three to nine per article. Every phrase of the seeds
  then recurs in thousands of articles (劳模工匠 in 69% of them): a stress corpus.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from viewer.domain import Article, IssueInfo
from viewer.ingest.parse import PageParser

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("mixed", "paragraphs")
TABLE_BITS = 22


def seed_articles(parser: PageParser) -> list[Article]:
    out: list[Article] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.extend(parser.parse(path.read_text(encoding="utf-8"), path.name, f"seeds/{path.name}").articles)
    return out


class DictionaryText:
    """Paragraphs of Chinese words drawn from jieba's dictionary by their frequency."""

    def __init__(self, rng: random.Random) -> None:
        import jieba

        self.rng = rng
        counts: dict[str, int] = {}
        with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
            for line in f:
                word, freq, *_ = line.split()
                if all("\u4e00" <= ch <= "\u9fff" for ch in word):
                    counts[word] = int(freq)
        # A table of 2**TABLE_BITS slots, each word in proportion to its frequency (rounded at
        # random, so rare words still turn up): drawing a word is one random index.
        scale = 2**TABLE_BITS / sum(counts.values())
        self.table = [word for word, freq in counts.items()
                      for _ in range(int(freq * scale + rng.random()))]

    def _draw(self, k: int) -> list[str]:
        table, bits, size = self.table, self.rng.getrandbits, len(self.table)
        return [table[bits(TABLE_BITS) % size] for _ in range(k)]

    def paragraph(self, chars: int) -> str:
        """About `chars` characters: clauses of three to eight words, sentences of one to three clauses."""
        out: list[str] = []
        length = 0
        while length < chars:
            for clause in range(self.rng.randint(1, 3)):
                text = "".join(self._draw(self.rng.randint(3, 8)))
                out.append(text + ("，" if clause < 2 else ""))
                length += len(text) + 1
            out[-1] = out[-1].rstrip("，") + "。"
        return "".join(out)


def synthetic(parser: PageParser, count: int, seed: int = 7, corpus: str = "mixed") -> list[Article]:
    """`count` articles of the given corpus, with spread-out dates."""
    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}; choose from {', '.join(CORPORA)}")
    rng = random.Random(seed)
    base = seed_articles(parser)
    paragraphs = [p for a in base for p in a.paragraphs if len(p) > 20]
    filler = DictionaryText(rng) if corpus == "mixed" else None
    out = []
    for i in range(count):
        template = base[i % len(base)]
        if filler is None:
            chosen = rng.sample(paragraphs, k=rng.randint(3, 9))
        else:
            chosen = rng.sample(paragraphs, k=rng.randint(1, 4))
            chosen += [filler.paragraph(rng.randint(100, 220)) for _ in range(rng.randint(3, 5))]
            rng.shuffle(chosen)
        year = 2015 + i % 11
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        issue = IssueInfo(template.issue.publication, template.issue.publication_inferred, date, "day", False,
                          1 + i % 8, template.issue.section, (), f"synthetic/{i // 10:06d}.txt")
        out.append(replace(template, id=f"s{i:07d}", body="\n".join(chosen), issue=issue, seq=i % 10 + 1,
                           source=issue.source_file))
    return out

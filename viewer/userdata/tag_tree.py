"""Tags as a tree: the articles under a parent include its children's, and tags come in pinyin order."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from viewer.domain import TagInfo
from viewer.text.collation import sorted_by_pinyin


def descendants(tags: Sequence[TagInfo]) -> dict[str, set[str]]:
    """Each tag's name with the names of every tag below it (itself included; safe against loops)."""
    children: dict[str, list[str]] = {}
    for tag in tags:
        if tag.parent:
            children.setdefault(tag.parent, []).append(tag.name)
    out: dict[str, set[str]] = {}
    for tag in tags:
        seen, stack = set(), [tag.name]
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(children.get(current, ()))
        out[tag.name] = seen
    return out


def with_children(tags: Sequence[TagInfo]) -> list[TagInfo]:
    """The tags in pinyin order, each with `all_article_ids`: its own articles and its descendants'
    (the articles 标签:name finds, so a parent's count matches its search)."""
    own = {t.name: t.article_ids for t in tags}
    below = descendants(tags)
    return sorted_by_pinyin(
        (dataclasses.replace(t, all_article_ids=frozenset().union(*(own[n] for n in below[t.name] if n in own)))
         for t in tags),
        name=lambda t: t.name)

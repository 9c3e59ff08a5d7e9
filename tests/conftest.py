"""Shared fixtures: a segmenter, an archive built from the seeds, Qt offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def segmenter():
    from viewer.text.segment import Segmenter

    seg = Segmenter()
    seg.ensure_loaded()
    return seg


@pytest.fixture(scope="session")
def parser(segmenter):
    from viewer.ingest.parse import PageParser

    return PageParser(segmenter.crosses_word)


@pytest.fixture(scope="session")
def seed_archive_path(tmp_path_factory, segmenter) -> Path:
    from viewer.ingest.build import build_archive

    out = tmp_path_factory.mktemp("archive") / "archive.sqlite"
    report = build_archive(SEEDS, out, segmenter=segmenter)
    assert report.ok and report.articles > 40
    return out


@pytest.fixture()
def archive(seed_archive_path):
    from viewer.archive import Archive

    with Archive.open(seed_archive_path) as opened:
        yield opened

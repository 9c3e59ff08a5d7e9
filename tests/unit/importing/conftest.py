"""Fixtures for import tests: a data folder whose library starts from the seed archive."""

from __future__ import annotations

import pytest


@pytest.fixture()
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture()
def importer(data_dir, seed_archive_path, segmenter):
    from viewer.ingest.importer import Importer

    return Importer(data_dir, segmenter, bundled=seed_archive_path)

"""Shared fixtures: a segmenter, an archive built from the seeds, user-data stores, Qt offscreen.

CI starts a PostgreSQL server and sets ARCHIVE_VIEWER_TEST_PG_URL (an admin URL) and
ARCHIVE_VIEWER_REQUIRE_PG=1, so the PostgreSQL cases run there and are never skipped.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# CI replays the same examples on every run (a failure there is a bug to fix, never chance);
# a developer's runs draw new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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


PG_ADMIN_URL = os.environ.get("ARCHIVE_VIEWER_TEST_PG_URL", "")


def new_pg_database() -> tuple[str, str]:
    """A new empty database on the test server: (name, URL)."""
    from sqlalchemy import create_engine, text

    name = f"viewer_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(name: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def require_pg() -> None:
    """Skip without a PostgreSQL server, unless CI requires one (then fail)."""
    if not PG_ADMIN_URL:
        if os.environ.get("ARCHIVE_VIEWER_REQUIRE_PG"):
            pytest.fail("ARCHIVE_VIEWER_REQUIRE_PG is set but ARCHIVE_VIEWER_TEST_PG_URL is not")
        pytest.skip("no PostgreSQL server configured (set ARCHIVE_VIEWER_TEST_PG_URL)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty store of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'userdata.sqlite').as_posix()}"
        return
    require_pg()
    name, url = new_pg_database()
    yield url
    drop_pg_database(name)


@pytest.fixture()
def store(store_url):
    """An empty user-data store of each kind."""
    from viewer.userdata import UserStore

    opened = UserStore(store_url, user="测试员")
    yield opened
    opened.close()

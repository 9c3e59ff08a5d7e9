"""Stores to test against: a SQLite file, and a real PostgreSQL database when one is configured.

CI starts a PostgreSQL server and sets ARCHIVE_VIEWER_TEST_PG_URL (an admin URL) and
ARCHIVE_VIEWER_REQUIRE_PG=1, so the PostgreSQL cases run there and are never skipped.
"""

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from viewer.userdata import UserStore

PG_ADMIN_URL = os.environ.get("ARCHIVE_VIEWER_TEST_PG_URL", "")


def _new_pg_database() -> tuple[str, str]:
    name = f"viewer_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def _drop_pg_database(name: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A URL for an empty store of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'userdata.sqlite').as_posix()}"
        return
    if not PG_ADMIN_URL:
        if os.environ.get("ARCHIVE_VIEWER_REQUIRE_PG"):
            pytest.fail("ARCHIVE_VIEWER_REQUIRE_PG is set but ARCHIVE_VIEWER_TEST_PG_URL is not")
        pytest.skip("no PostgreSQL server configured (set ARCHIVE_VIEWER_TEST_PG_URL)")
    name, url = _new_pg_database()
    yield url
    _drop_pg_database(name)


@pytest.fixture()
def store(store_url):
    opened = UserStore(store_url, user="测试员")
    yield opened
    opened.close()

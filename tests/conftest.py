"""Shared fixtures: a real database of each kind, a set-up clinic, and a Context acting as its administrator.

Every database test runs on SQLite and on a throwaway PostgreSQL server started from the machine's own
server binaries. The PostgreSQL half is skipped, loudly, only where no server binaries exist.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CLINIC_DESK_HOME", tempfile.mkdtemp(prefix="clinic-desk-tests-"))

import pytest

from app.clock import FixedClock
from app.context import Context
from app.db import Database, open_database
from app.i18n import set_locale
from app.migrate import upgrade
from tests import builders
from tests.support.postgres import PostgresServer, find_bin_dir, start_server

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
#: Monday 23 November 2026, 10:00 in Seoul: a fixed "now" for every test that does not move it.
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests leave screenshots and PDFs for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    if find_bin_dir() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL half, but no PostgreSQL server binaries were found")
        pytest.skip("PostgreSQL half skipped: no server binaries (initdb, pg_ctl) on this machine")
    server = start_server()
    yield server
    server.stop()


def _sqlite_database(tmp_path: Path) -> Database:
    return open_database(f"sqlite:///{tmp_path / 'clinic.sqlite3'}")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        database = _sqlite_database(tmp_path)
        upgrade(database)
        yield database
        database.dispose()
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    database = open_database(server.create_database(name))
    upgrade(database)
    yield database
    database.dispose()
    server.drop_database(name)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    """A migrated SQLite database only (GUI tests, file-level tests such as backup)."""
    database = _sqlite_database(tmp_path)
    upgrade(database)
    yield database
    database.dispose()


def _context(database: Database) -> Context:
    ctx = Context(db=database, audit_key=b"test-audit-key-0123456789abcdef!", workstation="desk-1",
                  clock=FixedClock(NOW))
    builders.set_up_clinic(ctx)
    return ctx


@pytest.fixture
def ctx(db: Database) -> Context:
    """A clinic (KRW, Asia/Seoul) on each database kind, with its administrator signed in."""
    return _context(db)


@pytest.fixture
def sqlite_ctx(sqlite_db: Database) -> Context:
    return _context(sqlite_db)


@pytest.fixture(autouse=True)
def _english_interface() -> Iterator[None]:
    """Each test starts in English, whatever the previous one switched to."""
    set_locale("en")
    yield
    set_locale("en")

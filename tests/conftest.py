"""Shared fixtures: a real database of each kind, a set-up clinic, and a Context acting as its administrator.

Every database test runs on SQLite and on a throwaway PostgreSQL server started from the machine's own
server binaries. The PostgreSQL half is skipped, loudly, only where no server binaries exist.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tests.support.postgres import PostgresServer, find_bin_dir, memory_folder, start_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# pytest reads its temporary root when the first tmp_path is made, after this module is imported.
os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", memory_folder() or tempfile.gettempdir())
os.environ.setdefault("CLINIC_DESK_HOME", tempfile.mkdtemp(prefix="clinic-desk-tests-"))

import pytest

from app.clock import FixedClock
from app.context import Context
from app.db import Database, open_database
from app.i18n import set_locale
from app.migrate import upgrade
from app.services import auth
from tests import builders

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


class DatabaseTemplates:
    """Migrated databases made once per session and copied for each test.

    Migrating from scratch costs about half a second a test on either database; copying a migrated SQLite file
    or creating a PostgreSQL database from a template costs a few milliseconds. A test that asks for ``ctx``
    gets a copy in which the clinic is already set up, so the argon2 hashing of the administrator's password is
    done once too; the copy is only signed into.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._sqlite: dict[bool, Path] = {}
        self._postgres: dict[bool, str] = {}

    def sqlite(self, target: Path, *, with_clinic: bool) -> Database:
        if with_clinic not in self._sqlite:
            path = self._root / f"template-{'clinic' if with_clinic else 'empty'}.sqlite3"
            self._build(open_database(f"sqlite:///{path}"), with_clinic=with_clinic)
            self._sqlite[with_clinic] = path
        with sqlite3.connect(self._sqlite[with_clinic]) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return open_database(f"sqlite:///{target}")

    def postgres(self, server: PostgresServer, name: str, *, with_clinic: bool) -> Database:
        if with_clinic not in self._postgres:
            template = f"template_{'clinic' if with_clinic else 'empty'}"
            self._build(open_database(server.create_database(template)), with_clinic=with_clinic)
            self._postgres[with_clinic] = template
        return open_database(server.create_database(name, template=self._postgres[with_clinic]))

    @staticmethod
    def _build(database: Database, *, with_clinic: bool) -> None:
        upgrade(database)
        if with_clinic:
            builders.set_up_clinic(_bare_context(database))
        database.dispose()


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


def _wants_clinic(request: pytest.FixtureRequest) -> bool:
    """Whether the test will build a Context on this database, so the copy may come with the clinic set up."""
    return "ctx" in request.fixturenames or "sqlite_ctx" in request.fixturenames


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path, database_templates: DatabaseTemplates) -> Iterator[Database]:
    """A migrated database of each kind: empty, or with the clinic set up when the test uses ``ctx``."""
    if request.param == "sqlite":
        database = database_templates.sqlite(tmp_path / "clinic.sqlite3", with_clinic=_wants_clinic(request))
        yield database
        database.dispose()
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    database = database_templates.postgres(server, name, with_clinic=_wants_clinic(request))
    yield database
    database.dispose()
    server.drop_database(name)


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path,
              database_templates: DatabaseTemplates) -> Iterator[Database]:
    """A migrated SQLite database only (GUI tests, file-level tests such as backup)."""
    database = database_templates.sqlite(tmp_path / "clinic.sqlite3", with_clinic=_wants_clinic(request))
    yield database
    database.dispose()


def _bare_context(database: Database) -> Context:
    return Context(db=database, audit_key=b"test-audit-key-0123456789abcdef!", workstation="desk-1",
                   clock=FixedClock(NOW))


def _context(database: Database) -> Context:
    """The template's clinic (see ``builders.set_up_clinic``) with its administrator signed in."""
    ctx = _bare_context(database)
    auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
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

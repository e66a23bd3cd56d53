"""Shared fixtures: a real database of each kind, a set-up clinic, and a Context acting as its administrator.

Every database test runs on SQLite and on a throwaway PostgreSQL server started from the machine's own
server binaries. The PostgreSQL half is skipped, loudly, only where no server binaries exist.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
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


#: What a template holds beyond the migrated schema: it fills the database and returns what the tests need to
#: know of it (the demo's summary), or None.
Fill = Callable[[Database], object]


class DatabaseTemplates:
    """Databases made once per session and copied for each test.

    Migrating from scratch costs about half a second a test on either database; copying a migrated SQLite file
    or creating a PostgreSQL database from a template costs a few milliseconds. A test that asks for ``ctx``
    gets a copy in which the clinic is already set up (so the argon2 hashing of the administrator's password is
    done once too, and the copy is only signed into); the demo's tests get a copy of the built demo.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._sqlite: dict[str, Path] = {}
        self._postgres: dict[str, str] = {}
        self._filled: dict[str, object] = {}

    def sqlite(self, target: Path, template: str, fill: Fill) -> Database:
        if template not in self._sqlite:
            path = self._root / f"{template}.sqlite3"
            self._make(open_database(f"sqlite:///{path}"), template, fill)
            self._sqlite[template] = path
        with sqlite3.connect(self._sqlite[template]) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return open_database(f"sqlite:///{target}")

    def postgres(self, server: PostgresServer, name: str, template: str, fill: Fill) -> Database:
        if template not in self._postgres:
            database = f"template_{template}"
            self._make(open_database(server.create_database(database)), template, fill)
            self._postgres[template] = database
        return open_database(server.create_database(name, template=self._postgres[template]))

    def filled(self, template: str) -> object:
        """What ``fill`` returned when the template was made (the same on either database kind)."""
        return self._filled[template]

    def _make(self, database: Database, template: str, fill: Fill) -> None:
        upgrade(database)
        self._filled[template] = fill(database)
        database.dispose()


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(params=["sqlite", "postgresql"])
def copy_database(request: pytest.FixtureRequest, tmp_path: Path,
                  database_templates: DatabaseTemplates) -> Iterator[Callable[[str, Fill], Database]]:
    """``copy(template, fill)``: a fresh copy of the named template on each database kind (SQLite, PostgreSQL)."""
    made: list[tuple[Database, Callable[[], None]]] = []

    def copy(template: str, fill: Fill) -> Database:
        if request.param == "sqlite":
            database = database_templates.sqlite(tmp_path / f"{template}-{len(made)}.sqlite3", template, fill)
            made.append((database, lambda: None))
            return database
        server: PostgresServer = request.getfixturevalue("pg_server")
        name = f"t_{uuid.uuid4().hex[:12]}"
        database = database_templates.postgres(server, name, template, fill)
        made.append((database, lambda: server.drop_database(name)))
        return database

    yield copy
    for database, drop in made:
        database.dispose()
        drop()


def _wants_clinic(request: pytest.FixtureRequest) -> bool:
    """Whether the test will build a Context on this database, so the copy may come with the clinic set up."""
    return "ctx" in request.fixturenames or "sqlite_ctx" in request.fixturenames


def _nothing(_database: Database) -> None:
    return None


def _set_up_clinic(database: Database) -> None:
    builders.set_up_clinic(_bare_context(database))


@pytest.fixture
def db(request: pytest.FixtureRequest, copy_database: Callable[[str, Fill], Database]) -> Database:
    """A migrated database of each kind: empty, or with the clinic set up when the test uses ``ctx``."""
    if _wants_clinic(request):
        return copy_database("clinic", _set_up_clinic)
    return copy_database("empty", _nothing)


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path,
              database_templates: DatabaseTemplates) -> Iterator[Database]:
    """A migrated SQLite database only (GUI tests, file-level tests such as backup)."""
    template, fill = ("clinic", _set_up_clinic) if _wants_clinic(request) else ("empty", _nothing)
    database = database_templates.sqlite(tmp_path / "clinic.sqlite3", template, fill)
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

"""Database engines and transactions.

SQLite (one workstation) runs in WAL mode with foreign keys on, and every write transaction opens with
``BEGIN IMMEDIATE``: Python's driver otherwise starts transactions lazily and a check-then-insert
double-books (PITFALLS). PostgreSQL (several workstations) runs with a short ``lock_timeout`` so that a
desk holding a lock makes the others fail within seconds instead of hanging.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import DatabaseBusy, InvalidInput
from app.i18n import N_
from app.settings import default_database_url

LOCK_TIMEOUT_MS = 5000
_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "afs", "9p", "ncpfs", "davfs", "ceph"}


def _mount_type(path: Path) -> str | None:
    """The file system type of the mount holding ``path`` (Linux), or None when unknown."""
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return None
    best, best_type = "", None
    resolved = str(path.resolve())
    for line in mounts.read_text().splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (resolved == point or resolved.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, best_type = point, parts[2]
    return best_type


def _is_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(str(path.resolve()))[0]
        if drive:
            drive_remote = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote  # type: ignore[attr-defined]
        return False
    return _mount_type(path) in _NETWORK_FILESYSTEMS


def check_sqlite_path(path: Path) -> None:
    """Refuse a database file on a network share: WAL does not work there and the file corrupts."""
    probe = path if path.exists() else path.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if _is_network_path(probe):
        raise InvalidInput(
            N_(
                "The database file {path} is on a network share. SQLite files corrupt when several "
                "computers open them over a network; to share one clinic between workstations, use a "
                "PostgreSQL server."
            ),
            field=N_("Database"),
            path=str(path),
        )


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={LOCK_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        read_only = connection.get_execution_options().get("clinic_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


@dataclass(frozen=True)
class Database:
    """One clinic database: the engine, the kind, and a way to open transactions."""

    engine: Engine
    url: str

    @property
    def kind(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.kind == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    def describe(self) -> str:
        """For the status bar and About: the file, or the server and database name (no password)."""
        if self.is_sqlite:
            return str(self.sqlite_path)
        url = make_url(self.url)
        return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed when the block ends, rolled back on any exception."""
        with translate_lock_errors(), self._writer() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction that takes no write lock."""
        with translate_lock_errors(), self._reader() as session, session.begin():
            yield session

    @cached_property
    def _writer(self) -> sessionmaker[Session]:
        return sessionmaker(bind=self.engine, expire_on_commit=False)

    @cached_property
    def _reader(self) -> sessionmaker[Session]:
        return sessionmaker(bind=self.engine.execution_options(clinic_read_only=True), expire_on_commit=False)

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_lock_errors() -> Iterator[None]:
    """A lock held too long by another desk becomes a DatabaseBusy the user can read and retry."""
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig).lower() if exc.orig else ""
        sqlstate = getattr(exc.orig, "sqlstate", None)
        # 55P03 lock_timeout, 40P01 deadlock (the other desk went on), 40001 serialization failure
        if "database is locked" in text or sqlstate in ("55P03", "40P01", "40001"):
            raise DatabaseBusy(
                N_("Another workstation is busy with the same data. Please try again in a moment.")
            ) from exc
        raise


def open_database(url: str | None = None, *, echo: bool = False) -> Database:
    """Open (without migrating) the database at ``url``; the default is the per-user SQLite file."""
    url = url or default_database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database)
            check_sqlite_path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, echo=echo, pool_size=8, max_overflow=24,
                               connect_args={"timeout": LOCK_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
    elif parsed.get_backend_name() == "postgresql":
        if parsed.get_driver_name() != "psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(
            parsed,
            echo=echo,
            pool_pre_ping=True,
            pool_size=8,
            max_overflow=24,
            connect_args={"options": f"-c lock_timeout={LOCK_TIMEOUT_MS} -c timezone=UTC"},
        )
    else:
        raise InvalidInput(
            N_("Unsupported database address {url}: use a SQLite file or a PostgreSQL server."),
            field=N_("Database"),
            url=parsed.render_as_string(hide_password=True),
        )
    return Database(engine=engine, url=parsed.render_as_string(hide_password=False))

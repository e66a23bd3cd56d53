"""Schema migrations: bring any older database to the current revision, safely.

On SQLite the file is copied first (one-step ``VACUUM INTO``, PITFALLS); if the migration fails midway,
the copy is put back and the error is raised with the backup's location, so nothing is half-migrated.
PostgreSQL runs DDL inside the transaction, so a failed migration rolls back by itself.

Alembic is imported only when a migration has to run: at an ordinary start the database is already at
``RELEASED_HEAD`` and one query says so (alembic's import costs a fifth of a second of start-up).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from app.db import Database
from app.i18n import _
from app.maintenance import backup_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The newest revision in migrations/versions; a test keeps it equal to what alembic computes.
RELEASED_HEAD = "0008"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision alembic finds in the migrations folder."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The database's schema revision (None for an empty database), without importing alembic."""
    with db.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _run_upgrade(db: Database, target: str) -> None:
    """Run the migrations in one transaction.

    On SQLite, altering a table means copying it into a new one and dropping the old (alembic's batch
    mode); with foreign keys enforced, dropping a table that other rows refer to fails (a payment with
    refunds). So, as SQLite's documentation prescribes for such changes, enforcement is off while the
    migrations run and every reference is checked before the commit; a broken one undoes it all.
    """
    from alembic import command

    config = _config()
    with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # outside any transaction: the pragma is a no-op inside one
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration left broken references: {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


class MigrationFailed(RuntimeError):
    """The migration failed; the database was restored from ``backup`` (when there was one)."""

    def __init__(self, cause: BaseException, backup: Path | None) -> None:
        super().__init__(f"database migration failed ({cause}); restored from {backup}" if backup else str(cause))
        self.cause = cause
        self.backup = backup

    def message(self) -> str:
        """What the person who started the new version is told, in the active language."""
        if self.backup is not None:
            text = _("This version of Clinic Desk could not update the database, so the database was put back "
                     "exactly as it was from the copy made just before ({backup}). Nothing was lost. Reinstall "
                     "the previous version to keep working, and pass this message on to your support. "
                     "Cause: {cause}")
        else:
            text = _("This version of Clinic Desk could not update the database; the update was undone and the "
                     "database is unchanged. Reinstall the previous version to keep working, and pass this "
                     "message on to your support. Cause: {cause}")
        return text.format(backup=self.backup, cause=self.cause)


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def upgrade(db: Database, target: str = "head") -> UpgradeResult:
    """Upgrade to ``target``; a SQLite file that already holds data is backed up first."""
    before = current_revision(db)
    if target == "head" and before == RELEASED_HEAD:
        return UpgradeResult(before, before, None)
    wanted = head_revision() if target == "head" else target
    if before == wanted:
        return UpgradeResult(before, wanted, None)
    backup: Path | None = None
    path = db.sqlite_path
    if path is not None and before is not None:
        backup = backup_sqlite(db, path.with_name(f"{path.stem}.before-{wanted}{path.suffix}"))
    try:
        _run_upgrade(db, target)
    except Exception as exc:
        if backup is not None and path is not None:
            db.dispose()
            for suffix in ("-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            shutil.copyfile(backup, path)
        raise MigrationFailed(exc, backup) from exc
    return UpgradeResult(before, wanted, backup)

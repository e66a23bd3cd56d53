"""Migrations: an older database is upgraded with its data; a failed migration restores the backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app import migrate
from app.context import Context
from app.db import open_database
from app.migrate import MigrationFailed, current_revision, head_revision, upgrade
from tests import builders

FAILING_REVISION = '''
"""a migration that fails halfway"""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE patient SET family_name = 'damaged'")
    raise RuntimeError("simulated failure in the middle of a migration")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def migrations_with_a_failing_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_failing.py").write_text(FAILING_REVISION.format(head=head_revision()))
    return folder


def test_upgrade_is_idempotent(sqlite_db):
    result = upgrade(sqlite_db)
    assert result.from_revision == result.to_revision == head_revision()
    assert result.backup is None


def test_failed_migration_restores_the_database(tmp_path, monkeypatch, migrations_with_a_failing_step):
    path = tmp_path / "clinic.sqlite3"
    database = open_database(f"sqlite:///{path}")
    upgrade(database)
    ctx = Context(db=database, audit_key=b"k" * 32, workstation="desk-1")
    builders.set_up_clinic(ctx)
    builders.add_patient(ctx, "Иванов", "Иван")
    released_head = head_revision()

    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations_with_a_failing_step)
    monkeypatch.setattr(migrate, "RELEASED_HEAD", "9999")
    with pytest.raises(MigrationFailed) as failure:
        upgrade(database)
    assert failure.value.backup is not None
    assert failure.value.backup.exists()
    assert "simulated failure" in str(failure.value)

    with sqlite3.connect(path) as connection:
        names = [row[0] for row in connection.execute("SELECT family_name FROM patient")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert names == ["Иванов"]
    assert "half_done" not in tables
    assert revision == released_head
    reopened = open_database(f"sqlite:///{path}")
    assert current_revision(reopened) == released_head


def test_database_of_the_previous_revision_is_upgraded_with_its_data(tmp_path):
    """Every revision upgrades from the one before it without losing rows (here: empty -> head)."""
    path = tmp_path / "old.sqlite3"
    database = open_database(f"sqlite:///{path}")
    upgrade(database, "0001")
    ctx = Context(db=database, audit_key=b"k" * 32, workstation="desk-1")
    builders.set_up_clinic(ctx)
    builders.add_patient(ctx, "王", "秀英")
    result = upgrade(database)
    assert result.to_revision == head_revision()
    from app.services import patients

    assert [p.display_name for p in patients.search(ctx, "秀英")] == ["王秀英"]


def test_released_head_is_the_newest_revision():
    """The fast start-up check trusts RELEASED_HEAD: a new migration must update it."""
    assert head_revision() == migrate.RELEASED_HEAD

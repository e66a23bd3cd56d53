"""Migrations: an older database is upgraded with its data; a failed migration restores the backup."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, MetaData, select

from app import migrate
from app.context import Context, load_profile
from app.db import Database, open_database
from app.migrate import MigrationFailed, current_revision, head_revision, upgrade
from app.models.clinic import CallDisplay
from app.models.patients import Patient
from app.models.types import sqlite_timestamp
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


def write_rows_as_0001(database: Database) -> None:
    """A clinic, a patient and a refunded payment written into the tables as revision 0001 made them
    (reflected), not through today's ORM models, which know columns the old revision does not have yet."""
    created = sqlite_timestamp(datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
    with database.engine.begin() as connection:
        old = MetaData()
        old.reflect(connection, only=["clinic", "patient"])
        connection.execute(old.tables["clinic"].insert().values(
            legal_name="서울 가정의학과 의원", short_name="Seoul Family Clinic", address="", tax_id="", phone="",
            email="", currency="KRW", default_locale="ko", display_locale="ko", time_zone="Asia/Seoul",
            slot_minutes=15, idle_lock_minutes=10, wait_warning_minutes=20, created_at=created))
        connection.execute(old.tables["patient"].insert().values(
            family_name="王", given_name="秀英", middle_name="", name_order="family_first_no_space",
            display_name="王秀英", latin_name="", sex="unknown", phone="", phone2="", email="", address="",
            national_id="", preferred_locale="zh_CN", acquisition_channel="unknown", notes="",
            consent_data_processing=False, consent_sms=False, consent_email=False, search_text="王秀英",
            created_at=created))
        _a_refunded_payment(connection, created)


def test_database_of_the_previous_revision_is_upgraded_with_its_data(tmp_path):
    """Every revision upgrades from the one before it without losing rows (here: 0001 -> head)."""
    path = tmp_path / "old.sqlite3"
    database = open_database(f"sqlite:///{path}")
    upgrade(database, "0001")
    write_rows_as_0001(database)
    result = upgrade(database)
    assert result.to_revision == head_revision()
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT amount, refunded FROM payment").all() == [(35000000, 5000000)]
        assert connection.exec_driver_sql("SELECT payment_id, amount FROM refund").all() == [(1, 5000000)]
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # enforced again after
    profile = load_profile(database)
    assert (profile.short_name, profile.wait_warning_minutes) == ("Seoul Family Clinic", 20)
    assert profile.call_display is CallDisplay.TICKET
    with database.read() as session:
        assert session.scalars(select(Patient.display_name)).all() == ["王秀英"]


def _a_refunded_payment(connection: Connection, created: str) -> None:
    """A payment with a refund, as revision 0001 stored them: altering the payment table on SQLite (copy,
    drop, rename) must not trip over the refund that refers to it."""
    old = MetaData()
    old.reflect(connection, only=["staff_user", "cash_shift", "payment", "refund"])
    connection.execute(old.tables["staff_user"].insert().values(
        username="cashier", full_name="Cashier", password_hash="x", active=True, failed_sign_ins=0,
        created_at=created))
    connection.execute(old.tables["cash_shift"].insert().values(
        cashier_id=1, workstation="desk-1", status="open", opening_float=10000000, opened_at=created))
    connection.execute(old.tables["payment"].insert().values(
        patient_id=1, shift_id=1, method="card", amount=35000000, refunded=5000000, receipt_year=2026,
        receipt_number=1, taken_by=1, taken_at=created))
    connection.execute(old.tables["refund"].insert().values(
        payment_id=1, shift_id=1, amount=5000000, reason="overcharged", receipt_year=2026, receipt_number=2,
        refunded_by=1, refunded_at=created))


def test_released_head_is_the_newest_revision():
    """The fast start-up check trusts RELEASED_HEAD: a new migration must update it."""
    assert head_revision() == migrate.RELEASED_HEAD

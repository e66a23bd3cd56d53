"""Backing up from the window: permission, a checked copy, an audit record, a translated failure."""

import sqlite3

import pytest
from sqlalchemy import select

from app.errors import PermissionDenied
from app.models.audit import AuditRecord
from app.models.staff import Role
from app.services import auth
from app.services.backups import BackupFailed, back_up
from tests import builders


def test_back_up_writes_a_checked_copy_and_audits_it(sqlite_ctx):
    builders.add_patient(sqlite_ctx, "王", "秀英")
    written = back_up(sqlite_ctx)
    assert written.name == "clinic-20261123-100000.sqlite3"
    with sqlite3.connect(written) as copy:
        assert copy.execute("SELECT family_name FROM patient").fetchall() == [("王",)]
    with sqlite_ctx.db.read() as session:
        actions = session.scalars(select(AuditRecord.action).where(AuditRecord.entity == "database")).all()
    assert actions == ["backup"]


def test_only_permitted_roles_back_up(sqlite_ctx):
    builders.add_user(sqlite_ctx, "cash", Role.CASHIER)
    auth.sign_in(sqlite_ctx, "cash", "staff-password-1")
    with pytest.raises(PermissionDenied):
        back_up(sqlite_ctx)


def test_an_unwritable_folder_is_explained(sqlite_ctx, monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups folder should be")
    monkeypatch.setattr("app.maintenance.backups_dir", lambda: blocked)
    with pytest.raises(BackupFailed) as caught:
        back_up(sqlite_ctx)
    assert caught.value.message().startswith("The backup could not be written:")

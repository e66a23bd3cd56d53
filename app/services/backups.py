"""Backing the clinic database up from the window: permission, a dated file, an audit record."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.context import Context
from app.errors import DomainError
from app.i18n import N_
from app.maintenance import backup, backup_path
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work


class BackupFailed(DomainError):
    """The copy could not be written (disk full, folder not writable, pg_dump missing...)."""


def back_up(ctx: Context) -> Path:
    """A consistent copy in the backups folder, named by the clinic's date and time; returns its path."""
    require(ctx, Permission.BACKUP)
    target = backup_path(ctx.db, ctx.clock.now().astimezone(ctx.clinic().zone))
    try:
        written = backup(ctx.db, target)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        raise BackupFailed(N_("The backup could not be written: {reason}"), reason=str(error)) from error
    with unit_of_work(ctx) as uow:
        uow.record("backup", "database", None, {"file": str(written)})
    return written

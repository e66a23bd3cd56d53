"""Backups and integrity checks of the clinic database."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from app.db import Database
from app.settings import backups_dir


def backup_path(db: Database, at: datetime) -> Path:
    """Where a backup taken at ``at`` (local time of the clinic or machine) goes: one file per moment."""
    suffix = ".sqlite3" if db.is_sqlite else ".pgdump"
    return backups_dir() / f"clinic-{at.strftime('%Y%m%d-%H%M%S')}{suffix}"


def backup_sqlite(db: Database, target: Path) -> Path:
    """A consistent copy in one step, even while another process writes.

    The online backup API in small steps restarts on every write and never finishes under load; one
    ``VACUUM INTO`` statement reads a single snapshot (PITFALLS).
    """
    source = db.sqlite_path
    if source is None:
        raise ValueError("only a SQLite file can be copied this way")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    connection = sqlite3.connect(source, isolation_level=None, timeout=30)
    try:
        connection.execute("VACUUM INTO ?", (str(target),))
    finally:
        connection.close()
    return target


def sqlite_integrity(path: Path) -> str:
    """SQLite's own verdict on a file: 'ok' or the first problems found."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return "; ".join(str(row[0]) for row in rows)


def backup(db: Database, target: Path) -> Path:
    """Back the database up to ``target``: a checked SQLite copy, or a pg_dump archive."""
    if db.is_sqlite:
        backup_sqlite(db, target)
        verdict = sqlite_integrity(target)
        if verdict != "ok":
            raise RuntimeError(f"the backup {target} failed its integrity check: {verdict}")
        return target
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise RuntimeError("pg_dump is not installed on this computer; back the server up on the server")
    libpq_url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run([pg_dump, "--format=custom", f"--file={target}", libpq_url], check=True)
    return target

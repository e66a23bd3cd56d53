"""The command line: backup under load, audit verify, db upgrade, --version, --help."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.context import Context
from app.db import open_database
from app.migrate import head_revision, upgrade
from tests import builders

ROOT = Path(__file__).resolve().parents[2]
KEY = "ab" * 32


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(CLINIC_DESK_HOME=str(tmp_path / "home"), CLINIC_DESK_AUDIT_KEY=KEY, QT_QPA_PLATFORM="offscreen")
    return env


def _main(tmp_path: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=_env(tmp_path), capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def clinic_file(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'clinic.sqlite3'}"
    database = open_database(url)
    upgrade(database)
    ctx = Context(db=database, audit_key=bytes.fromhex(KEY), workstation="desk-1")
    builders.set_up_clinic(ctx)
    builders.add_patient(ctx, "김", "민준")
    database.dispose()
    return url


def test_help_lists_every_option_and_command(tmp_path):
    result = _main(tmp_path, "--help")
    assert result.returncode == 0
    for word in ("--demo", "--database", "--locale", "--screenshot", "--version", "db upgrade", "audit verify",
                 "backup"):
        assert word in result.stdout


def test_version_names_the_database_and_revision(tmp_path, clinic_file):
    result = _main(tmp_path, "--version", "--database", clinic_file)
    assert result.returncode == 0, result.stderr
    assert "Clinic Desk 0.1.0" in result.stdout
    assert f"schema {head_revision()}" in result.stdout
    assert "clinic.sqlite3" in result.stdout


def test_db_upgrade_brings_an_empty_file_to_head(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    result = _main(tmp_path, "db", "upgrade", "--database", url)
    assert result.returncode == 0, result.stderr
    assert f"-> {head_revision()}" in result.stdout


def test_audit_verify_passes_then_fails_after_tampering(tmp_path, clinic_file):
    ok = _main(tmp_path, "audit", "verify", "--database", clinic_file)
    assert ok.returncode == 0, ok.stderr
    assert "chain intact" in ok.stdout
    path = clinic_file.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET action = 'nothing' WHERE seq = 2")
    bad = _main(tmp_path, "audit", "verify", "--database", clinic_file)
    assert bad.returncode == 1
    assert "TAMPERED" in bad.stdout
    assert "audit record 2" in bad.stdout


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from app.context import Context
    from app.db import open_database
    from app.services import auth, patients
    from app.services.patients import PatientInput
    ctx = Context(db=open_database(sys.argv[1]), audit_key=bytes.fromhex(sys.argv[2]), workstation="writer")
    auth.sign_in(ctx, "admin", sys.argv[3])
    stop = Path(sys.argv[4])
    n = 0
    print("writing", flush=True)
    while not stop.exists():
        patients.create(ctx, PatientInput(family_name="Writer", given_name=str(n)))
        n += 1
    print(n, flush=True)
""")


def test_backup_is_consistent_while_another_process_writes(tmp_path, clinic_file):
    """The writer keeps writing until the backup has finished (a stop file, not a fixed time: on a busy
    machine the backup command's start alone can outlast any fixed window)."""
    stop = tmp_path / "stop-writing"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, clinic_file, KEY, builders.ADMIN_PASSWORD, str(stop)],
        cwd=ROOT, env=_env(tmp_path), stdout=subprocess.PIPE, text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    time.sleep(1.0)
    target = tmp_path / "copy.sqlite3"
    result = _main(tmp_path, "backup", "--to", str(target), "--database", clinic_file)
    time.sleep(0.5)  # a few more writes after the copy, which the copy must not hold
    stop.touch()
    written = int(writer.communicate(timeout=60)[0].strip())
    assert result.returncode == 0, result.stderr
    assert written > 10
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        patients = copy.execute("SELECT count(*) FROM patient WHERE family_name = 'Writer'").fetchone()[0]
        audited = copy.execute(
            "SELECT count(*) FROM audit_log WHERE entity = 'patient' AND workstation = 'writer'").fetchone()[0]
    assert 0 < patients < written
    assert patients == audited
    verify = _main(tmp_path, "audit", "verify", "--database", f"sqlite:///{target}")
    assert verify.returncode == 0, verify.stdout

"""Workstation settings: the machine's file (written by the setup program) under the user's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import settings
from app.settings import WorkstationSettings, audit_key

SERVER = "postgresql+psycopg://clinic:s%40cret@db.clinic.lan:5432/clinic"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLINIC_DESK_HOME", str(tmp_path))
    monkeypatch.delenv(settings.AUDIT_KEY_ENV, raising=False)
    return tmp_path


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_the_machine_file_points_every_user_at_the_shared_server(home):
    _write(settings.machine_config_dir(), "settings.json", json.dumps({"database_url": SERVER, "other": 1}))
    loaded = WorkstationSettings.load()
    assert loaded.effective_database_url == SERVER


def test_the_users_own_values_win_but_their_empty_values_do_not_erase(home):
    _write(settings.machine_config_dir(), "settings.json", json.dumps({"database_url": SERVER, "locale": "ko"}))
    WorkstationSettings(database_url="", workstation="desk-2", locale="ru").save()
    loaded = WorkstationSettings.load()
    assert (loaded.database_url, loaded.workstation, loaded.locale) == (SERVER, "desk-2", "ru")


def test_without_any_file_the_database_is_this_users_own_file(home):
    assert WorkstationSettings.load().effective_database_url == f"sqlite:///{home / 'data' / 'clinic.sqlite3'}"


def test_the_machines_audit_key_is_shared_by_every_user(home):
    _write(settings.machine_config_dir(), "audit.key", "ab" * 32 + "\n")
    assert audit_key() == bytes.fromhex("ab" * 32)
    assert not (settings.config_dir() / "audit.key").exists()


def test_without_a_shared_key_each_user_gets_a_private_one(home):
    first = audit_key()
    assert len(first) == 32
    assert audit_key() == first
    assert (settings.config_dir() / "audit.key").stat().st_mode & 0o077 == 0

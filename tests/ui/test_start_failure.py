"""Start failures the person must be told about: a new version whose migration fails (the database is
restored), and a clinic server that cannot be reached."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import main
from app import migrate
from app.context import Context
from app.db import open_database
from app.migrate import upgrade
from tests import builders
from tests.app.test_migrations import migrations_with_a_failing_step  # noqa: F401  (a fixture)


def _clinic_with_a_patient(path: Path) -> str:
    url = f"sqlite:///{path}"
    database = open_database(url)
    upgrade(database)
    ctx = Context(db=database, audit_key=b"k" * 32, workstation="desk-1")
    builders.set_up_clinic(ctx)
    builders.add_patient(ctx, "Иванов", "Иван")
    database.dispose()
    return url


def _family_names(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT family_name FROM patient")]


def _answer_the_message_box(shown: list[str]) -> None:
    """Read the modal message box's text and close it, once it appears."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(20, lambda: _answer_the_message_box(shown))
        return
    shown.append(box.text())
    box.accept()


def test_the_window_start_says_the_database_was_restored(qapp, tmp_path, monkeypatch,
                                                          migrations_with_a_failing_step):  # noqa: F811
    path = tmp_path / "clinic.sqlite3"
    url = _clinic_with_a_patient(path)
    released = migrate.RELEASED_HEAD
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations_with_a_failing_step)
    monkeypatch.setattr(migrate, "RELEASED_HEAD", "9999")
    shown: list[str] = []
    QTimer.singleShot(0, lambda: _answer_the_message_box(shown))
    assert main.main(["--database", url, "--locale", "ru"]) == 2

    assert len(shown) == 1
    assert "не удалось обновить базу данных" in shown[0]
    assert "clinic.before-9999.sqlite3" in shown[0]
    assert "simulated failure" in shown[0]
    assert _family_names(path) == ["Иванов"]
    assert migrate.current_revision(open_database(url)) == released


def test_db_upgrade_on_the_command_line_says_so_too(tmp_path, monkeypatch, capsys,
                                                    migrations_with_a_failing_step):  # noqa: F811
    path = tmp_path / "clinic.sqlite3"
    url = _clinic_with_a_patient(path)
    released = migrate.RELEASED_HEAD
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", migrations_with_a_failing_step)
    monkeypatch.setattr(migrate, "RELEASED_HEAD", "9999")

    assert main.main(["--database", url, "db", "upgrade"]) == 2

    error = capsys.readouterr().err
    assert "could not update the database, so the database was put back exactly as it was" in error
    assert "clinic.before-9999.sqlite3" in error
    assert _family_names(path) == ["Иванов"]
    assert migrate.current_revision(open_database(url)) == released


def test_an_unreachable_clinic_server_is_explained_without_its_password(qapp):
    shown: list[str] = []
    QTimer.singleShot(0, lambda: _answer_the_message_box(shown))

    assert main.main(["--database", "postgresql+psycopg://clinic:s3cret@127.0.0.1:1/clinic", "--locale", "ko"]) == 2

    assert len(shown) == 1
    assert "데이터베이스에 연결할 수 없습니다" in shown[0]
    assert "postgresql+psycopg://clinic:***@127.0.0.1:1/clinic" in shown[0]
    assert "s3cret" not in shown[0]

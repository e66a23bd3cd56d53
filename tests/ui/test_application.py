"""run(): the start language, sign-in or setup, the screenshot mode, and the exception hook."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_, active_locale
from tests.builders import ADMIN_PASSWORD
from ui import application

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def test_screenshot_run_signs_in_and_saves_a_picture(qapp, sqlite_ctx: Context, tmp_path: Path):
    sqlite_ctx.actor = None
    target = tmp_path / "shot.png"
    code = application.run(sqlite_ctx, locale="ru", screenshot=target, auto_sign_in=("admin", ADMIN_PASSWORD))
    assert code == 0
    assert target.stat().st_size > 10_000
    assert active_locale() == "ru"
    assert sqlite_ctx.actor is None  # signed out when the window closed


def test_the_clinic_language_is_the_default_start(qapp, sqlite_ctx: Context):
    assert application.start_locale(sqlite_ctx, None) == "ko"  # the test clinic's default
    assert application.start_locale(sqlite_ctx, "ro") == "ro"


def test_cancelled_sign_in_ends_with_1(qapp, monkeypatch, sqlite_ctx: Context):
    sqlite_ctx.actor = None
    monkeypatch.setattr(application.SignInDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert application.run(sqlite_ctx, sign_in_hint="admin / admin-password-1") == 1


def test_exception_hook_logs_and_shows(qapp, monkeypatch, caplog):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    warnings: list[str] = []
    criticals: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: criticals.append(text))
    application.install_excepthook()
    error = InvalidInput(N_("{field} must not be empty."), field=N_("Full name"))
    sys.excepthook(InvalidInput, error, None)
    assert warnings == ["Full name must not be empty."]
    with caplog.at_level(logging.ERROR, logger="clinic_desk.ui"):
        sys.excepthook(RuntimeError, RuntimeError("boom"), None)
    assert "unexpected error" in caplog.text
    assert len(criticals) == 1
    assert "log" in criticals[0]

"""The sign-in dialog: the service decides, the dialog shows why not and stays open."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.clock import FixedClock
from app.context import Context
from app.i18n import LOCALES, gettext
from app.services.auth import FREE_ATTEMPTS
from tests.builders import ADMIN_PASSWORD
from ui import qt_i18n
from ui.dialogs.sign_in import SignInDialog

WRONG = "The user name or password is wrong."
# The offscreen platform cannot resize or raise windows and says so; real platforms can.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@pytest.fixture
def signed_out(sqlite_ctx: Context) -> Context:
    sqlite_ctx.actor = None
    return sqlite_ctx


def _dialog(qtbot, ctx: Context, hint: str | None = None) -> SignInDialog:
    dialog = SignInDialog(ctx, hint=hint)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _try(qtbot, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_is_explained_and_the_dialog_stays(qtbot, signed_out: Context):
    dialog = _dialog(qtbot, signed_out)
    _try(qtbot, dialog, "admin", "not-the-password")
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert signed_out.actor is None
    assert dialog.error.isVisible()
    assert dialog.error.text() == WRONG
    assert dialog.password.text() == ""
    assert dialog.focusWidget() is dialog.password


def test_right_password_accepts_and_sets_the_actor(qtbot, signed_out: Context):
    dialog = _dialog(qtbot, signed_out)
    _try(qtbot, dialog, "Admin", ADMIN_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert signed_out.actor is not None
    assert signed_out.actor.username == "admin"


def test_repeated_failures_make_the_user_wait(qtbot, signed_out: Context):
    dialog = _dialog(qtbot, signed_out)
    for _attempt in range(FREE_ATTEMPTS):
        _try(qtbot, dialog, "admin", "not-the-password")
    _try(qtbot, dialog, "admin", ADMIN_PASSWORD)
    assert dialog.isVisible()
    assert signed_out.actor is None
    assert dialog.error.text() == "Too many failed attempts. Please wait 3 seconds and try again."

    clock = signed_out.clock
    assert isinstance(clock, FixedClock)
    clock.advance(timedelta(seconds=3))
    _try(qtbot, dialog, "admin", ADMIN_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert signed_out.actor is not None


def test_choosing_a_language_translates_the_dialog_and_its_message(qtbot, signed_out: Context):
    dialog = _dialog(qtbot, signed_out)
    _try(qtbot, dialog, "admin", "not-the-password")
    dialog.language.setCurrentIndex(LOCALES.index("ko"))
    assert dialog.language.currentText() == "한국어"
    assert dialog.windowTitle() == gettext("Sign in — Clinic Desk", "ko")
    assert dialog.sign_in_button.text() == gettext("Sign in", "ko")
    assert dialog.error.text() == gettext(WRONG, "ko")


@pytest.mark.parametrize("locale", ["en", "ko"])
def test_screenshot(qtbot, signed_out: Context, artifacts_dir: Path, locale: str):
    qt_i18n.switch_language(locale)
    dialog = _dialog(qtbot, signed_out, hint="Demo: admin, reception, cashier, doctor, clerk — demo-password")
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    folder = artifacts_dir / "screenshots" / "dialogs"
    folder.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(folder / f"sign_in-{locale}.png"))

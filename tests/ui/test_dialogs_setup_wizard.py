"""The first-start wizard on an empty database: bad input keeps it on the page and writes nothing; a good run
sets the clinic up and signs its administrator in."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget, QWizard

from app.clock import FixedClock
from app.context import Context, load_profile
from app.db import Database
from app.i18n import LOCALES
from app.services.clinic import is_set_up
from tests.conftest import NOW
from ui import qt_i18n
from ui.dialogs.setup_wizard import SetupWizard

PASSWORD = "first-admin-pass"
# The offscreen platform cannot resize or raise windows and says so; real platforms can.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@pytest.fixture
def bare_ctx(sqlite_db: Database) -> Context:
    """A Context on a migrated database that holds no clinic yet."""
    return Context(db=sqlite_db, audit_key=b"test-audit-key-0123456789abcdef!", workstation="desk-1",
                   clock=FixedClock(NOW))


@pytest.fixture
def wizard(qtbot, bare_ctx: Context) -> SetupWizard:
    wizard = SetupWizard(bare_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _next(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _finish(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)


def _keys(qtbot, target: QWidget, text: str) -> None:
    """Type ``text``: ASCII as key presses, a new line as Return, anything else (Hangul, ş) as an input
    method commits it, since QTest can only press keys that have a Latin-1 code."""
    for char in text:
        if char == "\n":
            qtbot.keyClick(target, Qt.Key.Key_Return)
        elif char.isascii():
            qtbot.keyClicks(target, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(target, event)


def _type(qtbot, widget: QWidget, text: str) -> None:
    """Replace a field's text the way a person does: select all, delete, type."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    target.selectAll()
    qtbot.keyClick(target, Qt.Key.Key_Delete)
    _keys(qtbot, target, text)


def _fill_clinic(qtbot, wizard: SetupWizard, *, legal_name: str = "Clinica Familiei SRL",
                 time_zone: str = "Europe/Bucharest") -> None:
    page = wizard.clinic_page
    _type(qtbot, page.legal_name, legal_name)
    _type(qtbot, page.short_name, "Clinica Familiei")
    _keys(qtbot, page.address, "Str. Victoriei 10\nBucureşti")
    _type(qtbot, page.tax_id, "RO12345678")
    _type(qtbot, page.phone, "+40 21 555 0100")
    _type(qtbot, page.email, "receptie@clinica.example")
    _type(qtbot, page.currency, "RON")
    page.language.setCurrentIndex(LOCALES.index("ro"))
    _type(qtbot, page.time_zone, time_zone)
    page.slot.setCurrentIndex(page.slot.findData(20))


def _fill_admin(qtbot, wizard: SetupWizard, password: str = PASSWORD, confirm: str = PASSWORD) -> None:
    page = wizard.admin_page
    _type(qtbot, page.username, "Maria")
    _type(qtbot, page.full_name, "Maria Popescu")
    _type(qtbot, page.password, password)
    _type(qtbot, page.confirm, confirm)


def _stays_with(wizard: SetupWizard, page, message: str, ctx: Context) -> None:
    assert wizard.currentPage() is page
    assert page.error.isVisible()
    assert page.error.text() == message
    assert not is_set_up(ctx.db)


def test_bad_input_keeps_the_page_and_writes_nothing(qtbot, wizard: SetupWizard, bare_ctx: Context):
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.clinic_page
    _next(qtbot, wizard)
    _stays_with(wizard, wizard.clinic_page, "Legal name must not be empty.", bare_ctx)
    assert wizard.clinic_page.focusWidget() is wizard.clinic_page.legal_name

    _fill_clinic(qtbot, wizard)
    _type(qtbot, wizard.clinic_page.email, "not an address")
    _next(qtbot, wizard)
    _stays_with(wizard, wizard.clinic_page, "E-mail is not an e-mail address.", bare_ctx)
    _type(qtbot, wizard.clinic_page.email, "receptie@clinica.example")
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.admin_page

    _fill_admin(qtbot, wizard, password="short", confirm="short")
    _next(qtbot, wizard)
    _stays_with(wizard, wizard.admin_page, "Password must have at least 8 characters.", bare_ctx)

    _fill_admin(qtbot, wizard, password=PASSWORD, confirm=PASSWORD + "!")
    _next(qtbot, wizard)
    _stays_with(wizard, wizard.admin_page, "The two passwords are not the same.", bare_ctx)
    assert wizard.admin_page.focusWidget() is wizard.admin_page.confirm


def test_a_service_error_on_finish_is_shown_and_the_wizard_stays(qtbot, wizard: SetupWizard, bare_ctx: Context):
    _next(qtbot, wizard)
    _fill_clinic(qtbot, wizard, time_zone="Mars/Olympus_Mons")
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    assert wizard.currentPage() is wizard.summary_page
    _finish(qtbot, wizard)
    _stays_with(wizard, wizard.summary_page, "Time zone is not a known time zone.", bare_ctx)
    assert wizard.isVisible()
    assert bare_ctx.actor is None

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    _type(qtbot, wizard.clinic_page.time_zone, "Europe/Chisinau")
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    assert not wizard.summary_page.error.isVisible()
    _finish(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert load_profile(bare_ctx.db).time_zone == "Europe/Chisinau"


def test_a_good_run_sets_the_clinic_up_and_signs_in(qtbot, wizard: SetupWizard, bare_ctx: Context):
    wizard.welcome_page.language.setCurrentIndex(LOCALES.index("en"))
    _next(qtbot, wizard)
    _fill_clinic(qtbot, wizard)
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    shown = [wizard.summary_page.form.itemAt(row, wizard.summary_page.form.ItemRole.FieldRole).widget().text()
             for row in range(wizard.summary_page.form.rowCount())]
    assert "Clinica Familiei SRL" in shown
    assert "Maria Popescu (Maria)" in shown
    _finish(qtbot, wizard)

    assert wizard.result() == QDialog.DialogCode.Accepted
    profile = load_profile(bare_ctx.db)
    assert (profile.legal_name, profile.short_name, profile.tax_id) == (
        "Clinica Familiei SRL", "Clinica Familiei", "RO12345678")
    assert profile.address == "Str. Victoriei 10\nBucureşti"
    assert (profile.phone, profile.email) == ("+40 21 555 0100", "receptie@clinica.example")
    assert (profile.currency, profile.default_locale, profile.time_zone, profile.slot_minutes) == (
        "RON", "ro", "Europe/Bucharest", 20)
    assert bare_ctx.actor is not None
    assert (bare_ctx.actor.username, bare_ctx.actor.full_name) == ("maria", "Maria Popescu")


def test_the_welcome_language_switches_the_wizard(qtbot, wizard: SetupWizard):
    wizard.welcome_page.language.setCurrentIndex(LOCALES.index("ru"))
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "Отмена"  # Qt's own translation
    _next(qtbot, wizard)
    assert wizard.clinic_page.language.currentData() == "ru"
    assert wizard.clinic_page.currency.currentText().startswith("RUB")
    _type(qtbot, wizard.clinic_page.currency, "JPY")
    qt_i18n.switch_language("ko")
    assert wizard.clinic_page.currency.currentText() == "JPY"
    assert wizard.clinic_page.currency.itemText(0) == "KRW — 대한민국 원"


@pytest.mark.parametrize("locale", ["en", "ko"])
def test_screenshots(qtbot, wizard: SetupWizard, artifacts_dir: Path, locale: str):
    folder = artifacts_dir / "screenshots" / "dialogs"
    folder.mkdir(parents=True, exist_ok=True)
    wizard.welcome_page.language.setCurrentIndex(LOCALES.index(locale))
    assert wizard.grab().save(str(folder / f"setup-1-welcome-{locale}.png"))
    _next(qtbot, wizard)
    _fill_clinic(qtbot, wizard, legal_name="서울 가정의학과 의원" if locale == "ko" else "Clinica Familiei SRL")
    assert wizard.grab().save(str(folder / f"setup-2-clinic-{locale}.png"))
    _next(qtbot, wizard)
    _fill_admin(qtbot, wizard, confirm="mismatch!")
    _next(qtbot, wizard)
    assert wizard.grab().save(str(folder / f"setup-3-administrator-{locale}.png"))
    _fill_admin(qtbot, wizard)
    _next(qtbot, wizard)
    assert wizard.grab().save(str(folder / f"setup-4-summary-{locale}.png"))

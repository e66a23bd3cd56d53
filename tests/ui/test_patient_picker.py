"""The patient picker: found as the name is typed in any script or by phone, chosen by keyboard, or
registered in place with what was typed; a refused registration writes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import func, select

from app.context import Context
from app.models.patients import Patient
from app.services import invoices, patients
from tests.builders import add_patient
from ui import qt_i18n
from ui.dialogs.patient_form import NewPatientDialog
from ui.widgets.patient_picker import PatientPicker


@pytest.fixture
def picker(qtbot, sqlite_ctx: Context) -> PatientPicker:
    add_patient(sqlite_ctx, "김", "민준", phone="010-1234-5678")
    add_patient(sqlite_ctx, "Иванов", "Иван", middle="Петрович", phone="+7 916 555 12 34")
    add_patient(sqlite_ctx, "Ștefănescu", "Ana", phone="0722 123 456")
    widget = PatientPicker(sqlite_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character, as a keyboard layout or an input method delivers Hangul, Han
    and Cyrillic (QTest.keyClicks handles ASCII only)."""
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))


def _type(qtbot, picker: PatientPicker, text: str) -> None:
    picker.query.clear()
    type_text(picker.query, text)
    picker.search_now()


@pytest.mark.parametrize(("typed", "found"), [
    ("민준", "김민준"), ("김민준", "김민준"), ("иван", "Иванов Иван Петрович"), ("stefanescu", "Ana Ștefănescu"),
    ("5678", "김민준"),
])
def test_typing_any_part_lists_the_patient(qtbot, picker: PatientPicker, typed: str, found: str) -> None:
    _type(qtbot, picker, typed)
    assert [p.display_name for p in picker.model.rows()] == [found]
    assert picker.results.isVisible()


def test_keyboard_down_and_enter_choose_the_patient(qtbot, picker: PatientPicker) -> None:
    _type(qtbot, picker, "민")
    with qtbot.wait_signal(picker.patient_changed) as chosen:
        qtbot.keyClick(picker.query, Qt.Key.Key_Down)
        qtbot.keyClick(picker.results, Qt.Key.Key_Return)
    assert chosen.args[0].display_name == "김민준"
    assert picker.patient() is not None
    assert picker.patient().phone == "010-1234-5678"
    assert "010-1234-5678" in picker.chosen.text()
    assert not picker.results.isVisible()

    qtbot.keyClicks(picker.query, "x")  # typing again drops the choice
    assert picker.patient() is None


def test_nothing_found_says_so(qtbot, picker: PatientPicker) -> None:
    _type(qtbot, picker, "Smith")
    assert picker.model.rowCount() == 0
    assert "Smith" in picker.note.text()
    assert picker.note.isVisible()


def test_new_patient_is_registered_from_what_was_typed(qtbot, picker: PatientPicker, sqlite_ctx: Context) -> None:
    _type(qtbot, picker, "박서준")
    seen: dict[str, str] = {}

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewPatientDialog)
        seen.update(family=dialog.family_name.text(), given=dialog.given_name.text())
        dialog.phone.setText("010-9876-5432")
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    QTimer.singleShot(0, fill_in)
    picker.new_button.click()
    assert seen == {"family": "박", "given": "서준"}
    chosen = picker.patient()
    assert chosen is not None
    assert chosen.display_name == "박서준"
    assert [p.id for p in patients.search(sqlite_ctx, "9876")] == [chosen.id]


def test_a_refused_registration_stays_open_and_writes_nothing(qtbot, sqlite_ctx: Context) -> None:
    dialog = NewPatientDialog(sqlite_ctx, "  ")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.phone.setText("not a phone")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Family name" in dialog.error.text()
    with sqlite_ctx.db.read() as session:
        assert session.scalar(select(func.count(Patient.id))) == 0
    dialog.reject()


def test_a_typed_phone_goes_to_the_phone_field(qtbot, sqlite_ctx: Context) -> None:
    dialog = NewPatientDialog(sqlite_ctx, "010 2222 3333")
    qtbot.addWidget(dialog)
    assert dialog.phone.text() == "010 2222 3333"
    assert dialog.family_name.text() == ""


def test_a_patient_who_owes_shows_the_debt_when_chosen(qtbot, picker: PatientPicker, sqlite_ctx: Context) -> None:
    [kim] = patients.search(sqlite_ctx, "김민준")
    invoices.issue_invoice(sqlite_ctx, invoices.InvoiceDraft(kim.id, (invoices.LineInput("진찰료", Decimal(15000)),)))
    picker.set_patient(kim)
    assert "owes ₩15,000" in picker.chosen.text()
    qt_i18n.switch_language("ko")
    assert "₩15,000" in picker.chosen.text()
    assert "owes" not in picker.chosen.text()

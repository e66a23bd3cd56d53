"""The certificates dock as staff use it: issue from a patient and from today's visit, reprint, void, verify;
each checked in the database through the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from sqlalchemy import select

from app.context import Context
from app.models.certificates import CertificateKind, CertificatePrint, CertificateStatus
from app.services import certificate_types, certificates, patients, scheduling
from app.services.certificate_types import TypeInput
from app.services.certificates import CertificateInput, RegisterFilter
from app.services.scheduling import BookingRequest
from tests import builders
from tests.conftest import NOW
from tests.ui.modal import close_previews, when_modal
from ui.dialogs.certificate_actions import VerifyDialog, VisitChooser, VoidDialog
from ui.dialogs.certificate_form import CertificateDialog
from ui.dialogs.certificate_types import CertificateTypesDialog, TypeForm
from ui.docks.certificates import CertificatesDock

TODAY = NOW.date()


@pytest.fixture
def clinic(sqlite_ctx: Context) -> dict[str, int]:
    ctx = sqlite_ctx
    ids = {
        "SL": certificate_types.create_type(ctx, TypeInput("SL", CertificateKind.SICK_LEAVE, "Sick leave", "SL",
                                                           max_period_days=15)).id,
        "AT": certificate_types.create_type(ctx, TypeInput("AT", CertificateKind.ATTENDANCE, "Attendance",
                                                           "AT")).id,
        "doctor": builders.add_doctor(ctx),
        "patient": builders.add_patient(ctx, "김민준", locale="ko", phone="010-1234-5678").id,
    }
    ids["visit"] = scheduling.book(ctx, BookingRequest(
        patient_id=ids["patient"], doctor_id=ids["doctor"], start_at=NOW - timedelta(minutes=40),
        duration_minutes=20, outside_hours=True)).appointment.id
    scheduling.set_status(ctx, ids["visit"], scheduling.AppointmentStatus.ARRIVED)
    return ids


@pytest.fixture
def dock(qtbot, sqlite_ctx: Context, clinic) -> CertificatesDock:
    widget = CertificatesDock(sqlite_ctx)
    qtbot.addWidget(widget)
    widget.apply_actor()
    widget.resize(1200, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.reload()
    return widget


def _register(ctx: Context) -> list[certificates.CertificateRow]:
    return list(certificates.register(ctx, RegisterFilter(TODAY - timedelta(days=1), TODAY)).rows)


def test_issue_from_todays_visit_fills_patient_doctor_and_time_then_prints(qtbot, dock, sqlite_ctx, clinic):
    def fill(form: QDialog) -> None:
        assert isinstance(form, CertificateDialog)
        assert form.patient.patient().id == clinic["patient"]
        assert form.doctor.currentData() == clinic["doctor"]
        assert form.language.currentData() == "ko"
        form.type_combo.setCurrentIndex(form.type_combo.findData(clinic["SL"]))
        form.diagnosis.setPlainText("급성 기관지염")
        form.icd10.setText("J20.9")
        form.addressee.setText("(주)한빛")
        form.issue_button.click()

    when_modal(VisitChooser, lambda chooser: (when_modal(CertificateDialog, fill), chooser.accept()))
    dock.visit_button.click()
    issued = _register(sqlite_ctx)
    assert [(r.number, r.status, r.patient_id, r.doctor_id) for r in issued] == [
        ("SL-2026-000001", CertificateStatus.ISSUED, clinic["patient"], clinic["doctor"])]
    view = certificates.get(sqlite_ctx, issued[0].id)
    assert (view.appointment_id, view.icd10, view.locale, view.prints) == (clinic["visit"], "J20.9", "ko", 1)
    assert len(close_previews()) == 1
    assert dock.selected().id == issued[0].id


def test_a_refused_issue_shows_the_reason_and_writes_nothing(qtbot, dock, sqlite_ctx, clinic):
    shown: list[str] = []

    def fill(form: QDialog) -> None:
        assert isinstance(form, CertificateDialog)
        form.patient.set_patient(patients.get(sqlite_ctx, clinic["patient"]))
        form.type_combo.setCurrentIndex(form.type_combo.findData(clinic["SL"]))
        form.period_to.setDate(form.period_from.date().addDays(-1))
        form.issue_button.click()
        shown.append(form.error.text())
        form.reject()

    when_modal(CertificateDialog, fill)
    dock.issue_button.click()
    assert shown == ["The period ends before it starts."]
    assert _register(sqlite_ctx) == []


def _issue(ctx: Context, clinic: dict[str, int]) -> certificates.CertificateView:
    return certificates.issue(ctx, CertificateInput(
        type_id=clinic["SL"], patient_id=clinic["patient"], doctor_id=clinic["doctor"], period_from=TODAY,
        period_to=TODAY + timedelta(days=2), diagnosis="급성 인두염"))


def test_reprint_is_logged_as_a_duplicate_in_the_chosen_language(qtbot, qtmodeltester, dock, sqlite_ctx, clinic):
    issued = _issue(sqlite_ctx, clinic)
    dock.reload()
    qtmodeltester.check(dock.model)
    dock.select_certificate(issued.id)
    dock.print_button.click()
    close_previews()
    dock.print_language.setCurrentIndex(dock.print_language.findData("ru"))
    dock.print_button.click()
    previews = close_previews()
    assert len(previews) == 1
    with sqlite_ctx.db.read() as session:
        logged = [tuple(r) for r in session.execute(select(CertificatePrint.duplicate, CertificatePrint.locale))]
    assert logged == [(False, "ko"), (True, "ru")]


def test_void_from_the_dock_keeps_the_number(qtbot, dock, sqlite_ctx, clinic):
    issued = _issue(sqlite_ctx, clinic)
    dock.reload()
    dock.select_certificate(issued.id)
    assert dock.void_button.isEnabled()

    def give_reason(dialog: QDialog) -> None:
        assert isinstance(dialog, VoidDialog)
        dialog.reason.setText("기간 오기재")
        dialog.void_button.click()

    when_modal(VoidDialog, give_reason)
    dock.void_button.click()
    view = certificates.get(sqlite_ctx, issued.id)
    assert (view.status, view.number, view.void_reason) == (CertificateStatus.VOID, issued.number, "기간 오기재")
    assert not dock.void_button.isEnabled()
    assert not dock.print_button.isEnabled()


def test_verify_a_scanned_code_and_a_forged_one(qtbot, sqlite_ctx, clinic):
    issued = _issue(sqlite_ctx, clinic)
    dialog = VerifyDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    dialog.number.setText(f"CDV1|{issued.number}|2026-11-23|{issued.verification_code}")
    assert dialog.code.text() == issued.verification_code
    assert "김민준" in dialog.answer.text()
    assert "It is valid." in dialog.answer.text()
    dialog.code.setText("FORGED99")
    dialog.check_button.click()
    assert dialog.answer.text().startswith("No certificate")
    certificates.void(sqlite_ctx, issued.id, "mistake")
    dialog.code.setText(issued.verification_code)
    dialog.check_button.click()
    assert "VOIDED" in dialog.answer.text()


def test_an_administrator_adds_a_school_note_type_with_its_own_fields(qtbot, sqlite_ctx, clinic):
    dialog = CertificateTypesDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 2

    def fill(form: QDialog) -> None:
        assert isinstance(form, TypeForm)
        form.code.setText("SN")
        form.name.setText("School absence note")
        form.prefix.setText("sn")
        form.digits.setValue(4)
        form.max_days.setValue(14)
        form.fields.setPlainText("School\nClass\n")
        form.text.setPlainText("{patient} missed school from {start} to {end}.")
        assert form.example.text() == "First number: SN-2026-0001"
        form.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(TypeForm, fill)
    dialog.new_button.click()
    created = [t for t in certificate_types.list_types(sqlite_ctx) if t.code == "SN"]
    assert [(t.kind, t.series_prefix, t.number_digits, t.max_period_days, t.field_labels) for t in created] == [
        (CertificateKind.CUSTOM, "SN", 4, 14, ("School", "Class"))]
    assert dialog.model.rowCount() == 3


def test_a_draft_is_deleted_after_asking_and_an_issued_one_cannot_be(qtbot, dock, sqlite_ctx, clinic, monkeypatch):
    draft = certificates.save_draft(sqlite_ctx, CertificateInput(
        type_id=clinic["SL"], patient_id=clinic["patient"], doctor_id=clinic["doctor"], period_from=TODAY,
        period_to=TODAY))
    issued = _issue(sqlite_ctx, clinic)
    dock.reload()
    dock.select_certificate(issued.id)
    assert not dock.delete_draft_button.isEnabled()
    dock.select_certificate(draft.id)
    assert dock.delete_draft_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    dock.delete_draft_button.click()
    assert [r.id for r in _register(sqlite_ctx)] == [issued.id]

"""The Calls & tasks dock as the administrator uses it: working through the reminder list, logging a call and
booking from it, offering a freed slot to the waitlist, closing the shift with a handover, and the next
person receiving it. Every outcome is checked in the database through the services."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from app.context import Context
from app.i18n import set_locale
from app.models.calls import (
    Call,
    CallDirection,
    CallOutcome,
    CallPurpose,
    RefusalReason,
    Task,
    TaskPriority,
    TaskStatus,
    WorkKind,
)
from app.models.scheduling import Appointment, AppointmentStatus
from app.models.staff import Role
from app.services import auth, calls, handover, scheduling, tasks, waitlist, working_time, worklists
from app.services.calls import CallInput
from app.services.scheduling import BookingRequest
from app.services.tasks import TaskInput
from app.services.waitlist import WaitlistInput
from app.services.working_time import TemplateSlot
from tests import builders
from tests.ui.modal import when_modal
from ui.dialogs.booking import BookingDialog
from ui.dialogs.call_log import CallDialog
from ui.dialogs.shift_handover import NEXT_SHIFT, CloseShiftDialog, open_inbox_if_any
from ui.dialogs.task_form import CloseTaskDialog
from ui.dialogs.waitlist_offer import WaitlistOfferDialog
from ui.docks.calls import CallsDock
from ui.models.table import SORT_ROLE

SEOUL = ZoneInfo("Asia/Seoul")
TOMORROW = date(2026, 11, 24)


def dismiss_message(qtbot) -> list[QMessageBox]:
    return when_modal(QMessageBox, lambda box: box.accept())


@pytest.fixture
def desk(sqlite_ctx: Context):
    ctx = sqlite_ctx
    doctor = builders.add_doctor(ctx)
    working_time.set_template(ctx, doctor, [TemplateSlot(d, time(9), time(18)) for d in range(7)])
    kim = builders.add_patient(ctx, "김", "민준", phone="010-2345-6789")
    ion = builders.add_patient(ctx, "Popescu", "Ion", phone="+40 721 234 567")
    appointments = [scheduling.book(ctx, BookingRequest(p.id, doctor, datetime.combine(TOMORROW, t, SEOUL), 30))
                    .appointment.id for p, t in ((kim, time(11)), (ion, time(15)))]
    return ctx, doctor, kim, ion, appointments


def open_dock(open_window) -> CallsDock:
    window = open_window()
    dock = window.docks["calls_dock"]
    dock.show()
    dock.raise_()
    dock.reload()
    return dock


def test_working_through_the_reminder_list(qtbot, qtmodeltester, open_window, desk):
    ctx, _doctor, _kim, _ion, (first, second) = desk
    dock = open_dock(open_window)
    dock.show_kind(WorkKind.REMINDER)
    assert [r.appointment_id for r in dock.work_model.rows()] == [first, second]
    qtmodeltester.check(dock.work_model)

    def confirm(dialog: CallDialog) -> None:
        assert dialog.purpose.value() is CallPurpose.REMINDER
        assert dialog.picker.patient().display_name == "김민준"
        assert dialog.appointment.currentData() == first
        dialog.outcome.set_value(CallOutcome.CONFIRMED)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    dock.select_row(dock.work_table, 0)
    when_modal(CallDialog, confirm)
    dock.work_current_item()
    dock.reload()
    assert [r.appointment_id for r in dock.work_model.rows()] == [second]
    statuses = {r.id: r.status for r in scheduling.day_list(ctx, TOMORROW)}
    assert statuses == {first: AppointmentStatus.CONFIRMED, second: AppointmentStatus.BOOKED}
    [call] = calls.calls_on(ctx, date(2026, 11, 23))
    assert (call.purpose, call.outcome, call.appointment_id) == (CallPurpose.REMINDER, CallOutcome.CONFIRMED, first)


def test_a_declined_reminder_offers_the_slot_to_the_waitlist(qtbot, open_window, desk):
    ctx, doctor, _kim, _ion, (first, _second) = desk
    waiting_patient = builders.add_patient(ctx, "Иванова", "Мария", phone="+7 912 345-67-89")
    waitlist.add_request(ctx, WaitlistInput(waiting_patient.id, date(2026, 11, 23), TOMORROW, doctor_id=doctor))
    dock = open_dock(open_window)
    dock.show_kind(WorkKind.REMINDER)

    def decline(dialog: CallDialog) -> None:
        dialog.outcome.set_value(CallOutcome.DECLINED)
        assert dialog._form.isRowVisible(dialog.refusal)
        dialog.refusal.set_value(RefusalReason.TIME_NOT_SUITABLE)
        dialog.accept()

    offered = when_modal(CallDialog, decline)
    booked = when_modal(WaitlistOfferDialog, lambda d: d.accept())
    dock.select_row(dock.work_table, 0)
    dock.work_current_item()
    assert offered
    assert booked
    rows = {r.id: (r.patient_id, r.status) for r in scheduling.day_list(ctx, TOMORROW)}
    assert rows[first] == (desk[2].id, AppointmentStatus.CANCELLED)
    assert (waiting_patient.id, AppointmentStatus.BOOKED) in rows.values()


def test_logging_a_call_and_booking_from_it(qtbot, open_window, desk):
    _ctx, doctor, kim, _ion, _appointments = desk
    dock = open_dock(open_window)
    chosen: list[datetime] = []

    def book(dialog: CallDialog) -> None:
        dialog.picker.set_patient(kim)
        dialog.picker.patient_changed.emit(kim)
        dialog.purpose.set_value(CallPurpose.BOOKING)
        dialog.outcome.set_value(CallOutcome.BOOKED)
        assert dialog._form.isRowVisible(dialog.slot_box)
        assert dialog.slot.count() > 0
        chosen.append(dialog.slot.currentData().start_at)
        dialog.accept()

    when_modal(CallDialog, book)
    logged = dock.log_call()
    assert logged is not None
    assert logged.booked is not None
    assert (logged.booked.patient_id, logged.booked.doctor_id, logged.booked.start_at) == (kim.id, doctor, chosen[0])
    assert logged.call.outcome is CallOutcome.BOOKED
    dock.reload()
    assert [r.id for r in dock.calls_model.rows()] == [logged.call.id]


def test_a_bad_call_shows_the_reason_and_writes_nothing(qtbot, open_window, desk):
    ctx = desk[0]
    dock = open_dock(open_window)
    errors: list[str] = []

    def bad(dialog: CallDialog) -> None:
        dialog.purpose.set_value(CallPurpose.QUESTION)
        dialog.outcome.set_value(CallOutcome.CALL_BACK_LATER)
        dialog.caller_name.setText("Mr. Park")
        dialog.callback_at.setDateTime(dialog.callback_at.dateTime().addDays(-2))
        dialog.accept()
        errors.append(dialog.error.text())
        dialog.reject()

    when_modal(CallDialog, bad)
    assert dock.log_call() is None
    assert errors == ["Call back at has already passed."]
    assert calls.calls_on(ctx, date(2026, 11, 23)) == []


def test_closing_the_shift_with_a_handover_reaches_the_next_person(qtbot, open_window, desk):
    ctx = desk[0]
    builders.add_user(ctx, "evening", Role.RECEPTIONIST, password="evening-pass-1")
    urgent = tasks.add(ctx, TaskInput("Call the insurer back", priority=TaskPriority.URGENT))
    window = open_window()
    dock = window.docks["calls_dock"]

    def close(dialog: CloseShiftDialog) -> None:
        drafts = dialog.drafts()
        assert [d.urgent for d in drafts] == [True, True, True]  # the task and tomorrow's two reminders
        dialog.accept()
        assert "Urgent items not handed over: 3" in dialog.error.text()
        for draft in drafts:
            dialog.hand_over(draft.number, NEXT_SHIFT, "Not reached today")
        dialog.accept()

    shown = when_modal(CloseShiftDialog, close)
    dismiss_message(qtbot)
    dock.close_shift()
    assert shown
    auth.sign_in(ctx, "evening", "evening-pass-1")
    inbox = open_inbox_if_any(ctx, window)
    assert inbox is not None
    assert {r.task_title or r.work_kind for r in inbox.model.rows()} == {urgent.title, WorkKind.REMINDER}
    inbox.take_button.click()
    assert handover.pending(ctx) == []
    assert len(worklists.worklist(ctx, WorkKind.REMINDER)) == 2  # handed over, still to be called


def test_the_monthly_report_in_the_dock_matches_its_spreadsheet(qtbot, qtmodeltester, open_window, desk, tmp_path):
    ctx = desk[0]
    calls.log_call(ctx, CallInput(CallDirection.INCOMING, CallPurpose.BOOKING, CallOutcome.DECLINED,
                                  patient_id=desk[2].id, refusal=RefusalReason.PRICE))
    dock = open_dock(open_window)
    panel = dock.show_reports()
    panel.choose_month(2026, 11)
    assert [t.key for t in panel.tables()][:3] == ["funnel", "patients", "channels"]
    assert panel.current_table().key == "funnel"
    qtmodeltester.check(panel.model)
    screen = [[panel.model.index(r, c).data(SORT_ROLE) for c in (1,)] for r in range(panel.model.rowCount())]
    shown = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert shown == ["Contacts", "Bookings", "Visits", "Repeat visits"]
    assert screen == [[1.0], [2.0], [0.0], [0.0]]  # one incoming call, tomorrow's two bookings
    assert panel.chart.isVisibleTo(panel)
    assert [bar.value for bar in panel.chart.bars()] == [1.0, 2.0, 0.0, 0.0]
    path = tmp_path / "november.xlsx"
    panel.write_xlsx(path)
    sheet = load_workbook(path).worksheets[0]
    assert [[row[1].value] for row in sheet.iter_rows(min_row=2)] == screen
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == shown
    dismiss_message(qtbot)
    written = panel.write_csv(tmp_path)
    assert len(written) == len(panel.tables())
    panel.choose_shift()
    assert panel.current_table().key == "summary"
    rows = {panel.model.index(r, 0).data(): panel.model.index(r, 1).data() for r in range(panel.model.rowCount())}
    assert rows["Incoming calls"] == "1"
    assert rows["Bookings made"] == "2"


def test_booking_from_a_call_through_the_schedules_booking_dialog(qtbot, open_window, desk):
    ctx, doctor, kim, _ion, _appointments = desk
    dock = open_dock(open_window)
    seen: list[str] = []

    def book_in_schedule(dialog: BookingDialog) -> None:
        seen.append(dialog.patient.patient().display_name)  # the caller is filled in
        dialog.accept()

    def call(dialog: CallDialog) -> None:
        dialog.picker.set_patient(kim)
        dialog.picker.patient_changed.emit(kim)
        dialog.outcome.set_value(CallOutcome.BOOKED)
        when_modal(BookingDialog, book_in_schedule)
        dialog.booking_button.click()
        assert dialog.booked_label.text().startswith("Booked:")
        dialog.accept()

    when_modal(CallDialog, call)
    logged = dock.log_call()
    assert seen == ["김민준"]
    assert logged is not None
    assert logged.call.outcome is CallOutcome.BOOKED
    with ctx.db.read() as session:
        made = session.get(Appointment, session.get(Call, logged.call.id).booked_appointment_id)
        assert (made.patient_id, made.doctor_id, made.status) == (kim.id, doctor, AppointmentStatus.BOOKED)


def test_closing_a_task_not_done_needs_a_note_and_done_does_not(qtbot, desk):
    ctx = desk[0]
    first, second = (tasks.add(ctx, TaskInput(title=title)) for title in ("Call the lab", "Order paper"))
    set_locale("ru")
    dialog = CloseTaskDialog(ctx, first)
    qtbot.addWidget(dialog)
    dialog.not_done_button.click()
    assert not dialog.error.isHidden()
    assert "Примечание" in dialog.error.text()
    assert {t.id for t in calls.open_tasks(ctx)} == {first.id, second.id}
    dialog.note.setPlainText("Лаборатория закрыта до понедельника")
    dialog.not_done_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted

    done = CloseTaskDialog(ctx, second)
    qtbot.addWidget(done)
    done.done_button.click()
    assert done.result() == done.DialogCode.Accepted
    assert not calls.open_tasks(ctx)
    with ctx.db.read() as session:
        closed = {t.title: (t.status, t.result_note) for t in session.query(Task)}
    assert closed == {"Call the lab": (TaskStatus.NOT_DONE, "Лаборатория закрыта до понедельника"),
                      "Order paper": (TaskStatus.DONE, "")}

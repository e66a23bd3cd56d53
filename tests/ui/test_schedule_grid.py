"""The schedule grid, driven as a person does: drag over free time to book, drag a block to move it, drag its
edge to resize it, cancel from the menu, book with the keyboard only; then the database is asserted."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.context import Context
from app.models.scheduling import AppointmentStatus, CancelReason
from app.models.staff import ExceptionKind, Role
from app.services import auth, patients, scheduling, working_time
from app.services.schedule_grid import GridMode
from app.services.scheduling import BookingRequest
from app.services.working_time import TemplateSlot
from tests import builders
from tests.ui.conftest import OpenWindow
from tests.ui.test_patient_picker import type_text
from ui.dialogs.appointment_history import AppointmentHistoryDialog
from ui.dialogs.booking import BookingDialog
from ui.dialogs.working_time import TemplateModel, WorkingTimeDialog
from ui.docks.schedule import ScheduleDock
from ui.widgets.schedule_grid import ScheduleGridView, Span

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = date(2026, 11, 23)  # the tests' clock: 10:00 in Seoul


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


@pytest.fixture
def clinic(sqlite_ctx: Context) -> dict[str, int]:
    doctors = {"lee": builders.add_doctor(sqlite_ctx, "이수진", "가정의학과"),
               "petrova": builders.add_doctor(sqlite_ctx, "Dr. Anna Petrova", "Dermatology")}
    for doctor in doctors.values():
        working_time.set_template(sqlite_ctx, doctor, [TemplateSlot(d, time(9), time(18)) for d in range(7)])
    doctors["kim"] = builders.add_patient(sqlite_ctx, "김", "민준", phone="010-2345-6789").id
    return doctors


@pytest.fixture
def dock(open_window: OpenWindow, clinic: dict[str, int]) -> ScheduleDock:
    window = open_window()
    dock = window.schedule
    dock.show()
    dock.raise_()
    dock.reload()
    return dock


def _grid(dock: ScheduleDock) -> ScheduleGridView:
    return dock.grid


def _column(dock: ScheduleDock, doctor_id: int) -> int:
    return next(i for i, c in enumerate(dock.grid.columns()) if c.doctor_ids == (doctor_id,))


def _slot(dock: ScheduleDock, hour: int, minute: int = 0) -> int:
    grid = dock.grid.grid()
    assert grid is not None
    return (hour * 60 + minute - grid.opens) // grid.slot_minutes


def _point(dock: ScheduleDock, column: int, slot: int) -> QPoint:
    dock.grid.set_cursor(column, slot)  # scrolls it into view
    return dock.grid.span_rect(Span(column, slot, slot)).center()


def _mouse(widget: QWidget, kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(point), QPointF(widget.mapToGlobal(point)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    """Press, move in steps, release: as a hand drags."""
    _mouse(widget, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 6):
        _mouse(widget, QEvent.Type.MouseMove, start + (end - start) * step / 5, Qt.MouseButton.LeftButton)
    _mouse(widget, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def _open_booking(dock: ScheduleDock) -> BookingDialog:
    dialog = dock.findChild(BookingDialog)
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def _book(ctx: Context, doctor: int, patient: int, start: datetime, minutes: int = 30) -> int:
    return scheduling.book(ctx, BookingRequest(patient, doctor, start, minutes)).appointment.id


def _appointments(ctx: Context) -> list[scheduling.AppointmentRow]:
    return scheduling.day_list(ctx, TODAY)


def test_dragging_over_free_time_books_it(dock: ScheduleDock, clinic: dict[str, int], sqlite_ctx: Context) -> None:
    column = _column(dock, clinic["petrova"])
    drag(dock.grid.viewport(), _point(dock, column, _slot(dock, 11)), _point(dock, column, _slot(dock, 11, 15)))

    dialog = _open_booking(dock)
    assert dialog.doctor.currentData() == clinic["petrova"]
    assert dialog.start_at() == at(11)
    assert dialog.duration.value() == 30
    dialog.patient.set_patient(patients.get(sqlite_ctx, clinic["kim"]))
    dialog.book_button.click()

    [booked] = _appointments(sqlite_ctx)
    assert (booked.doctor_id, booked.patient_id, booked.start_at, booked.end_at) == (
        clinic["petrova"], clinic["kim"], at(11), at(11, 30))
    assert not dialog.isVisible()


def test_dragging_a_block_moves_it_to_another_doctor_and_time(dock: ScheduleDock, clinic: dict[str, int],
                                                             sqlite_ctx: Context) -> None:
    appointment = _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(10, 30))
    dock.reload()
    start = _point(dock, _column(dock, clinic["lee"]), _slot(dock, 10, 30))
    drag(dock.grid.viewport(), start, _point(dock, _column(dock, clinic["petrova"]), _slot(dock, 12)))

    [moved] = _appointments(sqlite_ctx)
    assert (moved.id, moved.doctor_id, moved.start_at, moved.end_at) == (
        appointment, clinic["petrova"], at(12), at(12, 30))


def test_dragging_the_lower_edge_resizes(dock: ScheduleDock, clinic: dict[str, int], sqlite_ctx: Context) -> None:
    _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(11))
    dock.reload()
    column = _column(dock, clinic["lee"])
    _point(dock, column, _slot(dock, 11))
    [block] = dock.grid.blocks()
    edge = dock.grid.block_rect(block).bottomLeft() + QPoint(20, -2)
    drag(dock.grid.viewport(), edge, _point(dock, column, _slot(dock, 11, 45)))

    [resized] = _appointments(sqlite_ctx)
    assert (resized.start_at, resized.end_at) == (at(11), at(12))


def test_a_move_onto_a_taken_slot_is_refused_and_nothing_changes(dock: ScheduleDock, clinic: dict[str, int],
                                                                sqlite_ctx: Context, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(11))
    other = builders.add_patient(sqlite_ctx, "Smith", "Emily").id
    _book(sqlite_ctx, clinic["petrova"], other, at(12))
    dock.reload()
    column = _column(dock, clinic["lee"])
    drag(dock.grid.viewport(), _point(dock, column, _slot(dock, 11)),
         _point(dock, _column(dock, clinic["petrova"]), _slot(dock, 12)))

    assert shown == ["Dr. Anna Petrova already has an appointment at this time."]
    assert sorted((a.doctor_id, a.start_at) for a in _appointments(sqlite_ctx)) == sorted(
        [(clinic["lee"], at(11)), (clinic["petrova"], at(12))])


def test_cancel_from_the_context_menu_frees_the_time(dock: ScheduleDock, clinic: dict[str, int],
                                                    sqlite_ctx: Context) -> None:
    appointment_id = _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(11))
    dock.reload()
    [block] = dock.grid.blocks()
    menu = dock.menu_for(block.column, block.appointment.start_at, 30, block.appointment)
    late = menu.findChild(QWidget, "cancel_menu")
    assert late is not None
    [action] = [a for a in menu.findChildren(type(menu.actions()[0])) if a.objectName() == "cancel_late_cancellation"]
    action.trigger()

    [cancelled] = _appointments(sqlite_ctx)
    assert (cancelled.id, cancelled.status, cancelled.cancel_reason) == (
        appointment_id, AppointmentStatus.CANCELLED, CancelReason.LATE_CANCELLATION)
    dock.reload()
    assert dock.grid.blocks() == []  # the time is free again


def test_menu_offers_only_the_steps_the_appointment_can_take(dock: ScheduleDock, clinic: dict[str, int],
                                                            sqlite_ctx: Context) -> None:
    appointment_id = _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(11))
    scheduling.set_status(sqlite_ctx, appointment_id, AppointmentStatus.ARRIVED)
    dock.reload()
    [block] = dock.grid.blocks()
    menu = dock.menu_for(block.column, block.appointment.start_at, 30, block.appointment)
    enabled = {a.objectName() for a in menu.actions() if a.isEnabled() and a.objectName()}
    assert "status_in_consultation" in enabled
    assert "status_no_show" not in enabled
    assert "reschedule" not in enabled  # an arrived patient is not moved


def test_booking_with_the_keyboard_only(dock: ScheduleDock, clinic: dict[str, int], sqlite_ctx: Context,
                                        qtbot) -> None:
    grid = dock.grid
    grid.setFocus()
    grid.set_cursor(0, _slot(dock, 10))
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    for _ in range(4):
        qtbot.keyClick(grid, Qt.Key.Key_Down)  # 11:00
    qtbot.keyClick(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # to 11:15, 30 minutes
    qtbot.keyClick(grid, Qt.Key.Key_Return)

    dialog = _open_booking(dock)
    assert (dialog.doctor.currentData(), dialog.start_at(), dialog.duration.value()) == (
        dock.grid.columns()[1].doctor_ids[0], at(11), 30)
    type_text(dialog.patient.query, "민준")
    dialog.patient.search_now()
    qtbot.keyClick(dialog.patient.query, Qt.Key.Key_Return)  # takes the patient found
    assert dialog.patient.patient() is not None
    qtbot.keyClick(dialog.patient.query, Qt.Key.Key_Return)  # books

    [booked] = _appointments(sqlite_ctx)
    assert (booked.doctor_id, booked.start_at, booked.end_at) == (dock.grid.columns()[1].doctor_ids[0], at(11),
                                                                 at(11, 30))


def test_escape_cancels_a_booking_and_writes_nothing(dock: ScheduleDock, sqlite_ctx: Context, qtbot) -> None:
    dock.grid.setFocus()
    dock.grid.set_cursor(0, _slot(dock, 11))
    qtbot.keyClick(dock.grid, Qt.Key.Key_Return)
    dialog = _open_booking(dock)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert _appointments(sqlite_ctx) == []


def test_a_slot_taken_by_another_desk_meanwhile_is_said_and_nothing_is_written_twice(
        dock: ScheduleDock, clinic: dict[str, int], sqlite_ctx: Context, qtbot) -> None:
    dialog = dock.book_at(clinic["lee"], at(11), 30)
    dialog.patient.set_patient(patients.get(sqlite_ctx, clinic["kim"]))
    other = builders.add_patient(sqlite_ctx, "Smith", "Emily").id
    _book(builders.other_desk(sqlite_ctx, 2), clinic["lee"], other, at(11))  # the other desk is faster
    dialog.book_button.click()

    assert dialog.isVisible()
    assert dialog.error.text() == "이수진 already has an appointment at this time."
    assert [a.patient_id for a in _appointments(sqlite_ctx)] == [other]
    qtbot.waitUntil(lambda: [b.appointment.patient_id for b in dock.grid.blocks()] == [other])  # the grid behind
    dialog.reject()


def test_booking_a_patient_already_booked_elsewhere_at_that_time_warns(dock: ScheduleDock, clinic: dict[str, int],
                                                                       sqlite_ctx: Context, monkeypatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: warned.append(text))
    _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(11))
    dialog = dock.book_at(clinic["petrova"], at(11), 30)
    dialog.patient.set_patient(patients.get(sqlite_ctx, clinic["kim"]))
    dialog.book_button.click()
    assert warned == ["The patient also has an appointment with 이수진 at this time."]
    assert sorted(a.doctor_id for a in _appointments(sqlite_ctx)) == sorted([clinic["lee"], clinic["petrova"]])


def test_outside_working_hours_needs_an_explicit_yes(dock: ScheduleDock, clinic: dict[str, int],
                                                    sqlite_ctx: Context, monkeypatch) -> None:
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: answers.pop(0))
    dialog = dock.book_at(clinic["lee"], at(19), 30)
    dialog.patient.set_patient(patients.get(sqlite_ctx, clinic["kim"]))
    dialog.book_button.click()
    assert dialog.isVisible()
    assert _appointments(sqlite_ctx) == []
    dialog.book_button.click()
    assert [a.start_at for a in _appointments(sqlite_ctx)] == [at(19)]


def test_a_receptionist_cannot_book_outside_working_hours(open_window: OpenWindow, clinic: dict[str, int],
                                                         sqlite_ctx: Context) -> None:
    builders.add_user(sqlite_ctx, "desk", Role.RECEPTIONIST)
    auth.sign_in(sqlite_ctx, "desk", "staff-password-1")
    dock = open_window().schedule
    dialog = dock.book_at(clinic["lee"], at(19), 30)
    dialog.patient.set_patient(patients.get(sqlite_ctx, clinic["kim"]))
    dialog.book_button.click()
    assert dialog.error.text() == "이수진 does not work at this time."
    assert _appointments(sqlite_ctx) == []
    dialog.reject()


def test_find_the_next_free_time_fills_the_dialog(dock: ScheduleDock, clinic: dict[str, int],
                                                  sqlite_ctx: Context) -> None:
    _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(10), 60)
    dialog = dock.book_at(clinic["lee"], at(10), 30)
    dialog.find_free_time()
    first = dialog.free_slots.rows()[0]
    assert first.start_at == at(11)
    dialog._take_slot(first)
    assert dialog.start_at() == at(11)
    dialog.reject()


def test_working_time_dialog_changes_the_grid(dock: ScheduleDock, clinic: dict[str, int],
                                              sqlite_ctx: Context) -> None:
    dialog = WorkingTimeDialog(sqlite_ctx, clinic["lee"], dock)
    dialog.open()
    dialog.exception_day.setDate(TODAY)
    dialog.exception_kind.set_value(ExceptionKind.VACATION)
    dialog.add_exception.click()
    assert [(e.day, e.kind) for e in dialog.exceptions.rows()] == [(TODAY, ExceptionKind.VACATION)]
    dock.reload()
    assert dock.grid.columns()[_column(dock, clinic["lee"])].day_off is ExceptionKind.VACATION

    dialog.template.add()
    dialog.template.setData(dialog.template.index(7, 0), 6)  # a second interval on Sunday overlapping 9-18
    dialog.save_template.click()
    assert "overlap" in dialog.error.text()
    dialog.template.remove(7)
    dialog.template.remove(0)  # no Monday hours any more
    dialog.save_template.click()
    assert [s.weekday for s in working_time.template_of(sqlite_ctx, clinic["lee"])] == [1, 2, 3, 4, 5, 6]
    dialog.reject()


def test_history_tells_who_booked_and_moved(dock: ScheduleDock, clinic: dict[str, int], sqlite_ctx: Context) -> None:
    appointment_id = _book(sqlite_ctx, clinic["lee"], clinic["kim"], at(11))
    scheduling.move(sqlite_ctx, appointment_id, at(12), doctor_id=clinic["petrova"])
    dock.reload()
    [block] = dock.grid.blocks()
    dialog = AppointmentHistoryDialog(sqlite_ctx, block.appointment, dock)
    dialog.open()
    lines = [r.what for r in dialog.model.rows()]
    assert lines[0].startswith("Booked for")
    assert "이수진" in lines[0]
    assert lines[1].startswith("Moved from")
    assert "Dr. Anna Petrova" in lines[1]
    assert {r.actor_name for r in dialog.model.rows()} == {"admin"}
    dialog.reject()


def test_week_view_shows_one_doctors_week(dock: ScheduleDock, clinic: dict[str, int], sqlite_ctx: Context) -> None:
    _book(sqlite_ctx, clinic["petrova"], clinic["kim"], at(11, day=TODAY + timedelta(days=2)))
    dock.set_grid_mode(GridMode.WEEK)
    dock.week_doctor.setCurrentIndex(dock.week_doctor.findData(clinic["petrova"]))
    dock.reload()
    columns = dock.grid.columns()
    assert len(columns) == 7
    assert [c.day for c in columns] == [TODAY - timedelta(days=1) + timedelta(days=i) for i in range(7)]  # Sunday
    assert [len(c.appointments) for c in columns] == [0, 0, 0, 1, 0, 0, 0]


def test_the_weekly_template_model_is_a_proper_qt_model(qtmodeltester, sqlite_ctx: Context, clinic) -> None:
    model = TemplateModel(working_time.template_of(sqlite_ctx, clinic["lee"]))
    qtmodeltester.check(model)
    model.add()
    qtmodeltester.check(model)
    assert model.slots()[-1] == TemplateSlot(0, time(9), time(18))  # the day after Sunday's interval

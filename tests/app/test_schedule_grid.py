"""What the grid shows, on both databases: columns by doctor, room or week, working time with breaks and
days off, cancelled appointments left out, the hours spanned; and an appointment's history in words."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.context import Context
from app.i18n import set_locale
from app.models.scheduling import AppointmentStatus, CancelReason
from app.models.staff import ExceptionKind
from app.services import scheduling, staff, working_time
from app.services.appointment_history import appointment_history
from app.services.schedule_grid import GridMode, schedule_grid
from app.services.scheduling import BookingRequest
from app.services.working_time import TemplateSlot
from tests import builders

SEOUL = ZoneInfo("Asia/Seoul")
TUESDAY = datetime(2026, 11, 24, tzinfo=SEOUL).date()


def at(hour: int, minute: int = 0, day=TUESDAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


@pytest.fixture
def clinic(ctx: Context) -> tuple[Context, int, int, int]:
    room = staff.create_room(ctx, "101")
    lee = staff.create_doctor(ctx, "이수진", "가정의학과", room_id=room).id
    park = builders.add_doctor(ctx, "Dr. Park Ji-ho", "Dermatology")
    week = [TemplateSlot(d, s, e) for d in range(5) for s, e in ((time(9), time(13)), (time(14), time(18)))]
    for doctor in (lee, park):
        working_time.set_template(ctx, doctor, week)
    patient = builders.add_patient(ctx, "김", "민준").id
    return ctx, lee, park, patient


def test_day_columns_hold_working_time_breaks_days_off_and_live_appointments(clinic) -> None:
    ctx, lee, park, patient = clinic
    kept = scheduling.book(ctx, BookingRequest(patient, lee, at(9), 30)).appointment.id
    gone = scheduling.book(ctx, BookingRequest(patient, lee, at(10), 30)).appointment.id
    scheduling.set_status(ctx, gone, AppointmentStatus.CANCELLED, CancelReason.BY_PATIENT)
    working_time.add_exception(ctx, park, TUESDAY, ExceptionKind.SICK)
    working_time.add_exception(ctx, lee, TUESDAY, ExceptionKind.EXTRA_SHIFT, time(18), time(20))

    grid = schedule_grid(ctx, TUESDAY)
    by_doctor = {c.doctor_ids: c for c in grid.columns}
    assert [c.title for c in grid.columns] == ["Dr. Park Ji-ho", "이수진"]
    assert by_doctor[(lee,)].subtitle == "101"
    assert [(i.start, i.end) for i in by_doctor[(lee,)].working] == [
        (at(9).astimezone(UTC), at(13).astimezone(UTC)), (at(14).astimezone(UTC), at(18).astimezone(UTC)),
        (at(18).astimezone(UTC), at(20).astimezone(UTC))]
    assert [a.id for a in by_doctor[(lee,)].appointments] == [kept]
    assert by_doctor[(park,)].day_off is ExceptionKind.SICK
    assert by_doctor[(park,)].working == ()
    assert (grid.opens, grid.closes, grid.slot_minutes) == (9 * 60, 20 * 60, 15)


def test_room_columns_and_a_doctors_week(clinic) -> None:
    ctx, lee, _park, patient = clinic
    scheduling.book(ctx, BookingRequest(patient, lee, at(11), 30))
    scheduling.book(ctx, BookingRequest(patient, lee, at(11, day=TUESDAY + timedelta(days=2)), 30))

    rooms = schedule_grid(ctx, TUESDAY, GridMode.ROOMS)
    assert [(c.title, c.subtitle, c.doctor_ids, len(c.appointments)) for c in rooms.columns] == [
        ("101", "이수진", (lee,), 1)]

    week = schedule_grid(ctx, TUESDAY, GridMode.WEEK, doctor_id=lee)
    assert [c.day for c in week.columns] == [TUESDAY + timedelta(days=i) for i in range(7)]
    assert [len(c.appointments) for c in week.columns] == [1, 0, 1, 0, 0, 0, 0]
    assert [bool(c.working) for c in week.columns] == [True, True, True, True, False, False, True]


def test_a_day_nobody_works_shows_the_usual_hours(ctx: Context) -> None:
    builders.add_doctor(ctx)
    grid = schedule_grid(ctx, TUESDAY)
    assert (grid.opens, grid.closes) == (9 * 60, 18 * 60)


def test_history_tells_booking_moving_and_cancelling_in_the_active_language(clinic) -> None:
    ctx, lee, park, patient = clinic
    appointment = scheduling.book(ctx, BookingRequest(patient, lee, at(9), 30)).appointment.id
    scheduling.move(ctx, appointment, at(15), doctor_id=park)
    scheduling.set_status(ctx, appointment, AppointmentStatus.CANCELLED, CancelReason.LATE_CANCELLATION)
    lines = [line.what for line in appointment_history(ctx, appointment)]
    assert lines[0].startswith("Booked for")
    assert "이수진" in lines[0]
    assert "Phone" in lines[0]
    assert lines[1].startswith("Moved from")
    assert "Dr. Park Ji-ho" in lines[1]
    assert lines[2] == "Status changed from “Booked” to “Cancelled” · Late cancellation"
    set_locale("ru")
    try:
        russian = [line.what for line in appointment_history(ctx, appointment)]
    finally:
        set_locale("en")
    assert russian[0].startswith("Записан")
    assert "Перенесён" in russian[1]
    assert "Поздняя отмена" in russian[2]


def test_working_time_template_and_exceptions_read_back(clinic) -> None:
    ctx, lee, _park, _patient = clinic
    assert working_time.template_of(ctx, lee)[:2] == [TemplateSlot(0, time(9), time(13)),
                                                      TemplateSlot(0, time(14), time(18))]
    vacation = working_time.add_exception(ctx, lee, TUESDAY, ExceptionKind.VACATION, note="Jeju")
    working_time.add_exception(ctx, lee, TUESDAY - timedelta(days=7), ExceptionKind.SICK)
    assert [(e.day, e.kind, e.note) for e in working_time.exceptions_of(ctx, lee, TUESDAY)] == [
        (TUESDAY, ExceptionKind.VACATION, "Jeju")]
    working_time.remove_exception(ctx, vacation)
    assert working_time.exceptions_of(ctx, lee, TUESDAY) == []
    assert schedule_grid(ctx, TUESDAY).columns[1].day_off is None

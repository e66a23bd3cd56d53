"""What the schedule grid shows: columns (a doctor's day, a room's day, or a day of one doctor's week),
each with its working time, day off and appointments, and the hours the grid spans.

One read for the whole grid: sixty doctors cost the same four queries as one.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.context import Context
from app.i18n import active_locale
from app.models.clinic import Room
from app.models.scheduling import Appointment, AppointmentStatus
from app.models.staff import Doctor, ExceptionKind
from app.services.days import day_bounds
from app.services.permissions import Permission, require
from app.services.scheduling import AppointmentRow, appointment_rows
from app.services.working_time import Interval, working_days

MINUTES_PER_DAY = 24 * 60
#: The hours shown when nobody works that day, as minutes of the day.
DEFAULT_OPENS, DEFAULT_CLOSES = 9 * 60, 18 * 60
WEEK_DAYS = 7


class GridMode(enum.StrEnum):
    DOCTORS = "doctors"
    ROOMS = "rooms"
    WEEK = "week"


@dataclass(frozen=True)
class GridColumn:
    """One column of the grid. ``doctor_ids`` are the doctors a booking made in it can go to (one for a
    doctor's column; the doctors seated in the room for a room's)."""

    key: int
    title: str
    subtitle: str
    day: date
    doctor_ids: tuple[int, ...]
    working: tuple[Interval, ...]
    day_off: ExceptionKind | None
    appointments: tuple[AppointmentRow, ...]


@dataclass(frozen=True)
class ScheduleGrid:
    mode: GridMode
    columns: tuple[GridColumn, ...]
    slot_minutes: int
    #: The clinic-time span of the grid in minutes of the day: whole hours around all working time and
    #: appointments.
    opens: int
    closes: int


def schedule_grid(ctx: Context, day: date, mode: GridMode = GridMode.DOCTORS, *, doctor_id: int | None = None,
                  locale: str | None = None) -> ScheduleGrid:
    """The day's grid by doctor or by room, or the week from ``day`` of ``doctor_id`` (mode WEEK).

    Cancelled appointments are left out: they no longer hold the time. No-shows stay, struck through.
    """
    require(ctx, Permission.VIEW_SCHEDULE)
    clinic = ctx.clinic()
    days = [day + timedelta(days=i) for i in range(WEEK_DAYS)] if mode is GridMode.WEEK else [day]
    with ctx.db.read() as session:
        doctor_stmt = select(Doctor).where(Doctor.active.is_(True)).order_by(Doctor.full_name)
        if mode is GridMode.WEEK:
            doctor_stmt = doctor_stmt.where(Doctor.id == doctor_id)
        doctors = session.scalars(doctor_stmt).all()
        rooms = {r.id: r.name for r in session.scalars(select(Room).where(Room.active.is_(True)))}
        ids = [d.id for d in doctors]
        working = working_days(session, clinic.zone, ids, days)
        start, _ = day_bounds(clinic.zone, days[0])
        _, end = day_bounds(clinic.zone, days[-1])
        appointments = appointment_rows(
            session, locale or active_locale(),
            Appointment.doctor_id.in_(ids), Appointment.start_at >= start, Appointment.start_at < end,
        ) if ids else []
    shown = [a for a in appointments if a.status is not AppointmentStatus.CANCELLED]
    by_doctor: dict[int, list[AppointmentRow]] = defaultdict(list)
    by_room: dict[str, list[AppointmentRow]] = defaultdict(list)
    by_day: dict[date, list[AppointmentRow]] = defaultdict(list)
    for appointment in shown:
        by_doctor[appointment.doctor_id].append(appointment)
        by_room[appointment.room_name].append(appointment)
        by_day[appointment.start_at.astimezone(clinic.zone).date()].append(appointment)
    if mode is GridMode.WEEK:
        doctor = doctors[0] if doctors else None
        columns = [
            GridColumn(key=d.toordinal(), title="", subtitle="", day=d, doctor_ids=(doctor.id,),
                       working=working[(doctor.id, d)].intervals, day_off=working[(doctor.id, d)].day_off,
                       appointments=tuple(by_day[d]))
            for d in days if doctor is not None
        ]
    elif mode is GridMode.ROOMS:
        columns = []
        for room_id, room_name in sorted(rooms.items(), key=lambda item: item[1]):
            seated = [d for d in doctors if d.room_id == room_id]
            columns.append(GridColumn(
                key=room_id, title=room_name, subtitle=", ".join(d.full_name for d in seated), day=day,
                doctor_ids=tuple(d.id for d in seated),
                working=tuple(sorted((i for d in seated for i in working[(d.id, day)].intervals),
                                     key=lambda i: i.start)),
                day_off=None,
                appointments=tuple(by_room[room_name])))
    else:
        columns = [
            GridColumn(key=d.id, title=d.full_name, subtitle=rooms.get(d.room_id or 0, "") or d.specialty, day=day,
                       doctor_ids=(d.id,), working=working[(d.id, day)].intervals, day_off=working[(d.id, day)].day_off,
                       appointments=tuple(by_doctor[d.id]))
            for d in doctors
        ]
    opens, closes = _hours(clinic.zone, columns)
    return ScheduleGrid(mode, tuple(columns), clinic.slot_minutes, opens, closes)


def _minute_of_day(moment: datetime, zone: ZoneInfo, day: date) -> int:
    """Minutes from the clinic's midnight of ``day`` to ``moment``, kept within that day."""
    local = moment.astimezone(zone)
    if local.date() < day:
        return 0
    if local.date() > day:
        return MINUTES_PER_DAY
    return local.hour * 60 + local.minute


def _hours(zone: ZoneInfo, columns: list[GridColumn]) -> tuple[int, int]:
    """Whole hours (as minutes of the day) from the earliest start to the latest end of any working time
    or appointment; the default opening hours when there is neither."""
    first, last = MINUTES_PER_DAY, 0
    for column in columns:
        starts = [i.start for i in column.working] + [a.start_at for a in column.appointments]
        ends = [i.end for i in column.working] + [a.end_at for a in column.appointments]
        if starts:
            first = min(first, _minute_of_day(min(starts), zone, column.day))
            last = max(last, _minute_of_day(max(ends), zone, column.day))
    if first >= last:
        return DEFAULT_OPENS, DEFAULT_CLOSES
    return first // 60 * 60, min(MINUTES_PER_DAY, -(-last // 60) * 60)

"""A doctor's working time: weekly templates, dated exceptions, and the intervals they give for a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import InvalidInput
from app.events import Topic
from app.i18n import N_
from app.models.staff import ExceptionKind, ScheduleException, WorkingHours
from app.services.permissions import Permission, require
from app.services.staff import active_doctor
from app.services.uow import unit_of_work
from app.services.validation import clean_text

_DAY_OFF = (ExceptionKind.VACATION, ExceptionKind.SICK, ExceptionKind.ABSENCE)


@dataclass(frozen=True)
class Interval:
    """A half-open span of clinic time [start, end) on one day, as aware UTC datetimes."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class TemplateSlot:
    weekday: int
    start: time
    end: time


def _check_slots(slots: list[TemplateSlot]) -> list[TemplateSlot]:
    ordered = sorted(slots, key=lambda s: (s.weekday, s.start))
    for slot in ordered:
        if not 0 <= slot.weekday <= 6:
            raise InvalidInput(N_("{field} must be a day of the week."), field=N_("Weekday"))
        if slot.start >= slot.end:
            raise InvalidInput(N_("{field} must end after it starts."), field=N_("Working hours"))
    for before, after in pairwise(ordered):
        if before.weekday == after.weekday and after.start < before.end:
            raise InvalidInput(N_("{field}: two intervals overlap on the same day."), field=N_("Working hours"))
    return ordered


def set_template(ctx: Context, doctor_id: int, slots: list[TemplateSlot]) -> None:
    """Replace the doctor's weekly template (several intervals a day leave breaks between them)."""
    require(ctx, Permission.MANAGE_WORKING_HOURS)
    ordered = _check_slots(slots)
    with unit_of_work(ctx) as uow:
        active_doctor(uow.session, doctor_id)
        uow.session.execute(delete(WorkingHours).where(WorkingHours.doctor_id == doctor_id))
        uow.session.add_all(
            WorkingHours(doctor_id=doctor_id, weekday=s.weekday, start_time=s.start, end_time=s.end) for s in ordered
        )
        uow.record("set_template", "working_hours", doctor_id,
                   {"slots": [[s.weekday, s.start.isoformat(), s.end.isoformat()] for s in ordered]})
        uow.emit(Topic.STAFF, doctor_id)


def add_exception(ctx: Context, doctor_id: int, day: date, kind: ExceptionKind, start: time | None = None,
                  end: time | None = None, note: str = "") -> int:
    """A day off (vacation, sick, absence: no times), a break, or an extra shift (with times)."""
    require(ctx, Permission.MANAGE_WORKING_HOURS)
    clean_note = clean_text(note, N_("Note"), max_length=200)
    if kind in _DAY_OFF:
        start = end = None
    elif start is None or end is None or start >= end:
        raise InvalidInput(N_("{field} must end after it starts."), field=N_("Working hours"))
    with unit_of_work(ctx) as uow:
        active_doctor(uow.session, doctor_id)
        row = ScheduleException(doctor_id=doctor_id, day=day, kind=kind, start_time=start, end_time=end,
                                note=clean_note)
        uow.session.add(row)
        uow.session.flush()
        uow.record("add_exception", "working_hours", doctor_id,
                   {"day": day.isoformat(), "kind": kind.value, "start": str(start), "end": str(end)})
        uow.emit(Topic.STAFF, doctor_id)
        return row.id


def _subtract(spans: list[tuple[time, time]], cut: tuple[time, time]) -> list[tuple[time, time]]:
    result = []
    for start, end in spans:
        if cut[1] <= start or cut[0] >= end:
            result.append((start, end))
            continue
        if start < cut[0]:
            result.append((start, cut[0]))
        if cut[1] < end:
            result.append((cut[1], end))
    return result


def intervals_for(session: Session, zone: ZoneInfo, doctor_id: int, day: date) -> list[Interval]:
    """The doctor's working intervals on ``day``: the template, less breaks and days off, plus extra shifts."""
    template = session.scalars(
        select(WorkingHours).where(
            WorkingHours.doctor_id == doctor_id,
            WorkingHours.weekday == day.weekday(),
            or_(WorkingHours.valid_from.is_(None), WorkingHours.valid_from <= day),
            or_(WorkingHours.valid_to.is_(None), WorkingHours.valid_to >= day),
        )
    ).all()
    exceptions = session.scalars(
        select(ScheduleException).where(ScheduleException.doctor_id == doctor_id, ScheduleException.day == day)
    ).all()
    spans = [(w.start_time, w.end_time) for w in template]
    if any(e.kind in _DAY_OFF for e in exceptions):
        spans = []
    for extra in (e for e in exceptions if e.kind is ExceptionKind.EXTRA_SHIFT):
        spans.append((extra.start_time, extra.end_time))  # type: ignore[arg-type]
    for pause in (e for e in exceptions if e.kind is ExceptionKind.BREAK):
        spans = _subtract(spans, (pause.start_time, pause.end_time))  # type: ignore[arg-type]
    return [
        Interval(datetime.combine(day, start, tzinfo=zone).astimezone(UTC),
                 datetime.combine(day, end, tzinfo=zone).astimezone(UTC))
        for start, end in sorted(spans)
    ]


def within(intervals: list[Interval], start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside the working time (touching intervals count as one)."""
    cursor = start
    for interval in intervals:
        if interval.start <= cursor < interval.end:
            cursor = interval.end
            if cursor >= end:
                return True
    return False

"""A doctor's working time: weekly templates, dated exceptions, and the intervals they give for a day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import InvalidInput, NotFound
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


@dataclass(frozen=True)
class WorkingDay:
    """A doctor's day: the working intervals, and the kind of day off when the whole day is off."""

    intervals: tuple[Interval, ...]
    day_off: ExceptionKind | None = None


def working_days(session: Session, zone: ZoneInfo, doctor_ids: Collection[int],
                 days: Collection[date]) -> dict[tuple[int, date], WorkingDay]:
    """Each doctor's working time on each day (two queries however many doctors and days: the schedule
    grid asks for sixty doctors at once)."""
    if not doctor_ids or not days:
        return {}
    first, last = min(days), max(days)
    template = session.scalars(
        select(WorkingHours).where(
            WorkingHours.doctor_id.in_(doctor_ids),
            WorkingHours.weekday.in_({d.weekday() for d in days}),
            or_(WorkingHours.valid_from.is_(None), WorkingHours.valid_from <= last),
            or_(WorkingHours.valid_to.is_(None), WorkingHours.valid_to >= first),
        )
    ).all()
    exceptions = session.scalars(
        select(ScheduleException).where(ScheduleException.doctor_id.in_(doctor_ids),
                                        ScheduleException.day.in_(days))
    ).all()
    templates: dict[tuple[int, int], list[WorkingHours]] = defaultdict(list)
    for row in template:
        templates[(row.doctor_id, row.weekday)].append(row)
    dated: dict[tuple[int, date], list[ScheduleException]] = defaultdict(list)
    for exception in exceptions:
        dated[(exception.doctor_id, exception.day)].append(exception)
    result: dict[tuple[int, date], WorkingDay] = {}
    for doctor_id in doctor_ids:
        for day in days:
            spans = [(w.start_time, w.end_time) for w in templates[(doctor_id, day.weekday())]
                     if (w.valid_from is None or w.valid_from <= day) and (w.valid_to is None or w.valid_to >= day)]
            result[(doctor_id, day)] = _working_day(zone, day, spans, dated[(doctor_id, day)])
    return result


def _working_day(zone: ZoneInfo, day: date, spans: list[tuple[time, time]],
                 exceptions: list[ScheduleException]) -> WorkingDay:
    """The template, less breaks and days off, plus extra shifts."""
    day_off = next((e.kind for e in exceptions if e.kind in _DAY_OFF), None)
    if day_off is not None:
        spans = []
    for extra in (e for e in exceptions if e.kind is ExceptionKind.EXTRA_SHIFT):
        spans.append((extra.start_time, extra.end_time))  # type: ignore[arg-type]
    for pause in (e for e in exceptions if e.kind is ExceptionKind.BREAK):
        spans = _subtract(spans, (pause.start_time, pause.end_time))  # type: ignore[arg-type]
    intervals = tuple(
        Interval(datetime.combine(day, start, tzinfo=zone).astimezone(UTC),
                 datetime.combine(day, end, tzinfo=zone).astimezone(UTC))
        for start, end in sorted(spans)
    )
    return WorkingDay(intervals, day_off)


def intervals_for(session: Session, zone: ZoneInfo, doctor_id: int, day: date) -> list[Interval]:
    """The doctor's working intervals on ``day``."""
    return list(working_days(session, zone, [doctor_id], [day])[(doctor_id, day)].intervals)


def within(intervals: list[Interval], start: datetime, end: datetime) -> bool:
    """True when [start, end) lies inside the working time (touching intervals count as one)."""
    cursor = start
    for interval in intervals:
        if interval.start <= cursor < interval.end:
            cursor = interval.end
            if cursor >= end:
                return True
    return False


@dataclass(frozen=True)
class ExceptionRow:
    id: int
    day: date
    kind: ExceptionKind
    start: time | None
    end: time | None
    note: str


def template_of(ctx: Context, doctor_id: int) -> list[TemplateSlot]:
    """The doctor's weekly template, by weekday then start."""
    require(ctx, Permission.VIEW_SCHEDULE)
    with ctx.db.read() as session:
        active_doctor(session, doctor_id)
        rows = session.scalars(select(WorkingHours).where(WorkingHours.doctor_id == doctor_id)).all()
        return sorted((TemplateSlot(w.weekday, w.start_time, w.end_time) for w in rows),
                      key=lambda s: (s.weekday, s.start))


def exceptions_of(ctx: Context, doctor_id: int, since: date) -> list[ExceptionRow]:
    """The doctor's dated exceptions from ``since`` on, by day."""
    require(ctx, Permission.VIEW_SCHEDULE)
    with ctx.db.read() as session:
        rows = session.scalars(
            select(ScheduleException)
            .where(ScheduleException.doctor_id == doctor_id, ScheduleException.day >= since)
            .order_by(ScheduleException.day, ScheduleException.start_time)
        ).all()
        return [ExceptionRow(e.id, e.day, e.kind, e.start_time, e.end_time, e.note) for e in rows]


def remove_exception(ctx: Context, exception_id: int) -> None:
    require(ctx, Permission.MANAGE_WORKING_HOURS)
    with unit_of_work(ctx) as uow:
        row = uow.session.get(ScheduleException, exception_id)
        if row is None:
            raise NotFound(N_("This working time exception no longer exists."))
        uow.record("remove_exception", "working_hours", row.doctor_id,
                   {"day": row.day.isoformat(), "kind": row.kind.value})
        uow.session.delete(row)
        uow.emit(Topic.STAFF, row.doctor_id)

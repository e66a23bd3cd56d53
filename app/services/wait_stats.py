"""Waiting-room statistics for a day or a range of days: how long patients waited, by doctor and by hour
of arrival, and how many left without being seen.

The read model is plain (frozen dataclasses of ints, floats and strings) so that reports can print it as
it is. Definitions:

- a **wait** is from arrival (check-in or walk-in) to the (last) call, in minutes; only patients who were
  called have one;
- the **90th percentile** is the nearest-rank one: the smallest wait that at least 90 % of the waits do not
  exceed (with 10 waits, the 9th shortest);
- **left without being seen** counts patients marked so, whether or not they had been called;
- a **consultation** is from going in to the doctor to done;
- the **hour** is the hour of arrival in the clinic's time zone; days are the clinic's days.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_
from app.models.scheduling import WaitingEntry, WaitingStatus, WaitlistRequest, WaitlistStatus
from app.models.staff import Doctor
from app.models.types import MinutesBetween
from app.services.days import day_bounds
from app.services.permissions import Permission, require

#: The longest range one call covers (a year of a busy clinic is still a few hundred thousand rows).
MAX_DAYS = 366


@dataclass(frozen=True)
class WaitFigures:
    """Waits of one group of patients, in minutes; None when nobody in the group was called."""

    patients: int
    called: int
    left_without_being_seen: int
    average_wait: float | None
    p90_wait: float | None
    average_consultation: float | None


@dataclass(frozen=True)
class DoctorWaits:
    """``doctor_id`` is None for the shared queue's patients who left before any doctor called them."""

    doctor_id: int | None
    doctor_name: str
    figures: WaitFigures


@dataclass(frozen=True)
class HourWaits:
    hour: int
    figures: WaitFigures


@dataclass(frozen=True)
class WaitStats:
    first_day: date
    last_day: date
    overall: WaitFigures
    #: Doctors by name; only doctors who had patients in the range.
    by_doctor: tuple[DoctorWaits, ...]
    #: Hours of arrival (0-23) that had patients, in order.
    by_hour: tuple[HourWaits, ...]
    #: Waitlist requests that expired unbooked with their last day in the range.
    waitlist_expired: int


@dataclass(frozen=True)
class _Visit:
    doctor_id: int | None
    hour: int
    wait: float | None
    consultation: float | None
    left: bool


def percentile_90(values: list[float]) -> float | None:
    """The nearest-rank 90th percentile (see the module's docstring)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _figures(visits: Iterable[_Visit]) -> WaitFigures:
    group = list(visits)
    waits = [v.wait for v in group if v.wait is not None]
    consultations = [v.consultation for v in group if v.consultation is not None]
    return WaitFigures(
        patients=len(group), called=len(waits), left_without_being_seen=sum(1 for v in group if v.left),
        average_wait=round(sum(waits) / len(waits), 1) if waits else None,
        p90_wait=round(p90, 1) if (p90 := percentile_90(waits)) is not None else None,
        average_consultation=round(sum(consultations) / len(consultations), 1) if consultations else None,
    )


def _non_negative(minutes: float | None) -> float | None:
    """Minutes as a float, never below zero (a clock set back between two steps), None when not measured."""
    return None if minutes is None else max(0.0, float(minutes))


def _bounds(ctx: Context, first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """The range's instants [start, end), once the range is checked."""
    require(ctx, Permission.VIEW_WAITING)
    if last_day < first_day:
        raise InvalidInput(N_("{field} is before the first day."), field=N_("Last day"))
    if (last_day - first_day).days >= MAX_DAYS:
        raise InvalidInput(N_("{field} is more than a year after the first day."), field=N_("Last day"))
    zone = ctx.clinic().zone
    return day_bounds(zone, first_day)[0], day_bounds(zone, last_day)[1]


def _at_least_zero(minutes: ColumnElement[float]) -> ColumnElement[float]:
    """The database's side of ``_non_negative``: NULL stays NULL."""
    return case((minutes < 0, 0.0), else_=minutes)


def _overall(session: Session, start: datetime, end: datetime) -> WaitFigures:
    """Every patient's figures together, summed by the database.

    A month of a busy clinic is a hundred thousand visits: reading them row by row took half a second of a
    monthly report that needs only these six numbers. The nearest-rank percentile is the k-th shortest wait,
    read with OFFSET.
    """
    entry = WaitingEntry
    in_range = (entry.arrived_at >= start, entry.arrived_at < end)
    wait = _at_least_zero(MinutesBetween(entry.arrived_at, entry.called_at))
    consultation = case((entry.status == WaitingStatus.DONE,
                         _at_least_zero(MinutesBetween(entry.started_at, entry.finished_at))))
    patients, called, left, waited, consultations, consulted = session.execute(select(
        func.count(), func.count(wait), func.count().filter(entry.status == WaitingStatus.LEFT), func.sum(wait),
        func.count(consultation), func.sum(consultation)).where(*in_range)).one()
    p90 = session.scalar(select(wait).where(*in_range, entry.called_at.is_not(None)).order_by(wait)
                         .offset(math.ceil(0.9 * called) - 1).limit(1)) if called else None
    return WaitFigures(
        patients=patients, called=called, left_without_being_seen=left,
        average_wait=round(float(waited) / called, 1) if called else None,
        p90_wait=round(float(p90), 1) if p90 is not None else None,
        average_consultation=round(float(consulted) / consultations, 1) if consultations else None,
    )


def overall_waits(ctx: Context, first_day: date, last_day: date) -> WaitFigures:
    """The figures of every patient in the range together (what a monthly report prints)."""
    start, end = _bounds(ctx, first_day, last_day)
    with ctx.db.read() as session:
        return _overall(session, start, end)


def wait_stats(ctx: Context, first_day: date, last_day: date | None = None) -> WaitStats:
    """The figures for ``first_day`` through ``last_day`` (the one day when ``last_day`` is None)."""
    last_day = last_day or first_day
    start, end = _bounds(ctx, first_day, last_day)
    zone = ctx.clinic().zone
    entry = WaitingEntry
    stmt = select(entry.doctor_id, entry.status, entry.arrived_at, MinutesBetween(entry.arrived_at, entry.called_at),
                  MinutesBetween(entry.started_at, entry.finished_at)).where(
        entry.arrived_at >= start, entry.arrived_at < end)
    with ctx.db.read() as session:
        visits = [
            _Visit(doctor_id, arrived.astimezone(zone).hour, _non_negative(wait),
                   _non_negative(consultation) if status is WaitingStatus.DONE else None,
                   status is WaitingStatus.LEFT)
            for doctor_id, status, arrived, wait, consultation in session.execute(stmt)
        ]
        overall = _overall(session, start, end)
        names = dict(session.execute(select(Doctor.id, Doctor.full_name).where(
            Doctor.id.in_({v.doctor_id for v in visits if v.doctor_id is not None}))).all())
        expired = session.scalar(select(func.count(WaitlistRequest.id)).where(
            WaitlistRequest.status == WaitlistStatus.EXPIRED,
            or_(and_(WaitlistRequest.expires_on <= WaitlistRequest.latest_on,
                     WaitlistRequest.expires_on.between(first_day, last_day)),
                and_(WaitlistRequest.latest_on < WaitlistRequest.expires_on,
                     WaitlistRequest.latest_on.between(first_day, last_day)))))
    # One pass into groups: a month of a busy clinic is a hundred thousand visits and sixty doctors.
    by_doctor: dict[int | None, list[_Visit]] = defaultdict(list)
    by_hour: dict[int, list[_Visit]] = defaultdict(list)
    for visit in visits:
        by_doctor[visit.doctor_id].append(visit)
        by_hour[visit.hour].append(visit)
    doctors = sorted(by_doctor, key=lambda d: (d is None, names.get(d, "") if d else ""))
    return WaitStats(
        first_day=first_day, last_day=last_day, overall=overall,
        by_doctor=tuple(DoctorWaits(d, names.get(d, "") if d else "", _figures(by_doctor[d])) for d in doctors),
        by_hour=tuple(HourWaits(h, _figures(by_hour[h])) for h in sorted(by_hour)),
        waitlist_expired=expired or 0,
    )


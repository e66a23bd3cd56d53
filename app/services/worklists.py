"""The desk's generated worklists: whom to call today, each item done by logging its call.

Days are the clinic's days (its time zone), not UTC days: "tomorrow's appointments" for a clinic in Seoul
start at 15:00 UTC today. An item leaves its list as soon as a call about it ends in anything but "no
answer" (that only counts an attempt); "call back later" moves it to the promised callbacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.context import Context
from app.models.calls import Call, CallOutcome, CallPurpose, WorkKind
from app.models.catalog import Service
from app.models.patients import Patient
from app.models.scheduling import Appointment, AppointmentStatus
from app.models.staff import Doctor
from app.services.days import day_bounds, today
from app.services.permissions import Permission, require

#: How far back a missed appointment is still offered for rebooking.
NO_SHOW_DAYS = 7
#: How far back a last visit is looked at for recalls (a recall older than this is stale).
RECALL_LOOKBACK_DAYS = 3 * 366
#: Lists whose open items must be handed over when the shift closes.
URGENT_KINDS = frozenset({WorkKind.REMINDER, WorkKind.CALLBACK})


@dataclass(frozen=True)
class WorkItem:
    kind: WorkKind
    patient_id: int | None
    patient_name: str
    phone: str
    #: The appointment start (reminder, follow-up, no-show, last visit for a recall) or the promised time.
    when: datetime
    doctor_name: str = ""
    appointment_id: int | None = None
    #: The call that promised the callback.
    call_id: int | None = None
    #: The purpose of the call that promised the callback (the callback continues it).
    purpose: CallPurpose | None = None
    note: str = ""
    #: Calls already made that nobody answered.
    attempts: int = 0
    recall_due_on: date | None = None

    @property
    def key(self) -> tuple[WorkKind, int | None]:
        """Stable identity across reloads: the appointment, the promising call, or the recalled patient."""
        if self.kind is WorkKind.CALLBACK:
            return self.kind, self.call_id
        if self.kind is WorkKind.RECALL:
            return self.kind, self.patient_id
        return self.kind, self.appointment_id

    @property
    def urgent(self) -> bool:
        return self.kind in URGENT_KINDS


def _concluded_about_appointment(purpose: CallPurpose | None = None):
    """A call about the appointment that ended otherwise than with no answer."""
    condition = and_(Call.appointment_id == Appointment.id, Call.outcome != CallOutcome.NO_ANSWER)
    if purpose is not None:
        condition = and_(condition, Call.purpose == purpose)
    return exists().where(condition)


def _attempts_by_appointment(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    stmt = (select(Call.appointment_id, func.count()).where(
        Call.appointment_id.in_(ids), Call.outcome == CallOutcome.NO_ANSWER).group_by(Call.appointment_id))
    return {appointment_id: count for appointment_id, count in session.execute(stmt)}


def _appointment_items(session: Session, kind: WorkKind, *conditions) -> list[WorkItem]:
    stmt = (
        select(Appointment, Patient.display_name, Patient.phone, Doctor.full_name)
        .join(Patient, Patient.id == Appointment.patient_id)
        .join(Doctor, Doctor.id == Appointment.doctor_id)
        .where(Patient.deleted_at.is_(None), *conditions)
        .order_by(Appointment.start_at, Doctor.full_name)
    )
    rows = session.execute(stmt).all()
    attempts = _attempts_by_appointment(session, [a.id for a, *_ in rows])
    return [WorkItem(kind, a.patient_id, name, phone, a.start_at, doctor, a.id, note=a.notes,
                     attempts=attempts.get(a.id, 0))
            for a, name, phone, doctor in rows]


def reminders(session: Session, ctx: Context, day: date) -> list[WorkItem]:
    """Appointments of the next clinic day still only booked, nobody reached about them yet."""
    start, end = day_bounds(ctx.clinic().zone, day + timedelta(days=1))
    return _appointment_items(
        session, WorkKind.REMINDER, Appointment.start_at >= start, Appointment.start_at < end,
        Appointment.status == AppointmentStatus.BOOKED, ~_concluded_about_appointment())


def follow_ups(session: Session, ctx: Context, day: date) -> list[WorkItem]:
    """Visits completed on the previous clinic day, not followed up yet."""
    start, end = day_bounds(ctx.clinic().zone, day - timedelta(days=1))
    return _appointment_items(
        session, WorkKind.FOLLOW_UP, Appointment.start_at >= start, Appointment.start_at < end,
        Appointment.status == AppointmentStatus.COMPLETED,
        ~_concluded_about_appointment(CallPurpose.FOLLOW_UP))


def no_shows(session: Session, ctx: Context, day: date) -> list[WorkItem]:
    """Missed appointments of the last week whose patient has booked nothing since and was not reached."""
    zone = ctx.clinic().zone
    start = day_bounds(zone, day - timedelta(days=NO_SHOW_DAYS))[0]
    end = day_bounds(zone, day)[1]
    later = aliased(Appointment)
    rebooked = exists().where(
        later.patient_id == Appointment.patient_id, later.created_at > Appointment.start_at,
        later.status.in_((AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)))
    return _appointment_items(
        session, WorkKind.NO_SHOW, Appointment.start_at >= start, Appointment.start_at < end,
        Appointment.status == AppointmentStatus.NO_SHOW, ~rebooked, ~_concluded_about_appointment())


def callbacks(session: Session, ctx: Context, day: date) -> list[WorkItem]:
    """Calls promised back by the end of the clinic day that no later call has answered."""
    end = day_bounds(ctx.clinic().zone, day)[1]
    answer = aliased(Call)
    answered = exists().where(answer.answers_call_id == Call.id, answer.outcome != CallOutcome.NO_ANSWER)
    stmt = (
        select(Call, Patient.display_name, Patient.phone)
        .outerjoin(Patient, Patient.id == Call.patient_id)
        .where(Call.outcome == CallOutcome.CALL_BACK_LATER, Call.callback_at < end, ~answered)
        .order_by(Call.callback_at)
    )
    rows = session.execute(stmt).all()
    ids = [c.id for c, *_ in rows]
    attempts = dict(session.execute(
        select(Call.answers_call_id, func.count()).where(
            Call.answers_call_id.in_(ids), Call.outcome == CallOutcome.NO_ANSWER).group_by(Call.answers_call_id)
    ).all()) if ids else {}
    return [WorkItem(WorkKind.CALLBACK, c.patient_id, name or c.caller_name, phone or c.phone, c.callback_at,
                     appointment_id=c.appointment_id, call_id=c.id, purpose=c.purpose, note=c.note,
                     attempts=attempts.get(c.id, 0))
            for c, name, phone in rows]


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def recalls(session: Session, ctx: Context, day: date) -> list[WorkItem]:
    """Patients whose last completed visit for a service with a recall interval is that long ago, who have
    nothing booked and were not reached about it since it fell due."""
    zone = ctx.clinic().zone
    since = day_bounds(zone, day - timedelta(days=RECALL_LOOKBACK_DAYS))[0]
    last_visits = (
        select(Appointment.patient_id, Service.recall_months, func.max(Appointment.start_at).label("last"))
        .join(Service, Service.id == Appointment.service_id)
        .where(Service.recall_months.is_not(None), Appointment.status == AppointmentStatus.COMPLETED,
               Appointment.start_at >= since)
        .group_by(Appointment.patient_id, Service.recall_months)
    )
    due: dict[int, tuple[date, datetime]] = {}
    for patient_id, months, last in session.execute(last_visits):
        due_on = _add_months(last.astimezone(zone).date(), months)
        if due_on <= day and (patient_id not in due or due_on < due[patient_id][0]):
            due[patient_id] = (due_on, last)
    if not due:
        return []
    now = ctx.clock.now()
    booked = set(session.scalars(select(Appointment.patient_id).where(
        Appointment.patient_id.in_(due), Appointment.start_at >= now,
        Appointment.status.in_((AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)))))
    calls = session.execute(select(Call.patient_id, Call.outcome, Call.at).where(
        Call.patient_id.in_(due), Call.purpose == CallPurpose.RECALL)).all()
    patients = {p.id: p for p in session.scalars(select(Patient).where(
        Patient.id.in_(due), Patient.deleted_at.is_(None)))}
    items = []
    for patient_id, (due_on, last) in due.items():
        if patient_id in booked or patient_id not in patients:
            continue
        since_due = day_bounds(zone, due_on)[0]
        mine = [outcome for pid, outcome, at in calls if pid == patient_id and at >= since_due]
        if any(outcome is not CallOutcome.NO_ANSWER for outcome in mine):
            continue
        patient = patients[patient_id]
        items.append(WorkItem(WorkKind.RECALL, patient_id, patient.display_name, patient.phone, last,
                              attempts=len(mine), recall_due_on=due_on))
    return sorted(items, key=lambda item: (item.recall_due_on, item.patient_name))


_LISTS = {
    WorkKind.REMINDER: reminders,
    WorkKind.FOLLOW_UP: follow_ups,
    WorkKind.CALLBACK: callbacks,
    WorkKind.NO_SHOW: no_shows,
    WorkKind.RECALL: recalls,
}


def worklist(ctx: Context, kind: WorkKind, day: date | None = None) -> list[WorkItem]:
    """One list as of ``day`` (today in the clinic when None)."""
    require(ctx, Permission.VIEW_CALLS)
    with ctx.db.read() as session:
        return _LISTS[kind](session, ctx, day or today(ctx))


def worklists(ctx: Context, day: date | None = None) -> dict[WorkKind, list[WorkItem]]:
    """Every list as of ``day`` (today in the clinic when None), in one read."""
    require(ctx, Permission.VIEW_CALLS)
    current = day or today(ctx)
    with ctx.db.read() as session:
        return {kind: build(session, ctx, current) for kind, build in _LISTS.items()}

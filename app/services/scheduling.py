"""Appointments: booking, moving, resizing, status changes, free slots, and the day's list.

The service checks overlaps for a clear message, but the database has the last word: a trigger on SQLite
(inside a BEGIN IMMEDIATE transaction) and an exclusion constraint on PostgreSQL. A booking that lost a
race to another desk fails there, and the user gets the same translated SlotTaken message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound, Notice, PermissionDenied
from app.events import Topic
from app.i18n import N_, active_locale
from app.labels import LABELS
from app.models.catalog import Service, ServiceCategory, ServiceName
from app.models.clinic import Room
from app.models.patients import Patient
from app.models.scheduling import (
    ACTIVE_STATUSES,
    MAX_APPOINTMENT_MINUTES,
    Appointment,
    AppointmentStatus,
    BookingChannel,
    CancelReason,
)
from app.models.staff import Doctor
from app.services import waiting
from app.services.days import day_bounds
from app.services.patients import live_patient
from app.services.permissions import Permission, can, require
from app.services.staff import active_doctor
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_text
from app.services.working_time import intervals_for, within


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    start_at: datetime
    end_at: datetime
    doctor_id: int
    doctor_name: str
    specialty: str
    room_name: str
    patient_id: int
    patient_name: str
    patient_phone: str
    service_id: int | None
    service_name: str
    status: AppointmentStatus
    channel: BookingChannel
    first_visit: bool
    notes: str
    cancel_reason: CancelReason | None = None
    #: The service category's colour where the clinic set one ("" otherwise).
    category_color: str = ""


def day_list(ctx: Context, day: date, doctor_id: int | None = None, locale: str | None = None) -> list[AppointmentRow]:
    """Every appointment starting on ``day`` (clinic time), by time then doctor; service names in
    ``locale`` (the interface's language when None) where the price list has them."""
    require(ctx, Permission.VIEW_SCHEDULE)
    start, end = day_bounds(ctx.clinic().zone, day)
    conditions = [Appointment.start_at >= start, Appointment.start_at < end]
    if doctor_id is not None:
        conditions.append(Appointment.doctor_id == doctor_id)
    with ctx.db.read() as session:
        return appointment_rows(session, locale or active_locale(), *conditions)


def appointment_rows(session: Session, locale: str, *conditions: ColumnElement[bool]) -> list[AppointmentRow]:
    """The appointments meeting ``conditions`` as read models, by time then doctor.

    Reads plain columns, not ORM entities: a busy day of sixty doctors is thousands of rows, and building
    three entities per row cost ten times the query.
    """
    a = Appointment
    stmt = (
        select(a.id, a.start_at, a.end_at, Doctor.id, Doctor.full_name, Doctor.specialty, Room.name, Patient.id,
               Patient.display_name, Patient.phone, a.service_id, Service.name, a.status, a.channel, a.first_visit,
               a.notes, a.cancel_reason, ServiceCategory.color)
        .join(Doctor, Doctor.id == a.doctor_id)
        .join(Patient, Patient.id == a.patient_id)
        .outerjoin(Service, Service.id == a.service_id)
        .outerjoin(ServiceCategory, ServiceCategory.id == Service.category_id)
        .outerjoin(Room, Room.id == a.room_id)
        .where(*conditions)
        .order_by(a.start_at, Doctor.full_name)
    )
    rows = session.connection().execute(stmt).all()  # plain rows: the ORM's per-row loading is not needed here
    names = _service_names(session, {row[10] for row in rows if row[10]}, locale)
    return [
        AppointmentRow(
            id=id_, start_at=start, end_at=end, doctor_id=doctor_id, doctor_name=doctor, specialty=specialty,
            room_name=room or "", patient_id=patient_id, patient_name=patient, patient_phone=phone,
            service_id=service_id, service_name=names.get(service_id, service or "") if service_id else "",
            status=status, channel=channel, first_visit=first_visit, notes=notes, cancel_reason=reason,
            category_color=color or "",
        )
        for (id_, start, end, doctor_id, doctor, specialty, room, patient_id, patient, phone, service_id, service,
             status, channel, first_visit, notes, reason, color) in rows
    ]


def _service_names(session: Session, service_ids: set[int], locale: str) -> dict[int, str]:
    if not service_ids:
        return {}
    stmt = select(ServiceName.service_id, ServiceName.name).where(
        ServiceName.service_id.in_(service_ids), ServiceName.locale == locale)
    return {service_id: name for service_id, name in session.execute(stmt)}


# -- changing the schedule -------------------------------------------------------------------------------

#: How far from today a booking may be before it is taken for a typing slip.
SANE_RANGE = timedelta(days=2 * 366)
#: Grace for "in the past": booking the slot that started a few minutes ago is normal at a desk.
PAST_GRACE = timedelta(minutes=10)
_S = AppointmentStatus
ALLOWED_TRANSITIONS: dict[AppointmentStatus, frozenset[AppointmentStatus]] = {
    _S.BOOKED: frozenset({_S.CONFIRMED, _S.ARRIVED, _S.NO_SHOW, _S.CANCELLED}),
    _S.CONFIRMED: frozenset({_S.BOOKED, _S.ARRIVED, _S.NO_SHOW, _S.CANCELLED}),
    _S.ARRIVED: frozenset({_S.CONFIRMED, _S.IN_CONSULTATION, _S.COMPLETED, _S.CANCELLED}),
    _S.IN_CONSULTATION: frozenset({_S.ARRIVED, _S.COMPLETED}),
    _S.COMPLETED: frozenset(),
    _S.NO_SHOW: frozenset({_S.BOOKED}),
    _S.CANCELLED: frozenset(),
}
_MOVABLE = frozenset({_S.BOOKED, _S.CONFIRMED})
DEADLOCK_DETECTED = "40P01"


class SlotTaken(Conflict):
    """The doctor already has an active appointment overlapping the requested time."""


class InvalidTransition(Conflict):
    """A status change the appointment's life does not allow (completed back to booked, say)."""

    translated_params = frozenset({"current", "wanted"})


class OutsideWorkingHours(Conflict):
    """The time is outside the doctor's working time; booking anyway needs the override permission."""


@dataclass(frozen=True)
class BookingRequest:
    patient_id: int
    doctor_id: int
    start_at: datetime
    duration_minutes: int
    service_id: int | None = None
    channel: BookingChannel = BookingChannel.PHONE
    notes: str = ""
    #: The user confirmed booking outside the doctor's working time (needs BOOK_OUTSIDE_HOURS).
    outside_hours: bool = False


@dataclass(frozen=True)
class BookingResult:
    appointment: AppointmentRow
    notices: tuple[Notice, ...] = field(default=())


def _row(session: Session, appointment_id: int) -> AppointmentRow:
    return appointment_rows(session, active_locale(), Appointment.id == appointment_id)[0]


def _check_time(ctx: Context, start: datetime, minutes: int) -> datetime:
    if start.tzinfo is None:
        raise ValueError("appointment times must be timezone-aware")  # a programming error, not a user's
    if not 1 <= minutes <= MAX_APPOINTMENT_MINUTES:
        raise InvalidInput(N_("{field} must be between 1 and {limit} minutes."), field=N_("Duration"),
                           limit=MAX_APPOINTMENT_MINUTES)
    now = ctx.clock.now()
    if abs(start - now) > SANE_RANGE:
        raise InvalidInput(N_("{field} is too far from today."), field=N_("Start"))
    if start < now - PAST_GRACE and not can(ctx.actor, Permission.BOOK_IN_PAST):
        raise PermissionDenied(N_("This time has already passed; only an administrator may book in the past."))
    return start + timedelta(minutes=minutes)


def _check_working_time(session: Session, ctx: Context, doctor: Doctor, start: datetime, end: datetime,
                        override: bool) -> None:
    zone = ctx.clinic().zone
    if within(intervals_for(session, zone, doctor.id, start.astimezone(zone).date()), start, end):
        return
    if not override:
        raise OutsideWorkingHours(N_("{doctor} does not work at this time."), doctor=doctor.full_name)
    if not can(ctx.actor, Permission.BOOK_OUTSIDE_HOURS):
        raise PermissionDenied(N_("Booking outside working hours needs an administrator's permission."))


def _overlapping(doctor_id: int, start: datetime, end: datetime, exclude_id: int | None = None):
    """Active appointments of the doctor overlapping [start, end), bounded below for the index (PITFALLS)."""
    stmt = select(Appointment.id).where(
        Appointment.doctor_id == doctor_id,
        Appointment.start_at > start - timedelta(minutes=MAX_APPOINTMENT_MINUTES),
        Appointment.start_at < end,
        Appointment.end_at > start,
        Appointment.status.in_(ACTIVE_STATUSES),
    )
    return stmt.where(Appointment.id != exclude_id) if exclude_id is not None else stmt


def _slot_taken(doctor_name: str) -> SlotTaken:
    return SlotTaken(N_("{doctor} already has an appointment at this time."), doctor=doctor_name)


def _flush_guarded(session: Session, doctor_name: str) -> None:
    """Flush; the database's overlap guard (a race lost to another desk) becomes SlotTaken.

    PostgreSQL may also end two simultaneous conflicting inserts into the exclusion constraint with a
    deadlock: it aborts one of them, which is the desk that lost the slot. Takes the doctor's name as text:
    after a failed flush the session is rolled back and its objects expired.
    """
    try:
        session.flush()
    except IntegrityError as exc:
        text = str(exc.orig).lower()
        if "appointment_overlap" in text or "appointment_no_overlap" in text:
            raise _slot_taken(doctor_name) from exc
        raise
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == DEADLOCK_DETECTED:
            raise _slot_taken(doctor_name) from exc
        raise


def _patient_notices(session: Session, patient_id: int, start: datetime, end: datetime,
                     exclude_id: int | None) -> tuple[Notice, ...]:
    stmt = (
        select(Doctor.full_name)
        .join(Appointment, Appointment.doctor_id == Doctor.id)
        .where(Appointment.patient_id == patient_id,
               # Bounded below, like the doctor's overlap check, so a long history is not read (PITFALLS).
               Appointment.start_at > start - timedelta(minutes=MAX_APPOINTMENT_MINUTES),
               Appointment.start_at < end, Appointment.end_at > start, Appointment.status.in_(ACTIVE_STATUSES))
    )
    if exclude_id is not None:
        stmt = stmt.where(Appointment.id != exclude_id)
    return tuple(Notice(N_("The patient also has an appointment with {doctor} at this time."), doctor=name)
                 for name in session.scalars(stmt))


def book(ctx: Context, request: BookingRequest) -> BookingResult:
    require(ctx, Permission.BOOK)
    with unit_of_work(ctx) as uow:
        return book_in(uow, request)


def book_in(uow: UnitOfWork, request: BookingRequest) -> BookingResult:
    """Book inside the caller's transaction (booking a waitlist request marks the request in the same one)."""
    ctx, session = uow.ctx, uow.session
    require(ctx, Permission.BOOK)
    end = _check_time(ctx, request.start_at, request.duration_minutes)
    notes = clean_text(request.notes, N_("Notes"), max_length=2000, multiline=True)
    now = ctx.clock.now()
    patient = live_patient(session, request.patient_id)
    doctor = active_doctor(session, request.doctor_id)
    if request.service_id is not None:
        service = session.get(Service, request.service_id)
        if service is None or not service.active:
            raise NotFound(N_("This service is no longer on the price list."))
    _check_working_time(session, ctx, doctor, request.start_at, end, request.outside_hours)
    if session.scalar(_overlapping(doctor.id, request.start_at, end).limit(1)) is not None:
        raise _slot_taken(doctor.full_name)
    seen_before = session.scalar(select(exists().where(
        Appointment.patient_id == patient.id,
        Appointment.status.in_((_S.ARRIVED, _S.IN_CONSULTATION, _S.COMPLETED)),
        Appointment.start_at < request.start_at,
    )))
    appointment = Appointment(
        doctor_id=doctor.id, patient_id=patient.id, service_id=request.service_id, room_id=doctor.room_id,
        start_at=request.start_at, end_at=end, status=_S.BOOKED, channel=request.channel,
        first_visit=patient.first_visit_on is None and not seen_before, notes=notes,
        created_by=ctx.actor.user_id if ctx.actor else None, created_at=now, updated_at=now,
    )
    session.add(appointment)
    _flush_guarded(session, doctor.full_name)
    notices = _patient_notices(session, patient.id, request.start_at, end, appointment.id)
    uow.record("book", "appointment", appointment.id, {
        "doctor_id": doctor.id, "patient_id": patient.id, "start_at": request.start_at.isoformat(),
        "end_at": end.isoformat(), "channel": request.channel.value, "outside_hours": request.outside_hours,
    })
    uow.emit(Topic.APPOINTMENTS, appointment.id)
    return BookingResult(_row(session, appointment.id), notices)


def _appointment(session: Session, appointment_id: int) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(N_("This appointment no longer exists."))
    return appointment


def move(ctx: Context, appointment_id: int, start_at: datetime, *, doctor_id: int | None = None,
         duration_minutes: int | None = None, outside_hours: bool = False) -> BookingResult:
    """Move (another time or doctor) and/or resize a booked or confirmed appointment."""
    require(ctx, Permission.BOOK)
    with unit_of_work(ctx) as uow:
        session = uow.session
        appointment = _appointment(session, appointment_id)
        if appointment.status not in _MOVABLE:
            raise Conflict(N_("Only booked or confirmed appointments can be moved."))
        minutes = duration_minutes or int((appointment.end_at - appointment.start_at).total_seconds() // 60)
        end = _check_time(ctx, start_at, minutes)
        doctor = active_doctor(session, doctor_id or appointment.doctor_id)
        _check_working_time(session, ctx, doctor, start_at, end, outside_hours)
        if session.scalar(_overlapping(doctor.id, start_at, end, appointment.id).limit(1)) is not None:
            raise _slot_taken(doctor.full_name)
        before = {"doctor_id": appointment.doctor_id, "start_at": appointment.start_at.isoformat(),
                  "end_at": appointment.end_at.isoformat()}
        appointment.doctor_id, appointment.start_at, appointment.end_at = doctor.id, start_at, end
        appointment.room_id = doctor.room_id
        appointment.updated_at = ctx.clock.now()
        _flush_guarded(session, doctor.full_name)
        uow.record("move", "appointment", appointment.id, {
            "before": before, "after": {"doctor_id": doctor.id, "start_at": start_at.isoformat(),
                                        "end_at": end.isoformat()}})
        uow.emit(Topic.APPOINTMENTS, appointment.id)
        return BookingResult(_row(session, appointment.id),
                             _patient_notices(session, appointment.patient_id, start_at, end, appointment.id))


def set_status(ctx: Context, appointment_id: int, status: AppointmentStatus,
               reason: CancelReason | None = None) -> AppointmentRow:
    """Confirm, mark arrived (which puts the patient in the waiting room), in consultation, completed,
    no-show, or cancel (with a reason)."""
    require(ctx, Permission.BOOK)
    with unit_of_work(ctx) as uow:
        return set_status_in(uow, appointment_id, status, reason)


def set_status_in(uow: UnitOfWork, appointment_id: int, status: AppointmentStatus,
                  reason: CancelReason | None = None) -> AppointmentRow:
    """Change the status inside the caller's transaction (a reminder call confirms in the same one)."""
    ctx, session = uow.ctx, uow.session
    require(ctx, Permission.BOOK)
    if status is _S.CANCELLED and reason is None:
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Cancellation reason"))
    appointment = _appointment(session, appointment_id)
    if status not in ALLOWED_TRANSITIONS[appointment.status]:
        raise InvalidTransition(N_("An appointment cannot go from “{current}” to “{wanted}”."),
                                current=LABELS[AppointmentStatus][appointment.status],
                                wanted=LABELS[AppointmentStatus][status])
    previous = appointment.status
    if status is _S.ARRIVED and previous in (_S.BOOKED, _S.CONFIRMED):
        waiting.admit_appointment(uow, appointment)
    appointment.status = status
    appointment.cancel_reason = reason if status is _S.CANCELLED else None
    appointment.updated_at = ctx.clock.now()
    _flush_guarded(session, active_doctor(session, appointment.doctor_id).full_name)
    uow.record("status", "appointment", appointment.id, {
        "from": previous.value, "to": status.value, "reason": reason.value if reason else None})
    uow.emit(Topic.APPOINTMENTS, appointment.id)
    return _row(session, appointment.id)


@dataclass(frozen=True)
class FreeSlot:
    doctor_id: int
    doctor_name: str
    start_at: datetime
    end_at: datetime


def next_free_slots(ctx: Context, duration_minutes: int, after: datetime, *, doctor_id: int | None = None,
                    specialty: str | None = None, count: int = 5, days: int = 60) -> list[FreeSlot]:
    """The first ``count`` free slots on the clinic's slot grid for one doctor or any doctor of a specialty."""
    require(ctx, Permission.VIEW_SCHEDULE)
    if not 1 <= duration_minutes <= MAX_APPOINTMENT_MINUTES:
        raise InvalidInput(N_("{field} must be between 1 and {limit} minutes."), field=N_("Duration"),
                           limit=MAX_APPOINTMENT_MINUTES)
    clinic = ctx.clinic()
    step = timedelta(minutes=clinic.slot_minutes)
    length = timedelta(minutes=duration_minutes)
    found: list[FreeSlot] = []
    with ctx.db.read() as session:
        doctors_stmt = select(Doctor).where(Doctor.active.is_(True))
        if doctor_id is not None:
            doctors_stmt = doctors_stmt.where(Doctor.id == doctor_id)
        if specialty:
            doctors_stmt = doctors_stmt.where(Doctor.specialty == specialty)
        doctors = session.scalars(doctors_stmt).all()
        first_day = after.astimezone(clinic.zone).date()
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            day_start, day_end = day_bounds(clinic.zone, day)
            for doctor in doctors:
                busy = session.execute(
                    select(Appointment.start_at, Appointment.end_at).where(
                        Appointment.doctor_id == doctor.id, Appointment.status.in_(ACTIVE_STATUSES),
                        Appointment.start_at < day_end, Appointment.end_at > day_start,
                    )
                ).all()
                for interval in intervals_for(session, clinic.zone, doctor.id, day):
                    cursor = interval.start
                    while cursor + length <= interval.end:
                        if cursor >= after and not any(s < cursor + length and e > cursor for s, e in busy):
                            found.append(FreeSlot(doctor.id, doctor.full_name, cursor, cursor + length))
                        cursor += step
            if len(found) >= count:
                break
    return sorted(found, key=lambda slot: (slot.start_at, slot.doctor_name))[:count]


@dataclass(frozen=True)
class ServiceChoice:
    """A price-list service as the booking dialog offers it: its name in the asked language and how long
    it usually takes (the booking's default duration)."""

    id: int
    code: str
    name: str
    duration_minutes: int


def services_for_booking(ctx: Context, locale: str | None = None) -> list[ServiceChoice]:
    """The active services, by name in ``locale`` (the interface's language when None)."""
    require(ctx, Permission.VIEW_SCHEDULE)
    with ctx.db.read() as session:
        services = session.scalars(select(Service).where(Service.active.is_(True))).all()
        names = _service_names(session, {s.id for s in services}, locale or active_locale())
        choices = [ServiceChoice(s.id, s.code, names.get(s.id, s.name), s.duration_minutes) for s in services]
    return sorted(choices, key=lambda c: c.name.casefold())

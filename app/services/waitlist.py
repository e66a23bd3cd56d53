"""The waitlist: patients who want an earlier (or any) slot, matched when one frees up.

Booking a request goes through the schedule service in the same transaction that marks the request
booked, so the no-double-booking guarantee holds when a waitlist booking races an ordinary one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select, update
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound
from app.events import Topic
from app.i18n import N_
from app.models.audit import AuditRecord
from app.models.patients import Patient
from app.models.scheduling import (
    ACTIVE_STATUSES,
    MAX_APPOINTMENT_MINUTES,
    Appointment,
    AppointmentStatus,
    BookingChannel,
    TimeOfDay,
    WaitlistRequest,
    WaitlistStatus,
)
from app.models.staff import Doctor
from app.services.days import today
from app.services.patients import live_patient
from app.services.permissions import Permission, require
from app.services.scheduling import BookingRequest, BookingResult, book_in
from app.services.staff import active_doctor
from app.services.uow import unit_of_work
from app.services.validation import clean_text

#: Clinic-time hours each part of the day covers: [start, end).
DAY_PARTS: dict[TimeOfDay, tuple[time, time]] = {
    TimeOfDay.ANY: (time(0), time.max),
    TimeOfDay.MORNING: (time(0), time(12)),
    TimeOfDay.AFTERNOON: (time(12), time(17)),
    TimeOfDay.EVENING: (time(17), time.max),
}
MAX_WINDOW = timedelta(days=366)


@dataclass(frozen=True)
class WaitlistInput:
    patient_id: int
    earliest_on: date
    latest_on: date
    doctor_id: int | None = None
    specialty: str = ""
    service_id: int | None = None
    time_of_day: TimeOfDay = TimeOfDay.ANY
    contact: str = ""
    note: str = ""
    expires_on: date | None = None


@dataclass(frozen=True)
class WaitlistRow:
    id: int
    patient_id: int
    patient_name: str
    patient_phone: str
    doctor_id: int | None
    doctor_name: str
    specialty: str
    earliest_on: date
    latest_on: date
    time_of_day: TimeOfDay
    contact: str
    note: str
    expires_on: date
    created_at: datetime


def add_request(ctx: Context, data: WaitlistInput) -> WaitlistRow:
    require(ctx, Permission.BOOK)
    current = today(ctx)
    if data.latest_on < data.earliest_on:
        raise InvalidInput(N_("{field} is before the earliest date."), field=N_("Latest date"))
    if data.latest_on < current:
        raise InvalidInput(N_("{field} has already passed."), field=N_("Latest date"))
    if data.latest_on - current > MAX_WINDOW:
        raise InvalidInput(N_("{field} is too far from today."), field=N_("Latest date"))
    expires = data.expires_on or data.latest_on
    if expires < current:
        raise InvalidInput(N_("{field} has already passed."), field=N_("Expires on"))
    specialty = clean_text(data.specialty, N_("Specialty"), max_length=80)
    contact = clean_text(data.contact, N_("How to reach them"), max_length=200)
    note = clean_text(data.note, N_("Note"), max_length=400, multiline=True)
    with unit_of_work(ctx) as uow:
        session = uow.session
        patient = live_patient(session, data.patient_id)
        if data.doctor_id is not None:
            specialty = active_doctor(session, data.doctor_id).specialty
        request = WaitlistRequest(
            patient_id=patient.id, doctor_id=data.doctor_id, specialty=specialty, service_id=data.service_id,
            earliest_on=max(data.earliest_on, current), latest_on=data.latest_on, time_of_day=data.time_of_day,
            contact=contact or patient.phone, note=note, expires_on=expires, created_at=ctx.clock.now(),
        )
        session.add(request)
        session.flush()
        uow.record("add", "waitlist_request", request.id, {
            "patient_id": patient.id, "doctor_id": data.doctor_id, "specialty": specialty,
            "window": [request.earliest_on.isoformat(), data.latest_on.isoformat()]})
        uow.emit(Topic.WAITLIST, request.id)
        request_id = request.id
    return _rows(ctx, WaitlistRequest.id == request_id)[0]


def _rows(ctx: Context, *conditions: ColumnElement[bool], order_by: tuple[Any, ...] = (),
          limit: int | None = None) -> list[WaitlistRow]:
    stmt = (
        select(WaitlistRequest, Patient.display_name, Patient.phone, Doctor.full_name)
        .join(Patient, Patient.id == WaitlistRequest.patient_id)
        .outerjoin(Doctor, Doctor.id == WaitlistRequest.doctor_id)
        .where(*conditions)
        .order_by(*(order_by or (WaitlistRequest.created_at, WaitlistRequest.id)))
        .limit(limit)
    )
    with ctx.db.read() as session:
        return [
            WaitlistRow(r.id, r.patient_id, name, phone, r.doctor_id, doctor or "", r.specialty, r.earliest_on,
                        r.latest_on, r.time_of_day, r.contact, r.note, r.expires_on, r.created_at)
            for r, name, phone, doctor in session.execute(stmt).all()
        ]


def open_requests(ctx: Context) -> list[WaitlistRow]:
    require(ctx, Permission.VIEW_SCHEDULE)
    return _rows(ctx, WaitlistRequest.status == WaitlistStatus.OPEN, WaitlistRequest.expires_on >= today(ctx))


#: Matches listed at most for one slot: the best ones; staff call them in order and rarely get past a few.
MATCHES_SHOWN = 30


def matches(ctx: Context, doctor_id: int, start: datetime, limit: int = MATCHES_SHOWN) -> list[WaitlistRow]:
    """Open requests this freed slot would satisfy, best first (at most ``limit``): those who asked for
    this doctor, then those who asked for the specialty or anyone, each oldest first."""
    require(ctx, Permission.VIEW_SCHEDULE)
    zone = ctx.clinic().zone
    local = start.astimezone(zone)
    with ctx.db.read() as session:
        doctor = active_doctor(session, doctor_id)
    parts = [part for part, (begin, end) in DAY_PARTS.items() if begin <= local.time() < end]
    return _rows(
        ctx,
        WaitlistRequest.status == WaitlistStatus.OPEN,
        WaitlistRequest.expires_on >= max(today(ctx), local.date()),
        WaitlistRequest.earliest_on <= local.date(),
        WaitlistRequest.latest_on >= local.date(),
        WaitlistRequest.time_of_day.in_(parts),
        or_(WaitlistRequest.doctor_id == doctor_id,
            (WaitlistRequest.doctor_id.is_(None)
             & WaitlistRequest.specialty.in_(("", doctor.specialty)))),
        order_by=(case((WaitlistRequest.doctor_id == doctor_id, 0), else_=1), WaitlistRequest.created_at,
                  WaitlistRequest.id),
        limit=limit,
    )


@dataclass(frozen=True)
class FreedSlot:
    """Time a doctor has free again because an appointment was cancelled or moved away from it."""

    appointment_id: int
    doctor_id: int
    doctor_name: str
    start_at: datetime
    end_at: datetime

    @property
    def duration_minutes(self) -> int:
        return int((self.end_at - self.start_at).total_seconds() // 60)


#: Appointment statuses that give the time back.
_FREEING = (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)


#: How far back the waitlist looks for freed slots: this many days, within this many latest changes (the
#: audit log's newest records, found by its primary key, so the look-up stays fast however long the log).
FREED_LOOKBACK = timedelta(days=2)
FREED_LOOKBACK_RECORDS = 20_000


def _freed(session: Session, appointment_id: int, now: datetime) -> FreedSlot | None:
    """The future slot the appointment's latest change left free: a cancellation (or no-show) frees the
    appointment's own time; a move frees the time it had before, which only the move's audit record knows."""
    appointment = session.get(Appointment, appointment_id)
    last = session.scalars(
        select(AuditRecord).where(AuditRecord.entity == "appointment", AuditRecord.entity_id == appointment_id)
        .order_by(AuditRecord.seq.desc()).limit(1)).one_or_none()
    if appointment is None or last is None:
        return None
    if last.action == "status" and appointment.status in _FREEING:
        doctor_id, start, end = appointment.doctor_id, appointment.start_at, appointment.end_at
    elif last.action == "move":
        before = json.loads(last.changes)["before"]
        doctor_id = before["doctor_id"]
        start, end = datetime.fromisoformat(before["start_at"]), datetime.fromisoformat(before["end_at"])
    else:
        return None
    doctor = session.get(Doctor, doctor_id)
    if doctor is None or not doctor.active or start <= now:
        return None
    return FreedSlot(appointment_id, doctor.id, doctor.full_name, start, end)


def _taken(session: Session, slot: FreedSlot) -> bool:
    return session.scalar(select(Appointment.id).where(
        Appointment.doctor_id == slot.doctor_id, Appointment.status.in_(ACTIVE_STATUSES),
        Appointment.start_at > slot.start_at - timedelta(minutes=MAX_APPOINTMENT_MINUTES),
        Appointment.start_at < slot.end_at, Appointment.end_at > slot.start_at).limit(1)) is not None


def freed_slot(ctx: Context, appointment_id: int) -> FreedSlot | None:
    """The future slot this appointment's latest change freed, or None (a new booking, a confirmation, a
    slot already past)."""
    require(ctx, Permission.VIEW_SCHEDULE)
    with ctx.db.read() as session:
        return _freed(session, appointment_id, ctx.clock.now())


def freed_slots(ctx: Context) -> list[FreedSlot]:
    """Future slots that cancellations and moves of the last two days freed and nobody has taken since,
    soonest first: what the waitlist can offer now, on any desk, even one opened after the cancellation."""
    require(ctx, Permission.VIEW_SCHEDULE)
    now = ctx.clock.now()
    with ctx.db.read() as session:
        newest = session.scalar(select(func.max(AuditRecord.seq))) or 0
        changed = session.scalars(
            select(AuditRecord.entity_id).where(
                AuditRecord.seq > newest - FREED_LOOKBACK_RECORDS, AuditRecord.at >= now - FREED_LOOKBACK,
                AuditRecord.entity == "appointment", AuditRecord.action.in_(("status", "move")))
            .distinct()).all()
        found: dict[tuple[int, datetime], FreedSlot] = {}
        for appointment_id in changed:
            slot = _freed(session, appointment_id, now) if appointment_id is not None else None
            if slot is not None and not _taken(session, slot):
                found.setdefault((slot.doctor_id, slot.start_at), slot)
    return sorted(found.values(), key=lambda s: (s.start_at, s.doctor_name))


def book_request(ctx: Context, request_id: int, doctor_id: int, start: datetime,
                 duration_minutes: int) -> BookingResult:
    """Give the slot to a waitlist request: one transaction books it and closes the request."""
    require(ctx, Permission.BOOK)
    with unit_of_work(ctx) as uow:
        request = uow.session.get(WaitlistRequest, request_id)
        if request is None:
            raise NotFound(N_("This waitlist request no longer exists."))
        if request.status is not WaitlistStatus.OPEN:
            raise Conflict(N_("This waitlist request is no longer open."))
        result = book_in(uow, BookingRequest(
            patient_id=request.patient_id, doctor_id=doctor_id, start_at=start, duration_minutes=duration_minutes,
            service_id=request.service_id, channel=BookingChannel.WAITLIST, notes=request.note))
        request.status, request.appointment_id = WaitlistStatus.BOOKED, result.appointment.id
        uow.record("booked", "waitlist_request", request.id, {"appointment_id": result.appointment.id})
        uow.emit(Topic.WAITLIST, request.id)
        return result


def withdraw(ctx: Context, request_id: int) -> None:
    require(ctx, Permission.BOOK)
    with unit_of_work(ctx) as uow:
        request = uow.session.get(WaitlistRequest, request_id)
        if request is None or request.status is not WaitlistStatus.OPEN:
            raise NotFound(N_("This waitlist request no longer exists."))
        request.status = WaitlistStatus.WITHDRAWN
        uow.record("withdraw", "waitlist_request", request.id, {})
        uow.emit(Topic.WAITLIST, request.id)


def expire(ctx: Context) -> int:
    """Close the requests whose date has passed; returns how many (the reports count them)."""
    require(ctx, Permission.BOOK)
    current = today(ctx)
    with unit_of_work(ctx) as uow:
        ids = list(uow.session.scalars(
            update(WaitlistRequest)
            .where(WaitlistRequest.status == WaitlistStatus.OPEN,
                   or_(WaitlistRequest.expires_on < current, WaitlistRequest.latest_on < current))
            .values(status=WaitlistStatus.EXPIRED)
            .returning(WaitlistRequest.id)
        ))
        if ids:
            uow.record("expire", "waitlist_request", None, {"ids": ids, "day": current.isoformat()})
            uow.emit(Topic.WAITLIST)
        return len(ids)

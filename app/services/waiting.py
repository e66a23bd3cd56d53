"""The waiting room: check-in, walk-ins, the queues, calling the next patient, and the day's flow.

One queue per doctor plus a shared queue for "any doctor". Urgent patients go first; then booked
patients by their appointment time and walk-ins by their arrival, merged. Every step is time-stamped so
that waiting and consultation times are facts for the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, NotFound
from app.events import Topic
from app.i18n import N_
from app.labels import LABELS
from app.models.clinic import Room
from app.models.patients import Patient
from app.models.scheduling import Appointment, AppointmentStatus, WaitingEntry, WaitingStatus
from app.models.staff import Doctor
from app.services.days import day_bounds, today
from app.services.numbering import next_number
from app.services.patients import live_patient
from app.services.permissions import Permission, require
from app.services.staff import active_doctor
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_text


@dataclass(frozen=True)
class WaitingRow:
    id: int
    ticket: str
    patient_id: int
    patient_name: str
    doctor_id: int | None
    doctor_name: str
    specialty: str
    room_name: str
    status: WaitingStatus
    urgent: bool
    urgent_reason: str
    walk_in: bool
    appointment_start: datetime | None
    arrived_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    reason: str
    appointment_id: int | None = None
    #: When the patient will probably be called (today's waiting patients only): an estimate from the
    #: people ahead in the same queue and the doctor's average consultation today.
    expected_call_at: datetime | None = None

    @property
    def queue_time(self) -> datetime:
        """Where the patient stands in the queue: the appointment time if booked, else the arrival."""
        return self.appointment_start or self.arrived_at

    @property
    def still_waiting(self) -> bool:
        """Waiting, or called but not yet with the doctor."""
        return self.status in _STILL_WAITING

    def waited_minutes(self, now: datetime) -> int:
        """The wait, in whole minutes: from arrival until called (until ``now`` while still waiting)."""
        end = now
        if not self.still_waiting:
            end = self.called_at or self.started_at or self.finished_at or self.arrived_at
        return max(0, int((end - self.arrived_at).total_seconds() // 60))

    def waits_too_long(self, now: datetime, warning_minutes: int) -> bool:
        """Still waiting, and for at least the clinic's warning time."""
        return self.still_waiting and self.waited_minutes(now) >= warning_minutes

    def expected_wait_minutes(self, now: datetime) -> int | None:
        """Minutes until the expected call (0 when it is due), or None when there is no estimate."""
        if self.expected_call_at is None or self.status is not WaitingStatus.WAITING:
            return None
        return max(0, -int((now - self.expected_call_at).total_seconds() // 60))


_OPEN = (WaitingStatus.WAITING, WaitingStatus.CALLED, WaitingStatus.IN_CONSULTATION)
_STILL_WAITING = (WaitingStatus.WAITING, WaitingStatus.CALLED)
_STATUS_RANK = {WaitingStatus.CALLED: 0, WaitingStatus.WAITING: 1, WaitingStatus.IN_CONSULTATION: 2,
                WaitingStatus.DONE: 3, WaitingStatus.LEFT: 4}


def queue_key(row: WaitingRow) -> tuple[int, bool, datetime]:
    return (_STATUS_RANK[row.status], not row.urgent, row.queue_time)


def _rows(session: Session, *conditions: ColumnElement[bool]) -> list[WaitingRow]:
    stmt = (
        select(WaitingEntry, Patient.display_name, Doctor.full_name, Doctor.specialty, Room.name,
               Appointment.start_at)
        .join(Patient, Patient.id == WaitingEntry.patient_id)
        .outerjoin(Doctor, Doctor.id == WaitingEntry.doctor_id)
        .outerjoin(Room, Room.id == WaitingEntry.room_id)
        .outerjoin(Appointment, Appointment.id == WaitingEntry.appointment_id)
        .where(*conditions)
    )
    rows = [
        WaitingRow(
            id=w.id, ticket=w.ticket, patient_id=w.patient_id, patient_name=patient, doctor_id=w.doctor_id,
            doctor_name=doctor or "", specialty=specialty or w.specialty, room_name=room or "", status=w.status,
            urgent=w.urgent, urgent_reason=w.urgent_reason, walk_in=w.appointment_id is None,
            appointment_start=start, arrived_at=w.arrived_at, called_at=w.called_at, started_at=w.started_at,
            finished_at=w.finished_at, reason=w.reason, appointment_id=w.appointment_id,
        )
        for w, patient, doctor, specialty, room, start in session.execute(stmt).all()
    ]
    return sorted(rows, key=queue_key)


def room_list(ctx: Context, day: date) -> list[WaitingRow]:
    """The day's waiting room: called and waiting first (urgent first, then queue time), then the rest.

    Today's waiting patients carry an expected call time (:func:`with_expected_calls`)."""
    require(ctx, Permission.VIEW_WAITING)
    start, end = day_bounds(ctx.clinic().zone, day)
    with ctx.db.read() as session:
        rows = _rows(session, WaitingEntry.arrived_at >= start, WaitingEntry.arrived_at < end)
        if day != today(ctx):
            return rows
        return with_expected_calls(rows, ctx.clock.now(), _consultation_minutes(session, start, end),
                                   _specialty_doctors(session), ctx.clinic().slot_minutes)


# -- expected waits ----------------------------------------------------------------------------------------

#: Finished consultations a doctor needs today before their own average replaces the clinic's slot size.
MIN_CONSULTATIONS_FOR_AVERAGE = 3


def _consultation_minutes(session: Session, start: datetime, end: datetime) -> dict[int, float]:
    """Each doctor's average consultation today, in minutes (only doctors with enough finished ones)."""
    spans: dict[int, list[float]] = {}
    stmt = select(WaitingEntry.doctor_id, WaitingEntry.started_at, WaitingEntry.finished_at).where(
        WaitingEntry.status == WaitingStatus.DONE, WaitingEntry.arrived_at >= start, WaitingEntry.arrived_at < end,
        WaitingEntry.doctor_id.is_not(None), WaitingEntry.started_at.is_not(None))
    for doctor_id, started, finished in session.execute(stmt):
        spans.setdefault(doctor_id, []).append((finished - started).total_seconds() / 60)
    return {doctor: sum(values) / len(values) for doctor, values in spans.items()
            if len(values) >= MIN_CONSULTATIONS_FOR_AVERAGE}


def _specialty_doctors(session: Session) -> dict[str, list[int]]:
    doctors: dict[str, list[int]] = {}
    for doctor_id, specialty in session.execute(select(Doctor.id, Doctor.specialty).where(Doctor.active.is_(True))):
        doctors.setdefault(specialty, []).append(doctor_id)
    return doctors


def with_expected_calls(rows: list[WaitingRow], now: datetime, average_minutes: dict[int, float],
                        specialty_doctors: dict[str, list[int]], default_minutes: int) -> list[WaitingRow]:
    """Each waiting patient's expected call: after everyone ahead in the same queue (and whoever is with
    the doctor now) has had an average consultation, and not before their appointment time.

    A doctor's queue is theirs; the shared queue of a specialty is served by all its doctors, so its
    patients advance as fast as those doctors together (a rough estimate, shown as such)."""
    ahead: dict[int | str, float] = {}
    for row in rows:
        if row.status in (WaitingStatus.CALLED, WaitingStatus.IN_CONSULTATION) and row.doctor_id is not None:
            ahead[row.doctor_id] = ahead.get(row.doctor_id, 0) + 1
    estimated: list[WaitingRow] = []
    for row in rows:
        if row.status is not WaitingStatus.WAITING:
            estimated.append(row)
            continue
        if row.doctor_id is not None:
            queue: int | str = row.doctor_id
            minutes = average_minutes.get(row.doctor_id, default_minutes)
        else:
            queue = f"specialty:{row.specialty}"
            serving = specialty_doctors.get(row.specialty) or [d for ids in specialty_doctors.values() for d in ids]
            minutes = default_minutes / max(1, len(serving))
        expected = now + timedelta(minutes=ahead.get(queue, 0) * minutes)
        if row.appointment_start is not None:
            expected = max(expected, row.appointment_start)
        ahead[queue] = ahead.get(queue, 0) + 1
        estimated.append(replace(row, expected_call_at=expected))
    return estimated


@dataclass(frozen=True)
class ExpectedArrival:
    """A booked appointment today whose patient has not arrived yet (what "check in" searches)."""

    appointment_id: int
    start_at: datetime
    patient_id: int
    patient_name: str
    patient_phone: str
    doctor_name: str


#: Appointments whose patient can still arrive; check-in moves them to "arrived".
CHECK_IN_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)


def expected_today(ctx: Context) -> list[ExpectedArrival]:
    """Today's appointments still waiting for their patient, by time."""
    require(ctx, Permission.VIEW_WAITING)
    start, end = day_bounds(ctx.clinic().zone, today(ctx))
    stmt = (
        select(Appointment.id, Appointment.start_at, Patient.id, Patient.display_name, Patient.phone,
               Doctor.full_name)
        .join(Patient, Patient.id == Appointment.patient_id)
        .join(Doctor, Doctor.id == Appointment.doctor_id)
        .where(Appointment.start_at >= start, Appointment.start_at < end,
               Appointment.status.in_(CHECK_IN_STATUSES))
        .order_by(Appointment.start_at, Doctor.full_name)
    )
    with ctx.db.read() as session:
        return [ExpectedArrival(*row) for row in session.execute(stmt).all()]


# -- arriving ----------------------------------------------------------------------------------------------


def _ticket(session: Session, ctx: Context) -> str:
    day = today(ctx)
    return f"{next_number(session, f'ticket-{day.isoformat()}', day.year):03d}"


def _entry(session: Session, entry_id: int) -> WaitingEntry:
    entry = session.get(WaitingEntry, entry_id)
    if entry is None:
        raise NotFound(N_("This patient is no longer in the waiting room."))
    return entry


def _one(session: Session, entry_id: int) -> WaitingRow:
    return _rows(session, WaitingEntry.id == entry_id)[0]


def admit_appointment(uow: UnitOfWork, appointment: Appointment) -> WaitingEntry:
    """Put a booked patient who has arrived into the waiting room (in the caller's transaction)."""
    ctx, session = uow.ctx, uow.session
    if appointment.start_at.astimezone(ctx.clinic().zone).date() != today(ctx):
        raise Conflict(N_("Only today's appointments can be checked in."))
    if session.scalar(select(WaitingEntry.id).where(WaitingEntry.appointment_id == appointment.id)) is not None:
        raise Conflict(N_("This patient is already checked in for this visit."))
    doctor = session.get(Doctor, appointment.doctor_id)
    entry = WaitingEntry(
        patient_id=appointment.patient_id, appointment_id=appointment.id, doctor_id=appointment.doctor_id,
        specialty=doctor.specialty if doctor else "", ticket=_ticket(session, ctx), arrived_at=ctx.clock.now(),
        room_id=appointment.room_id,
    )
    session.add(entry)
    session.flush()
    uow.record("check_in", "waiting_entry", entry.id, {"appointment_id": appointment.id, "ticket": entry.ticket})
    uow.emit(Topic.WAITING, entry.id)
    return entry


def check_in(ctx: Context, appointment_id: int) -> WaitingRow:
    """A booked patient arrives: the appointment becomes 'arrived' and the patient joins the queue."""
    require(ctx, Permission.MANAGE_WAITING)
    with unit_of_work(ctx) as uow:
        appointment = uow.session.get(Appointment, appointment_id)
        if appointment is None:
            raise NotFound(N_("This appointment no longer exists."))
        if appointment.status not in CHECK_IN_STATUSES:
            raise Conflict(N_("This patient is already checked in for this visit.")
                           if appointment.status is AppointmentStatus.ARRIVED
                           else N_("This appointment is not waiting for the patient."))
        entry = admit_appointment(uow, appointment)
        previous, appointment.status = appointment.status, AppointmentStatus.ARRIVED
        appointment.updated_at = ctx.clock.now()
        uow.record("status", "appointment", appointment.id, {"from": previous.value, "to": "arrived"})
        uow.emit(Topic.APPOINTMENTS, appointment.id)
        return _one(uow.session, entry.id)


def walk_in(ctx: Context, patient_id: int, *, doctor_id: int | None = None, specialty: str = "",
            reason: str = "", urgent: bool = False, urgent_reason: str = "") -> WaitingRow:
    """A patient without an appointment joins a doctor's queue, or the shared one for a specialty."""
    require(ctx, Permission.MANAGE_WAITING)
    clean_reason = clean_text(reason, N_("Reason"), max_length=400)
    clean_specialty = clean_text(specialty, N_("Specialty"), max_length=80)
    why_urgent = clean_text(urgent_reason, N_("Why urgent"), max_length=200, required=urgent)
    with unit_of_work(ctx) as uow:
        session = uow.session
        live_patient(session, patient_id)
        room_id = None
        if doctor_id is not None:
            doctor = active_doctor(session, doctor_id)
            clean_specialty, room_id = doctor.specialty, doctor.room_id
        already = session.scalar(select(WaitingEntry.id).where(
            WaitingEntry.patient_id == patient_id, WaitingEntry.status.in_(_OPEN),
            WaitingEntry.arrived_at >= day_bounds(ctx.clinic().zone, today(ctx))[0]))
        if already is not None:
            raise Conflict(N_("This patient is already in the waiting room."))
        entry = WaitingEntry(
            patient_id=patient_id, doctor_id=doctor_id, specialty=clean_specialty, reason=clean_reason,
            ticket=_ticket(session, ctx), urgent=urgent, urgent_reason=why_urgent, arrived_at=ctx.clock.now(),
            room_id=room_id,
        )
        session.add(entry)
        session.flush()
        uow.record("walk_in", "waiting_entry", entry.id,
                   {"patient_id": patient_id, "doctor_id": doctor_id, "urgent": urgent, "ticket": entry.ticket})
        uow.emit(Topic.WAITING, entry.id)
        return _one(session, entry.id)


def mark_urgent(ctx: Context, entry_id: int, reason: str) -> WaitingRow:
    require(ctx, Permission.MANAGE_WAITING)
    why = clean_text(reason, N_("Why urgent"), max_length=200, required=True)
    with unit_of_work(ctx) as uow:
        entry = _entry(uow.session, entry_id)
        entry.urgent, entry.urgent_reason = True, why
        uow.record("urgent", "waiting_entry", entry.id, {"reason": why})
        uow.emit(Topic.WAITING, entry.id)
        return _one(uow.session, entry.id)


# -- the flow ------------------------------------------------------------------------------------------------

_NEXT_STEP: dict[WaitingStatus, frozenset[WaitingStatus]] = {
    WaitingStatus.WAITING: frozenset({WaitingStatus.CALLED, WaitingStatus.LEFT}),
    WaitingStatus.CALLED: frozenset({WaitingStatus.WAITING, WaitingStatus.IN_CONSULTATION, WaitingStatus.LEFT}),
    WaitingStatus.IN_CONSULTATION: frozenset({WaitingStatus.DONE}),
    WaitingStatus.DONE: frozenset(),
    WaitingStatus.LEFT: frozenset(),
}
_APPOINTMENT_STEP = {
    WaitingStatus.IN_CONSULTATION: AppointmentStatus.IN_CONSULTATION,
    WaitingStatus.DONE: AppointmentStatus.COMPLETED,
}


def next_steps(status: WaitingStatus) -> frozenset[WaitingStatus]:
    """Where a patient in ``status`` may go next (the dock offers only these)."""
    return _NEXT_STEP[status]


def in_queue_of(row: WaitingRow, doctor_id: int, specialty: str) -> bool:
    """Whether the patient is in this doctor's queue: waiting for them, or in the shared queue of their
    specialty or of any doctor (the same rule ``call_next`` applies in SQL), or already theirs."""
    if row.doctor_id is not None:
        return row.doctor_id == doctor_id
    return row.status is WaitingStatus.WAITING and row.specialty in ("", specialty)


class InvalidStep(Conflict):
    translated_params = frozenset({"current", "wanted"})


def _advance(uow: UnitOfWork, entry: WaitingEntry, status: WaitingStatus) -> None:
    if status not in _NEXT_STEP[entry.status]:
        raise InvalidStep(N_("A patient cannot go from “{current}” to “{wanted}”."),
                          current=LABELS[WaitingStatus][entry.status], wanted=LABELS[WaitingStatus][status])
    now = uow.ctx.clock.now()
    previous, entry.status = entry.status, status
    if status is WaitingStatus.CALLED:
        entry.called_at = now
    elif status is WaitingStatus.IN_CONSULTATION:
        entry.started_at = now
    elif status in (WaitingStatus.DONE, WaitingStatus.LEFT):
        entry.finished_at = now
    appointment_status = _APPOINTMENT_STEP.get(status)
    if appointment_status is not None and entry.appointment_id is not None:
        appointment = uow.session.get(Appointment, entry.appointment_id)
        if appointment is not None:
            appointment.status, appointment.updated_at = appointment_status, now
            uow.record("status", "appointment", appointment.id, {"to": appointment_status.value})
            uow.emit(Topic.APPOINTMENTS, appointment.id)
    uow.record("step", "waiting_entry", entry.id, {"from": previous.value, "to": status.value})
    uow.emit(Topic.WAITING, entry.id)


def call_next(ctx: Context, doctor_id: int) -> WaitingRow:
    """Call the first patient waiting for this doctor, or for any doctor of the doctor's specialty."""
    require(ctx, Permission.MANAGE_WAITING)
    zone = ctx.clinic().zone
    with unit_of_work(ctx) as uow:
        session = uow.session
        doctor = active_doctor(session, doctor_id)
        start, end = day_bounds(zone, today(ctx))
        candidates = _rows(
            session, WaitingEntry.status == WaitingStatus.WAITING,
            WaitingEntry.arrived_at >= start, WaitingEntry.arrived_at < end,
            or_(WaitingEntry.doctor_id == doctor_id,
                and_(WaitingEntry.doctor_id.is_(None),
                     or_(WaitingEntry.specialty == "", WaitingEntry.specialty == doctor.specialty))),
        )
        if not candidates:
            raise Conflict(N_("No one is waiting for {doctor}."), doctor=doctor.full_name)
        entry = _entry(session, candidates[0].id)
        entry.doctor_id, entry.room_id = doctor.id, doctor.room_id
        _advance(uow, entry, WaitingStatus.CALLED)
        session.flush()
        return _one(session, entry.id)


def _step(ctx: Context, entry_id: int, status: WaitingStatus) -> WaitingRow:
    require(ctx, Permission.MANAGE_WAITING)
    with unit_of_work(ctx) as uow:
        entry = _entry(uow.session, entry_id)
        _advance(uow, entry, status)
        uow.session.flush()
        return _one(uow.session, entry.id)


def start_consultation(ctx: Context, entry_id: int) -> WaitingRow:
    return _step(ctx, entry_id, WaitingStatus.IN_CONSULTATION)


def finish(ctx: Context, entry_id: int) -> WaitingRow:
    """The visit is over: the appointment is completed and the visit goes on to the cashier."""
    return _step(ctx, entry_id, WaitingStatus.DONE)


def left_without_being_seen(ctx: Context, entry_id: int) -> WaitingRow:
    return _step(ctx, entry_id, WaitingStatus.LEFT)


def send_back(ctx: Context, entry_id: int) -> WaitingRow:
    """A called patient did not come: back to waiting, keeping their place."""
    return _step(ctx, entry_id, WaitingStatus.WAITING)


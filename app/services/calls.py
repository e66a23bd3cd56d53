"""The call log: logging a call (with what it decided) and reading the day's calls and open tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import InvalidInput, NotFound, Notice
from app.events import Topic
from app.i18n import N_
from app.labels import LABELS
from app.models.calls import (
    Call,
    CallDirection,
    CallOutcome,
    CallPurpose,
    RefusalReason,
    Task,
    TaskPriority,
    TaskStatus,
)
from app.models.complaints import ContactChannel, FeedbackKind
from app.models.patients import Patient
from app.models.scheduling import Appointment, AppointmentStatus, CancelReason
from app.models.staff import Doctor, Role, StaffUser
from app.services.complaints import ComplaintInput, ComplaintRow, log_complaint_in
from app.services.days import day_bounds
from app.services.patients import live_patient
from app.services.permissions import Permission, require
from app.services.scheduling import AppointmentRow, BookingRequest, book_in, set_status_in
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_phone, clean_text


@dataclass(frozen=True)
class CallRow:
    id: int
    at: datetime
    direction: CallDirection
    channel: ContactChannel
    purpose: CallPurpose
    outcome: CallOutcome
    who: str
    phone: str
    note: str
    by: str
    patient_id: int | None = None
    appointment_id: int | None = None
    refusal: RefusalReason | None = None
    callback_at: datetime | None = None
    satisfaction: int | None = None


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    priority: TaskPriority
    due_at: datetime | None
    assigned_to: str
    patient_name: str
    status: TaskStatus
    details: str = ""
    patient_id: int | None = None
    assigned_user_id: int | None = None
    assigned_role: Role | None = None

    def overdue(self, now: datetime) -> bool:
        return self.status is TaskStatus.OPEN and self.due_at is not None and self.due_at < now


def _call_rows(ctx: Context, *conditions: ColumnElement[bool]) -> list[CallRow]:
    stmt = (
        select(Call, Patient.display_name, StaffUser.full_name)
        .outerjoin(Patient, Patient.id == Call.patient_id)
        .join(StaffUser, StaffUser.id == Call.by_user_id)
        .where(*conditions)
        .order_by(Call.at.desc(), Call.id.desc())
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        CallRow(c.id, c.at, c.direction, c.channel, c.purpose, c.outcome, patient or c.caller_name, c.phone,
                c.note, by, c.patient_id, c.appointment_id, c.refusal, c.callback_at, c.satisfaction)
        for c, patient, by in rows
    ]


def calls_on(ctx: Context, day: date) -> list[CallRow]:
    require(ctx, Permission.VIEW_CALLS)
    start, end = day_bounds(ctx.clinic().zone, day)
    return _call_rows(ctx, Call.at >= start, Call.at < end)


def open_tasks(ctx: Context) -> list[TaskRow]:
    require(ctx, Permission.VIEW_CALLS)
    stmt = (
        select(Task, StaffUser.full_name, Patient.display_name)
        .outerjoin(StaffUser, StaffUser.id == Task.assigned_user_id)
        .outerjoin(Patient, Patient.id == Task.patient_id)
        .where(Task.status == TaskStatus.OPEN)
        .order_by(Task.due_at)
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        TaskRow(t.id, t.title, t.priority, t.due_at, assignee or "", patient or "", t.status, t.details,
                t.patient_id, t.assigned_user_id, t.assigned_role)
        for t, assignee, patient in rows
    ]


# -- logging a call -------------------------------------------------------------------------------------

_P, _O = CallPurpose, CallOutcome
#: The outcomes each purpose can have; anything else contradicts the purpose (a question "confirmed").
OUTCOMES: dict[CallPurpose, frozenset[CallOutcome]] = {
    _P.BOOKING: frozenset({_O.BOOKED, _O.DECLINED, _O.NO_ANSWER, _O.CALL_BACK_LATER, _O.WRONG_NUMBER}),
    _P.QUESTION: frozenset({_O.ANSWERED, _O.BOOKED, _O.NO_ANSWER, _O.CALL_BACK_LATER, _O.WRONG_NUMBER}),
    _P.COMPLAINT: frozenset({_O.ANSWERED, _O.NO_ANSWER, _O.CALL_BACK_LATER, _O.WRONG_NUMBER}),
    _P.REMINDER: frozenset({_O.CONFIRMED, _O.DECLINED, _O.NO_ANSWER, _O.CALL_BACK_LATER, _O.WRONG_NUMBER}),
    _P.FOLLOW_UP: frozenset({_O.ANSWERED, _O.BOOKED, _O.NO_ANSWER, _O.CALL_BACK_LATER, _O.WRONG_NUMBER}),
    _P.CALLBACK: frozenset({_O.ANSWERED, _O.BOOKED, _O.DECLINED, _O.NO_ANSWER, _O.CALL_BACK_LATER,
                            _O.WRONG_NUMBER}),
    _P.RECALL: frozenset({_O.BOOKED, _O.DECLINED, _O.NO_ANSWER, _O.CALL_BACK_LATER, _O.WRONG_NUMBER}),
}
#: Outcomes after which the call still has to be made again: the worklist item stays open.
UNFINISHED_OUTCOMES = frozenset({_O.NO_ANSWER, _O.CALL_BACK_LATER})
#: A cancellation this close to the appointment counts as late (the monthly late-cancellation rate).
LATE_CANCELLATION = timedelta(hours=24)
#: The satisfaction question's scale on follow-up calls.
SATISFACTION_RANGE = range(1, 6)
#: How far ahead a callback may be promised before it is taken for a typing slip.
MAX_CALLBACK_AHEAD = timedelta(days=92)


class OutcomeContradictsPurpose(InvalidInput):
    translated_params = frozenset({"field", "purpose", "outcome"})


@dataclass(frozen=True)
class CallInput:
    direction: CallDirection
    purpose: CallPurpose
    outcome: CallOutcome
    channel: ContactChannel = ContactChannel.PHONE
    patient_id: int | None = None
    #: The appointment the call is about (the reminded one, the visit followed up, the missed one).
    appointment_id: int | None = None
    phone: str = ""
    caller_name: str = ""
    note: str = ""
    refusal: RefusalReason | None = None
    callback_at: datetime | None = None
    #: The answer to the follow-up's satisfaction question, 1 (very unhappy) to 5 (very happy).
    satisfaction: int | None = None
    #: The earlier call whose promised callback this is.
    answers_call_id: int | None = None
    #: Booked during the call (outcome "booked"): the booking is made in the same transaction.
    booking: BookingRequest | None = None
    #: Booked during the call through the schedule's booking dialog (instead of ``booking``).
    booked_appointment_id: int | None = None
    #: A complaint the caller raised (on a follow-up, say): it goes to the complaint log in the same transaction.
    complaint: str = ""


@dataclass(frozen=True)
class LoggedCall:
    call: CallRow
    booked: AppointmentRow | None = None
    complaint_id: int | None = None
    #: The appointment a reminder call cancelled: its slot is free for the waitlist.
    cancelled: AppointmentRow | None = None
    notices: tuple[Notice, ...] = ()


def _check_call(ctx: Context, data: CallInput) -> tuple[str, str, str]:
    """The rules a call must keep before anything is written; returns the cleaned texts."""
    if data.outcome not in OUTCOMES[data.purpose]:
        raise OutcomeContradictsPurpose(N_("A “{purpose}” call cannot end as “{outcome}”."),
                                        purpose=LABELS[CallPurpose][data.purpose],
                                        outcome=LABELS[CallOutcome][data.outcome])
    if data.outcome is _O.NO_ANSWER and data.direction is CallDirection.INCOMING:
        raise InvalidInput(N_("An incoming call cannot end with no answer."))
    if data.outcome is _O.CALL_BACK_LATER:
        if data.callback_at is None:
            raise InvalidInput(N_("{field} must not be empty."), field=N_("Call back at"))
        now = ctx.clock.now()
        if data.callback_at <= now:
            raise InvalidInput(N_("{field} has already passed."), field=N_("Call back at"))
        if data.callback_at - now > MAX_CALLBACK_AHEAD:
            raise InvalidInput(N_("{field} is too far from today."), field=N_("Call back at"))
    elif data.callback_at is not None:
        raise InvalidInput(N_("A callback time belongs only to a call that ends with “call back later”."))
    if data.outcome is _O.DECLINED and data.refusal is None:
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Reason for declining"))
    if data.outcome is not _O.DECLINED and data.refusal is not None:
        raise InvalidInput(N_("A reason for declining belongs only to a declined call."))
    if data.purpose in (_P.REMINDER, _P.FOLLOW_UP) and data.appointment_id is None:
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Appointment"))
    if data.satisfaction is not None:
        if data.purpose is not _P.FOLLOW_UP:
            raise InvalidInput(N_("Only a follow-up call asks how satisfied the patient was."))
        if data.satisfaction not in SATISFACTION_RANGE:
            raise InvalidInput(N_("{field} must be between {low} and {high}."), field=N_("Satisfaction"),
                               low=SATISFACTION_RANGE.start, high=SATISFACTION_RANGE.stop - 1)
    booked = data.booking is not None or data.booked_appointment_id is not None
    if (data.outcome is _O.BOOKED) != booked or (data.booking is not None and data.booked_appointment_id):
        raise InvalidInput(N_("A call ends as “booked” exactly when an appointment is booked during it."))
    if data.booking is not None and data.patient_id is not None and data.booking.patient_id != data.patient_id:
        raise InvalidInput(N_("The appointment is booked for another patient than the caller."))
    phone = clean_phone(data.phone, N_("Phone"))
    caller = clean_text(data.caller_name, N_("Caller"), max_length=200)
    note = clean_text(data.note, N_("Note"), max_length=2000, multiline=True)
    known = data.patient_id is not None or data.appointment_id is not None or data.booking is not None
    if not (known or phone or caller):
        raise InvalidInput(N_("Choose the patient, or write the caller's name or phone number."))
    if data.refusal is RefusalReason.OTHER and not note:
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Note"))
    return phone, caller, note


def log_call(ctx: Context, data: CallInput) -> LoggedCall:
    """Log a call in one transaction with what it decided: a reminder's confirmation or cancellation, a
    booking made during the call. Nothing is written if any part is refused."""
    actor = require(ctx, Permission.LOG_CALLS)
    phone, caller, note = _check_call(ctx, data)
    with unit_of_work(ctx) as uow:
        session = uow.session
        now = ctx.clock.now()
        appointment = _about_appointment(session, data.appointment_id, data.patient_id)
        patient_id = data.patient_id or (appointment.patient_id if appointment else None) or (
            data.booking.patient_id if data.booking else None)
        if patient_id is not None:
            phone = phone or live_patient(session, patient_id).phone
        if data.answers_call_id is not None and session.get(Call, data.answers_call_id) is None:
            raise NotFound(N_("The call this one answers no longer exists."))
        booked = book_in(uow, data.booking) if data.booking is not None else None
        booked_id = booked.appointment.id if booked else data.booked_appointment_id
        made = _about_appointment(session, data.booked_appointment_id, patient_id)
        patient_id = patient_id or (made.patient_id if made else None)
        complaint = _raise_complaint(uow, data, patient_id, caller, phone) if data.complaint.strip() else None
        cancelled = None
        if data.purpose is _P.REMINDER and appointment is not None:
            if data.outcome is _O.CONFIRMED:
                set_status_in(uow, appointment.id, AppointmentStatus.CONFIRMED)
            elif data.outcome is _O.DECLINED:
                late = appointment.start_at - now < LATE_CANCELLATION
                cancelled = set_status_in(uow, appointment.id, AppointmentStatus.CANCELLED,
                                          CancelReason.LATE_CANCELLATION if late else CancelReason.BY_PATIENT)
        call = Call(
            direction=data.direction, channel=data.channel, purpose=data.purpose, outcome=data.outcome,
            patient_id=patient_id, appointment_id=data.appointment_id, phone=phone, caller_name=caller,
            note=note, refusal=data.refusal, callback_at=data.callback_at, satisfaction=data.satisfaction,
            answers_call_id=data.answers_call_id,
            booked_appointment_id=booked_id, at=now, by_user_id=actor.user_id,
            complaint_id=complaint.id if complaint else None,
        )
        session.add(call)
        session.flush()
        uow.record("log", "call", call.id, {
            "direction": data.direction.value, "purpose": data.purpose.value, "outcome": data.outcome.value,
            "patient_id": patient_id, "appointment_id": data.appointment_id,
            "booked_appointment_id": call.booked_appointment_id, "answers_call_id": data.answers_call_id,
            "complaint_id": call.complaint_id,
        })
        uow.emit(Topic.CALLS, call.id)
        call_id = call.id
    row = _call_rows(ctx, Call.id == call_id)[0]
    return LoggedCall(row, booked.appointment if booked else None, complaint.id if complaint else None, cancelled,
                      booked.notices if booked else ())


def _raise_complaint(uow: UnitOfWork, data: CallInput, patient_id: int | None, caller: str,
                     phone: str) -> ComplaintRow:
    """The caller's complaint, entered into the complaint log through its own intake (same transaction)."""
    return log_complaint_in(uow, ComplaintInput(
        kind=FeedbackKind.COMPLAINT, channel=data.channel, received_at=uow.ctx.clock.now(), text=data.complaint,
        patient_id=patient_id, contact_name=caller, contact_details=phone, appointment_id=data.appointment_id))


def _about_appointment(session: Session, appointment_id: int | None, patient_id: int | None) -> Appointment | None:
    if appointment_id is None:
        return None
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(N_("This appointment no longer exists."))
    if patient_id is not None and appointment.patient_id != patient_id:
        raise InvalidInput(N_("The appointment belongs to another patient than the caller."))
    return appointment


@dataclass(frozen=True)
class AppointmentChoice:
    """One of the caller's appointments a call can be about."""

    id: int
    start_at: datetime
    doctor_name: str
    status: AppointmentStatus


#: The caller's appointments offered for a call: the recent past (follow-ups, no-shows) and the future.
APPOINTMENTS_BACK = timedelta(days=14)


def appointments_of(ctx: Context, patient_id: int) -> list[AppointmentChoice]:
    require(ctx, Permission.VIEW_CALLS)
    stmt = (
        select(Appointment.id, Appointment.start_at, Doctor.full_name, Appointment.status)
        .join(Doctor, Doctor.id == Appointment.doctor_id)
        .where(Appointment.patient_id == patient_id, Appointment.start_at >= ctx.clock.now() - APPOINTMENTS_BACK)
        .order_by(Appointment.start_at)
        .limit(50)
    )
    with ctx.db.read() as session:
        return [AppointmentChoice(*row) for row in session.execute(stmt)]

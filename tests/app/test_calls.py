"""The call log and the worklists on both databases: clinic-day boundaries, reminders flowing into the
schedule and the waitlist, callbacks, no-shows, recalls, and bad input refused with nothing written."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.context import Context
from app.errors import DomainError, InvalidInput
from app.models.audit import AuditRecord
from app.models.calls import Call, CallDirection, CallOutcome, CallPurpose, RefusalReason, WorkKind
from app.models.catalog import Service
from app.models.complaints import Complaint, FeedbackKind
from app.models.scheduling import Appointment, AppointmentStatus, CancelReason
from app.services import calls, complaints, scheduling, waitlist, working_time, worklists
from app.services.calls import CallInput
from app.services.scheduling import BookingRequest
from app.services.waitlist import WaitlistInput
from app.services.working_time import TemplateSlot
from tests import builders

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = date(2026, 11, 23)  # the fixture clock: Monday 10:00 in Seoul, 01:00 UTC


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


def book(ctx: Context, doctor: int, patient: int, start: datetime, minutes: int = 30, **kw) -> int:
    request = BookingRequest(patient, doctor, start, minutes, outside_hours=True, **kw)
    return scheduling.book(ctx, request).appointment.id


def visit(ctx: Context, doctor: int, patient: int, start: datetime, **kw) -> int:
    """A completed visit at ``start``: booked, arrived and seen on its own day (the clock goes back there)."""
    now = ctx.clock.now()
    ctx.clock.set(start)
    try:
        appointment = book(ctx, doctor, patient, start, **kw)
        for status in (AppointmentStatus.ARRIVED, AppointmentStatus.COMPLETED):
            scheduling.set_status(ctx, appointment, status)
    finally:
        ctx.clock.set(now)
    return appointment


@pytest.fixture
def clinic(ctx: Context):
    doctor = builders.add_doctor(ctx)
    working_time.set_template(ctx, doctor, [TemplateSlot(d, time(9), time(18)) for d in range(7)])
    patients = [builders.add_patient(ctx, family, given, phone=f"010-1234-{i:04d}").id
                for i, (family, given) in enumerate([("김", "민준"), ("Иванова", "Анна"), ("Popescu", "Ion"),
                                                       ("王", "秀英")])]
    return ctx, doctor, patients


def counts(ctx: Context) -> tuple[int, int, int]:
    with ctx.db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(table))
                     for table in (Call, Appointment, AuditRecord))


def refused(ctx: Context, data: CallInput, message_part: str) -> None:
    before = counts(ctx)
    with pytest.raises(DomainError) as caught:
        calls.log_call(ctx, data)
    assert message_part in caught.value.message()
    assert counts(ctx) == before


def test_reminders_are_tomorrow_in_the_clinics_zone(clinic):
    ctx, doctor, (kim, anna, ion, wang) = clinic
    tomorrow = TODAY + timedelta(days=1)
    first = book(ctx, doctor, kim, at(tomorrow, 0, 0))       # 15:00 UTC today: a UTC day would miss it
    last = book(ctx, doctor, anna, at(tomorrow, 23, 30))     # 14:30 UTC tomorrow
    book(ctx, doctor, ion, at(TODAY, 23, 30))                # tonight: today, not tomorrow
    book(ctx, doctor, wang, at(tomorrow + timedelta(days=1), 0, 0))  # the day after tomorrow
    items = worklists.worklist(ctx, WorkKind.REMINDER)
    assert [item.appointment_id for item in items] == [first, last]
    assert items[0].patient_name == "김민준"
    assert items[0].phone == "010-1234-0000"
    assert all(item.urgent for item in items)


def test_follow_ups_are_yesterdays_completed_visits(clinic):
    ctx, doctor, (kim, anna, ion, wang) = clinic
    yesterday = TODAY - timedelta(days=1)
    early = visit(ctx, doctor, kim, at(yesterday, 0, 0))
    late = visit(ctx, doctor, anna, at(yesterday, 23, 30))
    visit(ctx, doctor, ion, at(yesterday - timedelta(days=1), 23, 30))
    missed = book(ctx, doctor, wang, at(yesterday, 12))
    scheduling.set_status(ctx, missed, AppointmentStatus.NO_SHOW)
    items = worklists.worklist(ctx, WorkKind.FOLLOW_UP)
    assert [item.appointment_id for item in items] == [early, late]
    assert [item.appointment_id for item in worklists.worklist(ctx, WorkKind.NO_SHOW)] == [missed]

    logged = calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.FOLLOW_UP, CallOutcome.ANSWERED,
                                           appointment_id=early, satisfaction=4, note="Feels much better"))
    assert logged.call.patient_id == kim
    assert logged.call.satisfaction == 4
    assert [item.appointment_id for item in worklists.worklist(ctx, WorkKind.FOLLOW_UP)] == [late]
    with ctx.db.read() as session:
        assert session.get(Call, logged.call.id).satisfaction == 4

    unhappy = calls.log_call(ctx, CallInput(
        CallDirection.OUTGOING, CallPurpose.FOLLOW_UP, CallOutcome.ANSWERED, appointment_id=late, satisfaction=1,
        complaint="Waited 50 minutes past the appointment time and nobody explained why"))
    [complaint] = complaints.open_list(ctx)
    assert complaint.id == unhappy.complaint_id
    assert (complaint.patient_id, complaint.kind) == (anna, FeedbackKind.COMPLAINT)
    with ctx.db.read() as session:
        stored = session.get(Complaint, complaint.id)
        assert (stored.appointment_id, stored.text) == (late, "Waited 50 minutes past the appointment time and "
                                                              "nobody explained why")
        assert session.get(Call, unhappy.call.id).complaint_id == complaint.id


def test_confirming_a_reminder_confirms_the_appointment(clinic):
    ctx, doctor, (kim, *_rest) = clinic
    appointment = book(ctx, doctor, kim, at(TODAY + timedelta(days=1), 9))
    calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.REMINDER, CallOutcome.NO_ANSWER,
                                  appointment_id=appointment))
    [item] = worklists.worklist(ctx, WorkKind.REMINDER)
    assert item.attempts == 1
    calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.REMINDER, CallOutcome.CONFIRMED,
                                  appointment_id=appointment))
    [row] = scheduling.day_list(ctx, TODAY + timedelta(days=1))
    assert row.status is AppointmentStatus.CONFIRMED
    assert worklists.worklist(ctx, WorkKind.REMINDER) == []


def test_a_cancellation_on_a_reminder_frees_the_slot_for_the_waitlist(clinic):
    ctx, doctor, (kim, anna, *_rest) = clinic
    tomorrow = TODAY + timedelta(days=1)
    start = at(tomorrow, 11)  # 25 hours ahead: not a late cancellation
    appointment = book(ctx, doctor, kim, start)
    request = waitlist.add_request(ctx, WaitlistInput(anna, TODAY, tomorrow + timedelta(days=7), doctor_id=doctor))
    logged = calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.REMINDER, CallOutcome.DECLINED,
                                           appointment_id=appointment, refusal=RefusalReason.TIME_NOT_SUITABLE))
    assert logged.cancelled is not None
    assert logged.cancelled.status is AppointmentStatus.CANCELLED
    with ctx.db.read() as session:
        stored = session.get(Appointment, appointment)
        assert stored.status is AppointmentStatus.CANCELLED
        assert stored.cancel_reason is CancelReason.BY_PATIENT
    offers = waitlist.matches(ctx, doctor, start)
    assert [offer.id for offer in offers] == [request.id]
    waitlist.book_request(ctx, request.id, doctor, start, 30)
    assert [(r.patient_id, r.status) for r in scheduling.day_list(ctx, tomorrow)
            if r.status is not AppointmentStatus.CANCELLED] == [(anna, AppointmentStatus.BOOKED)]


def test_a_late_cancellation_is_counted_as_late(clinic):
    ctx, doctor, (kim, *_rest) = clinic
    appointment = book(ctx, doctor, kim, at(TODAY + timedelta(days=1), 0, 30))  # 14.5 hours away
    calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.REMINDER, CallOutcome.DECLINED,
                                  appointment_id=appointment, refusal=RefusalReason.NO_LONGER_NEEDED))
    with ctx.db.read() as session:
        assert session.get(Appointment, appointment).cancel_reason is CancelReason.LATE_CANCELLATION


def test_a_promised_callback_is_listed_until_answered(clinic):
    ctx, _doctor, (kim, *_rest) = clinic
    promised = calls.log_call(ctx, CallInput(
        CallDirection.INCOMING, CallPurpose.QUESTION, CallOutcome.CALL_BACK_LATER, patient_id=kim,
        callback_at=at(TODAY, 16), note="Asks about test results"))
    later = calls.log_call(ctx, CallInput(
        CallDirection.INCOMING, CallPurpose.QUESTION, CallOutcome.CALL_BACK_LATER, caller_name="Mr. Park",
        phone="010-9999-0000", callback_at=at(TODAY + timedelta(days=1), 0, 30)))
    items = worklists.worklist(ctx, WorkKind.CALLBACK)
    assert [item.call_id for item in items] == [promised.call.id]  # tomorrow 00:30 is not today's
    assert items[0].purpose is CallPurpose.QUESTION
    assert [i.call_id for i in worklists.worklist(ctx, WorkKind.CALLBACK, TODAY + timedelta(days=1))] == [
        promised.call.id, later.call.id]
    calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.CALLBACK, CallOutcome.ANSWERED,
                                  patient_id=kim, answers_call_id=promised.call.id))
    assert worklists.worklist(ctx, WorkKind.CALLBACK) == []


def test_booking_during_a_call_writes_both_in_one_transaction(clinic):
    ctx, doctor, (kim, anna, *_rest) = clinic
    missed = book(ctx, doctor, kim, at(TODAY - timedelta(days=2), 11))
    scheduling.set_status(ctx, missed, AppointmentStatus.NO_SHOW)
    assert [i.appointment_id for i in worklists.worklist(ctx, WorkKind.NO_SHOW)] == [missed]
    request = BookingRequest(kim, doctor, at(TODAY + timedelta(days=3), 10), 30, outside_hours=True)
    logged = calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.BOOKING, CallOutcome.BOOKED,
                                           patient_id=kim, appointment_id=missed, booking=request))
    assert logged.booked is not None
    assert logged.booked.patient_id == kim
    with ctx.db.read() as session:
        assert session.get(Call, logged.call.id).booked_appointment_id == logged.booked.id
    assert worklists.worklist(ctx, WorkKind.NO_SHOW) == []
    # The slot is taken now: a second booking call for the same time writes neither call nor booking.
    refused(ctx, CallInput(CallDirection.INCOMING, CallPurpose.BOOKING, CallOutcome.BOOKED, patient_id=anna,
                           booking=BookingRequest(anna, doctor, request.start_at, 30, outside_hours=True)),
            "already has an appointment")


def test_recall_is_due_months_after_the_last_visit(clinic):
    ctx, doctor, (kim, anna, *_rest) = clinic
    with ctx.db.write() as session:
        service = Service(code="SCALE", name="Scaling", price=50000, duration_minutes=30, recall_months=6)
        session.add(service)
        session.flush()
        service_id = service.id
    visit(ctx, doctor, kim, at(date(2026, 5, 20), 10), service_id=service_id)  # due 20 Nov: due now
    visit(ctx, doctor, anna, at(date(2026, 5, 25), 10), service_id=service_id)  # due 25 Nov: not yet
    [item] = worklists.worklist(ctx, WorkKind.RECALL)
    assert (item.patient_id, item.recall_due_on) == (kim, date(2026, 11, 20))
    calls.log_call(ctx, CallInput(CallDirection.OUTGOING, CallPurpose.RECALL, CallOutcome.DECLINED,
                                  patient_id=kim, refusal=RefusalReason.WENT_ELSEWHERE))
    assert worklists.worklist(ctx, WorkKind.RECALL) == []
    assert [i.patient_id for i in worklists.worklist(ctx, WorkKind.RECALL, date(2026, 11, 26))] == [anna]


def test_bad_calls_are_refused_and_nothing_is_written(clinic):
    ctx, doctor, (kim, anna, *_rest) = clinic
    appointment = book(ctx, doctor, kim, at(TODAY + timedelta(days=1), 9))
    annas = book(ctx, doctor, anna, at(TODAY + timedelta(days=1), 10))
    out, inc = CallDirection.OUTGOING, CallDirection.INCOMING
    refused(ctx, CallInput(inc, CallPurpose.BOOKING, CallOutcome.BOOKED, patient_id=kim, booked_appointment_id=annas),
            "another patient")
    refused(ctx, CallInput(inc, CallPurpose.QUESTION, CallOutcome.CALL_BACK_LATER, patient_id=kim,
                           callback_at=at(TODAY, 9)), "Call back at has already passed")
    refused(ctx, CallInput(out, CallPurpose.REMINDER, CallOutcome.ANSWERED, appointment_id=appointment),
            "cannot end as")
    refused(ctx, CallInput(inc, CallPurpose.QUESTION, CallOutcome.CONFIRMED, patient_id=kim), "cannot end as")
    refused(ctx, CallInput(inc, CallPurpose.BOOKING, CallOutcome.NO_ANSWER, patient_id=kim), "no answer")
    refused(ctx, CallInput(out, CallPurpose.BOOKING, CallOutcome.DECLINED, patient_id=kim), "Reason for declining")
    refused(ctx, CallInput(out, CallPurpose.REMINDER, CallOutcome.CONFIRMED, patient_id=kim), "Appointment")
    refused(ctx, CallInput(out, CallPurpose.BOOKING, CallOutcome.BOOKED, patient_id=kim), "booked")
    refused(ctx, CallInput(inc, CallPurpose.QUESTION, CallOutcome.ANSWERED), "caller's name")
    refused(ctx, CallInput(out, CallPurpose.FOLLOW_UP, CallOutcome.ANSWERED, appointment_id=appointment,
                           satisfaction=9), "between 1 and 5")
    with pytest.raises(InvalidInput) as caught:
        calls.log_call(ctx, CallInput(out, CallPurpose.REMINDER, CallOutcome.ANSWERED, appointment_id=appointment))
    assert "Напоминание" in caught.value.message("ru")  # the purpose is named in the reader's language
    statuses = {r.id: r.status for r in scheduling.day_list(ctx, TODAY + timedelta(days=1))}
    assert statuses == {appointment: AppointmentStatus.BOOKED, annas: AppointmentStatus.BOOKED}

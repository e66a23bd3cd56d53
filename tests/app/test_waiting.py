"""The waiting room and the waitlist, on both databases."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.context import Context
from app.errors import Conflict, InvalidInput
from app.models.audit import AuditRecord
from app.models.scheduling import AppointmentStatus, CancelReason, TimeOfDay, WaitingEntry, WaitingStatus
from app.services import scheduling, waiting, waitlist, working_time
from app.services.scheduling import BookingRequest, SlotTaken
from app.services.waitlist import WaitlistInput
from app.services.working_time import TemplateSlot
from tests import builders

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = date(2026, 11, 23)


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


@pytest.fixture
def clinic(ctx: Context):
    template = [TemplateSlot(d, time(9), time(18)) for d in range(7)]
    lee = builders.add_doctor(ctx, "Dr. Lee", "Family medicine")
    park = builders.add_doctor(ctx, "Dr. Park", "Family medicine")
    choi = builders.add_doctor(ctx, "Dr. Choi", "Dermatology")
    for doctor in (lee, park, choi):
        working_time.set_template(ctx, doctor, template)
    people = [builders.add_patient(ctx, f, g).id for f, g in [("김", "민준"), ("王", "秀英"), ("Иванов", "Иван"),
                                                              ("Popescu", "Ion")]]
    return ctx, (lee, park, choi), people


def _book(ctx, doctor, patient, start, minutes=30):
    return scheduling.book(ctx, BookingRequest(patient, doctor, start, minutes)).appointment


def _counts(ctx):
    with ctx.db.read() as session:
        return (session.scalar(select(func.count()).select_from(WaitingEntry)),
                session.scalar(select(func.count()).select_from(AuditRecord)))


def test_check_in_puts_a_booked_patient_in_the_queue(clinic):
    ctx, (lee, _, _), people = clinic
    appointment = _book(ctx, lee, people[0], at(10, 30))
    row = waiting.check_in(ctx, appointment.id)
    assert (row.ticket, row.status, row.doctor_name, row.walk_in) == ("001", WaitingStatus.WAITING, "Dr. Lee", False)
    assert scheduling.day_list(ctx, TODAY)[0].status is AppointmentStatus.ARRIVED
    before = _counts(ctx)
    with pytest.raises(Conflict, match="already checked in"):
        waiting.check_in(ctx, appointment.id)
    assert _counts(ctx) == before


def test_marking_arrived_in_the_schedule_checks_in(clinic):
    ctx, (lee, _, _), people = clinic
    appointment = _book(ctx, lee, people[0], at(11))
    scheduling.set_status(ctx, appointment.id, AppointmentStatus.ARRIVED)
    assert [r.patient_name for r in waiting.room_list(ctx, TODAY)] == ["김민준"]


def test_queue_order_urgent_first_then_appointment_or_arrival_time(clinic):
    ctx, (lee, _, _), people = clinic
    late_booking = _book(ctx, lee, people[0], at(11, 30))
    early_booking = _book(ctx, lee, people[1], at(10, 15))
    waiting.check_in(ctx, late_booking.id)
    ctx.clock.advance(timedelta(minutes=5))
    waiting.walk_in(ctx, people[2], doctor_id=lee, reason="cough")
    ctx.clock.advance(timedelta(minutes=5))
    waiting.check_in(ctx, early_booking.id)
    ctx.clock.advance(timedelta(minutes=5))
    urgent = waiting.walk_in(ctx, people[3], doctor_id=lee, urgent=True, urgent_reason="chest pain")
    order = [r.patient_name for r in waiting.room_list(ctx, TODAY)]
    assert order == ["Ion Popescu", "Иванов Иван", "王秀英", "김민준"]
    called = waiting.call_next(ctx, lee)
    assert called.id == urgent.id
    assert called.status is WaitingStatus.CALLED


def test_shared_queue_is_called_by_any_doctor_of_the_specialty(clinic):
    ctx, (lee, park, choi), people = clinic
    waiting.walk_in(ctx, people[0], specialty="Family medicine")
    before = _counts(ctx)
    with pytest.raises(Conflict, match=r"No one is waiting for Dr\. Choi"):
        waiting.call_next(ctx, choi)
    assert _counts(ctx) == before
    called = waiting.call_next(ctx, park)
    assert called.doctor_name == "Dr. Park"
    with pytest.raises(Conflict):
        waiting.call_next(ctx, lee)


def test_flow_is_time_stamped_and_completes_the_appointment(clinic):
    ctx, (lee, _, _), people = clinic
    appointment = _book(ctx, lee, people[0], at(10, 30))
    entry = waiting.check_in(ctx, appointment.id)
    ctx.clock.advance(timedelta(minutes=12))
    waiting.call_next(ctx, lee)
    ctx.clock.advance(timedelta(minutes=1))
    waiting.start_consultation(ctx, entry.id)
    ctx.clock.advance(timedelta(minutes=20))
    done = waiting.finish(ctx, entry.id)
    assert (done.called_at - done.arrived_at) == timedelta(minutes=12)
    assert (done.finished_at - done.started_at) == timedelta(minutes=20)
    assert scheduling.day_list(ctx, TODAY)[0].status is AppointmentStatus.COMPLETED
    with pytest.raises(Conflict):
        waiting.left_without_being_seen(ctx, entry.id)


def test_left_without_being_seen(clinic):
    ctx, (lee, _, _), people = clinic
    entry = waiting.walk_in(ctx, people[1], doctor_id=lee)
    assert waiting.left_without_being_seen(ctx, entry.id).status is WaitingStatus.LEFT


def test_walk_in_twice_and_urgent_without_reason_are_refused(clinic):
    ctx, (lee, _, _), people = clinic
    waiting.walk_in(ctx, people[1], doctor_id=lee)
    before = _counts(ctx)
    with pytest.raises(Conflict):
        waiting.walk_in(ctx, people[1], doctor_id=lee)
    with pytest.raises(InvalidInput):
        waiting.walk_in(ctx, people[2], doctor_id=lee, urgent=True)
    assert _counts(ctx) == before


def test_waitlist_window_must_be_in_order(clinic):
    ctx, _, people = clinic
    before = _counts(ctx)
    with pytest.raises(InvalidInput) as caught:
        waitlist.add_request(ctx, WaitlistInput(people[0], TODAY + timedelta(days=5), TODAY + timedelta(days=2)))
    assert "Latest date" in caught.value.message()
    assert _counts(ctx) == before


def test_waitlist_matching(clinic):
    ctx, (lee, park, choi), people = clinic
    tomorrow = TODAY + timedelta(days=1)
    for_lee = waitlist.add_request(ctx, WaitlistInput(people[0], TODAY, tomorrow, doctor_id=lee))
    for_specialty = waitlist.add_request(ctx, WaitlistInput(people[1], TODAY, tomorrow, specialty="Family medicine"))
    evenings = waitlist.add_request(ctx, WaitlistInput(people[2], TODAY, tomorrow, time_of_day=TimeOfDay.EVENING))
    later = waitlist.add_request(ctx, WaitlistInput(people[3], tomorrow + timedelta(days=3),
                                                    tomorrow + timedelta(days=9)))
    expiring = waitlist.add_request(ctx, WaitlistInput(people[3], TODAY, tomorrow, expires_on=TODAY))

    morning = [r.id for r in waitlist.matches(ctx, lee, at(10, day=tomorrow))]
    assert morning == [for_lee.id, for_specialty.id]
    evening = [r.id for r in waitlist.matches(ctx, park, at(17, 30, day=tomorrow))]
    assert evening == [for_specialty.id, evenings.id]
    assert [r.id for r in waitlist.matches(ctx, choi, at(17, 30, day=tomorrow))] == [evenings.id]
    ctx.clock.advance(timedelta(days=1))
    assert waitlist.expire(ctx) == 1
    assert expiring.id not in [r.id for r in waitlist.open_requests(ctx)]
    assert later.id in [r.id for r in waitlist.open_requests(ctx)]


def test_cancellation_offers_the_slot_and_booking_closes_the_request(clinic):
    ctx, (lee, _, _), people = clinic
    tomorrow = TODAY + timedelta(days=1)
    appointment = _book(ctx, lee, people[0], at(10, day=tomorrow))
    request = waitlist.add_request(ctx, WaitlistInput(people[1], TODAY, tomorrow, doctor_id=lee))
    scheduling.set_status(ctx, appointment.id, AppointmentStatus.CANCELLED, CancelReason.BY_PATIENT)
    offered = waitlist.matches(ctx, lee, at(10, day=tomorrow))
    assert [r.id for r in offered] == [request.id]
    result = waitlist.book_request(ctx, request.id, lee, at(10, day=tomorrow), 30)
    assert result.appointment.patient_name == "王秀英"
    assert waitlist.open_requests(ctx) == []


@pytest.mark.slow
def test_waitlist_booking_racing_an_ordinary_booking_has_one_winner(clinic):
    ctx, (lee, _, _), people = clinic
    tomorrow = TODAY + timedelta(days=1)
    request = waitlist.add_request(ctx, WaitlistInput(people[1], TODAY, tomorrow, doctor_id=lee))
    barrier = threading.Barrier(2)

    def from_waitlist() -> str:
        desk = builders.other_desk(ctx, 2)
        barrier.wait()
        try:
            waitlist.book_request(desk, request.id, lee, at(14, day=tomorrow), 30)
        except SlotTaken:
            return "lost"
        return "won"

    def ordinary() -> str:
        desk = builders.other_desk(ctx, 3)
        barrier.wait()
        try:
            _book(desk, lee, people[2], at(14, 15, day=tomorrow))
        except SlotTaken:
            return "lost"
        return "won"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(f.result() for f in [pool.submit(from_waitlist), pool.submit(ordinary)])
    assert outcomes == ["lost", "won"]
    still_open = [r.id for r in waitlist.open_requests(ctx)]
    booked = [a for a in scheduling.day_list(ctx, tomorrow) if a.status is AppointmentStatus.BOOKED]
    assert len(booked) == 1
    assert (request.id in still_open) == (booked[0].patient_name != "王秀英")


def test_wait_is_measured_from_arrival_to_call(clinic):
    ctx, (lee, _, _), people = clinic
    entry = waiting.walk_in(ctx, people[0], doctor_id=lee)
    ctx.clock.advance(timedelta(minutes=25))
    row = waiting.room_list(ctx, TODAY)[0]
    assert row.still_waiting
    assert row.waited_minutes(ctx.clock.now()) == 25
    assert row.waits_too_long(ctx.clock.now(), warning_minutes=20)
    waiting.call_next(ctx, lee)
    ctx.clock.advance(timedelta(minutes=30))
    called = waiting.start_consultation(ctx, entry.id)
    assert not called.still_waiting
    assert called.waited_minutes(ctx.clock.now()) == 25
    assert not called.waits_too_long(ctx.clock.now(), warning_minutes=20)


def test_expected_call_follows_the_queue_and_the_appointment_time(clinic):
    ctx, (lee, _, _), people = clinic
    now = ctx.clock.now()
    booked = _book(ctx, lee, people[0], at(11))
    waiting.walk_in(ctx, people[1], doctor_id=lee)
    waiting.walk_in(ctx, people[2], doctor_id=lee)
    waiting.check_in(ctx, booked.id)
    waiting.call_next(ctx, lee)
    rows = {r.patient_name: r for r in waiting.room_list(ctx, TODAY)}
    slot = ctx.clinic().slot_minutes
    # One patient is called (ahead of everyone); the walk-in behind waits one consultation.
    assert rows["Иванов Иван"].expected_call_at == now + timedelta(minutes=slot)
    assert rows["Иванов Иван"].expected_wait_minutes(now) == slot
    assert rows["김민준"].expected_call_at == at(11)  # not before the appointment
    assert rows["王秀英"].expected_call_at is None  # already called
    assert all(r.expected_call_at is None for r in waiting.room_list(ctx, TODAY - timedelta(days=1)))


def test_check_in_lists_todays_unarrived_appointments(clinic):
    ctx, (lee, park, _), people = clinic
    first = _book(ctx, lee, people[0], at(11))
    second = _book(ctx, park, people[1], at(10, 30))
    _book(ctx, lee, people[2], at(11, day=TODAY + timedelta(days=1)))
    assert [a.appointment_id for a in waiting.expected_today(ctx)] == [second.id, first.id]
    entry = waiting.check_in(ctx, first.id)
    assert [a.appointment_id for a in waiting.expected_today(ctx)] == [second.id]
    assert entry.appointment_id == first.id


def test_a_cancelled_or_moved_appointment_frees_its_slot(clinic):
    ctx, (lee, park, _), people = clinic
    tomorrow = TODAY + timedelta(days=1)
    cancelled = _book(ctx, lee, people[0], at(10, day=tomorrow))
    moved = _book(ctx, park, people[1], at(11, day=tomorrow))
    assert waitlist.freed_slot(ctx, cancelled.id) is None  # just booked: nothing freed
    scheduling.set_status(ctx, cancelled.id, AppointmentStatus.CANCELLED, CancelReason.BY_PATIENT)
    slot = waitlist.freed_slot(ctx, cancelled.id)
    assert (slot.doctor_id, slot.start_at, slot.duration_minutes) == (lee, at(10, day=tomorrow), 30)
    scheduling.move(ctx, moved.id, at(15, day=tomorrow))
    slot = waitlist.freed_slot(ctx, moved.id)
    assert (slot.doctor_id, slot.doctor_name, slot.start_at) == (park, "Dr. Park", at(11, day=tomorrow))
    past = _book(ctx, lee, people[2], at(9))
    scheduling.set_status(ctx, past.id, AppointmentStatus.CANCELLED, CancelReason.BY_CLINIC)
    assert waitlist.freed_slot(ctx, past.id) is None  # already started: nobody can take it
    assert [(s.doctor_name, s.start_at) for s in waitlist.freed_slots(ctx)] == [
        ("Dr. Lee", at(10, day=tomorrow)), ("Dr. Park", at(11, day=tomorrow))]
    _book(ctx, park, people[3], at(11, 15, day=tomorrow))  # someone else took part of the freed hour
    assert [s.doctor_name for s in waitlist.freed_slots(ctx)] == ["Dr. Lee"]
    ctx.clock.advance(waitlist.FREED_LOOKBACK + timedelta(minutes=1))
    assert waitlist.freed_slots(ctx) == []  # too long ago (and by now in the past)

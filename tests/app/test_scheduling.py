"""Booking, moving and cancelling on both databases: a doctor is never double-booked."""

from __future__ import annotations

import random
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text

from app.context import Context
from app.errors import Conflict, DatabaseBusy, DomainError, InvalidInput, NotFound, PermissionDenied
from app.models.audit import AuditRecord
from app.models.scheduling import Appointment, AppointmentStatus, CancelReason
from app.models.staff import ExceptionKind, Role
from app.services import auth, patients, scheduling, working_time
from app.services.scheduling import BookingRequest, OutsideWorkingHours, SlotTaken
from app.services.working_time import TemplateSlot
from tests import builders

SEOUL = ZoneInfo("Asia/Seoul")
TUESDAY = datetime(2026, 11, 24, tzinfo=SEOUL).date()


def at(hour: int, minute: int = 0, day=TUESDAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


def weekday_template() -> list[TemplateSlot]:
    return [TemplateSlot(d, s, e) for d in range(5) for s, e in ((time(9), time(13)), (time(14), time(18)))]


@pytest.fixture
def clinic(ctx: Context):
    doctor = builders.add_doctor(ctx)
    other = builders.add_doctor(ctx, "Dr. Park Ji-ho", "Dermatology")
    for doctor_id in (doctor, other):
        working_time.set_template(ctx, doctor_id, weekday_template())
    patient = builders.add_patient(ctx, "김", "민준").id
    return ctx, doctor, other, patient


def book(ctx, doctor, patient, start, minutes=30, **kw):
    return scheduling.book(ctx, BookingRequest(patient, doctor, start, minutes, **kw))


def _counts(ctx) -> tuple[int, int]:
    with ctx.db.read() as session:
        return (session.scalar(select(func.count()).select_from(Appointment)),
                session.scalar(select(func.count()).select_from(AuditRecord)))


def refused(ctx, error_type, call) -> DomainError:
    before = _counts(ctx)
    with pytest.raises(error_type) as caught:
        call()
    assert _counts(ctx) == before
    return caught.value


def test_overlap_refused_touching_allowed(clinic):
    ctx, doctor, _, patient = clinic
    result = book(ctx, doctor, patient, at(10))
    assert result.appointment.first_visit
    error = refused(ctx, SlotTaken, lambda: book(ctx, doctor, patient, at(10, 15)))
    assert "Dr. Lee Soo-jin" in error.message()
    book(ctx, doctor, patient, at(10, 30))
    book(ctx, doctor, patient, at(9, 30))


def test_cancelled_and_no_show_free_the_time(clinic):
    ctx, doctor, _, patient = clinic
    first = book(ctx, doctor, patient, at(11)).appointment
    scheduling.set_status(ctx, first.id, AppointmentStatus.CANCELLED, CancelReason.BY_PATIENT)
    second = book(ctx, doctor, patient, at(11)).appointment
    scheduling.set_status(ctx, second.id, AppointmentStatus.NO_SHOW)
    book(ctx, doctor, patient, at(11))


def test_moves_and_resizes_that_overlap_are_refused(clinic):
    ctx, doctor, other, patient = clinic
    a = book(ctx, doctor, patient, at(10)).appointment
    b = book(ctx, doctor, patient, at(11)).appointment
    refused(ctx, SlotTaken, lambda: scheduling.move(ctx, b.id, at(10, 20)))
    refused(ctx, SlotTaken, lambda: scheduling.move(ctx, a.id, at(10), duration_minutes=90))
    moved = scheduling.move(ctx, b.id, at(15), doctor_id=other).appointment
    assert (moved.doctor_id, moved.start_at) == (other, at(15).astimezone(UTC))
    scheduling.move(ctx, a.id, at(10), duration_minutes=60)


def test_patient_with_another_doctor_at_that_time_is_warned(clinic):
    ctx, doctor, other, patient = clinic
    book(ctx, doctor, patient, at(10))
    result = book(ctx, other, patient, at(10, 15))
    assert [n.message() for n in result.notices] == [
        "The patient also has an appointment with Dr. Lee Soo-jin at this time."]


def test_outside_working_hours_needs_the_override(clinic):
    ctx, doctor, _, patient = clinic
    refused(ctx, OutsideWorkingHours, lambda: book(ctx, doctor, patient, at(8)))
    refused(ctx, OutsideWorkingHours, lambda: book(ctx, doctor, patient, at(12, 45)))
    assert book(ctx, doctor, patient, at(8), outside_hours=True).appointment
    working_time.add_exception(ctx, doctor, TUESDAY + timedelta(days=1), ExceptionKind.VACATION)
    refused(ctx, OutsideWorkingHours, lambda: book(ctx, doctor, patient, at(10, day=TUESDAY + timedelta(days=1))))
    builders.add_user(ctx, "desk", Role.RECEPTIONIST)
    auth.sign_in(ctx, "desk", "staff-password-1")
    refused(ctx, PermissionDenied, lambda: book(ctx, doctor, patient, at(7), outside_hours=True))


def test_past_slot_needs_permission(clinic):
    ctx, doctor, _, patient = clinic
    monday = TUESDAY - timedelta(days=1)
    builders.add_user(ctx, "desk", Role.RECEPTIONIST)
    admin = ctx.actor
    auth.sign_in(ctx, "desk", "staff-password-1")
    refused(ctx, PermissionDenied, lambda: book(ctx, doctor, patient, at(9, day=monday)))
    book(ctx, doctor, patient, at(9, 55, day=monday))  # within the grace of a slot that just started
    ctx.actor = admin
    book(ctx, doctor, patient, at(9, day=monday))


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (dict(minutes=0), InvalidInput),
        (dict(minutes=-30), InvalidInput),
        (dict(minutes=24 * 60), InvalidInput),
        (dict(start=datetime(2031, 1, 7, 10, tzinfo=SEOUL)), InvalidInput),
        (dict(doctor=999_999), NotFound),
        (dict(notes="bad\x07bell"), InvalidInput),
    ],
)
def test_bad_bookings_write_nothing(clinic, change, error):
    ctx, doctor, _, patient = clinic
    request = dict(patient=patient, doctor=doctor, start=at(10), minutes=30, notes="")
    request.update(change)
    caught = refused(ctx, error, lambda: scheduling.book(ctx, BookingRequest(
        request["patient"], request["doctor"], request["start"], request["minutes"], notes=request["notes"])))
    assert "{" not in caught.message()


def test_naive_times_are_a_programming_error(clinic):
    ctx, doctor, _, patient = clinic
    with pytest.raises(ValueError, match="timezone-aware"):
        book(ctx, doctor, patient, datetime(2026, 11, 24, 10))


def test_deleted_patient_cannot_be_booked(clinic):
    ctx, doctor, _, patient = clinic
    patients.delete_patient(ctx, patient)
    refused(ctx, NotFound, lambda: book(ctx, doctor, patient, at(10)))


def test_status_transitions(clinic):
    ctx, doctor, _, patient = clinic
    a = book(ctx, doctor, patient, at(10)).appointment
    refused(ctx, InvalidInput, lambda: scheduling.set_status(ctx, a.id, AppointmentStatus.CANCELLED))
    refused(ctx, Conflict, lambda: scheduling.set_status(ctx, a.id, AppointmentStatus.ARRIVED))  # not today
    ctx.clock.set(at(9, 50))
    for status in (AppointmentStatus.CONFIRMED, AppointmentStatus.ARRIVED, AppointmentStatus.IN_CONSULTATION,
                   AppointmentStatus.COMPLETED):
        assert scheduling.set_status(ctx, a.id, status).status is status
    error = refused(ctx, Conflict, lambda: scheduling.set_status(ctx, a.id, AppointmentStatus.BOOKED))
    assert error.message() == "An appointment cannot go from “Completed” to “Booked”."
    later = book(ctx, doctor, patient, at(15)).appointment
    assert not later.first_visit


def test_next_free_slots(clinic):
    ctx, doctor, other, patient = clinic
    book(ctx, doctor, patient, at(9))
    slots = scheduling.next_free_slots(ctx, 30, at(9), doctor_id=doctor, count=3)
    assert [s.start_at.astimezone(SEOUL).time() for s in slots] == [time(9, 30), time(9, 45), time(10)]
    by_specialty = scheduling.next_free_slots(ctx, 30, at(9), specialty="Dermatology", count=1)
    assert by_specialty[0].doctor_id == other
    assert by_specialty[0].start_at == at(9).astimezone(UTC)


def test_history_records_who_and_when(clinic):
    from app.services import audit

    ctx, doctor, _, patient = clinic
    a = book(ctx, doctor, patient, at(10)).appointment
    scheduling.move(ctx, a.id, at(11))
    scheduling.set_status(ctx, a.id, AppointmentStatus.CANCELLED, CancelReason.LATE_CANCELLATION)
    history = audit.history(ctx.db, "appointment", a.id)
    assert [h.action for h in history] == ["book", "move", "status"]
    assert {h.actor_name for h in history} == {"admin"}


@pytest.mark.slow
def test_race_for_one_slot_has_exactly_one_winner(clinic):
    ctx, doctor, _, patient = clinic
    workers = 8
    barrier = threading.Barrier(workers)

    def attempt(n: int) -> str:
        desk = builders.other_desk(ctx, n)
        barrier.wait()
        try:
            book(desk, doctor, patient, at(16))
        except SlotTaken:
            return "taken"
        return "booked"

    with ThreadPoolExecutor(workers) as pool:
        outcomes = list(pool.map(attempt, range(workers)))
    assert outcomes.count("booked") == 1
    assert outcomes.count("taken") == workers - 1


def _overlapping_pairs(ctx) -> int:
    with ctx.db.read() as session:
        return session.scalar(text(
            "SELECT count(*) FROM appointment a JOIN appointment b ON a.doctor_id = b.doctor_id AND a.id < b.id "
            "AND a.start_at < b.end_at AND b.start_at < a.end_at "
            "WHERE a.status IN ('booked','confirmed','arrived','in_consultation','completed') "
            "AND b.status IN ('booked','confirmed','arrived','in_consultation','completed')"))


@pytest.mark.slow
def test_heavy_random_load_leaves_no_overlaps(clinic):
    ctx, doctor, other, patient = clinic
    doctors = [doctor, other]
    workers, operations = 12, 100

    def work(n: int) -> int:
        desk, rng, done = builders.other_desk(ctx, n), random.Random(n), 0
        mine: list[int] = []
        for _ in range(operations):
            start = at(rng.randrange(9, 17), rng.choice((0, 15, 30, 45)),
                       day=TUESDAY + timedelta(days=rng.randrange(3)))
            try:
                choice = rng.random()
                if choice < 0.6 or not mine:
                    mine.append(book(desk, rng.choice(doctors), patient, start, rng.choice((15, 30, 45)),
                                     outside_hours=True).appointment.id)
                elif choice < 0.85:
                    scheduling.move(desk, rng.choice(mine), start, doctor_id=rng.choice(doctors), outside_hours=True)
                else:
                    scheduling.set_status(desk, mine.pop(rng.randrange(len(mine))), AppointmentStatus.CANCELLED,
                                          CancelReason.BY_CLINIC)
                done += 1
            except (SlotTaken, Conflict, DatabaseBusy):
                pass
        return done

    with ThreadPoolExecutor(workers) as pool:
        done = sum(pool.map(work, range(workers)))
    assert done > workers * operations // 4
    assert _overlapping_pairs(ctx) == 0


def test_day_list_names_services_in_the_requested_language(clinic):
    from decimal import Decimal

    from app.models.catalog import Service, ServiceName

    ctx, doctor, _, patient = clinic
    with ctx.db.write() as session:
        service = Service(code="GP", name="General consultation", price=Decimal(30000), duration_minutes=30)
        service.names = [ServiceName(locale="ko", name="일반 진료"), ServiceName(locale="ru", name="Приём терапевта")]
        session.add(service)
        session.flush()
        service_id = service.id
    book(ctx, doctor, patient, at(10), service_id=service_id)
    assert [r.service_name for r in scheduling.day_list(ctx, TUESDAY, locale="ko")] == ["일반 진료"]
    assert [r.service_name for r in scheduling.day_list(ctx, TUESDAY, locale="ru")] == ["Приём терапевта"]
    assert [r.service_name for r in scheduling.day_list(ctx, TUESDAY, locale="ro")] == ["General consultation"]

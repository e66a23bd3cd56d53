"""The demo clinic on both databases: what it holds is consistent, as a real clinic's week would be.

The demo is built on an empty migrated database (not the ``ctx`` fixture, which already has a clinic),
with fewer patients than ``--demo`` uses so that each build takes a second or two.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select, text

from app.context import Context
from app.db import Database, open_database
from app.demo import DEMO_USERS, names
from app.migrate import upgrade
from app.models.audit import AuditRecord
from app.models.billing import CashShift, Invoice, InvoiceLine, NumberCounter, Payment, Refund, ShiftStatus
from app.models.calls import Call, Task
from app.models.catalog import Service, ServiceName
from app.models.certificates import Certificate, CertificateStatus
from app.models.clinic import Department, Room
from app.models.complaints import Complaint, ComplaintEvent
from app.models.patients import Patient, PatientSearchGram
from app.models.scheduling import ACTIVE_STATUSES, Appointment, AppointmentStatus, WaitingEntry
from app.models.staff import Doctor, Role, StaffUser, WorkingHours
from app.services import audit, auth, calls, cashier, certificates, complaints, patients, scheduling, waiting
from app.services.certificate_types import counter_series
from app.services.validation import check_birth_date, clean_email, clean_phone, clean_text
from tests.app.conftest import DEMO_KEY, DEMO_NOW, DEMO_PATIENTS, SEOUL, build_demo

TODAY = DEMO_NOW.date()
_S = AppointmentStatus
ATTENDED = {_S.ARRIVED, _S.IN_CONSULTATION, _S.COMPLETED}


def _count(ctx: Context, model: type) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _local(instant: datetime) -> datetime:
    return instant.astimezone(SEOUL)


def _appointments(ctx: Context) -> list[Appointment]:
    with ctx.db.read() as session:
        return list(session.scalars(select(Appointment).order_by(Appointment.start_at, Appointment.id)))


def test_counts_match_the_summary(demo):
    ctx, summary = demo
    assert (summary.users, summary.doctors, summary.patients) == (5, 12, DEMO_PATIENTS)
    expected = {
        StaffUser: summary.users, Doctor: summary.doctors, Room: summary.rooms, Department: summary.departments,
        Service: summary.services, Patient: summary.patients, WorkingHours: summary.working_hours,
        Appointment: summary.appointments, WaitingEntry: summary.waiting_entries, CashShift: summary.shifts,
        Invoice: summary.invoices, Payment: summary.payments, Refund: summary.refunds,
        Certificate: summary.certificates, Complaint: summary.complaints, Call: summary.calls, Task: summary.tasks,
    }
    assert {model.__name__: _count(ctx, model) for model in expected} == {
        model.__name__: count for model, count in expected.items()}
    assert _count(ctx, ServiceName) == 5 * summary.services
    assert summary.appointments > 500
    assert summary.payments > 100
    assert summary.certificates > 10
    assert summary.complaints >= 20
    assert summary.refunds >= 1
    assert summary.shifts == 4
    with ctx.db.read() as session:
        staffed = session.scalar(select(func.count(func.distinct(WorkingHours.doctor_id))))
        events = session.scalar(select(func.count(func.distinct(ComplaintEvent.complaint_id))))
        grams = session.scalar(select(func.count(func.distinct(PatientSearchGram.patient_id))))
    assert (staffed, events, grams) == (summary.doctors, summary.complaints, summary.patients)


def test_the_docks_read_models_show_the_demo(demo):
    ctx, _ = demo
    assert len(scheduling.day_list(ctx, TODAY)) > 50
    assert {row.status for row in waiting.room_list(ctx, TODAY)} >= {"waiting", "in_consultation", "done"}
    assert cashier.payments_on(ctx, TODAY)
    assert certificates.register(ctx, certificates.RegisterFilter(TODAY - timedelta(days=3), TODAY)).rows
    assert any(row.overdue for row in complaints.open_list(ctx))
    assert calls.calls_on(ctx, TODAY)
    assert calls.open_tasks(ctx)


def test_every_demo_user_signs_in_with_their_roles(demo):
    ctx, _ = demo
    for username, password, roles, full_name in DEMO_USERS:
        actor = auth.sign_in(ctx, username, password)
        assert (actor.full_name, actor.roles) == (full_name, frozenset(roles))
        assert len(password) >= 8
    assert {roles[0] for _, _, roles, _ in DEMO_USERS} == set(Role)


def test_no_doctor_holds_two_active_appointments_at_once(demo):
    ctx, _ = demo
    active = ", ".join(f"'{status.value}'" for status in ACTIVE_STATUSES)
    overlaps = text(
        "SELECT count(*) FROM appointment a JOIN appointment b ON a.doctor_id = b.doctor_id AND a.id < b.id "
        "AND a.start_at < b.end_at AND b.start_at < a.end_at "
        f"WHERE a.status IN ({active}) AND b.status IN ({active})"
    )
    with ctx.db.read() as session:
        assert session.scalar(overlaps) == 0


def test_appointments_keep_to_working_hours(demo):
    ctx, _ = demo
    with ctx.db.read() as session:
        hours = defaultdict(list)
        for row in session.scalars(select(WorkingHours)):
            hours[(row.doctor_id, row.weekday)].append((row.start_time, row.end_time))
    for appointment in _appointments(ctx):
        start, end = _local(appointment.start_at), _local(appointment.end_at)
        assert start.date() == end.date()
        spans = hours[(appointment.doctor_id, start.weekday())]
        assert any(opens <= start.time() and end.time() <= closes for opens, closes in spans), appointment.id
        assert time(9) <= start.time()
        assert end.time() <= time(18)
        if start.weekday() < 5:
            assert end.time() <= time(13) or start.time() >= time(14), "an appointment over the lunch break"


def test_the_week_is_done_in_progress_and_booked_around_today(demo):
    ctx, _ = demo
    by_day: dict[date, set[AppointmentStatus]] = defaultdict(set)
    consulting: dict[int, int] = defaultdict(int)
    for appointment in _appointments(ctx):
        day = _local(appointment.start_at).date()
        by_day[day].add(appointment.status)
        if appointment.status is _S.IN_CONSULTATION:
            consulting[appointment.doctor_id] += 1
            assert appointment.start_at <= DEMO_NOW < appointment.end_at
    assert sorted(by_day) == [TODAY + timedelta(days=d) for d in range(-3, 4)]
    assert by_day[TODAY] >= {_S.COMPLETED, _S.ARRIVED, _S.IN_CONSULTATION, _S.CONFIRMED, _S.BOOKED}
    for day, statuses in by_day.items():
        if day < TODAY:
            assert statuses <= {_S.COMPLETED, _S.NO_SHOW, _S.CANCELLED}
        if day > TODAY:
            assert statuses <= {_S.BOOKED, _S.CONFIRMED, _S.CANCELLED}
    assert max(consulting.values()) == 1


def test_todays_arrivals_are_in_the_waiting_room_with_tickets(demo):
    ctx, _ = demo
    with ctx.db.read() as session:
        entries = session.scalars(select(WaitingEntry)).all()
    by_appointment = {e.appointment_id: e for e in entries if e.appointment_id is not None}
    for appointment in _appointments(ctx):
        if _local(appointment.start_at).date() == TODAY and appointment.status in ATTENDED:
            entry = by_appointment[appointment.id]
            assert entry.patient_id == appointment.patient_id
            assert entry.arrived_at <= DEMO_NOW
    tickets = [e.ticket for e in entries]
    assert len(set(tickets)) == len(tickets)
    assert all(tickets)
    assert any(e.appointment_id is None for e in entries), "walk-ins"


def test_first_visits_are_facts(demo):
    ctx, _ = demo
    week_start = TODAY - timedelta(days=3)
    with ctx.db.read() as session:
        first_visit_on = dict(session.execute(select(Patient.id, Patient.first_visit_on)).all())
    visits: dict[int, list[Appointment]] = defaultdict(list)
    for appointment in _appointments(ctx):
        visits[appointment.patient_id].append(appointment)
    new_patients = 0
    for patient_id, own in visits.items():
        first = first_visit_on[patient_id]
        if first is not None and first < week_start:
            assert not any(a.first_visit for a in own), patient_id
            continue
        new_patients += 1
        attended = [a for a in own if a.status in ATTENDED]
        assert first == (_local(attended[0].start_at).date() if attended else None), patient_id
        for appointment in own:
            seen_before = any(a.start_at < appointment.start_at for a in attended)
            assert appointment.first_visit == (not seen_before), appointment.id
    assert new_patients > 0


def test_money_is_exact_whole_won_and_adds_up(demo):
    ctx, _ = demo
    with ctx.db.read() as session:
        payments = session.scalars(select(Payment)).all()
        refunds = session.scalars(select(Refund)).all()
        lines = session.scalars(select(InvoiceLine)).all()
        shifts = session.scalars(select(CashShift).order_by(CashShift.opened_at)).all()
    amounts = [p.amount for p in payments] + [r.amount for r in refunds] + [line.total for line in lines]
    assert all(isinstance(a, Decimal) and a == a.to_integral_value() and a > 0 for a in amounts)
    billed: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        assert line.total <= line.unit_price * line.quantity
        billed[line.invoice_id] += line.total
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for payment in payments:
        paid[payment.invoice_id] += payment.amount  # type: ignore[index]
    assert all(paid[invoice] == billed[invoice] for invoice in paid)
    refunded: dict[int, Decimal] = defaultdict(Decimal)
    for refund in refunds:
        refunded[refund.payment_id] += refund.amount
    assert all(p.refunded == refunded[p.id] <= p.amount for p in payments)
    assert [s.status for s in shifts] == [ShiftStatus.CLOSED] * 3 + [ShiftStatus.OPEN]
    for shift in shifts[:3]:
        cash_in = sum((p.amount for p in payments if p.shift_id == shift.id and p.method == "cash"), Decimal(0))
        cash_out = sum((r.amount for r in refunds if r.shift_id == shift.id
                        and next(p for p in payments if p.id == r.payment_id).method == "cash"), Decimal(0))
        assert shift.expected_cash == shift.opening_float + cash_in - cash_out


def _runs_from_one(numbers: dict[tuple[str, int], list[int]]) -> None:
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key


def test_numbers_run_from_one_without_gaps_in_each_year(db):
    """A week across New Year: receipts, refunds, invoices, shifts and certificates restart at 1 in 2027."""
    ctx, _ = build_demo(db, datetime(2027, 1, 2, 11, 0, tzinfo=SEOUL))
    numbers: dict[tuple[str, int], list[int]] = defaultdict(list)
    with ctx.db.read() as session:
        payments = session.execute(select(Payment.receipt_year, Payment.receipt_number, Payment.taken_at)).all()
        for year, number, _ in payments:
            numbers[("receipt", year)].append(number)
        for year, number in session.execute(select(Refund.receipt_year, Refund.receipt_number)):
            numbers[("refund", year)].append(number)
        for year, number in session.execute(select(Invoice.year, Invoice.number)):
            numbers[("invoice", year)].append(number)
        for year, number in session.execute(select(CashShift.year, CashShift.number)):
            numbers[("shift", year)].append(number)
        issued = session.execute(select(Certificate.series, Certificate.year, Certificate.number, Certificate.status)
                                 .where(Certificate.number.is_not(None))).all()
        for series, year, number, _ in issued:
            numbers[(counter_series(series), year)].append(number)
        counters = {(c.series, c.year): c.last for c in session.scalars(select(NumberCounter))}
    assert {year for _, year in numbers} == {2026, 2027}
    _runs_from_one(numbers)
    assert counters == {key: len(found) for key, found in numbers.items()}
    in_time_order = sorted(payments, key=lambda row: row[2])
    for year in (2026, 2027):
        assert [n for y, n, _ in in_time_order if y == year] == sorted(n for y, n, _ in payments if y == year)
    assert sum(status is CertificateStatus.VOID for *_, status in issued) == 1


def test_the_audit_chain_verifies_and_records_the_import(demo):
    ctx, summary = demo
    report = audit.verify(ctx.db, DEMO_KEY)
    assert report.ok, report.problems
    with ctx.db.read() as session:
        last = session.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)).one()
    assert (last.action, last.entity) == ("demo_import", "clinic")
    assert f'"patients": {summary.patients}' in last.changes


def test_every_patient_is_found_by_their_name_and_phone(demo):
    ctx, _ = demo
    with ctx.db.read() as session:
        people = session.execute(select(Patient.id, Patient.display_name, Patient.phone)).all()
    for patient_id, shown, phone in people:
        assert patient_id in {p.id for p in patients.search(ctx, shown)}, shown
        assert patient_id in {p.id for p in patients.search(ctx, phone)}, phone


def test_the_generated_people_are_valid_registration_input():
    rng = random.Random(11)
    for person in names.patients(rng, 2000, TODAY):
        for value, limit in ((person.family_name, 80), (person.given_name, 80), (person.middle_name, 80),
                             (person.latin_name, 200), (person.address, 400)):
            assert clean_text(value, "field", max_length=limit) == value
        assert clean_phone(person.phone, "phone") == person.phone
        assert clean_phone(person.phone2, "phone") == person.phone2
        assert clean_email(person.email, "email") == person.email
        assert check_birth_date(person.birth_date, TODAY, "born") == person.birth_date


def _snapshot(database: Database) -> tuple[list[tuple], list[tuple]]:
    with database.read() as session:
        people = session.execute(select(Patient.display_name, Patient.phone, Patient.birth_date,
                                        Patient.first_visit_on).order_by(Patient.id)).all()
        week = session.execute(select(Appointment.doctor_id, Appointment.patient_id, Appointment.start_at,
                                      Appointment.status).order_by(Appointment.id)).all()
    return [tuple(row) for row in people], [tuple(row) for row in week]


def test_the_same_seed_gives_the_same_clinic(tmp_path: Path):
    snapshots = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        database = open_database(f"sqlite:///{tmp_path / name}.sqlite3")
        upgrade(database)
        build_demo(database, DEMO_NOW.astimezone(UTC), patients=120, seed=seed)
        snapshots.append(_snapshot(database))
        database.dispose()
    assert snapshots[0] == snapshots[1]
    assert snapshots[0] != snapshots[2]

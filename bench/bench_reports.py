"""The monthly analysis over a clinic with 150,000 appointments in the month, beside a raw SQL count.

    python bench/bench_reports.py [--appointments 150000] [--runs 5]

Builds (once; cached under bench/.cache/) a SQLite clinic through the migration: 125 doctors, 60,000
patients, the month's appointments (attended, no-shows, cancellations, some late), an incoming or
outgoing call for every second appointment, a waiting-room entry per visit, an issued invoice and a payment
per completed visit, and a few hundred complaints; plus the neighbouring months' rows, so the range has to
be cut. Then times ``desk_reports.monthly_analysis`` (every figure of the analysis, as the dock asks for
it) and ``report_tables.monthly_tables`` over it, beside the baseline: one
``SELECT count(*) FROM appointment WHERE start_at >= ? AND start_at < ?`` in a read transaction (the
least any report of the month must do). p50 and p95 over ``--runs`` runs each, interleaved.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from sqlalchemy import func, insert, select

from app.clock import FixedClock
from app.context import Context
from app.db import open_database
from app.migrate import head_revision, upgrade
from app.models.billing import CashShift, Invoice, InvoiceLine, InvoiceStatus, Payment, PaymentMethod
from app.models.calls import Call, CallDirection, CallOutcome, CallPurpose
from app.models.complaints import Complaint, ComplaintStatus, ContactChannel
from app.models.patients import AcquisitionChannel, NameOrder, Patient
from app.models.scheduling import Appointment, AppointmentStatus, CancelReason, WaitingEntry, WaitingStatus
from app.models.staff import Doctor
from app.services import auth, clinic, desk_reports, report_tables
from app.services.clinic import ClinicDetails
from app.services.days import day_bounds

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
DOCTORS = 125
PATIENTS = 60_000
YEAR, MONTH = 2026, 11
CHUNK = 20_000


def _chunks(rows: list[dict], size: int = CHUNK):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def build(path: Path, appointments: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = open_database(f"sqlite:///{path}")
    upgrade(db)
    ctx = Context(db=db, audit_key=b"bench-key" * 4, workstation="bench",
                  clock=FixedClock(datetime(2026, 12, 1, 3, tzinfo=UTC)))
    clinic.set_up(ctx, ClinicDetails(legal_name="Bench Clinic", short_name="Bench", address="1 Bench St",
                                     tax_id="1", phone="+82 2 000 0000", email="b@example.com", currency="KRW",
                                     default_locale="ko", time_zone="Asia/Seoul"), "admin", "Admin", "bench-pass-1")
    zone = ctx.clinic().zone
    created = datetime(2025, 1, 1, tzinfo=UTC)
    channels = list(AcquisitionChannel)
    with db.write() as session:
        admin = 1
        session.execute(insert(Doctor), [{"full_name": f"Dr. {i:03d}", "specialty": "Family medicine",
                                          "active": True, "color": "#336699"} for i in range(DOCTORS)])
        session.execute(insert(Patient), [{
            "family_name": f"P{i}", "given_name": "Bench", "name_order": NameOrder.GIVEN_FIRST,
            "display_name": f"Bench P{i}", "preferred_locale": "ko", "acquisition_channel": rng.choice(channels),
            "created_at": created} for i in range(PATIENTS)])
        shift = CashShift(year=2026, number=1, cashier_id=admin, workstation="bench", opening_float=Decimal(0),
                          opened_at=created)
        session.add(shift)
        session.flush()
        shift_id = shift.id
        # The month and a slice of its neighbours: 10 working hours a day, 15-minute slots per doctor.
        first = date(YEAR, MONTH, 1)
        days = [first + timedelta(days=d) for d in range(-3, 33)]
        in_month = [d for d in days if d.month == MONTH]
        per_day = appointments // len(in_month)
        rows, calls, waits, invoices, payments = [], [], [], [], []
        for day in days:
            start_of_day = day_bounds(zone, day)[0] + timedelta(hours=9)
            count = per_day if day.month == MONTH else per_day // 4
            for n in range(count):
                doctor, slot = n % DOCTORS + 1, n // DOCTORS
                start = start_of_day + timedelta(minutes=15 * slot)
                roll = rng.random()
                status = (AppointmentStatus.COMPLETED if roll < 0.78 else AppointmentStatus.NO_SHOW if roll < 0.86
                          else AppointmentStatus.CANCELLED if roll < 0.96 else AppointmentStatus.BOOKED)
                reason = (rng.choice((CancelReason.BY_PATIENT, CancelReason.LATE_CANCELLATION))
                          if status is AppointmentStatus.CANCELLED else None)
                rows.append({"doctor_id": doctor, "patient_id": rng.randrange(1, PATIENTS + 1), "start_at": start,
                             "end_at": start + timedelta(minutes=15), "status": status, "cancel_reason": reason,
                             "first_visit": rng.random() < 0.2,
                             "created_at": start - timedelta(days=rng.randint(0, 20)), "updated_at": start})
        for part in _chunks(rows):
            session.execute(insert(Appointment), part)
        ids = session.execute(select(Appointment.id, Appointment.patient_id, Appointment.start_at,
                                     Appointment.status)).all()
        for appointment_id, patient_id, start, status in ids:
            if appointment_id % 2 == 0:
                calls.append({"direction": rng.choice(list(CallDirection)), "channel": ContactChannel.PHONE,
                              "purpose": CallPurpose.BOOKING, "outcome": CallOutcome.BOOKED, "patient_id": patient_id,
                              "appointment_id": appointment_id, "at": start - timedelta(days=2), "by_user_id": admin,
                              "phone": "", "caller_name": "", "note": "", "decline_reason": ""})
            if status is AppointmentStatus.COMPLETED:
                arrived = start - timedelta(minutes=rng.randint(0, 20))
                called = arrived + timedelta(minutes=rng.randint(1, 40))
                waits.append({"patient_id": patient_id, "appointment_id": appointment_id, "ticket": "A1",
                              "status": WaitingStatus.DONE, "arrived_at": arrived, "called_at": called,
                              "started_at": called, "finished_at": called + timedelta(minutes=15),
                              "specialty": "", "reason": "", "urgent": False, "urgent_reason": ""})
                invoices.append({"id": appointment_id, "year": 2026, "number": appointment_id,
                                 "patient_id": patient_id, "appointment_id": appointment_id,
                                 "status": InvoiceStatus.ISSUED, "currency": "KRW", "created_at": start,
                                 "issued_at": start + timedelta(minutes=20)})
                payments.append({"patient_id": patient_id, "invoice_id": appointment_id, "shift_id": shift_id,
                                 "method": rng.choice(list(PaymentMethod)), "amount": Decimal(30000),
                                 "receipt_year": 2026, "receipt_number": appointment_id, "taken_by": admin,
                                 "taken_at": start + timedelta(minutes=25)})
        for table, data in ((Call, calls), (WaitingEntry, waits), (Invoice, invoices), (Payment, payments)):
            for part in _chunks(data):
                session.execute(insert(table), part)
        for part in _chunks([{"invoice_id": row["id"], "position": 1, "description": "Consultation",
                              "quantity": Decimal(1), "unit_price": Decimal(30000), "total": Decimal(30000)}
                             for row in invoices]):
            session.execute(insert(InvoiceLine), part)
        session.execute(insert(Complaint), [{
            "channel": ContactChannel.PHONE, "received_at": day_bounds(zone, rng.choice(days))[0],
            "text": "Waited too long", "status": rng.choice(list(ComplaintStatus)),
            "acknowledge_due_at": created, "resolve_due_at": created, "created_by": admin} for _ in range(400)])
    db.dispose()


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appointments", type=int, default=150_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"reports-{args.appointments}-{head_revision()}.sqlite3"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        build(partial, args.appointments)
        partial.rename(path)
        print(f"built {path.name} in {time.perf_counter() - started:.1f} s")
    db = open_database(f"sqlite:///{path}")
    ctx = Context(db=db, audit_key=b"bench-key" * 4, workstation="bench",
                  clock=FixedClock(datetime(2026, 12, 1, 3, tzinfo=UTC)))
    auth.sign_in(ctx, "admin", "bench-pass-1")
    first, last = desk_reports.month_range(YEAR, MONTH)
    start, end = day_bounds(ctx.clinic().zone, first)[0], day_bounds(ctx.clinic().zone, last)[1]

    def baseline() -> int:
        with db.read() as session:
            return session.scalar(select(func.count()).select_from(Appointment).where(
                Appointment.start_at >= start, Appointment.start_at < end))

    def analysis() -> desk_reports.MonthlyAnalysis:
        return desk_reports.monthly_analysis(ctx, first, last)

    in_month = baseline()
    report = analysis()
    report_tables.monthly_tables(report)
    base_ms, report_ms = [], []
    for _run in range(args.runs):
        base_ms.append(_timed(baseline))
        report_ms.append(_timed(lambda: report_tables.monthly_tables(analysis())))

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    print(f"SQLite, {in_month:,} appointments starting in {first:%B %Y} ({report.funnel.visits:,} visits, "
          f"{report.funnel.contacts:,} incoming contacts, revenue {report.revenue:,}), {args.runs} runs")
    print(f"{'what':<46}{'p50 ms':>10}{'p95 ms':>10}")
    print(f"{'baseline: count(*) of the month':<46}{statistics.median(base_ms):>10.1f}{p95(base_ms):>10.1f}")
    print(f"{'monthly analysis (every figure + tables)':<46}{statistics.median(report_ms):>10.1f}"
          f"{p95(report_ms):>10.1f}")
    print(f"ratio (p50): {statistics.median(report_ms) / statistics.median(base_ms):.1f}x")
    db.dispose()


if __name__ == "__main__":
    main()

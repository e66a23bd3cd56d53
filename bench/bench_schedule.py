"""The schedule grid and booking, each beside a baseline measured in the same run.

    python bench/bench_schedule.py [--runs 20] [--bookings 300] [--appointments 2000000]

(a) Day view: 60 doctors with 3,000 appointments on one day. Timed: the grid's read through the service
    (``schedule_grid``), handing it to the painted view, and painting the whole 1600x900 view into an
    image (``QWidget.grab``). Baselines: the raw SQL of the day's appointments, and grabbing a bare widget
    of the same size. Target: under 200 ms. Also timed: the same with the one query the dock adds for the
    patients' debts (``invoices.balances_of`` over the day's 200 patients, half of them with an invoice,
    a quarter partly paid).
(b) Booking into a database holding 2,000,000 appointments (200 doctors, two years around today;
    built once and cached in bench/.cache/). Timed: ``scheduling.book`` end to end (validation,
    permission, working time, overlap check, insert behind the SQLite trigger, audit record with its
    HMAC chain, commit with synchronous=FULL). Baseline: one raw INSERT of an appointment row, committed,
    through the same trigger. Target: p95 under 15 ms on SQLite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout: python bench/bench_schedule.py
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CLINIC_DESK_HOME", tempfile.mkdtemp(prefix="clinic-desk-bench-"))

from sqlalchemy import insert, select, text  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.context import Context  # noqa: E402
from app.db import Database, open_database  # noqa: E402
from app.migrate import head_revision, upgrade  # noqa: E402
from app.models.scheduling import Appointment  # noqa: E402
from app.services import (  # noqa: E402
    auth,
    clinic,
    invoices,
    payments,
    scheduling,
    shifts,
    staff,
    working_time,
)
from app.services.clinic import ClinicDetails  # noqa: E402
from app.services.patients import PatientInput, create  # noqa: E402
from app.services.schedule_grid import schedule_grid  # noqa: E402
from app.services.scheduling import BookingRequest  # noqa: E402
from app.services.working_time import TemplateSlot  # noqa: E402

CACHE = ROOT / "bench" / ".cache"
NOW = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # 09:30 in Seoul
SEOUL_DAY = date(2026, 11, 23)
PASSWORD = "bench-password-1"


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def _ms(call: Callable[[], object]) -> float:
    started = clock.perf_counter()
    call()
    return (clock.perf_counter() - started) * 1000


def _clinic(db: Database, doctors: int) -> tuple[Context, list[int], list[int]]:
    ctx = Context(db=db, audit_key=b"bench", workstation="bench", clock=FixedClock(NOW))
    clinic.set_up(ctx, ClinicDetails(legal_name="Bench Clinic", short_name="Bench", address="", tax_id="",
                                     phone="", email="", currency="KRW",
                                     default_locale="ko", time_zone="Asia/Seoul", slot_minutes=10),
                  "admin", "Admin", PASSWORD)
    auth.sign_in(ctx, "admin", PASSWORD)
    all_day = [TemplateSlot(d, time(0), time(23, 59)) for d in range(7)]
    doctor_ids = []
    for number in range(doctors):
        doctor_id = staff.create_doctor(ctx, f"Doctor {number:03d}", "Family medicine").id
        working_time.set_template(ctx, doctor_id, all_day)
        doctor_ids.append(doctor_id)
    patient_ids = [create(ctx, PatientInput(family_name=f"Patient{n}", given_name="Bench")).id for n in range(200)]
    return ctx, doctor_ids, patient_ids


def _insert(db: Database, rows: list[dict[str, object]]) -> None:
    with db.write() as session:
        session.execute(insert(Appointment), rows)


def _row(doctor: int, patient: int, start: datetime, minutes: int) -> dict[str, object]:
    return {"doctor_id": doctor, "patient_id": patient, "start_at": start, "end_at": start + timedelta(minutes=minutes),
            "created_at": NOW, "updated_at": NOW}


# -- (a) the day view ---------------------------------------------------------------------------------------


def _bill(ctx: Context, patients: list[int]) -> None:
    """Invoices for half the patients, a quarter of them partly paid: debts for the dock to show."""
    from decimal import Decimal

    from app.models.billing import PaymentMethod
    from app.services.invoices import InvoiceDraft, LineInput

    shifts.open_shift(ctx, Decimal(0))
    for number, patient_id in enumerate(patients[: len(patients) // 2]):
        invoice = invoices.issue_invoice(ctx, InvoiceDraft(patient_id, (
            LineInput("Consultation", Decimal(30000)), LineInput("Test", Decimal(12000)))))
        if number % 2:
            payments.take_payment(ctx, payments.PaymentRequest(
                patient_id, (payments.PaymentPart(PaymentMethod.CARD, Decimal(10000)),), invoice.id))


def bench_day_view(runs: int) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.application import settle_memory
    from ui.widgets.schedule_grid import ScheduleGridView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="bench-grid-"))
    db = open_database(f"sqlite:///{folder / 'grid.sqlite3'}")
    upgrade(db)
    ctx, doctors, patients = _clinic(db, 60)
    day_start = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # 08:00 in Seoul
    _insert(db, [_row(doctor, patients[(i * 7 + n) % len(patients)], day_start + timedelta(minutes=10 * n), 10)
                 for i, doctor in enumerate(doctors) for n in range(50)])
    _bill(ctx, patients)
    view = ScheduleGridView(ctx.clinic().zone, ctx.clock.now)
    view.resize(1600, 900)
    view.show()
    bare = QWidget()
    bare.resize(1600, 900)
    bare.show()
    app.processEvents()
    settle_memory()  # what the application does once its window is up
    start, end = day_start, day_start + timedelta(days=1)

    def raw() -> None:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT * FROM appointment WHERE start_at >= :s AND start_at < :e"),
                               {"s": start.isoformat(), "e": end.isoformat()}).all()

    def grid() -> None:
        data = schedule_grid(ctx, SEOUL_DAY)
        assert sum(len(c.appointments) for c in data.columns) == 3000
        view.set_grid(data)
        view.scroll_to(NOW)
        view.grab()

    def with_debts() -> None:
        data = schedule_grid(ctx, SEOUL_DAY)
        balances = invoices.balances_of(ctx, {a.patient_id for c in data.columns for a in c.appointments})
        assert len(balances) == len(patients) // 2
        view.set_grid(data)
        view.scroll_to(NOW)
        view.grab()

    for call in (raw, grid, with_debts, bare.grab):  # warm up
        call()
    timings = {name: [_ms(call) for _ in range(runs)] for name, call in
               (("grid", grid), ("grid with the patients' debts", with_debts), ("raw SQL of the day", raw),
                ("bare widget grab", bare.grab))}
    print(f"(a) day view, 60 doctors x 50 appointments, {runs} runs (ms):")
    for name, values in timings.items():
        print(f"    {name:<36} p50 {statistics.median(values):7.1f}   p95 {_p(values, 95):7.1f}")
    parts = {"read (schedule_grid)": lambda: schedule_grid(ctx, SEOUL_DAY)}
    data = schedule_grid(ctx, SEOUL_DAY)
    parts["set_grid (layout)"] = lambda: view.set_grid(data)
    parts["paint (grab)"] = view.grab
    parts["debts (balances_of)"] = lambda: invoices.balances_of(ctx, patients)
    for name, call in parts.items():
        values = [_ms(call) for _ in range(runs)]
        print(f"      of which {name:<24} p50 {statistics.median(values):7.1f}")
    verdict = "met" if _p(timings["grid"], 95) < 200 else "MISSED"
    print(f"    target p95 < 200 ms: {verdict}")
    view.close()
    bare.close()
    db.dispose()


# -- (b) booking into a big schedule ------------------------------------------------------------------------


def big_database(appointments: int) -> Database:
    """200 doctors, appointments every 30 minutes from 08:00 over two years around today (cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"schedule-{appointments}-{head_revision()}.sqlite3"
    if not path.exists():
        building = path.with_suffix(".building")
        for leftover in CACHE.glob(f"{building.name}*"):
            leftover.unlink()
        print(f"building {path.name} (cached for later runs)")
        db = open_database(f"sqlite:///{building}")
        upgrade(db)
        _ctx, doctors, patients = _clinic(db, 200)
        per_doctor = appointments // len(doctors)
        per_day = 14  # 08:00-15:00
        first_day = NOW - timedelta(days=365)
        batch: list[dict[str, object]] = []
        for index, doctor in enumerate(doctors):
            for n in range(per_doctor):
                day, slot = divmod(n, per_day)
                start = first_day.replace(hour=23, minute=0) + timedelta(days=day, minutes=30 * slot)
                batch.append(_row(doctor, patients[(index + n) % len(patients)], start, 30))
                if len(batch) == 50_000:
                    _insert(db, batch)
                    batch = []
        if batch:
            _insert(db, batch)
        db.dispose()
        building.rename(path)
    return open_database(f"sqlite:///{path}")


def bench_booking(bookings: int, appointments: int) -> None:
    cached = big_database(appointments)
    cached.dispose()
    # Book into a copy: the cached schedule stays as built, so every run books into the same free slots.
    copy = Path(tempfile.mkdtemp(prefix="bench-booking-")) / "schedule.sqlite3"
    shutil.copyfile(cached.engine.url.database or "", copy)
    db = open_database(f"sqlite:///{copy}")
    ctx = Context(db=db, audit_key=b"bench", workstation="bench", clock=FixedClock(NOW))
    auth.sign_in(ctx, "admin", PASSWORD)
    with db.read() as session:
        count = session.scalar(select(text("count(*)")).select_from(Appointment))
        doctors = list(session.scalars(text("SELECT id FROM doctor")))
        patients = list(session.scalars(text("SELECT id FROM patient LIMIT 200")))
    rng = random.Random(7)
    # Free time: after 16:00 KST (07:00 UTC) on future days; each booking and each raw insert its own slot.
    slots = [(doctor, NOW.replace(hour=7) + timedelta(days=day, minutes=30 * k))
             for doctor in doctors for day in range(1, 300) for k in range(2)]
    rng.shuffle(slots)
    book_slots, raw_slots = slots[:bookings], slots[bookings:2 * bookings]

    def book(doctor: int, start: datetime) -> None:
        scheduling.book(ctx, BookingRequest(rng.choice(patients), doctor, start, 30))

    def raw(doctor: int, start: datetime) -> None:
        with db.write() as session:
            session.execute(insert(Appointment), [_row(doctor, rng.choice(patients), start, 30)])

    book(*book_slots[0])
    raw(*raw_slots[0])
    booking = [_ms(lambda s=slot: book(*s)) for slot in book_slots[1:]]
    inserting = [_ms(lambda s=slot: raw(*s)) for slot in raw_slots[1:]]
    print(f"(b) booking into {count:,} appointments on SQLite, {len(booking)} bookings (ms):")
    print(f"    scheduling.book                      p50 {statistics.median(booking):7.2f}   "
          f"p95 {_p(booking, 95):7.2f}")
    print(f"    raw INSERT + commit (baseline)       p50 {statistics.median(inserting):7.2f}   "
          f"p95 {_p(inserting, 95):7.2f}")
    print(f"    target p95 < 15 ms: {'met' if _p(booking, 95) < 15 else 'MISSED'}")
    db.dispose()
    shutil.rmtree(copy.parent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--bookings", type=int, default=300)
    parser.add_argument("--appointments", type=int, default=2_000_000)
    parser.add_argument("--skip-booking", action="store_true")
    args = parser.parse_args(argv)
    bench_day_view(args.runs)
    if not args.skip_booking:
        bench_booking(args.bookings, args.appointments)
    return 0


if __name__ == "__main__":
    sys.exit(main())

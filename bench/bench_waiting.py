"""The waiting room's two hot paths, each beside a baseline measured in the same run:

1. the queue view's live tick with 300 patients waiting (minutes waited and expected waits recomputed,
   rows crossing the warning time recoloured, the view repainted), beside the same view repainted after a
   plain ``dataChanged`` of every cell with nothing recomputed;
2. waitlist matching when a slot frees, over 50,000 open requests (``waitlist.matches``: the SQL, the read
   models, best first), beside a raw SQL ``count(*)`` of the same conditions.

    python bench/bench_waiting.py [--patients 300] [--ticks 200] [--requests 50000] [--slots 200]

Targets: a tick under 20 ms (p95), matching under 50 ms (p95). SQLite, in a temporary file.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CLINIC_DESK_HOME", tempfile.mkdtemp(prefix="clinic-desk-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication
from sqlalchemy import insert, text

from app.clock import FixedClock
from app.context import Context
from app.db import open_database
from app.migrate import upgrade
from app.models.patients import NameOrder, Patient
from app.models.scheduling import TimeOfDay, WaitingStatus, WaitlistRequest
from app.services import staff, waitlist
from app.services.waiting import WaitingRow
from tests import builders
from ui.docks.waiting import WaitingDock

NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
SPECIALTIES = ("Family medicine", "Dermatology", "Pediatrics", "Cardiology")


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def timed(work: Callable[[], object], runs: int) -> list[float]:
    work()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return times


def report(name: str, samples: list[float], baseline: list[float]) -> None:
    p50, p95 = percentiles(samples)
    b50, b95 = percentiles(baseline)
    print(f"{name}: p50 {p50:.2f} ms, p95 {p95:.2f} ms   (baseline p50 {b50:.2f} ms, p95 {b95:.2f} ms;"
          f" ratio at p50 {p50 / b50:.1f}×)")


def make_context() -> Context:
    folder = Path(tempfile.mkdtemp(prefix="bench-waiting-"))
    database = open_database(f"sqlite:///{folder / 'clinic.sqlite3'}")
    upgrade(database)
    ctx = Context(db=database, audit_key=b"bench-key-0123456789abcdef0123456", workstation="bench",
                  clock=FixedClock(NOW))
    builders.set_up_clinic(ctx)
    return ctx


def queue_rows(count: int, doctors: list[int]) -> list[WaitingRow]:
    """``count`` patients who arrived over the last two hours, a few urgent, most waiting, some called."""
    rng = random.Random(1)
    rows = []
    for i in range(count):
        arrived = NOW - timedelta(minutes=rng.randint(0, 120))
        doctor = rng.choice([*doctors, None])
        status = WaitingStatus.CALLED if i % 25 == 0 else WaitingStatus.WAITING
        rows.append(WaitingRow(
            id=i + 1, ticket=f"{i + 1:03d}", patient_id=i + 1, patient_name=f"Patient {i + 1}", doctor_id=doctor,
            doctor_name=f"Dr. {doctor}" if doctor else "", specialty=SPECIALTIES[i % 4], room_name=str(100 + i % 9),
            status=status, urgent=i % 40 == 0, urgent_reason="", walk_in=i % 3 == 0,
            appointment_start=None if i % 3 == 0 else arrived + timedelta(minutes=10), arrived_at=arrived,
            called_at=NOW if status is WaitingStatus.CALLED else None, started_at=None, finished_at=None,
            reason="", expected_call_at=NOW + timedelta(minutes=i % 90)))
    return rows


def bench_tick(ctx: Context, patients: int, ticks: int) -> None:
    application = QApplication.instance() or QApplication([])
    doctors = [staff.create_doctor(ctx, f"Dr. {n}", SPECIALTIES[n % 4]).id for n in range(12)]
    dock = WaitingDock(ctx)
    dock.apply_actor()
    dock.setFloating(True)
    dock.resize(1200, 900)
    dock.show()
    application.processEvents()
    dock.show_room(queue_rows(patients, doctors))  # the service's rows, without the database
    dock.table.mark_loaded()
    application.processEvents()
    clock = ctx.clock
    assert isinstance(clock, FixedClock)

    def tick() -> None:
        clock.advance(timedelta(seconds=30))
        dock.tick()
        application.processEvents()  # the repaint of what changed

    def plain() -> None:
        model = dock.model
        model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1))
        application.processEvents()

    samples, baseline = timed(tick, ticks), timed(plain, ticks)
    report(f"queue tick, {patients} patients", samples, baseline)
    dock.close()


def fill_waitlist(ctx: Context, requests: int) -> list[tuple[int, str]]:
    rng = random.Random(2)
    doctors = [(d.id, d.specialty) for d in staff.list_doctors(ctx)]
    today = date(2026, 11, 23)
    with ctx.db.write() as session:
        session.execute(insert(Patient), [
            dict(family_name=f"F{i}", given_name="G", middle_name="", name_order=NameOrder.GIVEN_FIRST,
                 display_name=f"G F{i}", latin_name="", phone=f"010{i:08d}", phone2="", email="", address="",
                 national_id="", preferred_locale="ko", notes="", search_text="", created_at=NOW)
            for i in range(5000)])
        patient_ids = [row[0] for row in session.execute(text("SELECT id FROM patient"))]
        rows = []
        for i in range(requests):
            first = today + timedelta(days=rng.randint(0, 150))
            last = first + timedelta(days=rng.randint(0, 45))
            doctor, specialty = rng.choice(doctors)
            kind = i % 3
            rows.append(dict(
                patient_id=rng.choice(patient_ids), doctor_id=doctor if kind == 0 else None,
                specialty=specialty if kind == 1 else "", earliest_on=first, latest_on=last,
                time_of_day=rng.choice(list(TimeOfDay)), contact="", note="", expires_on=last, created_at=NOW))
        session.execute(insert(WaitlistRequest), rows)
    return doctors


def bench_matching(ctx: Context, requests: int, slots: int) -> None:
    doctors = fill_waitlist(ctx, requests)
    rng = random.Random(3)
    zone = ctx.clinic().zone
    moments = [(rng.choice(doctors), datetime(2026, 11, 23, 9, tzinfo=zone)
                + timedelta(days=rng.randint(1, 120), minutes=30 * rng.randint(0, 17))) for _ in range(slots)]
    found: list[int] = []
    pick = iter(moments * 3)

    def match() -> None:
        (doctor, _specialty), start = next(pick)
        found.append(len(waitlist.matches(ctx, doctor, start)))

    count_sql = text(
        "SELECT count(*) FROM waitlist_request WHERE status = 'open' AND expires_on >= :day AND earliest_on <= :day"
        " AND latest_on >= :day AND time_of_day IN ('any', :part)"
        " AND (doctor_id = :doctor OR (doctor_id IS NULL AND specialty IN ('', :specialty)))")
    raw = iter(moments * 3)

    def count() -> None:
        (doctor, specialty), start = next(raw)
        local = start.astimezone(zone)
        part = "morning" if local.hour < 12 else "afternoon" if local.hour < 17 else "evening"
        with ctx.db.read() as session:
            session.execute(count_sql, dict(day=local.date(), part=part, doctor=doctor, specialty=specialty)).scalar()

    samples, baseline = timed(match, slots), timed(count, slots)
    report(f"waitlist matching, {requests:,} open requests (median {statistics.median(found):.0f} matches listed)",
           samples, baseline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--ticks", type=int, default=200)
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--slots", type=int, default=200)
    options = parser.parse_args()
    ctx = make_context()
    bench_tick(ctx, options.patients, options.ticks)
    bench_matching(ctx, options.requests, options.slots)


if __name__ == "__main__":
    main()

"""The quarterly complaint analysis over 20,000 complaints, beside a raw SQL count of the same quarter.

    python bench/bench_complaints.py [--complaints 20000] [--repeat 7]

The database (SQLite, a temporary file) holds ``--complaints`` complaints spread over two quarters, with
categories, departments, doctors, patients and every step time set. The baseline is one raw
``SELECT kind, count(*) ... GROUP BY kind`` over the same quarter: the least any analysis must cost.
Also timed: the suggestion for a new complaint's text once the classifier has learnt from them all (warm),
and the first suggestion of a process (the classifier learns the latest 3,000 complaints afresh).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text

from app.clock import FixedClock
from app.context import Context
from app.db import open_database
from app.migrate import upgrade
from app.models.clinic import Department
from app.models.complaints import Complaint, ComplaintCategory, ComplaintStatus, ContactChannel, FeedbackKind, Urgency
from app.models.patients import NameOrder, Patient
from app.models.staff import Doctor
from app.services import complaint_analysis, complaint_suggestion
from app.services.complaint_analysis import PeriodKind
from tests import builders

NOW = datetime(2026, 12, 31, 3, 0, tzinfo=UTC)
TEXTS = ("예약 시간보다 한 시간 넘게 기다렸습니다", "收据上的金额和我刷卡的金额不一致",
         "Администратор грубо разговаривала", "Toaleta era murdară",
         "The doctor did not explain the prescription", "대기실이 너무 춥습니다")


def build(path: Path, count: int) -> Context:
    database = open_database(f"sqlite:///{path}")
    upgrade(database)
    ctx = Context(db=database, audit_key=b"bench-audit-key-0123456789abcdef", workstation="bench",
                  clock=FixedClock(NOW))
    builders.set_up_clinic(ctx)
    rng = random.Random(7)
    assert ctx.actor is not None
    with database.write() as session:
        categories = list(session.scalars(insert(ComplaintCategory).returning(ComplaintCategory.id), [
            {"code": f"c{i}", "name": f"Category {i}", "resolve_days": 7, "keywords": {}, "active": True}
            for i in range(8)]))
        departments = list(session.scalars(insert(Department).returning(Department.id),
                                           [{"name": f"Department {i}", "active": True} for i in range(6)]))
        doctors = list(session.scalars(insert(Doctor).returning(Doctor.id), [
            {"full_name": f"Dr. {i}", "specialty": "GP", "color": "#4a90d9", "active": True} for i in range(20)]))
        patients = list(session.scalars(insert(Patient).returning(Patient.id), [
            {"family_name": f"Kim{i}", "given_name": "Min", "name_order": NameOrder.FAMILY_FIRST,
             "display_name": f"Kim{i} Min", "preferred_locale": "ko", "created_at": NOW}
            for i in range(3000)]))
        rows = []
        start = datetime(2026, 7, 1, tzinfo=UTC)
        span = (NOW - start).total_seconds()
        for _ in range(count):
            received = start + timedelta(seconds=rng.random() * span * 0.98)
            acknowledged = received + timedelta(hours=rng.uniform(0.5, 40)) if rng.random() < 0.9 else None
            resolved = received + timedelta(days=rng.uniform(0.5, 10)) if acknowledged and rng.random() < 0.8 else None
            rows.append({
                "kind": rng.choice(list(FeedbackKind)), "channel": rng.choice(list(ContactChannel)),
                "received_at": received, "patient_id": rng.choice(patients) if rng.random() < 0.8 else None,
                "contact_name": "", "contact_details": "", "category_id": rng.choice(categories),
                "suggested_category_id": rng.choice(categories), "urgency": rng.choice(list(Urgency)),
                "suggested_urgency": Urgency.NORMAL, "department_id": rng.choice(departments),
                "doctor_id": rng.choice(doctors), "subject": "", "text": rng.choice(TEXTS), "language": "",
                "status": ComplaintStatus.RESOLVED if resolved else ComplaintStatus.ACKNOWLEDGED if acknowledged
                else ComplaintStatus.RECEIVED,
                "acknowledge_due_at": received + timedelta(hours=24), "resolve_due_at": received + timedelta(days=7),
                "acknowledged_at": acknowledged, "resolved_at": resolved, "resolution": "done" if resolved else "",
                "response_text": "", "created_by": ctx.actor.user_id,
            })
        session.execute(insert(Complaint), rows)
    return ctx


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    call()
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        result.append((time.perf_counter() - started) * 1000)
    return result


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{name:<48} p50 {statistics.median(ordered):8.1f} ms   p95 {p95:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        ctx = build(Path(folder) / "bench.sqlite3", args.complaints)
        print(f"built {args.complaints:,} complaints in {time.perf_counter() - started:.1f} s")
        quarter = complaint_analysis.period_containing(PeriodKind.QUARTER, date(2026, 11, 15))
        zone = ctx.clinic().zone
        bounds = (datetime(2026, 10, 1, tzinfo=zone).astimezone(UTC), datetime(2027, 1, 1, tzinfo=zone).astimezone(UTC))

        def raw_count() -> object:
            with ctx.db.read() as session:
                return session.execute(text(
                    "SELECT kind, count(*) FROM complaint WHERE received_at >= :a AND received_at < :b GROUP BY kind"),
                    {"a": bounds[0].strftime("%Y-%m-%dT%H:%M:%S.%f"), "b": bounds[1].strftime("%Y-%m-%dT%H:%M:%S.%f")},
                ).all()

        analysis = complaint_analysis.analyse(ctx, PeriodKind.QUARTER, date(2026, 11, 15))
        raw_total = sum(n for _, n in raw_count())  # type: ignore[attr-defined]
        assert analysis.total == raw_total, (analysis.total, raw_total)
        print(f"quarter {quarter.start} – {quarter.end}: {analysis.total:,} complaints "
              f"(previous quarter {analysis.previous_total:,}); the analysis and the raw count agree")
        report("baseline: raw SQL count by kind, one quarter", timed(raw_count, args.repeat))
        report("quarterly analysis (both quarters, every figure)",
               timed(lambda: complaint_analysis.analyse(ctx, PeriodKind.QUARTER, date(2026, 11, 15)), args.repeat))
        report("suggestion for a new text (classifier warm)",
               timed(lambda: complaint_suggestion.suggest(ctx, "두 시간 기다렸어요"), args.repeat))
        complaint_suggestion._cache.clear()
        report("suggestion, classifier learnt afresh (latest 3,000)",
               timed(lambda: (complaint_suggestion._cache.clear(), complaint_suggestion.suggest(ctx, "기다렸어요")),
                     max(1, args.repeat // 3)))
        ctx.db.dispose()


if __name__ == "__main__":
    main()

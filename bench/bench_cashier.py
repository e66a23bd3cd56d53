"""The cash desk's figures, each beside a baseline measured in the same run.

    python bench/bench_cashier.py [--payments 500] [--repeat 30] [--locale ko]

(a) The 80 mm receipt PDF (two lines, a split payment), warm, beside a one-line ReportLab PDF: p50/p95, ratio.
(b) A shift of ``--payments`` payments taken through ``payments.take_payment`` on a fresh SQLite file: the
    payment's p50/p95 beside a bare INSERT of the same row; then the Z report (``shifts.shift_summary``)
    over that shift, p50/p95, beside one raw ``SELECT sum(amount)`` of the shift.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_documents import minimal_pdf
from sqlalchemy import text

from app.clock import FixedClock
from app.context import Context
from app.db import open_database
from app.documents import fonts
from app.documents.layout import ClinicHeader
from app.documents.receipt import ReceiptData, ReceiptLine, ReceiptPayment, render_receipt
from app.i18n import LOCALES
from app.labels import LABELS
from app.migrate import upgrade
from app.models.billing import PaymentMethod
from app.services import auth, clinic, invoices, patients, payments, shifts
from app.services.clinic import ClinicDetails
from app.services.invoices import InvoiceDraft, LineInput
from app.services.patients import PatientInput
from app.services.payments import PaymentPart, PaymentRequest

D = Decimal
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def percentiles(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds over ``repeat`` warm runs (one untimed run first)."""
    work()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def receipt_sample() -> ReceiptData:
    method = LABELS[PaymentMethod]
    return ReceiptData(
        clinic=ClinicHeader("서울 가정의학과 의원", "서울특별시 강남구 테헤란로 1", "+82 2 555 0100", "123-45-67890"),
        number="2026-000123", issued_at=NOW, zone="Asia/Seoul", currency="KRW", patient_name="김민준",
        cashier_name="Park Ji-hoon",
        payments=(ReceiptPayment(method[PaymentMethod.CARD], D(30000)), ReceiptPayment(method[PaymentMethod.CASH],
                                                                                       D(14700))),
        lines=(ReceiptLine("초진 진찰료", D(1), D(33000), D(3300), "경로 우대", D(29700)),
               ReceiptLine("혈액 검사", D(2), D(7500), D(0), "", D(15000))),
        invoice_number="2026-000045", subtotal=D(48000), discount=D(3300), tax=D(2700), total=D(44700),
        tendered=D(20000), change=D(5300))


def shift_of(count: int, folder: Path) -> tuple[Context, int, list[float], list[float]]:
    """A fresh clinic whose open shift took ``count`` payments; their latencies and bare INSERTs beside."""
    database = open_database(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade(database)
    ctx = Context(db=database, audit_key=b"bench-audit-key-0123456789abcdef", workstation="desk-1",
                  clock=FixedClock(NOW))
    clinic.set_up(ctx, ClinicDetails(legal_name="Bench Clinic", short_name="Bench", address="", tax_id="", phone="",
                                     email="", currency="KRW", default_locale="ko", time_zone="Asia/Seoul"),
                  "admin", "Bench Admin", "bench-password-1")
    auth.sign_in(ctx, "admin", "bench-password-1")
    shift_id = shifts.open_shift(ctx, D(200000)).id
    aside = Context(db=database, audit_key=ctx.audit_key, workstation="baseline", clock=ctx.clock, actor=ctx.actor)
    baseline_shift = shifts.open_shift(aside, D(0)).id  # the bare INSERTs go here, out of the measured shift
    patient = patients.create(ctx, PatientInput(family_name="김", given_name="민준"))
    methods = (PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.MOBILE)
    taken, inserted = [], []
    for index in range(count):
        invoice = invoices.issue_invoice(ctx, InvoiceDraft(patient.id, (LineInput("진찰료", D(30000)),)))
        began = time.perf_counter()
        payments.take_payment(ctx, PaymentRequest(patient.id, (PaymentPart(methods[index % 3], D(30000)),),
                                                  invoice.id))
        taken.append((time.perf_counter() - began) * 1000)
        began = time.perf_counter()
        with database.write() as session:
            session.execute(text(
                "INSERT INTO payment (invoice_id, patient_id, shift_id, method, amount, refunded, receipt_year, "
                "receipt_number, receipt_part, taken_by, taken_at) VALUES (:i, :p, :s, 'card', 3000000, 0, 1999, "
                ":n, 1, :u, '2026-11-23T01:00:00.000000')"),
                {"i": invoice.id, "p": patient.id, "s": baseline_shift, "n": index + 1, "u": ctx.actor.user_id})
        inserted.append((time.perf_counter() - began) * 1000)
    return ctx, shift_id, taken, inserted


def p50_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[round(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payments", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--locale", choices=LOCALES, default="ko")
    args = parser.parse_args()

    fonts.register()
    data = receipt_sample()
    receipt = percentiles(lambda: render_receipt(data, args.locale), args.repeat)
    baseline = percentiles(minimal_pdf, args.repeat)
    print(f"receipt PDF (80 mm, {args.locale}), warm:  p50 {receipt[0]:7.2f} ms  p95 {receipt[1]:7.2f} ms")
    print(f"one-line ReportLab PDF (baseline):  p50 {baseline[0]:7.2f} ms  p95 {baseline[1]:7.2f} ms")
    print(f"ratio receipt / baseline (p50):     {receipt[0] / baseline[0]:7.1f}x")

    with tempfile.TemporaryDirectory() as folder:
        ctx, shift_id, taken, inserted = shift_of(args.payments, Path(folder))
        pay, raw = p50_p95(taken), p50_p95(inserted)
        print(f"take_payment over {args.payments} payments: p50 {pay[0]:7.2f} ms  p95 {pay[1]:7.2f} ms")
        print(f"bare INSERT of a payment row:       p50 {raw[0]:7.2f} ms  p95 {raw[1]:7.2f} ms")
        summary = shifts.shift_summary(ctx, shift_id)
        assert summary.payments == args.payments
        z = percentiles(lambda: shifts.shift_summary(ctx, shift_id), args.repeat)

        def raw_sum() -> object:
            with ctx.db.read() as session:
                return session.execute(text("SELECT sum(amount) FROM payment WHERE shift_id = :s"),
                                        {"s": shift_id}).scalar()

        plain = percentiles(raw_sum, args.repeat)
        print(f"Z report over {summary.payments} payments: p50 {z[0]:7.2f} ms  p95 {z[1]:7.2f} ms "
              f"(expected cash {summary.expected_cash})")
        print(f"raw SELECT sum(amount) of the shift: p50 {plain[0]:7.2f} ms  p95 {plain[1]:7.2f} ms")
        print(f"ratio Z report / raw sum (p50):     {z[0] / plain[0]:7.1f}x")
        ctx.db.dispose()


if __name__ == "__main__":
    main()

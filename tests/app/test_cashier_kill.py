"""A cashier's process killed in the middle of a payment: afterwards the database holds the whole payment
with its receipt number, or nothing of it (and the number is not used up)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models.billing import Payment, PaymentMethod
from app.services import invoices, payments
from app.services.payments import PaymentPart, PaymentRequest
from tests import builders
from tests.cashier_builders import issue, open_shift

ROOT = Path(__file__).resolve().parents[2]


def _kill_child(ctx, patient_id: int, invoice_id: int, when: str) -> str:
    url = ctx.db.engine.url.render_as_string(hide_password=False)
    child = subprocess.Popen([sys.executable, "-m", "tests.support.paying_child", url, str(patient_id),
                              str(invoice_id), when], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout is not None
        line = child.stdout.readline().strip()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    return line


@pytest.mark.slow
def test_killed_inside_the_transaction_leaves_nothing(ctx):
    patient = builders.add_patient(ctx, "Kill", "Before")
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "30000")
    assert _kill_child(ctx, patient.id, invoice.id, "before") == "inside"
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Payment)) == 0
    assert invoices.get(ctx, invoice.id).due == Decimal(30000)
    # The number drawn by the killed process was never used: the next payment gets receipt 1.
    result = payments.take_payment(ctx, PaymentRequest(patient.id, (PaymentPart(PaymentMethod.CARD, Decimal(1000)),),
                                                       invoice.id))
    assert result.receipt == "2026-000001"


@pytest.mark.slow
def test_killed_after_the_commit_keeps_the_whole_payment(ctx):
    patient = builders.add_patient(ctx, "Kill", "After")
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "30000")
    assert _kill_child(ctx, patient.id, invoice.id, "after") == "committed 2026-000001"
    with ctx.db.read() as session:
        rows = session.execute(select(Payment.amount, Payment.receipt_number)).all()
    assert rows == [(Decimal(30000), 1)]
    assert invoices.get(ctx, invoice.id).due == 0

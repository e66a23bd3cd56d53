"""Several cashiers at once on both databases: receipt numbers stay exactly 1..N when some payments roll
back, and two desks refunding the same payment never refund more than was paid."""

from __future__ import annotations

import contextlib
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.errors import Conflict, DatabaseBusy
from app.models.billing import Payment, PaymentMethod, Refund
from app.services import payments
from app.services.payments import PaymentPart, PaymentRequest
from tests import builders
from tests.cashier_builders import issue, open_shift

DESKS = 4
PAYMENTS_PER_DESK = 8
D = Decimal


class _Rollback(Exception):
    """Raised inside the payment's transaction (after its receipt number was drawn) to roll it back."""


@pytest.mark.slow
def test_receipts_are_numbered_1_to_n_under_concurrent_cashiers_with_rollbacks(ctx, monkeypatch):
    patient = builders.add_patient(ctx, "Race", "Patient")
    desks = [builders.other_desk(ctx, n) for n in range(DESKS)]
    for desk in desks:
        open_shift(desk)
    real_record = payments.UnitOfWork.record
    doomed: set[int] = set()

    def record(uow, action, entity, entity_id, changes):  # runs after the number was drawn
        real_record(uow, action, entity, entity_id, changes)
        if action == "take" and threading.get_ident() in doomed:
            raise _Rollback

    monkeypatch.setattr(payments.UnitOfWork, "record", record)

    def work(index: int) -> int:
        rng, desk, kept = random.Random(index), desks[index], 0
        for _ in range(PAYMENTS_PER_DESK):
            fail = rng.random() < 0.25
            (doomed.add if fail else doomed.discard)(threading.get_ident())
            try:
                payments.take_payment(desk, PaymentRequest(patient.id, (PaymentPart(PaymentMethod.CARD, D(1000)),)))
                kept += 1
            except (_Rollback, DatabaseBusy):
                pass
        return kept

    with ThreadPoolExecutor(DESKS) as pool:
        kept = sum(pool.map(work, range(DESKS)))
    with ctx.db.read() as session:
        numbers = sorted(session.scalars(select(Payment.receipt_number)))
    assert kept > 0
    assert numbers == list(range(1, kept + 1))


@pytest.mark.slow
def test_two_desks_refunding_the_same_payment_at_once_refund_at_most_what_was_paid(ctx):
    patient = builders.add_patient(ctx, "Refund", "Race")
    desks = [builders.other_desk(ctx, n) for n in range(DESKS)]
    for desk in desks:
        open_shift(desk)
    invoice = issue(ctx, patient.id, "100000")
    paid = payments.take_payment(desks[0], PaymentRequest(patient.id, (PaymentPart(PaymentMethod.CARD, D(100000)),),
                                                          invoice.id))
    barrier = threading.Barrier(DESKS)

    def work(index: int) -> Decimal:
        barrier.wait()
        refunded = D(0)
        for _ in range(3):
            with contextlib.suppress(Conflict, DatabaseBusy):
                refunded += payments.refund(desks[index], paid.payment_ids[0], D(15000), "race").amount
        return refunded

    with ThreadPoolExecutor(DESKS) as pool:
        total = sum(pool.map(work, range(DESKS)), D(0))
    with ctx.db.read() as session:
        payment = session.get(Payment, paid.payment_ids[0])
        refunds = list(session.scalars(select(Refund.amount)))
    assert total == payment.refunded == sum(refunds, D(0))
    assert total == D(90000)  # six refunds of 15,000 fit in 100,000; the seventh never does

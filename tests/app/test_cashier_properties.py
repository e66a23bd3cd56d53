"""Property tests: for any sequence of invoices, payments (split, partial, over-, from the deposit), refunds,
credit notes and cancellations, the books balance, and the batch balance equals the one-patient balance.

On both databases (the ``ctx`` fixture): one example is a few dozen service calls, 30 examples take seconds.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.errors import DomainError
from app.models.billing import DepositEntry, Payment, PaymentMethod, Refund
from app.services import invoices, payments, shifts
from app.services.payments import PaymentPart, PaymentRequest
from tests import builders
from tests.cashier_builders import issue, open_shift

D = Decimal
amounts = st.integers(min_value=1, max_value=60).map(lambda n: D(n * 1000))
methods = st.sampled_from(list(PaymentMethod))
operations = st.lists(st.one_of(
    st.tuples(st.just("invoice"), st.lists(amounts, min_size=1, max_size=2)),
    st.tuples(st.just("credit"), st.integers(0, 5), st.sampled_from([[1], [2], [1, 2]])),
    st.tuples(st.just("cancel"), st.integers(0, 5)),
    st.tuples(st.just("pay"), st.integers(0, 5), st.lists(st.tuples(methods, amounts), min_size=1, max_size=3),
              st.booleans(), st.booleans()),
    st.tuples(st.just("refund"), st.integers(0, 20), amounts),
), min_size=1, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
# A top-up into the deposit, then the deposit paying the invoice: the books once counted that money twice.
@example(steps=[("invoice", [D(1000)]), ("pay", 0, [(PaymentMethod.CASH, D(1000))], False, False),
                ("pay", 0, [(PaymentMethod.DEPOSIT, D(1000))], True, False)])
def test_the_books_balance_after_any_sequence(ctx, steps):
    shift = shifts.current_shift(ctx)
    shift_id = shift.id if shift else open_shift(ctx, "50000")
    patient = builders.add_patient(ctx, "Property", "Patient")
    bills: list[int] = []
    for step in steps:
        with contextlib.suppress(DomainError):  # a refused step must leave no trace: checked below
            if step[0] == "invoice":
                bills.append(issue(ctx, patient.id, *(str(a) for a in step[1])).id)
            elif step[0] in ("credit", "cancel"):
                if bills and step[0] == "credit":
                    invoices.credit_note(ctx, bills[step[1] % len(bills)], step[2], "property")
                elif bills:
                    invoices.cancel_invoice(ctx, bills[step[1] % len(bills)], "property")
            elif step[0] == "pay":
                _, which, parts, to_invoice, to_deposit = step
                invoice_id = bills[which % len(bills)] if (bills and to_invoice) else None
                payments.take_payment(ctx, PaymentRequest(
                    patient.id, tuple(PaymentPart(m, a) for m, a in parts), invoice_id, excess_to_deposit=to_deposit))
            else:
                with ctx.db.read() as session:
                    ids = list(session.scalars(select(Payment.id).order_by(Payment.id)))
                if ids:
                    payments.refund(ctx, ids[step[1] % len(ids)], step[2], "property")
    _assert_books_balance(ctx, shift_id, patient.id, bills)


def _assert_books_balance(ctx, shift_id: int, patient_id: int, bills: list[int]) -> None:
    for invoice_id in bills:
        view = invoices.get(ctx, invoice_id)
        assert D(0) <= view.paid <= view.charged
    with ctx.db.read() as session:
        rows = list(session.scalars(select(Payment).where(Payment.patient_id == patient_id)))
        for payment in rows:
            refunded = session.scalar(select(func.coalesce(func.sum(Refund.amount), 0))
                                      .where(Refund.payment_id == payment.id))
            assert D(0) <= payment.refunded <= payment.amount
            assert payment.refunded == D(refunded)
        deposit = session.scalar(select(func.coalesce(func.sum(DepositEntry.amount), 0))
                                 .where(DepositEntry.patient_id == patient_id))
        cash_in = session.scalar(select(func.coalesce(func.sum(Payment.amount), 0)).where(
            Payment.shift_id == shift_id, Payment.method == PaymentMethod.CASH))
        cash_out = session.scalar(select(func.coalesce(func.sum(Refund.amount), 0))
                                  .join(Payment, Payment.id == Refund.payment_id)
                                  .where(Refund.shift_id == shift_id, Payment.method == PaymentMethod.CASH))
    net = {True: D(0), False: D(0)}
    for p in rows:
        if p.method is not PaymentMethod.DEPOSIT:
            net[p.invoice_id is not None] += p.amount - p.refunded
    from_deposit = sum((p.amount - p.refunded for p in rows if p.method is PaymentMethod.DEPOSIT), D(0))
    # The deposit holds what was paid into it less what it paid out. Money that came in (every method but the
    # deposit, net of refunds) is on the invoices or still in the deposit: what the deposit paid onto an
    # invoice counts once, as paid, having left the deposit.
    assert D(deposit) >= 0
    assert D(deposit) == net[False] - from_deposit
    assert net[True] + net[False] == sum((invoices.get(ctx, b).paid for b in bills), D(0)) + D(deposit)
    assert invoices.balances_of(ctx, [patient_id]).get(patient_id, invoices.Balance(D(0), D(0), 0)) == (
        invoices.balance_of(ctx, patient_id))
    summary = shifts.shift_summary(ctx, shift_id)
    assert summary.expected_cash == summary.opening_float + D(cash_in) - D(cash_out)

"""``invoices.balances_of``: many patients' debts and deposits in one query, equal to ``balance_of`` one by one."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlalchemy import event

from app.models.billing import PaymentMethod
from app.models.staff import Role
from app.services import invoices, payments
from app.services.invoices import Balance
from app.services.payments import PaymentPart, PaymentRequest
from tests import builders
from tests.cashier_builders import issue, open_shift

D = Decimal


def _pay(ctx, patient_id: int, invoice_id: int | None, method: PaymentMethod, amount: str, *,
         to_deposit: bool = False) -> int:
    return payments.take_payment(ctx, PaymentRequest(patient_id, (PaymentPart(method, D(amount)),), invoice_id,
                                                     excess_to_deposit=to_deposit)).payment_ids[0]


def test_balances_of_many_patients_in_one_query(ctx):
    open_shift(ctx)
    nothing = builders.add_patient(ctx, "Popescu", "Ana")  # no invoice at all
    settled = builders.add_patient(ctx, "Иванова", "Мария")
    partial = builders.add_patient(ctx, "김", "민준")
    depositor = builders.add_patient(ctx, "王", "秀英")
    mixed = builders.add_patient(ctx, "Lee", "Min")

    paid_off = issue(ctx, settled.id, "20000")
    _pay(ctx, settled.id, paid_off.id, PaymentMethod.CARD, "20000")
    # Partly paid, with a refund of part of the payment: 50,000 − (30,000 − 5,000) = 25,000 due.
    first = issue(ctx, partial.id, "30000", "20000")
    payment = _pay(ctx, partial.id, first.id, PaymentMethod.CASH, "30000")
    payments.refund(ctx, payment, D(5000), "overcharged")
    issue(ctx, partial.id, "7000")  # a second open invoice
    _pay(ctx, depositor.id, None, PaymentMethod.CASH, "15000", to_deposit=True)  # a prepaid deposit only
    # Paid in full, part refunded and that line credited: settled; another invoice is due after its credit note.
    settled_after_credit = issue(ctx, mixed.id, "10000", "4000")
    card = _pay(ctx, mixed.id, settled_after_credit.id, PaymentMethod.CARD, "14000")
    payments.refund(ctx, card, D(4000), "not done")
    invoices.credit_note(ctx, settled_after_credit.id, [2], "not done")
    credited = issue(ctx, mixed.id, "9000", "1000")
    invoices.credit_note(ctx, credited.id, [2], "not done")
    cancelled = issue(ctx, mixed.id, "99000")
    invoices.cancel_invoice(ctx, cancelled.id, "wrong patient")

    everyone = [nothing.id, settled.id, partial.id, depositor.id, mixed.id]
    statements: list[str] = []
    engine = ctx.db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        balances = invoices.balances_of(ctx, everyone)
    finally:
        event.remove(engine, "before_cursor_execute", listener)

    assert len([s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]) == 1
    assert balances == {
        partial.id: Balance(debt=D(32000), deposit=D(0), open_invoices=2),
        depositor.id: Balance(debt=D(0), deposit=D(15000), open_invoices=0),
        mixed.id: Balance(debt=D(9000), deposit=D(0), open_invoices=1),
    }
    for patient_id in everyone:  # the same figures as the cashier dock's own reading
        one = invoices.balance_of(ctx, patient_id)
        assert balances.get(patient_id, Balance(D(0), D(0), 0)) == one


def test_balances_of_shows_nothing_without_the_cashier_view(ctx):
    patient = builders.add_patient(ctx, "김", "민준")
    issue(ctx, patient.id, "10000")
    assert invoices.balances_of(ctx, [patient.id]) == {patient.id: Balance(D(10000), D(0), 1)}
    ctx.actor = replace(ctx.actor, roles=frozenset({Role.DOCTOR}))
    assert invoices.balances_of(ctx, [patient.id]) == {}
    assert invoices.balances_of(ctx, []) == {}

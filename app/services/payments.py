"""Taking payments and refunds: in the desk's open shift, each with a gapless receipt number.

A payment may be split over several methods; the parts share one receipt number (one slip for the patient).
Paying less than is due leaves a debt; paying more is refused unless the cashier keeps the difference as the
patient's deposit. A refund never exceeds what is left of its payment, also when two desks refund the same
payment at once: ``refunded`` only grows by a conditional UPDATE, and a check constraint stands behind it
(PITFALLS: check-then-write refunded 160.00 of a 100.00 payment).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound
from app.events import Topic
from app.i18n import N_, format_money
from app.models.billing import CashShift, DepositEntry, Invoice, Payment, PaymentMethod, Refund
from app.services.billing_math import ZERO
from app.services.cashier import year_number
from app.services.invoices import deposit_in, locked_issued, views
from app.services.numbering import next_number
from app.services.patients import live_patient
from app.services.permissions import Permission, require
from app.services.shifts import open_shift_at
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_text, money

RECEIPT_SERIES = "receipt"
REFUND_SERIES = "refund"
MAX_PARTS = 6


@dataclass(frozen=True)
class PaymentPart:
    method: PaymentMethod
    amount: Decimal


@dataclass(frozen=True)
class PaymentRequest:
    """``invoice_id`` None puts the whole amount on the patient's deposit (a prepayment)."""

    patient_id: int
    parts: tuple[PaymentPart, ...]
    invoice_id: int | None = None
    tendered: Decimal | None = None
    excess_to_deposit: bool = False


@dataclass(frozen=True)
class PaymentResult:
    receipt: str
    receipt_year: int
    receipt_number: int
    payment_ids: tuple[int, ...]
    paid: Decimal
    change: Decimal
    to_deposit: Decimal
    due_after: Decimal


@dataclass(frozen=True)
class RefundResult:
    refund_id: int
    receipt: str
    amount: Decimal
    remaining: Decimal


def _clean_parts(ctx: Context, request: PaymentRequest) -> tuple[list[PaymentPart], Decimal | None]:
    currency = ctx.clinic().currency
    if not request.parts:
        raise InvalidInput(N_("Enter the amount paid."), field=N_("Amount"))
    if len(request.parts) > MAX_PARTS:
        raise InvalidInput(N_("A payment can be split over at most {limit} methods."), limit=MAX_PARTS)
    parts = [PaymentPart(p.method, money(p.amount, currency, N_("Amount"))) for p in request.parts]
    if len({p.method for p in parts}) != len(parts):
        raise InvalidInput(N_("Each method can appear only once in a payment."))
    tendered = None
    if request.tendered is not None:
        tendered = money(request.tendered, currency, N_("Cash tendered"))
        cash = sum((p.amount for p in parts if p.method is PaymentMethod.CASH), ZERO)
        if not cash:
            raise InvalidInput(N_("Cash tendered is only for a cash payment."), field=N_("Cash tendered"))
        if tendered < cash:
            raise InvalidInput(N_("The cash tendered is less than the cash part of the payment."),
                               field=N_("Cash tendered"))
    return parts, tendered


def _shift(session: Session, ctx: Context) -> CashShift:
    shift = open_shift_at(session, ctx.workstation, lock=True)
    if shift is None:
        raise Conflict(N_("Open a cash shift at this desk first."))
    return shift


def _allocate(parts: list[PaymentPart], due: Decimal | None, excess_to_deposit: bool, currency: str
              ) -> list[tuple[PaymentPart, bool]]:
    """Each part with whether it goes to the invoice (True) or to the deposit (False).

    The excess over what is due comes off the last part that is not itself paid from the deposit.
    """
    if due is None:
        if any(p.method is PaymentMethod.DEPOSIT for p in parts):
            raise InvalidInput(N_("A deposit cannot be paid from the deposit."))
        return [(p, False) for p in parts]
    total = sum((p.amount for p in parts), ZERO)
    excess = total - due
    if excess <= 0:
        return [(p, True) for p in parts]
    if not excess_to_deposit:
        raise InvalidInput(
            N_("{paid} is more than the {due} due. Take less, or keep the difference as a deposit."),
            paid=format_money(total, currency), due=format_money(due, currency))
    allocated = [(p, True) for p in parts]
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        if part.method is PaymentMethod.DEPOSIT or excess <= 0:
            continue
        moved = min(excess, part.amount)
        excess -= moved
        allocated[index] = (PaymentPart(part.method, part.amount - moved), True)
        allocated.append((PaymentPart(part.method, moved), False))
    if excess > 0:
        raise InvalidInput(N_("A deposit cannot be paid from the deposit."))
    return [(p, to_invoice) for p, to_invoice in allocated if p.amount > 0]


def take_payment(ctx: Context, request: PaymentRequest) -> PaymentResult:
    """Take a payment in the desk's open shift, in one transaction with its receipt number."""
    actor = require(ctx, Permission.TAKE_PAYMENT)
    parts, tendered = _clean_parts(ctx, request)
    currency = ctx.clinic().currency
    with unit_of_work(ctx) as uow:
        session = uow.session
        shift = _shift(session, ctx)
        live_patient(session, request.patient_id)
        due: Decimal | None = None
        invoice: Invoice | None = None
        if request.invoice_id is not None:
            invoice = _payable(session, request)
            due = views(session, [invoice])[0].due
            if due <= 0:
                raise Conflict(N_("This invoice is paid in full."))
        from_deposit = sum((p.amount for p in parts if p.method is PaymentMethod.DEPOSIT), ZERO)
        if from_deposit and from_deposit > deposit_in(session, request.patient_id):
            raise InvalidInput(N_("The patient's deposit holds only {amount}."),
                               amount=format_money(deposit_in(session, request.patient_id), currency))
        allocated = _allocate(parts, due, request.excess_to_deposit, currency)
        now = ctx.clock.now()
        year = now.astimezone(ctx.clinic().zone).year
        number = next_number(session, RECEIPT_SERIES, year)
        rows: list[Payment] = []
        cash_total = sum((p.amount for p in parts if p.method is PaymentMethod.CASH), ZERO)
        for position, (part, to_invoice) in enumerate(allocated, start=1):
            first_cash = part.method is PaymentMethod.CASH and not any(
                r.method is PaymentMethod.CASH for r in rows)
            row = Payment(invoice_id=invoice.id if (invoice and to_invoice) else None,
                          patient_id=request.patient_id, shift_id=shift.id, method=part.method, amount=part.amount,
                          tendered=tendered if first_cash else None, refunded=ZERO, receipt_year=year,
                          receipt_number=number, receipt_part=position, taken_by=actor.user_id, taken_at=now)
            session.add(row)
            rows.append(row)
        session.flush()
        for row in rows:
            if row.method is PaymentMethod.DEPOSIT:
                _deposit(uow, row, -row.amount, "payment")
            elif row.invoice_id is None:
                _deposit(uow, row, row.amount, "deposit")
        to_deposit = sum((r.amount for r in rows if r.invoice_id is None), ZERO)
        paid = sum((p.amount for p in parts), ZERO)
        due_after = ZERO if invoice is None else views(session, [invoice])[0].due
        receipt = year_number(year, number)
        uow.record("take", "payment", rows[0].id, {
            "receipt": receipt, "patient_id": request.patient_id, "invoice_id": request.invoice_id,
            "parts": [{"method": r.method.value, "amount": str(r.amount), "invoice": r.invoice_id is not None}
                      for r in rows], "tendered": str(tendered) if tendered is not None else None})
        uow.emit(Topic.PAYMENTS, rows[0].id)
        uow.emit(Topic.INVOICES, request.invoice_id)
        return PaymentResult(receipt=receipt, receipt_year=year, receipt_number=number,
                             payment_ids=tuple(r.id for r in rows), paid=paid,
                             change=(tendered - cash_total) if tendered is not None else ZERO,
                             to_deposit=to_deposit, due_after=due_after)


def _payable(session: Session, request: PaymentRequest) -> Invoice:
    assert request.invoice_id is not None
    invoice = locked_issued(session, request.invoice_id)
    if invoice.patient_id != request.patient_id:
        raise NotFound(N_("This invoice no longer exists."))
    return invoice


def _deposit(uow: UnitOfWork, payment: Payment, amount: Decimal, note: str) -> None:
    actor = uow.ctx.actor
    assert actor is not None
    uow.session.add(DepositEntry(patient_id=payment.patient_id, amount=amount, payment_id=payment.id, note=note,
                                 created_by=actor.user_id, created_at=uow.ctx.clock.now()))


def refund(ctx: Context, payment_id: int, amount: Decimal, reason: str) -> RefundResult:
    """Refund part or all of a payment, from this desk's open shift, with its own receipt number."""
    actor = require(ctx, Permission.REFUND)
    currency = ctx.clinic().currency
    value = money(amount, currency, N_("Refund amount"))
    why = clean_text(reason, N_("Reason for the refund"), max_length=400, required=True)
    with unit_of_work(ctx) as uow:
        session = uow.session
        shift = _shift(session, ctx)
        payment = session.get(Payment, payment_id)
        if payment is None:
            raise NotFound(N_("This payment no longer exists."))
        is_top_up = payment.invoice_id is None and payment.method is not PaymentMethod.DEPOSIT
        if is_top_up and value > deposit_in(session, payment.patient_id):
            raise Conflict(N_("The patient's deposit holds only {amount}."),
                           amount=format_money(deposit_in(session, payment.patient_id), currency))
        grown = session.execute(
            update(Payment)
            .where(Payment.id == payment_id, Payment.refunded + value <= Payment.amount)
            .values(refunded=Payment.refunded + value)
            .execution_options(synchronize_session=False))
        if grown.rowcount != 1:  # type: ignore[attr-defined]
            session.refresh(payment)
            left = payment.amount - payment.refunded
            if left <= 0:
                raise Conflict(N_("This payment was already refunded in full."))
            raise Conflict(N_("Only {amount} of this payment can still be refunded."),
                           amount=format_money(left, currency))
        session.refresh(payment)
        now = ctx.clock.now()
        year = now.astimezone(ctx.clinic().zone).year
        number = next_number(session, REFUND_SERIES, year)
        row = Refund(payment_id=payment.id, shift_id=shift.id, amount=value, reason=why, receipt_year=year,
                     receipt_number=number, refunded_by=actor.user_id, refunded_at=now)
        session.add(row)
        session.flush()
        if payment.method is PaymentMethod.DEPOSIT:
            _deposit(uow, payment, value, "refund")
        elif is_top_up:
            _deposit(uow, payment, -value, "refund")
        receipt = year_number(year, number)
        uow.record("refund", "payment", payment.id, {"refund_id": row.id, "receipt": receipt,
                                                     "amount": str(value), "reason": why})
        uow.emit(Topic.PAYMENTS, payment.id)
        uow.emit(Topic.INVOICES, payment.invoice_id)
        return RefundResult(refund_id=row.id, receipt=receipt, amount=value,
                            remaining=payment.amount - payment.refunded)

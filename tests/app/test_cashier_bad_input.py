"""Wrong input at the cash desk: a translated refusal, and nothing written (no payment, refund, invoice,
audit record, or receipt number used up)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import Conflict, DomainError, InvalidInput
from app.models.audit import AuditRecord
from app.models.billing import DiscountKind, Invoice, NumberCounter, Payment, PaymentMethod, Refund
from app.services import invoices, payments, shifts
from app.services.invoices import InvoiceDraft, LineInput
from app.services.payments import PaymentPart, PaymentRequest
from tests import builders
from tests.cashier_builders import issue, open_shift

D = Decimal
CASH = PaymentMethod.CASH


def _state(ctx) -> tuple[int, ...]:
    with ctx.db.read() as session:
        counts = tuple(session.scalar(select(func.count()).select_from(t)) for t in (Payment, Refund, Invoice,
                                                                                      AuditRecord))
        return (*counts, session.scalar(select(func.coalesce(func.sum(NumberCounter.last), 0))))


def _refused(ctx, call, kind: type[DomainError] = InvalidInput) -> DomainError:
    before = _state(ctx)
    with pytest.raises(kind) as caught:
        call()
    assert _state(ctx) == before
    error = caught.value
    assert "{" not in error.message("en")
    for locale in ("ko", "ru", "ro", "zh_CN"):
        assert error.message(locale) != error.message("en"), f"{error.message_id!r} not translated to {locale}"
    return error


@pytest.fixture
def desk(ctx):
    patient = builders.add_patient(ctx, "박", "서연")
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "30000")
    return patient, invoice


def _pay(ctx, patient, invoice_id, amount, method=CASH, tendered=None):
    return lambda: payments.take_payment(ctx, PaymentRequest(patient.id, (PaymentPart(method, amount),), invoice_id,
                                                             tendered=tendered))


def test_bad_payment_amounts(ctx, desk):
    patient, invoice = desk
    for amount in (D(0), D(-5000), D("100.5"), D("1e13"), "abc"):
        _refused(ctx, _pay(ctx, patient, invoice.id, amount))


def test_tendered_less_than_the_cash(ctx, desk):
    patient, invoice = desk
    _refused(ctx, _pay(ctx, patient, invoice.id, D(30000), tendered=D(20000)))
    _refused(ctx, _pay(ctx, patient, invoice.id, D(30000), method=PaymentMethod.CARD, tendered=D(50000)))


def test_paying_a_cancelled_invoice(ctx, desk):
    patient, invoice = desk
    invoices.cancel_invoice(ctx, invoice.id, "wrong service")
    error = _refused(ctx, _pay(ctx, patient, invoice.id, D(30000)), Conflict)
    assert "cancelled" in error.message("en")


def test_refunding_twice(ctx, desk):
    patient, invoice = desk
    paid = _pay(ctx, patient, invoice.id, D(30000))()
    payments.refund(ctx, paid.payment_ids[0], D(30000), "not done")
    _refused(ctx, lambda: payments.refund(ctx, paid.payment_ids[0], D(30000), "again"), Conflict)


def test_bad_refund_amounts(ctx, desk):
    patient, invoice = desk
    paid = _pay(ctx, patient, invoice.id, D(30000))()
    for amount in (D(0), D(-1), D("0.5"), D("1e13")):
        _refused(ctx, lambda amount=amount: payments.refund(ctx, paid.payment_ids[0], amount, "why"))


BAD_LINES = [
    LineInput("", D(1000)),
    LineInput("Consultation", D(-1000)),
    LineInput("Consultation", D("1000.5")),
    LineInput("Consultation", D(1000), quantity=D(0)),
    LineInput("Consultation", D(1000), quantity=D("0.0001")),
    LineInput("Consultation", D(1000), discount_kind=DiscountKind.AMOUNT, discount_value=D(2000),
              discount_reason="too much"),
    LineInput("Consultation", D(1000), discount_kind=DiscountKind.PERCENT, discount_value=D(5)),
    LineInput("Consultation", D(1000), tax_rate=D(120)),
]


def test_bad_invoice_lines(ctx, desk):
    patient, _ = desk
    for line in BAD_LINES:
        _refused(ctx, lambda line=line: invoices.issue_invoice(ctx, InvoiceDraft(patient.id, (line,))))


def test_bad_shift_amounts(ctx, desk):
    current = shifts.current_shift(ctx)
    _refused(ctx, lambda: shifts.close_shift(ctx, current.id, D(-1)))
    _refused(ctx, lambda: shifts.close_shift(ctx, current.id, D("0.5")))

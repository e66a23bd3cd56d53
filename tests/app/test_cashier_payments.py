"""The cash desk's rules on both databases: totals, split and partial payments, deposits, refunds, shifts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import Conflict, InvalidInput
from app.models.billing import DepositEntry, DiscountKind, Payment, PaymentMethod, Refund
from app.models.staff import Role
from app.services import auth, invoices, payments, price_list, shifts
from app.services.invoices import LineInput
from app.services.payments import PaymentPart, PaymentRequest
from tests import builders
from tests.cashier_builders import add_service, issue, open_shift

D = Decimal
CASH, CARD, DEPOSIT = PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.DEPOSIT


def pay(ctx, patient_id: int, invoice_id: int | None, *parts: tuple[PaymentMethod, str], tendered: str | None = None,
        to_deposit: bool = False) -> payments.PaymentResult:
    return payments.take_payment(ctx, PaymentRequest(
        patient_id=patient_id, invoice_id=invoice_id, parts=tuple(PaymentPart(m, D(a)) for m, a in parts),
        tendered=D(tendered) if tendered else None, excess_to_deposit=to_deposit))


@pytest.fixture
def patient(ctx):
    return builders.add_patient(ctx, "김", "민준", phone="010-1234-5678")


def test_totals_with_discount_and_included_tax(ctx, patient):
    invoice = issue(ctx, patient.id, "33000", "11000", discount=(DiscountKind.PERCENT, "10", "경로 우대"), tax="10")
    # 33,000 less 10 % = 29,700 (tax inside: 2,700); 11,000 (tax inside: 1,000)
    assert [line.total for line in invoice.lines] == [D(29700), D(11000)]
    assert [line.tax for line in invoice.lines] == [D(2700), D(1000)]
    assert (invoice.subtotal, invoice.discount, invoice.tax, invoice.total) == (D(44000), D(3300), D(3700), D(40700))
    assert invoice.due == D(40700)
    assert invoice.number == "2026-000001"


def test_price_change_leaves_issued_invoices_alone(ctx, patient):
    service = add_service(ctx, price="30000")
    draft = invoices.InvoiceDraft(patient.id, (LineInput(service.names["ko"], service.price, service_id=service.id),))
    invoice = invoices.issue_invoice(ctx, draft)
    price_list.save_service(ctx, price_list.ServiceInput(code=service.code, names=service.names, price=D(45000)),
                            service.id)
    assert invoices.get(ctx, invoice.id).total == D(30000)
    assert [s.price for s in price_list.services(ctx, "en")] == [D(45000)]


def test_discount_above_the_limit_needs_permission(ctx, patient):
    builders.add_user(ctx, "cashier", Role.CASHIER)
    auth.sign_in(ctx, "cashier", "staff-password-1")
    with pytest.raises(InvalidInput) as caught:
        issue(ctx, patient.id, "10000", discount=(DiscountKind.PERCENT, "20", "friend"))
    assert "10" in caught.value.message("en")
    assert issue(ctx, patient.id, "10000", discount=(DiscountKind.AMOUNT, "1000", "coupon")).total == D(9000)
    with pytest.raises(InvalidInput):
        issue(ctx, patient.id, "10000", discount=(DiscountKind.AMOUNT, "500", ""))  # no reason


def test_split_payment_shares_one_receipt_and_gives_change(ctx, patient):
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "55000")
    result = pay(ctx, patient.id, invoice.id, (CARD, "30000"), (CASH, "25000"), tendered="30000")
    assert result.receipt == "2026-000001"
    assert result.change == D(5000)
    assert result.due_after == 0
    with ctx.db.read() as session:
        rows = session.execute(select(Payment.method, Payment.amount, Payment.receipt_number, Payment.receipt_part,
                                      Payment.tendered).order_by(Payment.receipt_part)).all()
    assert rows == [(CARD, D(30000), 1, 1, None), (CASH, D(25000), 1, 2, D(30000))]
    assert invoices.get(ctx, invoice.id).paid == D(55000)


def test_partial_payment_leaves_a_debt(ctx, patient):
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "50000")
    result = pay(ctx, patient.id, invoice.id, (CARD, "20000"))
    assert result.due_after == D(30000)
    balance = invoices.balance_of(ctx, patient.id)
    assert (balance.debt, balance.deposit, balance.open_invoices) == (D(30000), D(0), 1)
    assert [v.due for v in invoices.open_invoices(ctx, patient.id)] == [D(30000)]
    pay(ctx, patient.id, invoice.id, (CASH, "30000"))
    assert invoices.balance_of(ctx, patient.id).debt == 0
    assert invoices.open_invoices(ctx, patient.id) == []


def test_overpayment_becomes_a_deposit_only_when_the_cashier_says_so(ctx, patient):
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "40000")
    with pytest.raises(InvalidInput):
        pay(ctx, patient.id, invoice.id, (CASH, "50000"))
    result = pay(ctx, patient.id, invoice.id, (CASH, "50000"), to_deposit=True)
    assert result.to_deposit == D(10000)
    assert invoices.balance_of(ctx, patient.id).deposit == D(10000)
    later = issue(ctx, patient.id, "15000")
    with pytest.raises(InvalidInput):
        pay(ctx, patient.id, later.id, (DEPOSIT, "15000"))  # the deposit holds only 10,000
    pay(ctx, patient.id, later.id, (DEPOSIT, "10000"), (CARD, "5000"))
    balance = invoices.balance_of(ctx, patient.id)
    assert (balance.debt, balance.deposit) == (D(0), D(0))


def test_refund_never_exceeds_the_payment(ctx, patient):
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "30000")
    paid = pay(ctx, patient.id, invoice.id, (CASH, "30000"))
    payment_id = paid.payment_ids[0]
    first = payments.refund(ctx, payment_id, D(20000), "검사 미시행")
    assert (first.receipt, first.remaining) == ("2026-000001", D(10000))
    with pytest.raises(Conflict) as caught:
        payments.refund(ctx, payment_id, D(15000), "again")
    assert "10,000" in caught.value.message("en")
    payments.refund(ctx, payment_id, D(10000), "rest")
    with pytest.raises(Conflict):
        payments.refund(ctx, payment_id, D(1), "twice")
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Refund)) == 2
    assert invoices.get(ctx, invoice.id).due == D(30000)


def test_refund_needs_permission_and_reason(ctx, patient):
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "30000")
    payment_id = pay(ctx, patient.id, invoice.id, (CARD, "30000")).payment_ids[0]
    with pytest.raises(InvalidInput):
        payments.refund(ctx, payment_id, D(100), "  ")
    builders.add_user(ctx, "cashier", Role.CASHIER)
    auth.sign_in(ctx, "cashier", "staff-password-1")
    from app.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        payments.refund(ctx, payment_id, D(100), "why")


def test_payments_only_in_an_open_shift_and_a_closed_shift_never_changes(ctx, patient):
    invoice = issue(ctx, patient.id, "30000")
    with pytest.raises(Conflict):
        pay(ctx, patient.id, invoice.id, (CASH, "10000"))
    shift_id = open_shift(ctx, "50000")
    with pytest.raises(Conflict):
        open_shift(ctx)  # one open shift per desk
    paid = pay(ctx, patient.id, invoice.id, (CASH, "10000"))
    closed = shifts.close_shift(ctx, shift_id, D(60000))
    assert (closed.expected_cash, closed.counted_cash, closed.difference) == (D(60000), D(60000), D(0))
    with pytest.raises(Conflict):
        shifts.close_shift(ctx, shift_id, D(1))
    with pytest.raises(Conflict):
        pay(ctx, patient.id, invoice.id, (CASH, "10000"))
    with pytest.raises(Conflict):
        payments.refund(ctx, paid.payment_ids[0], D(1000), "no shift")
    assert shifts.shift_summary(ctx, shift_id) == closed


def test_z_report_expected_cash_is_float_plus_cash_in_minus_cash_out(ctx, patient):
    shift_id = open_shift(ctx, "100000")
    first = issue(ctx, patient.id, "30000")
    second = issue(ctx, patient.id, "45000")
    cash = pay(ctx, patient.id, first.id, (CASH, "30000"), tendered="50000")
    pay(ctx, patient.id, second.id, (CARD, "20000"), (CASH, "25000"))
    payments.refund(ctx, cash.payment_ids[0], D(5000), "partly not done")
    summary = shifts.shift_summary(ctx, shift_id)
    assert (summary.cash_in, summary.cash_out) == (D(55000), D(5000))
    assert summary.expected_cash == D(150000)
    assert {m.method: (m.taken, m.refunded) for m in summary.by_method} == {
        CASH: (D(55000), D(5000)), CARD: (D(20000), D(0))}
    closed = shifts.close_shift(ctx, shift_id, D(149000))
    assert closed.difference == D(-1000)
    assert closed.number == "2026-000001"


def test_credit_note_lowers_the_charge_and_cancel_needs_no_payments(ctx, patient):
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "30000", "20000")
    note = invoices.credit_note(ctx, invoice.id, [2], "검사 미시행")
    assert (note.total, note.number) == (D(20000), "2026-000002")
    assert invoices.get(ctx, invoice.id).due == D(30000)
    with pytest.raises(Conflict):
        invoices.credit_note(ctx, invoice.id, [2], "again")
    pay(ctx, patient.id, invoice.id, (CARD, "1000"))
    with pytest.raises(Conflict):
        invoices.cancel_invoice(ctx, invoice.id, "wrong patient")
    other = issue(ctx, patient.id, "1000")
    invoices.cancel_invoice(ctx, other.id, "wrong patient")
    with pytest.raises(Conflict) as caught:
        pay(ctx, patient.id, other.id, (CASH, "1000"))
    assert "cancelled" in caught.value.message("en")


def test_a_credit_note_never_leaves_an_invoice_paid_beyond_its_charge(ctx, patient):
    """Crediting paid lines is refused, in the user's language and with nothing written, until the money is
    refunded; then the credit note brings the charge down to what stays paid."""
    from sqlalchemy import func, select

    from app.i18n import format_money, set_locale
    from app.models.billing import Invoice

    open_shift(ctx)
    invoice = issue(ctx, patient.id, "30000", "20000")
    payment_id = pay(ctx, patient.id, invoice.id, (CARD, "45000")).payment_ids[0]  # 5,000 still due
    set_locale("ru")  # the amounts in the refusal are formatted in the language of the desk that was refused
    with pytest.raises(Conflict) as caught:
        invoices.credit_note(ctx, invoice.id, [2], "검사 미시행")
    paid, refund_first = format_money(D(45000), "KRW"), format_money(D(15000), "KRW")
    assert caught.value.message() == (
        f"По счёту оплачено {paid}: сначала верните пациенту не менее {refund_first}, затем оформите счёт на возврат.")
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Invoice)) == 1
    payments.refund(ctx, payment_id, D(15000), "검사 미시행")
    invoices.credit_note(ctx, invoice.id, [2], "검사 미시행")
    after = invoices.get(ctx, invoice.id)
    assert (after.charged, after.paid, after.due) == (D(30000), D(30000), D(0))


def test_deposit_entries_follow_refunds_of_deposit_payments(ctx, patient):
    open_shift(ctx)
    top_up = pay(ctx, patient.id, None, (CARD, "20000"))
    assert invoices.balance_of(ctx, patient.id).deposit == D(20000)
    invoice = issue(ctx, patient.id, "8000")
    used = pay(ctx, patient.id, invoice.id, (DEPOSIT, "8000"))
    payments.refund(ctx, used.payment_ids[0], D(8000), "visit credited")
    assert invoices.balance_of(ctx, patient.id).deposit == D(20000)
    payments.refund(ctx, top_up.payment_ids[0], D(20000), "patient moved away")
    with ctx.db.read() as session:
        assert session.scalar(select(func.sum(DepositEntry.amount))) == 0


def test_invoice_from_a_completed_visit_is_issued_once(ctx, patient):
    from tests.cashier_builders import completed_visit

    service = add_service(ctx, price="25000")
    appointment_id = completed_visit(ctx, patient.id, service.id)
    draft = invoices.draft_from_visit(ctx, appointment_id, "en")
    assert [(line.description, line.unit_price) for line in draft.lines] == [("First consultation", D(25000))]
    invoices.issue_invoice(ctx, draft)
    with pytest.raises(Conflict):
        invoices.issue_invoice(ctx, draft)


def test_receipts_from_the_database_in_the_patients_language(ctx):
    from app.i18n import format_money, gettext
    from app.services import receipts
    from tests.documents.pdf import flat, text

    patient = builders.add_patient(ctx, "Иванова", "Мария", locale="ru")
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "50000")
    paid = pay(ctx, patient.id, invoice.id, (CARD, "10000"), (CASH, "20000"), tendered="50000")
    content = flat(text(receipts.receipt_pdf(ctx, paid.payment_ids[0], copy=True)))
    assert paid.receipt in content
    assert patient.display_name in content
    assert gettext("COPY", "ru") in content
    for amount in ("30000", "20000", "30000"):  # paid, still to pay, change
        assert flat(format_money(D(amount), "KRW", "ru")) in content
    refund = payments.refund(ctx, paid.payment_ids[1], D(5000), "Анализ не сделан")
    content = flat(text(receipts.refund_receipt_pdf(ctx, refund.refund_id, locale="ko")))
    assert refund.receipt in content
    assert "Анализ не сделан" in content
    assert gettext("Refund receipt", "ko") in content

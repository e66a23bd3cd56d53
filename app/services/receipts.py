"""Receipts and shift reports as printed: database rows turned into a document's plain data, and its PDF.

A receipt is printed in the patient's preferred language unless the desk asks for another; a reprint is
marked as a copy. The remaining debt shown is what was still due right after this receipt's payment.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.context import Context
from app.documents.receipt import Paper, ReceiptData, ReceiptLine, ReceiptPayment, render_receipt
from app.documents.shift_report import MethodLine, ShiftReportData, render_shift_report
from app.errors import NotFound
from app.i18n import LOCALES, N_, active_locale
from app.labels import LABELS
from app.models.billing import Invoice, InvoiceKind, Payment, PaymentMethod, Refund
from app.models.patients import Patient
from app.models.staff import StaffUser
from app.services.billing_math import ZERO
from app.services.cashier import year_number
from app.services.invoices import InvoiceView, rules, views
from app.services.permissions import Permission, require
from app.services.printouts import clinic_header
from app.services.shifts import shift_summary


def _names(session: Session, patient_id: int, user_id: int) -> tuple[str, str, str]:
    patient = session.get(Patient, patient_id)
    cashier = session.scalar(select(StaffUser.full_name).where(StaffUser.id == user_id)) or ""
    return (patient.display_name if patient else "", patient.preferred_locale if patient else "", cashier)


def _receipt_lines(view: InvoiceView) -> tuple[ReceiptLine, ...]:
    return tuple(ReceiptLine(description=line.description, quantity=line.quantity, unit_price=line.unit_price,
                             discount=line.discount, discount_reason=line.discount_reason, total=line.total)
                 for line in view.lines)


def _payment_data(ctx: Context, session: Session, payment_id: int, copy: bool) -> tuple[ReceiptData, str]:
    first = session.get(Payment, payment_id)
    if first is None:
        raise NotFound(N_("This payment no longer exists."))
    parts = list(session.scalars(select(Payment).where(
        Payment.receipt_year == first.receipt_year, Payment.receipt_number == first.receipt_number)
        .order_by(Payment.receipt_part)))
    patient, locale, cashier = _names(session, first.patient_id, first.taken_by)
    invoice_id = next((p.invoice_id for p in parts if p.invoice_id is not None), None)
    by_method: dict[PaymentMethod, Decimal] = {}
    for part in parts:
        by_method[part.method] = by_method.get(part.method, ZERO) + part.amount
    tendered = next((p.tendered for p in parts if p.tendered is not None), None)
    cash = by_method.get(PaymentMethod.CASH, ZERO)
    data = dict(
        clinic=clinic_header(ctx.clinic()), number=year_number(first.receipt_year, first.receipt_number),
        issued_at=first.taken_at, zone=ctx.clinic().time_zone, currency=ctx.clinic().currency, patient_name=patient,
        cashier_name=cashier, copy=copy, tendered=tendered, change=(tendered - cash) if tendered is not None else ZERO,
        payments=tuple(ReceiptPayment(LABELS[PaymentMethod][m], a) for m, a in by_method.items()),
        to_deposit=sum((p.amount for p in parts if p.invoice_id is None and p.method is not PaymentMethod.DEPOSIT),
                       ZERO),
    )
    if invoice_id is not None:
        invoice = session.get(Invoice, invoice_id)
        assert invoice is not None
        view = views(session, [invoice])[0]
        paid_by_then = session.scalar(select(func.sum(Payment.amount)).where(
            Payment.invoice_id == invoice_id, Payment.id <= max(p.id for p in parts))) or ZERO
        data.update(
            invoice_number=view.number, subtotal=view.subtotal, discount=view.discount, tax=view.tax,
            tax_included=rules(session).prices_include_tax, total=view.total,
            remaining_debt=max(view.charged - Decimal(paid_by_then), ZERO),
            lines=_receipt_lines(view),
        )
    return ReceiptData(**data), locale  # type: ignore[arg-type]


def _refund_data(ctx: Context, session: Session, refund_id: int, copy: bool) -> tuple[ReceiptData, str]:
    refund = session.get(Refund, refund_id)
    if refund is None:
        raise NotFound(N_("This refund no longer exists."))
    payment = session.get(Payment, refund.payment_id)
    assert payment is not None
    patient, locale, cashier = _names(session, payment.patient_id, refund.refunded_by)
    invoice = session.get(Invoice, payment.invoice_id) if payment.invoice_id else None
    data = ReceiptData(
        clinic=clinic_header(ctx.clinic()), number=year_number(refund.receipt_year, refund.receipt_number),
        issued_at=refund.refunded_at, zone=ctx.clinic().time_zone, currency=ctx.clinic().currency,
        patient_name=patient, cashier_name=cashier, copy=copy, is_refund=True,
        payments=(ReceiptPayment(LABELS[PaymentMethod][payment.method], refund.amount),),
        refund_of=year_number(payment.receipt_year, payment.receipt_number), reason=refund.reason,
        invoice_number=year_number(invoice.year, invoice.number) if invoice and invoice.year and invoice.number else "",
    )
    return data, locale


def _credit_note_data(ctx: Context, session: Session, note_id: int, copy: bool) -> tuple[ReceiptData, str]:
    note = session.get(Invoice, note_id)
    if note is None or note.kind is not InvoiceKind.CREDIT_NOTE or note.issued_at is None:
        raise NotFound(N_("This credit note no longer exists."))
    corrected = session.get(Invoice, note.corrects_invoice_id) if note.corrects_invoice_id else None
    patient, locale, cashier = _names(session, note.patient_id, note.created_by or 0)
    view = views(session, [note])[0]
    data = ReceiptData(
        clinic=clinic_header(ctx.clinic()), number=view.number, issued_at=note.issued_at, zone=ctx.clinic().time_zone,
        currency=note.currency, patient_name=patient, cashier_name=cashier, copy=copy, is_credit_note=True,
        payments=(), reason=note.note, subtotal=view.subtotal, discount=view.discount, tax=view.tax,
        tax_included=rules(session).prices_include_tax, total=view.total,
        invoice_number=year_number(corrected.year, corrected.number)
        if corrected and corrected.year and corrected.number else "",
        lines=_receipt_lines(view),
    )
    return data, locale


def _locale(asked: str | None, patient_locale: str) -> str:
    if asked:
        return asked
    return patient_locale if patient_locale in LOCALES else active_locale()


def receipt_data(ctx: Context, payment_id: int, *, copy: bool = False) -> ReceiptData:
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        return _payment_data(ctx, session, payment_id, copy)[0]


#: How one kind of slip's data is read: the data and the patient's preferred language.
SlipReader = Callable[[Context, Session, int, bool], tuple[ReceiptData, str]]


def _slip_pdf(ctx: Context, read: SlipReader, row_id: int, copy: bool, locale: str | None, paper: Paper) -> bytes:
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        data, patient_locale = read(ctx, session, row_id, copy)
    return render_receipt(data, _locale(locale, patient_locale), paper)


def receipt_pdf(ctx: Context, payment_id: int, *, copy: bool = False, locale: str | None = None,
                paper: Paper = "roll80") -> bytes:
    """The receipt of the payment (with every part of its split), in ``locale`` or the patient's language."""
    return _slip_pdf(ctx, _payment_data, payment_id, copy, locale, paper)


def refund_receipt_pdf(ctx: Context, refund_id: int, *, copy: bool = False, locale: str | None = None,
                       paper: Paper = "roll80") -> bytes:
    return _slip_pdf(ctx, _refund_data, refund_id, copy, locale, paper)


def credit_note_pdf(ctx: Context, note_id: int, *, copy: bool = False, locale: str | None = None,
                    paper: Paper = "roll80") -> bytes:
    """The credit note (its own number in the invoices' series, the corrected invoice, the lines credited)."""
    return _slip_pdf(ctx, _credit_note_data, note_id, copy, locale, paper)


def shift_report_pdf(ctx: Context, shift_id: int, locale: str | None = None, paper: Paper = "roll80") -> bytes:
    """The shift's X report (open) or Z report (closed), in ``locale`` or the interface's language."""
    summary = shift_summary(ctx, shift_id)
    clinic = ctx.clinic()
    data = ShiftReportData(
        clinic=clinic_header(clinic), number=summary.number, cashier_name=summary.cashier_name,
        zone=clinic.time_zone, currency=summary.currency, opened_at=summary.opened_at, closed_at=summary.closed_at,
        printed_at=ctx.clock.now(), opening_float=summary.opening_float, cash_in=summary.cash_in,
        cash_out=summary.cash_out, expected_cash=summary.expected_cash, counted_cash=summary.counted_cash,
        methods=tuple(MethodLine(LABELS[PaymentMethod][m.method], m.payments, m.taken, m.refunded)
                      for m in summary.by_method),
    )
    return render_shift_report(data, locale or active_locale(), paper)

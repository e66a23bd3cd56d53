"""The cashier's read side: the day's payments and refunds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from app.context import Context
from app.models.billing import Invoice, Payment, PaymentMethod
from app.models.patients import Patient
from app.models.staff import StaffUser
from app.services.days import day_bounds
from app.services.permissions import Permission, require


@dataclass(frozen=True)
class PaymentRow:
    id: int
    receipt: str
    taken_at: datetime
    patient_name: str
    invoice: str
    method: PaymentMethod
    amount: Decimal
    refunded: Decimal
    cashier_name: str


def year_number(year: int, number: int) -> str:
    """How a receipt or invoice number is printed and searched: the year and a six-digit number."""
    return f"{year}-{number:06d}"


def payments_on(ctx: Context, day: date) -> list[PaymentRow]:
    require(ctx, Permission.VIEW_CASHIER)
    start, end = day_bounds(ctx.clinic().zone, day)
    stmt = (
        select(Payment, Patient.display_name, StaffUser.full_name, Invoice.year, Invoice.number)
        .join(Patient, Patient.id == Payment.patient_id)
        .join(StaffUser, StaffUser.id == Payment.taken_by)
        .outerjoin(Invoice, Invoice.id == Payment.invoice_id)
        .where(Payment.taken_at >= start, Payment.taken_at < end)
        .order_by(Payment.taken_at.desc())
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        PaymentRow(
            id=p.id, receipt=year_number(p.receipt_year, p.receipt_number), taken_at=p.taken_at,
            patient_name=patient, invoice=year_number(year, number) if number else "", method=p.method,
            amount=p.amount, refunded=p.refunded, cashier_name=cashier,
        )
        for p, patient, cashier, year, number in rows
    ]

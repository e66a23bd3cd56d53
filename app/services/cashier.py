"""The cashier's read side: the day's payments, and the visits waiting to pay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, exists, select

from app.context import Context
from app.models.billing import Invoice, InvoiceKind, InvoiceStatus, Payment, PaymentMethod
from app.models.patients import Patient
from app.models.scheduling import Appointment, AppointmentStatus, WaitingEntry, WaitingStatus
from app.models.staff import Doctor, StaffUser
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


@dataclass(frozen=True)
class AwaitingRow:
    """A visit that ended and has no invoice yet: the patient is on the way to the desk."""

    key: str
    patient_id: int
    patient_name: str
    appointment_id: int | None
    doctor_name: str
    ticket: str
    finished_at: datetime


def _billed(appointment_id: object) -> object:
    return exists().where(Invoice.appointment_id == appointment_id, Invoice.kind == InvoiceKind.INVOICE,
                          Invoice.status == InvoiceStatus.ISSUED)


def awaiting_payment(ctx: Context, day: date) -> list[AwaitingRow]:
    """The day's finished waiting-room entries and completed appointments without an invoice, first done first.

    A walk-in has no appointment to tie an invoice to: it waits until the patient gets any invoice after
    arriving.
    """
    require(ctx, Permission.VIEW_CASHIER)
    start, end = day_bounds(ctx.clinic().zone, day)
    walk_in_billed = exists().where(Invoice.patient_id == WaitingEntry.patient_id,
                                    Invoice.created_at >= WaitingEntry.arrived_at,
                                    Invoice.status == InvoiceStatus.ISSUED)
    entries = (
        select(WaitingEntry, Patient.display_name, Doctor.full_name)
        .join(Patient, Patient.id == WaitingEntry.patient_id)
        .outerjoin(Doctor, Doctor.id == WaitingEntry.doctor_id)
        .where(WaitingEntry.status == WaitingStatus.DONE, WaitingEntry.arrived_at >= start,
               WaitingEntry.arrived_at < end,
               ~and_(WaitingEntry.appointment_id.is_not(None), _billed(WaitingEntry.appointment_id)),
               ~and_(WaitingEntry.appointment_id.is_(None), walk_in_billed))
    )
    visits = (
        select(Appointment, Patient.display_name, Doctor.full_name)
        .join(Patient, Patient.id == Appointment.patient_id)
        .join(Doctor, Doctor.id == Appointment.doctor_id)
        .where(Appointment.status == AppointmentStatus.COMPLETED, Appointment.start_at >= start,
               Appointment.start_at < end, ~_billed(Appointment.id))
    )
    with ctx.db.read() as session:
        rows = [
            AwaitingRow(key=f"w{e.id}", patient_id=e.patient_id, patient_name=name, appointment_id=e.appointment_id,
                        doctor_name=doctor or e.specialty, ticket=e.ticket,
                        finished_at=e.finished_at or e.arrived_at)
            for e, name, doctor in session.execute(entries)
        ]
        seen = {r.appointment_id for r in rows if r.appointment_id is not None}
        rows += [
            AwaitingRow(key=f"a{a.id}", patient_id=a.patient_id, patient_name=name, appointment_id=a.id,
                        doctor_name=doctor, ticket="", finished_at=a.end_at)
            for a, name, doctor in session.execute(visits) if a.id not in seen
        ]
    return sorted(rows, key=lambda r: r.finished_at)

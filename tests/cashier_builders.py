"""Test data for the cash desk: a priced service, an issued invoice, an open shift."""

from __future__ import annotations

from decimal import Decimal

from app.context import Context
from app.models.billing import DiscountKind
from app.services import invoices, price_list, shifts
from app.services.invoices import InvoiceDraft, InvoiceView, LineInput
from app.services.price_list import ServiceInput, ServiceView


def add_service(ctx: Context, code: str = "C100", price: str = "30000", *, tax: str = "0",
                names: dict[str, str] | None = None) -> ServiceView:
    return price_list.save_service(ctx, ServiceInput(
        code=code, names=names or {"ko": "초진 진찰료", "en": "First consultation", "ru": "Первичный приём",
                                    "ro": "Consultație inițială", "zh_CN": "初诊"},
        price=Decimal(price), tax_rate=Decimal(tax), duration_minutes=20))


def issue(ctx: Context, patient_id: int, *amounts: str, discount: tuple[DiscountKind, str, str] | None = None,
          tax: str = "0") -> InvoiceView:
    """An issued invoice with one line per amount (the first line carries the discount, if any)."""
    lines = []
    for index, amount in enumerate(amounts):
        kind, value, reason = discount if (discount and index == 0) else (DiscountKind.NONE, "0", "")
        lines.append(LineInput(description=f"Service {index + 1}", unit_price=Decimal(amount), tax_rate=Decimal(tax),
                               discount_kind=kind, discount_value=Decimal(value), discount_reason=reason))
    return invoices.issue_invoice(ctx, InvoiceDraft(patient_id=patient_id, lines=tuple(lines)))


def open_shift(ctx: Context, opening_float: str = "100000") -> int:
    return shifts.open_shift(ctx, Decimal(opening_float)).id


def completed_visit(ctx: Context, patient_id: int, service_id: int | None, *, minutes_ago: int = 30) -> int:
    """A visit that ended a little while ago (written directly: the schedule's rules are not under test)."""
    from datetime import timedelta

    from app.models.scheduling import Appointment, AppointmentStatus
    from tests import builders

    doctor_id = builders.add_doctor(ctx, f"Dr. Visit {patient_id}-{minutes_ago}")
    end = ctx.clock.now() - timedelta(minutes=minutes_ago)
    with ctx.db.write() as session:
        appointment = Appointment(doctor_id=doctor_id, patient_id=patient_id, service_id=service_id,
                                  start_at=end - timedelta(minutes=20), end_at=end,
                                  status=AppointmentStatus.COMPLETED, created_at=end, updated_at=end)
        session.add(appointment)
        session.flush()
        return appointment.id

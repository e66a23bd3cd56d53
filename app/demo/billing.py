"""The cash desk's week: a shift per day, an invoice per completed visit, payments, and a few refunds.

Every number that must be accounted for (shift, invoice, receipt, refund receipt) is drawn from
``numbering.next_number`` in time order, so each series runs 1..N per year without a gap, exactly as if
the cashier had taken them one by one. Amounts are whole won: KRW has no minor unit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.demo.catalog import PricedService
from app.demo.names import age_on, weighted
from app.demo.schedule import Visit, Week
from app.models.billing import (
    CashShift,
    DiscountKind,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    Refund,
    ShiftStatus,
)
from app.models.scheduling import AppointmentStatus
from app.models.staff import Role
from app.services.billing_math import line_amounts
from app.services.numbering import next_number
from app.services.patients import PatientInput

CURRENCY = "KRW"
OPENING_FLOAT = Decimal(200_000)
CASH_DESK = "수납 1 · Cashier desk 1"
SENIOR_AGE = 65
SENIOR_DISCOUNT = Decimal(10)
_EXTRA_TESTS = ("D201", "D203", "D202", "D204")
#: How a bill is settled: one method, or split (insurance pays its part, cash plus card).
_SETTLEMENTS = (("card", 55), ("mobile", 15), ("cash", 15), ("bank_transfer", 5), ("insurance+card", 7),
                ("cash+card", 3))
REFUND_REASONS = ("검사 미시행으로 전액 환불", "Ultrasound not performed: refunded in part",
                  "Двойная оплата анализа, возврат части суммы")


def _won(amount: Decimal, step: int = 1) -> Decimal:
    return (amount / step).to_integral_value(rounding=ROUND_FLOOR) * step


@dataclass
class Bill:
    """One completed visit's invoice and how it was paid."""

    visit: Visit
    patient_id: int
    issued_at: datetime
    lines: list[dict[str, Any]]
    total: Decimal
    id: int = 0
    payments: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Till:
    """The desk's week, built up in memory before it is written."""

    shifts: dict[date, dict[str, Any]]
    bills: list[Bill]
    refunds: list[dict[str, Any]]


def _line(position: int, service: PricedService, locale: str, senior: bool) -> dict[str, Any]:
    discount = senior and service.item.category == "CONS"
    kind = DiscountKind.PERCENT if discount else DiscountKind.NONE
    value = SENIOR_DISCOUNT if discount else Decimal(0)
    amounts = line_amounts(Decimal(1), service.price, kind, value, Decimal(service.item.tax_rate), Decimal(1),
                           prices_include_tax=True)
    return {"position": position, "service_id": service.id, "description": service.item.name(locale),
            "quantity": Decimal(1), "unit_price": service.price, "discount_kind": kind, "discount_value": value,
            "discount_reason": "경로 우대 (65세 이상)" if discount else "", "tax_rate": Decimal(service.item.tax_rate),
            "discount": amounts.discount, "tax": amounts.tax, "total": amounts.total}


def _bill(rng: random.Random, week: Week, visit: Visit, person: PatientInput, patient_id: int,
          services: dict[str, PricedService]) -> Bill:
    locale, senior = person.preferred_locale, age_on(person.birth_date, week.day_of(visit.start)) >= SENIOR_AGE
    lines = [_line(1, visit.service, locale, senior)]
    if visit.service.item.category == "CONS" and rng.random() < 0.3:
        lines.append(_line(2, services[rng.choice(_EXTRA_TESTS)], locale, senior))
    issued = min(visit.end + timedelta(minutes=rng.randint(2, 10)), week.now - timedelta(minutes=1))
    return Bill(visit, patient_id, issued, lines, sum((line["total"] for line in lines), Decimal(0)))


def _payment(method: PaymentMethod, amount: Decimal, at: datetime, rng: random.Random) -> dict[str, Any]:
    tendered = None
    if method is PaymentMethod.CASH:
        tendered = amount if rng.random() < 0.3 else _won(amount + 9_999, 10_000)
    return {"method": method, "amount": amount, "tendered": tendered, "refunded": Decimal(0), "taken_at": at}


def _settle(rng: random.Random, bill: Bill, at: datetime) -> None:
    how = weighted(rng, _SETTLEMENTS)
    first, _, second = how.partition("+")
    if not second:
        bill.payments = [_payment(PaymentMethod(first), bill.total, at, rng)]
        return
    share = _won(bill.total * Decimal("0.7"), 100) if first == "insurance" else _won(bill.total / 2, 10_000)
    if share <= 0 or share >= bill.total:
        bill.payments = [_payment(PaymentMethod.CARD, bill.total, at, rng)]
        return
    bill.payments = [_payment(PaymentMethod(first), share, at, rng),
                     _payment(PaymentMethod(second), bill.total - share, at + timedelta(seconds=40), rng)]


def plan_till(rng: random.Random, week: Week, visits: list[Visit], people: list[PatientInput],
              patient_ids: list[int], services: dict[str, PricedService]) -> Till:
    """Shifts up to today (today's still open), bills for completed visits, their payments and refunds.

    One bill in five of today's is not paid yet: those patients are still at the desk.
    """
    shifts = {day: {"opened_at": week.at(day, time(8, 30)),
                    "closed_at": week.at(day, time(18, 40)) if day < week.today else None}
              for day in week.days if day <= week.today}
    bills = []
    for visit in sorted((v for v in visits if v.status is AppointmentStatus.COMPLETED), key=lambda v: v.end):
        bill = _bill(rng, week, visit, people[visit.patient], patient_ids[visit.patient], services)
        paid_at = bill.issued_at + timedelta(minutes=rng.randint(1, 6))
        unpaid = week.day_of(visit.start) == week.today and rng.random() < 0.2
        if paid_at < week.now and not unpaid:
            _settle(rng, bill, paid_at)
        bills.append(bill)
    return Till(shifts, bills, _refunds(rng, week, bills))


def _refunds(rng: random.Random, week: Week, bills: list[Bill]) -> list[dict[str, Any]]:
    """Three refunds of earlier days' payments: one in full, two in part, each the day after the payment."""
    candidates = [p for b in bills if week.day_of(b.issued_at) < week.today for p in b.payments
                  if p["method"] is not PaymentMethod.INSURANCE]
    refunds = []
    for index, payment in enumerate(rng.sample(candidates, min(3, len(candidates)))):
        amount = payment["amount"] if index == 0 else max(Decimal(1_000), _won(payment["amount"] / 2, 1_000))
        amount = min(amount, payment["amount"])
        day = week.day_of(payment["taken_at"]) + timedelta(days=1)
        at = min(week.at(day, time(10, rng.randint(0, 59))), week.now - timedelta(minutes=5))
        payment["refunded"] += amount
        refunds.append({"payment": payment, "amount": amount, "reason": REFUND_REASONS[index], "refunded_at": at})
    return refunds


def _expected_cash(shift_day: date, week: Week, till: Till) -> Decimal:
    taken = sum((p["amount"] for b in till.bills for p in b.payments
                 if p["method"] is PaymentMethod.CASH and week.day_of(p["taken_at"]) == shift_day), Decimal(0))
    returned = sum((r["amount"] for r in till.refunds
                    if r["payment"]["method"] is PaymentMethod.CASH and week.day_of(r["refunded_at"]) == shift_day),
                   Decimal(0))
    return OPENING_FLOAT + taken - returned


def _insert_shifts(session: Session, week: Week, till: Till, users: dict[Role, int]) -> dict[date, int]:
    rows = []
    short_day = min(till.shifts)  # the first day's count came out 1,000 won short
    for day, shift in sorted(till.shifts.items()):
        closed = shift["closed_at"] is not None
        expected = _expected_cash(day, week, till) if closed else None
        counted = None if expected is None else expected - (1_000 if day == short_day else 0)
        rows.append({"year": day.year, "number": next_number(session, "shift", day.year),
                     "cashier_id": users[Role.CASHIER], "workstation": CASH_DESK,
                     "status": ShiftStatus.CLOSED if closed else ShiftStatus.OPEN, "opening_float": OPENING_FLOAT,
                     "opened_at": shift["opened_at"], "closed_at": shift["closed_at"], "expected_cash": expected,
                     "counted_cash": counted})
    ids = session.scalars(insert(CashShift).returning(CashShift.id, sort_by_parameter_order=True), rows)
    return dict(zip(sorted(till.shifts), ids, strict=True))


def _insert_bills(session: Session, week: Week, till: Till, users: dict[Role, int]) -> None:
    rows = []
    for bill in till.bills:
        year = week.day_of(bill.issued_at).year
        rows.append({"kind": InvoiceKind.INVOICE, "year": year, "number": next_number(session, "invoice", year),
                     "patient_id": bill.patient_id, "appointment_id": bill.visit.id, "corrects_invoice_id": None,
                     "status": InvoiceStatus.ISSUED, "currency": CURRENCY, "created_by": users[Role.CASHIER],
                     "created_at": bill.issued_at, "issued_at": bill.issued_at})
    if not rows:
        return
    ids = session.scalars(insert(Invoice).returning(Invoice.id, sort_by_parameter_order=True), rows)
    for bill, invoice_id in zip(till.bills, ids, strict=True):
        bill.id = invoice_id
    session.execute(insert(InvoiceLine), [{**line, "invoice_id": b.id} for b in till.bills for line in b.lines])


def _insert_payments(session: Session, week: Week, till: Till, shifts: dict[date, int],
                     users: dict[Role, int]) -> int:
    owned = sorted(((p, b) for b in till.bills for p in b.payments), key=lambda pb: pb[0]["taken_at"])
    rows = []
    for payment, bill in owned:
        year = week.day_of(payment["taken_at"]).year
        rows.append({"invoice_id": bill.id, "patient_id": bill.patient_id,
                     "shift_id": shifts[week.day_of(payment["taken_at"])], "method": payment["method"],
                     "amount": payment["amount"], "tendered": payment["tendered"], "refunded": payment["refunded"],
                     "receipt_year": year, "receipt_number": next_number(session, "receipt", year),
                     "taken_by": users[Role.CASHIER], "taken_at": payment["taken_at"]})
    if not rows:
        return 0
    ids = session.scalars(insert(Payment).returning(Payment.id, sort_by_parameter_order=True), rows)
    for (payment, _), payment_id in zip(owned, ids, strict=True):
        payment["id"] = payment_id
    return len(rows)


def _insert_refunds(session: Session, week: Week, till: Till, shifts: dict[date, int],
                    users: dict[Role, int]) -> None:
    rows = []
    for refund in sorted(till.refunds, key=lambda r: r["refunded_at"]):
        year = week.day_of(refund["refunded_at"]).year
        rows.append({"payment_id": refund["payment"]["id"], "shift_id": shifts[week.day_of(refund["refunded_at"])],
                     "amount": refund["amount"], "reason": refund["reason"], "receipt_year": year,
                     "receipt_number": next_number(session, "refund", year), "refunded_by": users[Role.CASHIER],
                     "refunded_at": refund["refunded_at"]})
    if rows:
        session.execute(insert(Refund), rows)


def insert_till(session: Session, week: Week, till: Till, users: dict[Role, int]) -> int:
    """Write the week's shifts, invoices, payments and refunds; the number of payments."""
    shifts = _insert_shifts(session, week, till, users)
    _insert_bills(session, week, till, users)
    payments = _insert_payments(session, week, till, shifts, users)
    _insert_refunds(session, week, till, shifts, users)
    return payments

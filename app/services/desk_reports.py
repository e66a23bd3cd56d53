"""The desk's reports: the end-of-shift report and the monthly analysis, as plain read models.

Every figure is one SQL aggregate over a time range (so a month of 150,000 appointments is counted by the
database, not in Python). Definitions, stated once so the screen, the PDF and the spreadsheets agree:

- a **visit** is an appointment that starts in the range and was attended (arrived, in consultation or
  completed); a **first visit** is one booked as the patient's first, a **repeat visit** any other;
- **patients seen** count distinct patients with a visit; first-visit patients are those with a first visit;
- **acquisition channels** are those of the first-visit patients (where the new patients came from);
- **contacts** are incoming calls and messages logged in the range; **bookings** are appointments created in
  the range; the funnel runs contacts → bookings → visits → repeat visits;
- the **no-show rate** is no-shows over the appointments that start in the range and were not cancelled;
  the **late-cancellation rate** is late cancellations over all appointments that start in the range;
- **cancellations** (shift report) are appointments cancelled in the range, whenever they were due;
- **revenue** is issued invoices less issued credit notes (by the day issued), by service and by the
  appointment's doctor; **payments** are amounts taken less amounts refunded in the range, by method.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_
from app.models.billing import (
    CashShift,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    Refund,
)
from app.models.calls import Call, CallDirection, CallOutcome, RefusalReason, Task, TaskStatus
from app.models.catalog import Service
from app.models.complaints import Complaint, ComplaintCategory, ComplaintStatus
from app.models.patients import AcquisitionChannel, Patient
from app.models.scheduling import Appointment, AppointmentStatus, CancelReason
from app.models.staff import Doctor
from app.services import wait_stats
from app.services.days import day_bounds
from app.services.permissions import Permission, can, require
from app.services.shifts import ShiftSummary, summary_in
from app.services.wait_stats import WaitFigures

ATTENDED = (AppointmentStatus.ARRIVED, AppointmentStatus.IN_CONSULTATION, AppointmentStatus.COMPLETED)
#: The longest range the monthly analysis covers in one call.
MAX_ANALYSIS_DAYS = 366
ZERO = Decimal(0)


@dataclass(frozen=True)
class Count:
    """One row of a breakdown: a stored value (an enum member) or a name, and how many."""

    key: object
    count: int


@dataclass(frozen=True)
class CallCount:
    direction: CallDirection
    outcome: CallOutcome
    count: int


@dataclass(frozen=True)
class Amount:
    key: object
    amount: Decimal


@dataclass(frozen=True)
class ShiftReport:
    start: datetime
    end: datetime
    first_visit_patients: int
    repeat_patients: int
    new_patient_channels: tuple[Count, ...]
    calls: tuple[CallCount, ...]
    refusals: tuple[Count, ...]
    bookings_made: int
    no_shows: int
    cancellations: int
    tasks_done: int
    tasks_not_done: int
    tasks_open: int
    cash_shifts: tuple[ShiftSummary, ...]

    def calls_total(self, direction: CallDirection) -> int:
        return sum(c.count for c in self.calls if c.direction is direction)


@dataclass(frozen=True)
class Funnel:
    contacts: int
    bookings: int
    visits: int
    repeat_visits: int


@dataclass(frozen=True)
class MonthlyAnalysis:
    first_day: date
    last_day: date
    currency: str
    funnel: Funnel
    first_visit_patients: int
    repeat_patients: int
    new_patient_channels: tuple[Count, ...]
    appointments: int
    no_shows: int
    late_cancellations: int
    no_show_rate: float | None
    late_cancellation_rate: float | None
    waits: WaitFigures
    revenue_by_service: tuple[Amount, ...]
    revenue_by_doctor: tuple[Amount, ...]
    payments_by_method: tuple[Amount, ...]
    complaints_by_status: tuple[Count, ...]
    complaints_by_category: tuple[Count, ...]
    complaints_resolved_on_time: int
    complaints_resolved: int

    @property
    def revenue(self) -> Decimal:
        return sum((a.amount for a in self.revenue_by_service), ZERO)

    @property
    def payments(self) -> Decimal:
        return sum((a.amount for a in self.payments_by_method), ZERO)


# -- shared figures -------------------------------------------------------------------------------------


def _patients_seen(session: Session, start: datetime, end: datetime) -> tuple[int, int, tuple[Count, ...]]:
    """Distinct first-visit patients, distinct patients seen only on repeat visits, and the channels the
    first-visit patients came from."""
    visits = (Appointment.start_at >= start, Appointment.start_at < end, Appointment.status.in_(ATTENDED))
    first = select(Appointment.patient_id).where(*visits, Appointment.first_visit.is_(True)).distinct()
    everyone = session.scalar(select(func.count(func.distinct(Appointment.patient_id))).where(*visits)) or 0
    first_count = session.scalar(select(func.count()).select_from(first.subquery())) or 0
    channels = session.execute(
        select(Patient.acquisition_channel, func.count()).where(Patient.id.in_(first))
        .group_by(Patient.acquisition_channel)).all()
    return first_count, everyone - first_count, _counts(channels, list(AcquisitionChannel))


def _counts(rows, order: list[object]) -> tuple[Count, ...]:
    """Rows of (key, count), biggest first, ties in the enum's order."""
    found = {key: count for key, count in rows}
    return tuple(Count(key, found[key]) for key in sorted(found, key=lambda k: (-found[k], order.index(k)
                                                                                  if k in order else 0)))


def _check_range(start: object, end: object) -> None:
    if end < start:  # type: ignore[operator]
        raise InvalidInput(N_("The report's range ends before it starts."))


# -- the end-of-shift report ----------------------------------------------------------------------------


def shift_report(ctx: Context, start: datetime, end: datetime) -> ShiftReport:
    """What happened at the desk in [start, end): the closing shift's report."""
    require(ctx, Permission.VIEW_CALLS)
    _check_range(start, end)
    with ctx.db.read() as session:
        first, repeat, channels = _patients_seen(session, start, end)
        in_range = (Call.at >= start, Call.at < end)
        calls = [CallCount(d, o, n) for d, o, n in session.execute(
            select(Call.direction, Call.outcome, func.count()).where(*in_range)
            .group_by(Call.direction, Call.outcome).order_by(Call.direction, Call.outcome))]
        refusals = _counts(session.execute(
            select(Call.refusal, func.count()).where(*in_range, Call.refusal.is_not(None))
            .group_by(Call.refusal)).all(), list(RefusalReason))
        bookings = session.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.created_at >= start, Appointment.created_at < end)) or 0
        no_shows = session.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.start_at >= start, Appointment.start_at < end,
            Appointment.status == AppointmentStatus.NO_SHOW)) or 0
        cancellations = session.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.updated_at >= start, Appointment.updated_at < end,
            Appointment.status == AppointmentStatus.CANCELLED)) or 0
        closed = dict(session.execute(
            select(Task.status, func.count()).where(Task.closed_at >= start, Task.closed_at < end)
            .group_by(Task.status)).all())
        still_open = session.scalar(select(func.count()).select_from(Task).where(
            Task.status == TaskStatus.OPEN, Task.created_at < end)) or 0
        cash: tuple[ShiftSummary, ...] = ()
        if can(ctx.actor, Permission.VIEW_CASHIER):
            shifts = session.scalars(select(CashShift).where(
                CashShift.opened_at < end, (CashShift.closed_at.is_(None)) | (CashShift.closed_at > start))
                .order_by(CashShift.opened_at)).all()
            cash = tuple(summary_in(session, shift, ctx.clinic().currency) for shift in shifts)
    return ShiftReport(start, end, first, repeat, channels, tuple(calls), refusals, bookings, no_shows,
                       cancellations, closed.get(TaskStatus.DONE, 0), closed.get(TaskStatus.NOT_DONE, 0), still_open,
                       cash)


# -- the monthly analysis -------------------------------------------------------------------------------


def month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _revenue(session: Session, start: datetime, end: datetime, key, *joins) -> tuple[Amount, ...]:
    """Issued invoices less issued credit notes in [start, end), grouped by ``key``, in one pass over the lines."""
    signed = case((Invoice.kind == InvoiceKind.CREDIT_NOTE, -InvoiceLine.total), else_=InvoiceLine.total)
    stmt = select(key, func.sum(type_coerce(signed, InvoiceLine.total.type))).select_from(InvoiceLine).join(
        Invoice, Invoice.id == InvoiceLine.invoice_id)
    for target, condition in joins:
        stmt = stmt.outerjoin(target, condition)
    stmt = stmt.where(Invoice.status == InvoiceStatus.ISSUED, Invoice.issued_at >= start,
                      Invoice.issued_at < end).group_by(key)
    totals = [(name, Decimal(total or 0)) for name, total in session.execute(stmt)]
    return tuple(Amount(k, v) for k, v in sorted(totals, key=lambda item: (-item[1], str(item[0] or ""))))


def _payments(session: Session, start: datetime, end: datetime) -> tuple[Amount, ...]:
    taken = dict(session.execute(select(Payment.method, func.sum(Payment.amount)).where(
        Payment.taken_at >= start, Payment.taken_at < end).group_by(Payment.method)).all())
    refunded = dict(session.execute(select(Payment.method, func.sum(Refund.amount)).join(
        Payment, Payment.id == Refund.payment_id).where(Refund.refunded_at >= start, Refund.refunded_at < end)
        .group_by(Payment.method)).all())
    methods = [m for m in PaymentMethod if m in taken or m in refunded]
    amounts = [Amount(m, Decimal(taken.get(m) or 0) - Decimal(refunded.get(m) or 0)) for m in methods]
    return tuple(sorted(amounts, key=lambda a: -a.amount))


def monthly_analysis(ctx: Context, first_day: date, last_day: date) -> MonthlyAnalysis:
    """Management's analysis of the clinic days [first_day, last_day] (a month, usually)."""
    require(ctx, Permission.VIEW_REPORTS)
    _check_range(first_day, last_day)
    if (last_day - first_day).days >= MAX_ANALYSIS_DAYS:
        raise InvalidInput(N_("A report covers at most {days} days."), days=MAX_ANALYSIS_DAYS)
    zone = ctx.clinic().zone
    start, end = day_bounds(zone, first_day)[0], day_bounds(zone, last_day)[1]
    starting = (Appointment.start_at >= start, Appointment.start_at < end)
    with ctx.db.read() as session:
        first, repeat, channels = _patients_seen(session, start, end)
        by_status = dict(session.execute(select(Appointment.status, func.count()).where(*starting)
                                         .group_by(Appointment.status)).all())
        late = session.scalar(select(func.count()).select_from(Appointment).where(
            *starting, Appointment.cancel_reason == CancelReason.LATE_CANCELLATION)) or 0
        repeat_visits = session.scalar(select(func.count()).select_from(Appointment).where(
            *starting, Appointment.status.in_(ATTENDED), Appointment.first_visit.is_(False))) or 0
        contacts = session.scalar(select(func.count()).select_from(Call).where(
            Call.at >= start, Call.at < end, Call.direction == CallDirection.INCOMING)) or 0
        bookings = session.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.created_at >= start, Appointment.created_at < end)) or 0
        original = aliased(Invoice)
        by_service = _revenue(session, start, end, func.coalesce(Service.name, InvoiceLine.description),
                              (Service, Service.id == InvoiceLine.service_id))
        appointment_of = func.coalesce(Invoice.appointment_id, original.appointment_id)
        by_doctor = _revenue(session, start, end, Doctor.full_name,
                             (original, original.id == Invoice.corrects_invoice_id),
                             (Appointment, Appointment.id == appointment_of),
                             (Doctor, Doctor.id == Appointment.doctor_id))
        payments = _payments(session, start, end)
        received = (Complaint.received_at >= start, Complaint.received_at < end)
        complaint_status = _counts(session.execute(select(Complaint.status, func.count()).where(*received)
                                                   .group_by(Complaint.status)).all(), list(ComplaintStatus))
        complaint_category = _counts(session.execute(
            select(ComplaintCategory.name, func.count()).select_from(Complaint)
            .outerjoin(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
            .where(*received).group_by(ComplaintCategory.name)).all(), [])
        resolved = session.execute(select(func.count(), func.count().filter(
            Complaint.resolved_at <= Complaint.resolve_due_at)).where(
            *received, Complaint.resolved_at.is_not(None))).one()
    attended = sum(by_status.get(s, 0) for s in ATTENDED)
    total = sum(by_status.values())
    scheduled = total - by_status.get(AppointmentStatus.CANCELLED, 0)
    no_shows = by_status.get(AppointmentStatus.NO_SHOW, 0)
    waits = wait_stats.overall_waits(ctx, first_day, last_day)
    return MonthlyAnalysis(
        first_day, last_day, ctx.clinic().currency, Funnel(contacts, bookings, attended, repeat_visits), first,
        repeat, channels, total, no_shows, late, _rate(no_shows, scheduled), _rate(late, total), waits,
        by_service, by_doctor, payments, complaint_status,
        complaint_category,
        resolved[1] or 0, resolved[0] or 0)

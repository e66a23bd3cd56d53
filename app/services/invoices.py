"""Invoices: from a completed visit or by hand; issued with a gapless number, then never edited.

An invoice's total, paid and due amounts are derived from its lines, its credit notes and its payments,
never typed. A mistake on an issued invoice is corrected by a credit note (it credits whole lines) or, when
nothing was paid yet, by cancelling it and issuing a new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Select, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound
from app.events import Topic
from app.i18n import N_, currency_digits, format_decimal, format_money
from app.models.billing import (
    BillingRules,
    DepositEntry,
    DiscountKind,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Payment,
)
from app.models.catalog import Service, ServiceName
from app.models.patients import Patient
from app.models.scheduling import Appointment, AppointmentStatus
from app.models.types import Money
from app.services import billing_math
from app.services.billing_math import ZERO, LineAmounts
from app.services.cashier import year_number
from app.services.numbering import next_number
from app.services.patients import live_patient
from app.services.permissions import Permission, can, require
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import MAX_AMOUNT, clean_text, money

MAX_LINES = 100
MAX_QUANTITY = Decimal(1000)
QUANTITY_QUANTUM = Decimal("0.001")
INVOICE_SERIES = "invoice"


@dataclass(frozen=True)
class Rules:
    discount_limit_percent: Decimal = Decimal(10)
    prices_include_tax: bool = True


@dataclass(frozen=True)
class LineInput:
    description: str
    unit_price: Decimal
    quantity: Decimal = Decimal(1)
    service_id: int | None = None
    discount_kind: DiscountKind = DiscountKind.NONE
    discount_value: Decimal = ZERO
    discount_reason: str = ""
    tax_rate: Decimal = ZERO


@dataclass(frozen=True)
class InvoiceDraft:
    patient_id: int
    lines: tuple[LineInput, ...]
    appointment_id: int | None = None


@dataclass(frozen=True)
class LineView:
    position: int
    service_id: int | None
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount_kind: DiscountKind
    discount_value: Decimal
    discount_reason: str
    tax_rate: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True)
class InvoiceView:
    id: int
    kind: InvoiceKind
    number: str
    patient_id: int
    patient_name: str
    appointment_id: int | None
    corrects_invoice_id: int | None
    status: InvoiceStatus
    currency: str
    issued_at: datetime | None
    note: str
    lines: tuple[LineView, ...] = field(hash=False)
    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal
    credited: Decimal
    paid: Decimal
    #: The positions of its lines that an issued credit note already credits.
    credited_positions: frozenset[int] = frozenset()

    @property
    def charged(self) -> Decimal:
        """What the patient owes for it after credit notes."""
        return self.total - self.credited

    @property
    def due(self) -> Decimal:
        return max(self.charged - self.paid, ZERO) if self.status is InvoiceStatus.ISSUED else ZERO

    @property
    def correctable(self) -> bool:
        """An issued invoice (not a credit note, not cancelled): the only kind a correction applies to."""
        return self.kind is InvoiceKind.INVOICE and self.status is InvoiceStatus.ISSUED

    @property
    def cancellable(self) -> bool:
        """Cancelling is for an invoice issued by mistake: nothing paid on it and nothing credited yet."""
        return self.correctable and not self.paid and not self.credited

    @property
    def creditable_lines(self) -> tuple[LineView, ...]:
        """The lines a credit note may still credit (each line is credited at most once)."""
        if not self.correctable:
            return ()
        return tuple(line for line in self.lines if line.position not in self.credited_positions)

    @property
    def creditable(self) -> bool:
        """Some line may be credited now: not yet credited, and not more than is still due (see check_credit)."""
        return any(line.total <= self.due for line in self.creditable_lines)


@dataclass(frozen=True)
class Balance:
    """A patient's account: what they still owe on issued invoices, and their prepaid deposit."""

    debt: Decimal
    deposit: Decimal
    open_invoices: int


# -- reading -------------------------------------------------------------------------------------------


def rules(session: Session) -> Rules:
    row = session.get(BillingRules, 1)
    return Rules() if row is None else Rules(row.discount_limit_percent, row.prices_include_tax)


@dataclass(frozen=True)
class _Sums:
    credited: dict[int, Decimal]
    credited_positions: dict[int, frozenset[int]]
    paid: dict[int, Decimal]


def _sums(session: Session, invoice_ids: Sequence[int]) -> _Sums:
    """Credited (by issued credit notes, with the positions credited) and paid (net of refunds) per invoice."""
    if not invoice_ids:
        return _Sums({}, {}, {})
    credited_rows = session.execute(
        select(Invoice.corrects_invoice_id, InvoiceLine.position, InvoiceLine.total)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(Invoice.corrects_invoice_id.in_(invoice_ids), Invoice.kind == InvoiceKind.CREDIT_NOTE,
               Invoice.status == InvoiceStatus.ISSUED)).all()
    paid_rows = session.execute(
        select(Payment.invoice_id, func.sum(Payment.amount), func.sum(Payment.refunded))
        .where(Payment.invoice_id.in_(invoice_ids)).group_by(Payment.invoice_id)).all()
    credited: dict[int, Decimal] = {}
    positions: dict[int, set[int]] = {}
    for invoice_id, position, total in credited_rows:
        credited[invoice_id] = credited.get(invoice_id, ZERO) + total
        positions.setdefault(invoice_id, set()).add(position)
    paid = {int(i): Decimal(a) - Decimal(r) for i, a, r in paid_rows if i is not None}
    return _Sums(credited, {i: frozenset(p) for i, p in positions.items()}, paid)


def _line_view(line: InvoiceLine) -> LineView:
    return LineView(
        position=line.position, service_id=line.service_id, description=line.description, quantity=line.quantity,
        unit_price=line.unit_price, discount_kind=line.discount_kind, discount_value=line.discount_value,
        discount_reason=line.discount_reason, tax_rate=line.tax_rate, discount=line.discount, tax=line.tax,
        total=line.total,
    )


def views(session: Session, invoices: Iterable[Invoice]) -> list[InvoiceView]:
    invoices = list(invoices)
    sums_of = _sums(session, [i.id for i in invoices])
    names = dict(session.execute(select(Patient.id, Patient.display_name).where(
        Patient.id.in_({i.patient_id for i in invoices}))).all()) if invoices else {}
    result = []
    for invoice in invoices:
        lines = tuple(_line_view(line) for line in invoice.lines)
        quantum = Decimal(1).scaleb(-currency_digits(invoice.currency))
        amounts = [LineAmounts(gross=billing_math.round_money(line.quantity * line.unit_price, quantum),
                               discount=line.discount, tax=line.tax, total=line.total) for line in invoice.lines]
        sums = billing_math.totals(amounts)
        result.append(InvoiceView(
            id=invoice.id, kind=invoice.kind,
            number=year_number(invoice.year, invoice.number) if invoice.year and invoice.number else "",
            patient_id=invoice.patient_id, patient_name=names.get(invoice.patient_id, ""),
            appointment_id=invoice.appointment_id, corrects_invoice_id=invoice.corrects_invoice_id,
            status=invoice.status, currency=invoice.currency, issued_at=invoice.issued_at, note=invoice.note,
            lines=lines, subtotal=sums.subtotal, discount=sums.discount, tax=sums.tax, total=sums.total,
            credited=sums_of.credited.get(invoice.id, ZERO), paid=sums_of.paid.get(invoice.id, ZERO),
            credited_positions=sums_of.credited_positions.get(invoice.id, frozenset()),
        ))
    return result


def get(ctx: Context, invoice_id: int) -> InvoiceView:
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        invoice = session.get(Invoice, invoice_id)
        if invoice is None:
            raise NotFound(N_("This invoice no longer exists."))
        return views(session, [invoice])[0]


def open_invoices(ctx: Context, patient_id: int) -> list[InvoiceView]:
    """The patient's issued invoices with something still to pay, oldest first."""
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        return [v for v in views(session, _patient_invoices(session, patient_id)) if v.due > 0]


def issued_invoices(ctx: Context, patient_id: int) -> list[InvoiceView]:
    """All the patient's issued invoices, paid or not (to correct one already paid), oldest first."""
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        return views(session, _patient_invoices(session, patient_id))


def _patient_invoices(session: Session, patient_id: int) -> list[Invoice]:
    return list(session.scalars(select(Invoice).where(
        Invoice.patient_id == patient_id, Invoice.kind == InvoiceKind.INVOICE,
        Invoice.status == InvoiceStatus.ISSUED).order_by(Invoice.issued_at, Invoice.id)))


def deposit_in(session: Session, patient_id: int) -> Decimal:
    """The patient's prepaid deposit: money put in less money used."""
    total = session.scalar(select(func.sum(DepositEntry.amount)).where(DepositEntry.patient_id == patient_id))
    return Decimal(total) if total is not None else ZERO


def balance_in(session: Session, patient_id: int) -> Balance:
    open_views = [v for v in views(session, _patient_invoices(session, patient_id)) if v.due > 0]
    return Balance(debt=sum((v.due for v in open_views), ZERO), deposit=deposit_in(session, patient_id),
                   open_invoices=len(open_views))


def balance_of(ctx: Context, patient_id: int) -> Balance:
    """The patient's debt and deposit, for any dock that shows the patient (needs only to view the cashier)."""
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        return balance_in(session, patient_id)


def balances_of(ctx: Context, patient_ids: Iterable[int]) -> dict[int, Balance]:
    """The balances of many patients in one aggregate query, for docks that list patients (the waiting room,
    the schedule): only the patients who owe something or hold a deposit; a missing patient has neither.

    Gives nothing (an empty dict), rather than refusing, to a user without ``VIEW_CASHIER``: the lists
    themselves are theirs to see, the money is not, and every dock would otherwise repeat the same check.
    """
    ids = sorted(set(patient_ids))
    if not ids or not can(ctx.actor, Permission.VIEW_CASHIER):
        return {}
    with ctx.db.read() as session:
        return {patient_id: Balance(debt=debt or ZERO, deposit=deposit or ZERO, open_invoices=count or 0)
                for patient_id, debt, count, deposit in session.execute(_balances_query(ids))}


def _balances_query(patient_ids: list[int]) -> Select[tuple[int, Decimal | None, int | None, Decimal | None]]:
    """Per patient: the sum of each issued invoice's positive due (charged − credited − paid net of refunds),
    the number of invoices with something due, and the deposit; the same figures as ``balance_in``."""
    owed = (select(Invoice.id.label("invoice_id"), Invoice.patient_id.label("patient_id"))
            .where(Invoice.patient_id.in_(patient_ids), Invoice.kind == InvoiceKind.INVOICE,
                   Invoice.status == InvoiceStatus.ISSUED).cte("owed"))
    charged = (select(InvoiceLine.invoice_id, func.sum(InvoiceLine.total).label("amount"))
               .join(owed, owed.c.invoice_id == InvoiceLine.invoice_id).group_by(InvoiceLine.invoice_id).subquery())
    note = aliased(Invoice)
    credited = (select(note.corrects_invoice_id.label("invoice_id"), func.sum(InvoiceLine.total).label("amount"))
                .join(InvoiceLine, InvoiceLine.invoice_id == note.id)
                .join(owed, owed.c.invoice_id == note.corrects_invoice_id)
                .where(note.kind == InvoiceKind.CREDIT_NOTE, note.status == InvoiceStatus.ISSUED)
                .group_by(note.corrects_invoice_id).subquery())
    paid = (select(Payment.invoice_id, func.sum(Payment.amount - Payment.refunded).label("amount"))
            .join(owed, owed.c.invoice_id == Payment.invoice_id).group_by(Payment.invoice_id).subquery())
    due = (func.coalesce(charged.c.amount, 0) - func.coalesce(credited.c.amount, 0)
           - func.coalesce(paid.c.amount, 0))
    per_invoice = (select(owed.c.patient_id, type_coerce(due, Money()).label("due")).select_from(owed)
                   .outerjoin(charged, charged.c.invoice_id == owed.c.invoice_id)
                   .outerjoin(credited, credited.c.invoice_id == owed.c.invoice_id)
                   .outerjoin(paid, paid.c.invoice_id == owed.c.invoice_id).subquery())
    positive = per_invoice.c.due > 0
    debts = (select(per_invoice.c.patient_id, func.sum(case((positive, per_invoice.c.due), else_=0)).label("debt"),
                    func.count(case((positive, 1))).label("open"))
             .group_by(per_invoice.c.patient_id).subquery())
    deposits = (select(DepositEntry.patient_id, func.sum(DepositEntry.amount).label("amount"))
                .where(DepositEntry.patient_id.in_(patient_ids)).group_by(DepositEntry.patient_id).subquery())
    return (select(Patient.id, type_coerce(debts.c.debt, Money()), debts.c.open,
                   type_coerce(deposits.c.amount, Money()))
            .outerjoin(debts, debts.c.patient_id == Patient.id)
            .outerjoin(deposits, deposits.c.patient_id == Patient.id)
            .where(Patient.id.in_(patient_ids), or_(debts.c.debt > 0, deposits.c.amount != 0)))


def draft_from_visit(ctx: Context, appointment_id: int, locale: str) -> InvoiceDraft:
    """The completed visit's services at today's prices, for the cashier to check and edit before issuing."""
    require(ctx, Permission.TAKE_PAYMENT)
    with ctx.db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        if appointment is None:
            raise NotFound(N_("This appointment no longer exists."))
        lines: list[LineInput] = []
        service = session.get(Service, appointment.service_id) if appointment.service_id else None
        if service is not None:
            name = session.scalar(select(ServiceName.name).where(
                ServiceName.service_id == service.id, ServiceName.locale == locale)) or service.name
            lines.append(LineInput(description=name, unit_price=service.price, service_id=service.id,
                                   tax_rate=service.tax_rate))
        return InvoiceDraft(patient_id=appointment.patient_id, lines=tuple(lines), appointment_id=appointment.id)


# -- issuing -------------------------------------------------------------------------------------------


def _clean_line(ctx: Context, line: LineInput, rules_: Rules) -> tuple[LineInput, LineAmounts]:
    currency = ctx.clinic().currency
    description = clean_text(line.description, N_("Description"), max_length=200, required=True)
    unit_price = money(line.unit_price, currency, N_("Price"), allow_zero=True)
    quantity = Decimal(line.quantity)
    if quantity <= 0 or quantity > MAX_QUANTITY or quantity != quantity.quantize(QUANTITY_QUANTUM):
        raise InvalidInput(N_("{field} must be more than zero, at most {limit}, with at most three decimals."),
                           field=N_("Quantity"), limit=MAX_QUANTITY)
    tax_rate = Decimal(line.tax_rate)
    if not 0 <= tax_rate <= 100:
        raise InvalidInput(N_("{field} must be a percentage between 0 and 100."), field=N_("Tax rate"))
    value = ZERO
    reason = clean_text(line.discount_reason, N_("Discount reason"), max_length=200)
    if line.discount_kind is DiscountKind.PERCENT:
        value = Decimal(line.discount_value)
        if not 0 < value <= 100 or value != value.quantize(Decimal("0.01")):
            raise InvalidInput(N_("{field} must be a percentage between 0 and 100."), field=N_("Discount"))
    elif line.discount_kind is DiscountKind.AMOUNT:
        value = money(line.discount_value, currency, N_("Discount"))
    quantum = ctx.clinic().money_quantum
    amounts = billing_math.line_amounts(quantity, unit_price, line.discount_kind, value, tax_rate, quantum,
                                        prices_include_tax=rules_.prices_include_tax)
    if amounts.total > MAX_AMOUNT:
        raise InvalidInput(N_("{field} is beyond any plausible amount."), field=N_("Total"))
    if amounts.discount:
        if amounts.discount > amounts.gross:
            raise InvalidInput(N_("The discount is larger than the line's amount."), field=N_("Discount"))
        if not reason:
            raise InvalidInput(N_("A discount needs a reason."), field=N_("Discount reason"))
        if billing_math.discount_percent(amounts) > rules_.discount_limit_percent and not can(
                ctx.actor, Permission.LARGE_DISCOUNT):
            raise InvalidInput(N_("A discount above {limit} % needs a manager's permission."),
                               field=N_("Discount"), limit=format_decimal(rules_.discount_limit_percent))
    clean = LineInput(description=description, unit_price=unit_price, quantity=quantity, service_id=line.service_id,
                      discount_kind=line.discount_kind, discount_value=value, discount_reason=reason,
                      tax_rate=tax_rate)
    return clean, amounts


def preview(ctx: Context, lines: Sequence[LineInput]) -> billing_math.Totals:
    """The totals the lines would have on an invoice (validated by the same rules as issuing)."""
    require(ctx, Permission.TAKE_PAYMENT)
    with ctx.db.read() as session:
        rules_ = rules(session)
    return billing_math.totals(_clean_line(ctx, line, rules_)[1] for line in lines)


def _line_row(position: int, line: LineInput, amounts: LineAmounts) -> InvoiceLine:
    return InvoiceLine(
        position=position, service_id=line.service_id, description=line.description, quantity=line.quantity,
        unit_price=line.unit_price, discount_kind=line.discount_kind, discount_value=line.discount_value,
        discount_reason=line.discount_reason, tax_rate=line.tax_rate, discount=amounts.discount, tax=amounts.tax,
        total=amounts.total,
    )


def _number(uow: UnitOfWork, invoice: Invoice) -> None:
    now = uow.ctx.clock.now()
    invoice.year = now.astimezone(uow.ctx.clinic().zone).year
    invoice.number = next_number(uow.session, INVOICE_SERIES, invoice.year)
    invoice.issued_at = now
    invoice.status = InvoiceStatus.ISSUED


def issue_invoice(ctx: Context, draft: InvoiceDraft) -> InvoiceView:
    """Issue an invoice with a gapless number; its lines are copies, so later price changes leave it alone."""
    require(ctx, Permission.TAKE_PAYMENT)
    if not draft.lines:
        raise InvalidInput(N_("An invoice needs at least one line."))
    if len(draft.lines) > MAX_LINES:
        raise InvalidInput(N_("An invoice holds at most {limit} lines."), limit=MAX_LINES)
    with unit_of_work(ctx) as uow:
        session = uow.session
        live_patient(session, draft.patient_id)
        cleaned = [_clean_line(ctx, line, rules(session)) for line in draft.lines]
        if draft.appointment_id is not None:
            _check_visit(session, draft)
        invoice = Invoice(kind=InvoiceKind.INVOICE, patient_id=draft.patient_id, appointment_id=draft.appointment_id,
                          currency=ctx.clinic().currency, created_by=ctx.actor.user_id if ctx.actor else None,
                          created_at=ctx.clock.now(), status=InvoiceStatus.DRAFT,
                          lines=[_line_row(i, line, amounts) for i, (line, amounts) in enumerate(cleaned, 1)])
        _number(uow, invoice)
        session.add(invoice)
        session.flush()
        uow.record("issue", "invoice", invoice.id, {
            "number": year_number(invoice.year or 0, invoice.number or 0), "patient_id": draft.patient_id,
            "total": str(sum((a.total for _, a in cleaned), ZERO))})
        uow.emit(Topic.INVOICES, invoice.id)
        return views(session, [invoice])[0]


def _check_visit(session: Session, draft: InvoiceDraft) -> None:
    appointment = session.get(Appointment, draft.appointment_id)
    if appointment is None or appointment.patient_id != draft.patient_id:
        raise NotFound(N_("This appointment no longer exists."))
    if appointment.status is not AppointmentStatus.COMPLETED:
        raise Conflict(N_("Only a completed visit can be invoiced."))
    billed = session.scalar(select(Invoice.number).where(
        Invoice.appointment_id == appointment.id, Invoice.kind == InvoiceKind.INVOICE,
        Invoice.status == InvoiceStatus.ISSUED))
    if billed is not None:
        raise Conflict(N_("This visit already has an invoice."))


def locked_issued(session: Session, invoice_id: int) -> Invoice:
    invoice = session.get(Invoice, invoice_id, with_for_update=True)
    if invoice is None:
        raise NotFound(N_("This invoice no longer exists."))
    if invoice.status is not InvoiceStatus.ISSUED or invoice.kind is not InvoiceKind.INVOICE:
        raise Conflict(N_("This invoice was cancelled.") if invoice.status is InvoiceStatus.CANCELLED
                       else N_("Only an issued invoice can be corrected."))
    return invoice


def credit_amount(invoice: InvoiceView, positions: Iterable[int]) -> Decimal:
    """What a credit note of these lines takes off the invoice (the lines' totals as issued)."""
    chosen = set(positions)
    return sum((line.total for line in invoice.lines if line.position in chosen), ZERO)


def check_credit(invoice: InvoiceView, positions: Iterable[int]) -> Decimal:
    """The amount a credit note of these lines would take off ``invoice``, or the refusal.

    A credit note takes off at most what is still due: money paid on the lines is refunded first (it goes back
    through the drawer and the shift's books), so that no invoice is ever paid beyond its charge.
    """
    chosen = set(positions)
    if not chosen:
        raise InvalidInput(N_("Choose the lines to credit."))
    if not chosen <= {line.position for line in invoice.lines}:
        raise NotFound(N_("This invoice has no such line."))
    if not chosen <= {line.position for line in invoice.creditable_lines}:
        raise Conflict(N_("A line of this invoice was already credited."))
    amount = credit_amount(invoice, chosen)
    if amount > invoice.due:
        raise Conflict(N_("{paid} is paid on this invoice: refund at least {amount} of it first, then credit the "
                          "lines."), paid=format_money(invoice.paid, invoice.currency),
                       amount=format_money(amount - invoice.due, invoice.currency))
    return amount


def credit_note(ctx: Context, invoice_id: int, positions: Sequence[int], reason: str) -> InvoiceView:
    """Credit whole lines of an issued invoice: the invoice's charge falls by their totals.

    The credit note is numbered in the invoices' own gapless series (it is a fiscal document like them)."""
    require(ctx, Permission.REFUND)
    why = clean_text(reason, N_("Reason for the correction"), max_length=400, required=True)
    if not positions:
        raise InvalidInput(N_("Choose the lines to credit."))
    with unit_of_work(ctx) as uow:
        session = uow.session
        invoice = locked_issued(session, invoice_id)
        check_credit(views(session, [invoice])[0], positions)
        by_position = {line.position: line for line in invoice.lines}
        note = Invoice(kind=InvoiceKind.CREDIT_NOTE, patient_id=invoice.patient_id, corrects_invoice_id=invoice.id,
                       currency=invoice.currency, created_by=ctx.actor.user_id if ctx.actor else None,
                       created_at=ctx.clock.now(), status=InvoiceStatus.DRAFT, note=why)
        for p in sorted(set(positions)):
            line = by_position[p]
            note.lines.append(InvoiceLine(
                position=p, service_id=line.service_id, description=line.description, quantity=line.quantity,
                unit_price=line.unit_price, discount_kind=line.discount_kind, discount_value=line.discount_value,
                discount_reason=line.discount_reason, tax_rate=line.tax_rate, discount=line.discount, tax=line.tax,
                total=line.total))
        _number(uow, note)
        session.add(note)
        session.flush()
        uow.record("credit_note", "invoice", note.id, {"corrects": invoice.id, "positions": sorted(positions),
                                                       "reason": why})
        uow.emit(Topic.INVOICES, invoice.id)
        return views(session, [note])[0]


def cancel_invoice(ctx: Context, invoice_id: int, reason: str) -> InvoiceView:
    """Cancel an issued invoice on which nothing was paid or credited (issue a new one to replace it)."""
    require(ctx, Permission.REFUND)
    why = clean_text(reason, N_("Reason for the correction"), max_length=400, required=True)
    with unit_of_work(ctx) as uow:
        session = uow.session
        invoice = locked_issued(session, invoice_id)
        if not views(session, [invoice])[0].cancellable:
            raise Conflict(N_("Payments or credit notes exist for this invoice: refund or credit it instead."))
        invoice.status, invoice.note = InvoiceStatus.CANCELLED, why
        uow.record("cancel", "invoice", invoice.id, {"reason": why})
        uow.emit(Topic.INVOICES, invoice.id)
        return views(session, [invoice])[0]

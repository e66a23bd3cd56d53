"""Cash shifts: opened with a float, read at any time (X report), closed once with the counted cash (Z).

Payments and refunds happen only in the open shift of the desk that takes them. Closing freezes the shift:
its expected and counted cash are written once and nothing is added to it afterwards, because a payment
locks the shift's row and checks it is open in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, NotFound
from app.events import Topic
from app.i18n import N_
from app.models.billing import CashShift, Payment, PaymentMethod, Refund, ShiftStatus
from app.models.staff import StaffUser
from app.services.billing_math import ZERO
from app.services.cashier import year_number
from app.services.numbering import next_number
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work
from app.services.validation import money

SHIFT_SERIES = "shift"


@dataclass(frozen=True)
class MethodTotal:
    method: PaymentMethod
    payments: int
    taken: Decimal
    refunded: Decimal

    @property
    def net(self) -> Decimal:
        return self.taken - self.refunded


@dataclass(frozen=True)
class ShiftSummary:
    """A shift's cash summary: the X report while it is open, the Z report once closed."""

    id: int
    number: str
    status: ShiftStatus
    cashier_name: str
    workstation: str
    currency: str
    opened_at: datetime
    closed_at: datetime | None
    opening_float: Decimal
    by_method: tuple[MethodTotal, ...] = field(hash=False)
    payments: int
    refunds: int
    cash_in: Decimal
    cash_out: Decimal
    expected_cash: Decimal
    counted_cash: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        """Counted less expected: negative when the drawer is short."""
        return None if self.counted_cash is None else self.counted_cash - self.expected_cash

    @property
    def taken(self) -> Decimal:
        return sum((m.taken for m in self.by_method), ZERO)

    @property
    def refunded(self) -> Decimal:
        return sum((m.refunded for m in self.by_method), ZERO)


def summary_in(session: Session, shift: CashShift, currency: str) -> ShiftSummary:
    taken = {m: (int(n), Decimal(a)) for m, n, a in session.execute(
        select(Payment.method, func.count(), func.sum(Payment.amount))
        .where(Payment.shift_id == shift.id).group_by(Payment.method))}
    refunded = {m: (int(n), Decimal(a)) for m, n, a in session.execute(
        select(Payment.method, func.count(), func.sum(Refund.amount))
        .join(Payment, Payment.id == Refund.payment_id)
        .where(Refund.shift_id == shift.id).group_by(Payment.method))}
    by_method = tuple(
        MethodTotal(method, taken.get(method, (0, ZERO))[0], taken.get(method, (0, ZERO))[1],
                    refunded.get(method, (0, ZERO))[1])
        for method in PaymentMethod if method in taken or method in refunded
    )
    cash_in = taken.get(PaymentMethod.CASH, (0, ZERO))[1]
    cash_out = refunded.get(PaymentMethod.CASH, (0, ZERO))[1]
    expected = shift.opening_float + cash_in - cash_out
    cashier = session.scalar(select(StaffUser.full_name).where(StaffUser.id == shift.cashier_id)) or ""
    return ShiftSummary(
        id=shift.id, number=year_number(shift.year or 0, shift.number or 0), status=shift.status,
        cashier_name=cashier, workstation=shift.workstation, currency=currency, opened_at=shift.opened_at,
        closed_at=shift.closed_at, opening_float=shift.opening_float, by_method=by_method,
        payments=sum(n for n, _ in taken.values()), refunds=sum(n for n, _ in refunded.values()),
        cash_in=cash_in, cash_out=cash_out,
        expected_cash=shift.expected_cash if shift.expected_cash is not None else expected,
        counted_cash=shift.counted_cash,
    )


def shift_summary(ctx: Context, shift_id: int) -> ShiftSummary:
    """A shift's totals by method and its cash: float + cash taken − cash refunded = expected."""
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        shift = session.get(CashShift, shift_id)
        if shift is None:
            raise NotFound(N_("This cash shift no longer exists."))
        return summary_in(session, shift, ctx.clinic().currency)


def open_shift_at(session: Session, workstation: str, *, lock: bool = False) -> CashShift | None:
    stmt = select(CashShift).where(CashShift.workstation == workstation, CashShift.status == ShiftStatus.OPEN)
    return session.scalars(stmt.with_for_update() if lock else stmt).one_or_none()


def current_shift(ctx: Context) -> ShiftSummary | None:
    """This desk's open shift, if any."""
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        shift = open_shift_at(session, ctx.workstation)
        return None if shift is None else summary_in(session, shift, ctx.clinic().currency)


def recent_shifts(ctx: Context, limit: int = 20) -> list[ShiftSummary]:
    require(ctx, Permission.VIEW_CASHIER)
    with ctx.db.read() as session:
        shifts = session.scalars(select(CashShift).order_by(CashShift.opened_at.desc()).limit(limit))
        return [summary_in(session, s, ctx.clinic().currency) for s in shifts]


def open_shift(ctx: Context, opening_float: Decimal) -> ShiftSummary:
    """Open this desk's shift with the cash put in the drawer; it gets the year's next shift number."""
    actor = require(ctx, Permission.TAKE_PAYMENT)
    float_ = money(opening_float, ctx.clinic().currency, N_("Opening float"), allow_zero=True)
    with unit_of_work(ctx) as uow:
        session = uow.session
        if open_shift_at(session, ctx.workstation) is not None:
            raise Conflict(N_("This desk already has an open shift."))
        now = ctx.clock.now()
        year = now.astimezone(ctx.clinic().zone).year
        shift = CashShift(year=year, number=next_number(session, SHIFT_SERIES, year), cashier_id=actor.user_id,
                          workstation=ctx.workstation, status=ShiftStatus.OPEN, opening_float=float_, opened_at=now)
        session.add(shift)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict(N_("This desk already has an open shift.")) from None
        uow.record("open", "cash_shift", shift.id, {"number": shift.number, "opening_float": str(float_)})
        uow.emit(Topic.SHIFTS, shift.id)
        return summary_in(session, shift, ctx.clinic().currency)


def close_shift(ctx: Context, shift_id: int, counted_cash: Decimal) -> ShiftSummary:
    """The Z closing: record the counted cash beside the expected, and freeze the shift for good."""
    require(ctx, Permission.TAKE_PAYMENT)
    counted = money(counted_cash, ctx.clinic().currency, N_("Counted cash"), allow_zero=True)
    with unit_of_work(ctx) as uow:
        session = uow.session
        shift = session.get(CashShift, shift_id, with_for_update=True)
        if shift is None:
            raise NotFound(N_("This cash shift no longer exists."))
        if shift.status is not ShiftStatus.OPEN:
            raise Conflict(N_("This shift is closed; a closed shift is never changed."))
        summary = summary_in(session, shift, ctx.clinic().currency)
        shift.status, shift.closed_at = ShiftStatus.CLOSED, ctx.clock.now()
        shift.expected_cash, shift.counted_cash = summary.expected_cash, counted
        session.flush()
        uow.record("close", "cash_shift", shift.id, {
            "expected_cash": str(summary.expected_cash), "counted_cash": str(counted),
            "difference": str(counted - summary.expected_cash)})
        uow.emit(Topic.SHIFTS, shift.id)
        return summary_in(session, shift, ctx.clinic().currency)

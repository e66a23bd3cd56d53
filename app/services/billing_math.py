"""The arithmetic of an invoice: exact Decimals, rounded half-up only at the line and at the total.

A line's amount is quantity × unit price, less its discount (a percent of that amount or a fixed amount);
its tax is either part of that (prices that include tax, as Korean clinics list them) or added on top.
Each line is rounded to the currency's minor unit once; the total is the exact sum of the rounded lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.models.billing import DiscountKind

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class LineAmounts:
    gross: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal


def round_money(amount: Decimal, quantum: Decimal) -> Decimal:
    return amount.quantize(quantum, rounding=ROUND_HALF_UP)


def line_amounts(quantity: Decimal, unit_price: Decimal, discount_kind: DiscountKind, discount_value: Decimal,
                 tax_rate: Decimal, quantum: Decimal, *, prices_include_tax: bool) -> LineAmounts:
    """One line's amounts. The discount never exceeds the line's amount (the caller validates that)."""
    gross = round_money(quantity * unit_price, quantum)
    if discount_kind is DiscountKind.PERCENT:
        discount = round_money(gross * discount_value / HUNDRED, quantum)
    elif discount_kind is DiscountKind.AMOUNT:
        discount = discount_value
    else:
        discount = ZERO
    net = gross - discount
    if prices_include_tax:
        tax = round_money(net * tax_rate / (HUNDRED + tax_rate), quantum)
        total = net
    else:
        tax = round_money(net * tax_rate / HUNDRED, quantum)
        total = net + tax
    return LineAmounts(gross=gross, discount=discount, tax=tax, total=total)


def discount_percent(amounts: LineAmounts) -> Decimal:
    """How much of the line's amount the discount takes, in percent (for the clinic's limit)."""
    return amounts.discount * HUNDRED / amounts.gross if amounts.gross else ZERO


def totals(lines: Iterable[LineAmounts]) -> Totals:
    lines = list(lines)
    return Totals(
        subtotal=sum((line.gross for line in lines), ZERO),
        discount=sum((line.discount for line in lines), ZERO),
        tax=sum((line.tax for line in lines), ZERO),
        total=sum((line.total for line in lines), ZERO),
    )

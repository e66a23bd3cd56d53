"""How the docks' cells read: times in the clinic's zone, money in its currency, in the active language.

Everything goes through :mod:`app.i18n`; nothing a person reads is made with ``str()`` or ``strftime``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from decimal import Decimal

from app.context import Context
from app.i18n import (
    N_,
    _,
    active_locale,
    format_date,
    format_datetime,
    format_integer,
    format_money,
    format_time,
    gettext,
    ngettext,
)
from app.services.invoices import Balance
from ui.models.table import RIGHT, Column, R
from ui.widgets.look import RED, color


def clinic_time(ctx: Context, moment: datetime | None) -> str:
    return _clock_time(moment, ctx.clinic().zone, active_locale()) if moment is not None else ""


@functools.lru_cache(maxsize=4096)
def _clock_time(moment: datetime, zone: tzinfo, locale: str) -> str:
    """Babel takes about a millisecond per time; a table repaints the same few hundred times again and again
    (every tick of a live column repaints its rows)."""
    return format_time(moment, zone, locale)


def clinic_datetime(ctx: Context, moment: datetime | None) -> str:
    return format_datetime(moment, ctx.clinic().zone) if moment is not None else ""


def time_range(ctx: Context, start: datetime, end: datetime) -> str:
    return _("{start}–{end}").format(start=clinic_time(ctx, start), end=clinic_time(ctx, end))


def money(ctx: Context, amount: Decimal) -> str:
    return format_money(amount, ctx.clinic().currency)


def owes(ctx: Context, balance: Balance | None) -> str:
    """A patient's debt as a list shows it beside their name: empty when they owe nothing."""
    return money(ctx, balance.debt) if balance is not None and balance.debt else ""


def balance_text(ctx: Context, balance: Balance | None) -> str:
    """"Owes ₩40,000 on 2 invoices · Deposit ₩15,000"; empty when there is neither."""
    if balance is None:
        return ""
    parts = [ngettext("Owes {amount} on {count} invoice", "Owes {amount} on {count} invoices",
                      balance.open_invoices).format(amount=money(ctx, balance.debt),
                                                    count=format_integer(balance.open_invoices))
             ] if balance.debt else []
    if balance.deposit:
        parts.append(_("Deposit {amount}").format(amount=money(ctx, balance.deposit)))
    return " · ".join(parts)


def owes_column(ctx: Context, balances: Callable[[], dict[int, Balance]],
                patient_of: Callable[[R], int | None]) -> Column[R]:
    """The "Owes" column of a list of patients: the debt in red, the balance with any deposit as its tooltip.
    ``balances`` gives the dock's latest ``invoices.balances_of``; ``patient_of`` a row's patient id."""
    def balance(row: R) -> Balance | None:
        patient_id = patient_of(row)
        return balances().get(patient_id) if patient_id is not None else None

    return Column(N_("Owes"), lambda r: owes(ctx, balance(r)),
                  lambda r: float(found.debt) if (found := balance(r)) is not None else 0.0, align=RIGHT,
                  foreground=lambda r: color(RED) if balance(r) is not None else None,
                  tooltip=lambda r: balance_text(ctx, balance(r)))


def period(first: date | None, last: date | None) -> str:
    """A certificate's period in the short date form ("11/20/26 – 11/27/26"); one day alone when the other
    end is open or the same."""
    if first is None or last is None or first == last:
        only = first or last
        return format_date(only, "short") if only is not None else ""
    return _("{first} – {last}").format(first=format_date(first, "short"), last=format_date(last, "short"))


def minutes(count: int) -> str:
    return _minutes(count, active_locale())


def about_minutes(count: int) -> str:
    """An estimate in minutes ("~15 min")."""
    return _about_minutes(count, active_locale())


@functools.lru_cache(maxsize=1024)
def _minutes(count: int, locale: str) -> str:
    return gettext("{minutes} min", locale).format(minutes=format_integer(count, locale))


@functools.lru_cache(maxsize=1024)
def _about_minutes(count: int, locale: str) -> str:
    return gettext("~{minutes} min", locale).format(minutes=format_integer(count, locale))


def timestamp(moment: datetime | None) -> float:
    """A sort key for an optional moment: missing ones sort first."""
    return moment.timestamp() if moment is not None else float("-inf")


def wanted_doctor(doctor_name: str, specialty: str) -> str:
    """Who a patient waits or asks for: a doctor, any doctor of a specialty, or any doctor at all."""
    if doctor_name:
        return doctor_name
    if specialty:
        return _("Any doctor ({specialty})").format(specialty=specialty)
    return _("Any doctor")

"""How the docks' cells read: times in the clinic's zone, money in its currency, in the active language.

Everything goes through :mod:`app.i18n`; nothing a person reads is made with ``str()`` or ``strftime``.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo
from decimal import Decimal

from app.context import Context
from app.i18n import _, active_locale, format_date, format_datetime, format_integer, format_money, format_time, gettext


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

"""Languages: gettext catalogs, the active locale, and Babel formatting for people to read.

Mark strings with ``_()`` where they are shown, or ``N_()`` where they are defined at import time and
translated later. Never format a date, number or amount with ``str()`` or ``strftime`` for a person.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES: tuple[str, ...] = ("en", "ko", "ru", "ro", "zh_CN")
#: Each language as its speakers name it in a language menu.
_LANGUAGE_NAMES = {"en": "English", "ko": "한국어", "ru": "Русский", "ro": "Română", "zh_CN": "简体中文"}
#: The full locale formatting uses: a bare language has no territory, and Babel then starts every week
#: on Monday and guesses other regional conventions (Korea and the US start the week on Sunday).
_FORMAT_LOCALES = {"en": "en_US", "ko": "ko_KR", "ru": "ru_RU", "ro": "ro_RO", "zh_CN": "zh_Hans_CN"}
#: Clock times where CLDR's short format is not what the desk expects: Babel 2.18's Korean short time is
#: "AM 9:30" (Latin letters), while Korean clinic schedules and slips write 24-hour "09:30".
_TIME_PATTERNS = {"ko": "HH:mm"}
DEFAULT_LOCALE = "en"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"

_catalogs: dict[str, _gettext.NullTranslations] = {}
_active: str = DEFAULT_LOCALE
_listeners: list[Callable[[str], None]] = []


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


@dataclass(frozen=True)
class Message:
    """A message marked for later translation together with its context (msgctxt)."""

    context: str
    text: str

    def translate(self, locale: str | None = None) -> str:
        return pgettext(self.context, self.text, locale)


def NP_(context: str, message: str) -> Message:
    """Mark a string with its context for extraction; translate it later with ``Message.translate``."""
    return Message(context, message)


def translate(message: str | Message, locale: str | None = None) -> str:
    """A message marked with N_() (a plain msgid) or NP_() (with context), in ``locale`` or the active one."""
    return message.translate(locale) if isinstance(message, Message) else gettext(message, locale)


def _load_catalog(locale: str) -> _gettext.NullTranslations:
    """The compiled .mo when it is current, else the .po read directly (a fresh checkout)."""
    folder = TRANSLATIONS_DIR / locale / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if not po.exists():
        raise FileNotFoundError(f"no catalog for {locale} in {folder}")
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def catalog(locale: str) -> _gettext.NullTranslations:
    if locale not in LOCALES:
        raise ValueError(f"unsupported locale {locale!r}; choose one of {', '.join(LOCALES)}")
    if locale not in _catalogs:
        _catalogs[locale] = _load_catalog(locale)
    return _catalogs[locale]


def set_locale(locale: str) -> None:
    """Make ``locale`` the language of the interface and tell whoever listens."""
    global _active
    catalog(locale)
    _active = locale
    for listener in list(_listeners):
        listener(locale)


def active_locale() -> str:
    return _active


def on_locale_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def gettext(message: str, locale: str | None = None) -> str:
    return catalog(locale or _active).gettext(message)


def ngettext(singular: str, plural: str, n: int, locale: str | None = None) -> str:
    return catalog(locale or _active).ngettext(singular, plural, n)


def pgettext(context: str, message: str, locale: str | None = None) -> str:
    return catalog(locale or _active).pgettext(context, message)


_ = gettext


def language_name(locale: str) -> str:
    """The language's own name for itself (한국어, Русский...), as a language menu shows it."""
    return _LANGUAGE_NAMES[locale]


def babel_locale(locale: str | None = None) -> Locale:
    return _parsed_locale(locale or _active)


@functools.cache
def _parsed_locale(code: str) -> Locale:
    return Locale.parse(_FORMAT_LOCALES.get(code, code))


# -- formatting ---------------------------------------------------------------------------------------


def currency_digits(currency: str) -> int:
    """How many decimals the currency has: 0 for KRW, 2 for RUB, RON, CNY..."""
    return babel_numbers.get_currency_precision(currency)


def format_money(amount: Decimal, currency: str, locale: str | None = None) -> str:
    return babel_numbers.format_currency(amount, currency, locale=babel_locale(locale), currency_digits=True)


def format_decimal(value: Decimal | int, locale: str | None = None) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale(locale))


def format_integer(value: int, locale: str | None = None) -> str:
    return babel_numbers.format_decimal(value, locale=babel_locale(locale))


def format_date(value: date, fmt: str = "medium", locale: str | None = None) -> str:
    """``fmt`` "short" is the language's numeric date with the four-digit year ("11/22/2026", "2026. 11. 22.",
    "22.11.2026"): CLDR's short date has a two-digit year in English and Korean ("26. 11. 22." reads as
    three numbers in no clear order in a register where the year matters)."""
    if fmt == "short":
        return babel_dates.format_skeleton("yMd", value, locale=babel_locale(locale))
    return babel_dates.format_date(value, format=fmt, locale=babel_locale(locale))


def format_day_heading(value: date, locale: str | None = None) -> str:
    """A short day heading with its weekday ("Mon, Nov 23", "11월 23일 (월)", "пн, 23 нояб."), as the
    language writes it (Babel's skeleton MMMEd)."""
    return babel_dates.format_skeleton("MMMEd", value, locale=babel_locale(locale))


def weekday_name(weekday: int, locale: str | None = None) -> str:
    """The weekday's full name (0 = Monday) as a list or a form shows it: capitalised, as Russian and
    Romanian write it at the start of a line though CLDR gives it in lower case."""
    name = babel_locale(locale).days["stand-alone"]["wide"][weekday]
    return name[:1].upper() + name[1:]


def format_time(value: datetime | time, zone: tzinfo | None = None, locale: str | None = None) -> str:
    if isinstance(value, datetime) and zone is not None:
        value = value.astimezone(zone)
    if isinstance(value, datetime):
        value = value.time()
    pattern = _TIME_PATTERNS.get(locale or _active, "short")
    return babel_dates.format_time(value, format=pattern, locale=babel_locale(locale))


def format_datetime(
    value: datetime, zone: tzinfo, fmt: str = "short", locale: str | None = None
) -> str:
    """An aware datetime shown in the clinic's zone; "short" joins ``format_date``'s and ``format_time``'s short
    forms as the language joins a date and a time."""
    local = value.astimezone(zone)
    if fmt == "short":
        joined = babel_locale(locale).datetime_formats["short"]
        return str(joined).format(format_time(local, None, locale), format_date(local.date(), "short", locale))
    if (locale or _active) in _TIME_PATTERNS:
        return f"{format_date(local.date(), fmt, locale)} {format_time(local, None, locale)}"
    return babel_dates.format_datetime(local, format=fmt, tzinfo=zone, locale=babel_locale(locale))


def format_month(value: date, locale: str | None = None) -> str:
    """A month and its year as the language writes them ("November 2026", "2026년 11월", "ноябрь 2026 г.")."""
    return babel_dates.format_skeleton("yMMMM", value, locale=babel_locale(locale))


def format_list(items: list[str], locale: str | None = None) -> str:
    """Items joined as the language joins them: "A and B", "A 및 B", "A、B和C"."""
    return babel_lists.format_list(items, locale=babel_locale(locale))


def first_weekday(locale: str | None = None) -> int:
    """0 = Monday ... 6 = Sunday, as the locale starts its week."""
    return babel_locale(locale).first_week_day

"""Input rules shared by every service: text, money, dates. Each failure is a translated InvalidInput.

``field`` is always the field's label as an N_() msgid, so that the message names it in the user's language.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from app.errors import InvalidInput
from app.i18n import N_, currency_digits

#: No clinic amount comes near this; anything above is a typing slip (an extra zero or two).
MAX_AMOUNT = Decimal("1000000000000")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{3,32}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def clean_text(value: str | None, field: str, *, max_length: int, required: bool = False,
               multiline: bool = False) -> str:
    """Trimmed, NFC-normalised text without control characters (tab and newline only where multiline)."""
    text = unicodedata.normalize("NFC", (value or "").strip())
    allowed = {"\n", "\t"} if multiline else set()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in allowed for ch in text):
        raise InvalidInput(N_("{field} contains invisible control characters."), field=field)
    if required and not text:
        raise InvalidInput(N_("{field} must not be empty."), field=field)
    if len(text) > max_length:
        raise InvalidInput(N_("{field} is too long (at most {limit} characters)."), field=field, limit=max_length)
    return text


def clean_phone(value: str | None, field: str) -> str:
    text = clean_text(value, field, max_length=32)
    if text and (not _PHONE.match(text) or sum(ch.isdigit() for ch in text) < 3):
        raise InvalidInput(N_("{field} is not a phone number."), field=field)
    return text


def clean_email(value: str | None, field: str) -> str:
    text = clean_text(value, field, max_length=200)
    if text and not _EMAIL.match(text):
        raise InvalidInput(N_("{field} is not an e-mail address."), field=field)
    return text


def check_birth_date(value: date | None, today: date, field: str) -> date | None:
    if value is None:
        return None
    if value > today:
        raise InvalidInput(N_("{field} cannot be in the future."), field=field)
    if value.year < today.year - 130:
        raise InvalidInput(N_("{field} is more than 130 years ago."), field=field)
    return value


def money(value: Decimal | str | int, currency: str, field: str, *, allow_zero: bool = False) -> Decimal:
    """An amount in ``currency``: exact, positive, within the currency's decimals and a sane bound."""
    if isinstance(value, float):
        raise TypeError("amounts are never floats")
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError):
        raise InvalidInput(N_("{field} is not an amount."), field=field) from None
    if not amount.is_finite():
        raise InvalidInput(N_("{field} is not an amount."), field=field)
    digits = currency_digits(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        raise InvalidInput(
            N_("{field} has more decimals than {currency} allows ({digits})."),
            field=field, currency=currency, digits=digits,
        )
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InvalidInput(N_("{field} must be more than zero."), field=field)
    if amount > MAX_AMOUNT:
        raise InvalidInput(N_("{field} is beyond any plausible amount."), field=field)
    return amount

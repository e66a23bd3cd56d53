"""An amount field: Decimal in, Decimal out, in the currency's minor units, typed the way the locale writes it.

The cashier types "25000", "25 000" or "1.234,50" (Romanian): the field reads digits with the active
locale's decimal and group separators, refuses more decimals than the currency has while typing, and shows
the amount grouped when it loses focus. The service still validates the amount; this only helps typing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from app.i18n import babel_locale, currency_digits

#: No-break and narrow no-break spaces: Babel groups with them in ru, ro (and fr); people type a plain space.
_SPACES = (" ", "\u00a0", "\u202f")


def parse_amount(text: str, digits: int, locale: str | None = None) -> Decimal | None:
    """The amount in ``text`` (None when empty or not an amount of at most ``digits`` decimals)."""
    where = babel_locale(locale)
    decimal, group = get_decimal_symbol(where), get_group_symbol(where)
    cleaned = text.strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, "")
    if group not in _SPACES:
        cleaned = cleaned.replace(group, "")
    cleaned = cleaned.replace(decimal, ".")
    if not cleaned or cleaned.count(".") > 1 or not cleaned.replace(".", "").isdigit():
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        return None
    return amount


class _AmountValidator(QValidator):
    def __init__(self, edit: MoneyEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Intermediate, text, pos
        decimal = get_decimal_symbol(babel_locale())
        if text.strip().endswith(decimal) and self._edit.digits:
            text_ok = parse_amount(text.strip()[:-1], self._edit.digits) is not None
            return (QValidator.State.Intermediate if text_ok else QValidator.State.Invalid), text, pos
        if parse_amount(text, self._edit.digits) is None:
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos


class MoneyEdit(QLineEdit):
    """``value()`` is the Decimal typed (None when empty); ``value_changed`` carries it on every edit."""

    value_changed = Signal(object)

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.digits = currency_digits(currency)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._value: Decimal | None = None
        self.setValidator(_AmountValidator(self))
        self.textChanged.connect(self._parse)

    def _parse(self, text: str) -> None:
        value = parse_amount(text, self.digits)
        if value != self._value:
            self._value = value
            self.value_changed.emit(value)

    def value(self) -> Decimal | None:
        """The amount as read in the language it was typed in (kept across a language change)."""
        return self._value

    def set_value(self, amount: Decimal | None) -> None:
        self.setText("" if amount is None else self._formatted(amount))

    def _formatted(self, amount: Decimal) -> str:
        pattern = "#,##0" + ("." + "0" * self.digits if self.digits else "")
        return format_decimal(amount, format=pattern, locale=babel_locale())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        value = self.value()
        if value is not None:
            self.setText(self._formatted(value))
        super().focusOutEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """A new language writes numbers its own way: show the same amount in it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self._value is not None:
            self.setText(self._formatted(self._value))

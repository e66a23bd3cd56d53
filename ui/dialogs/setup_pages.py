"""The setup wizard's input pages: the clinic's profile and its first administrator.

They pre-check only what spares the person a trip to the last page (empty required fields, a password
that is too short or typed differently twice); ``app.services.clinic.set_up`` decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

from babel.core import get_global
from babel.dates import get_timezone_gmt
from babel.numbers import get_currency_name, get_territory_currencies
from PySide6.QtCore import QEvent, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.context import Context
from app.errors import DomainError, InvalidInput
from app.i18n import LOCALES, N_, _, active_locale, babel_locale, ngettext
from app.services.auth import MIN_PASSWORD_LENGTH
from app.services.clinic import SLOT_SIZES, ClinicDetails
from app.services.validation import clean_email, clean_phone
from ui.dialogs.common import ErrorLabel, language_combo, muted_label

#: The currencies of the clinics Clinic Desk serves, offered first; any ISO code may be typed.
CURRENCIES = ("KRW", "RUB", "RON", "CNY", "USD", "EUR", "GBP", "KZT", "MDL")
#: The time zones these clinics work in, offered first; any IANA zone may be typed.
TIME_ZONES = (
    "Asia/Seoul", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei",
    "Europe/Moscow", "Europe/Kaliningrad", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
    "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok",
    "Asia/Magadan", "Asia/Kamchatka", "Europe/Minsk", "Europe/Bucharest", "Europe/Chisinau", "Europe/Kyiv",
    "Asia/Almaty", "Asia/Tashkent", "Asia/Bishkek", "Europe/London", "Europe/Berlin",
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "UTC",
)
DEFAULT_SLOT_MINUTES = 15
#: The choices share one width so that the form's right edge reads as a column.
COMBO_WIDTH = 300


def _code(combo: QComboBox) -> str:
    """The code of an editable combo: the chosen item's, or the first word of what was typed."""
    index = combo.findText(combo.currentText())
    if index >= 0:
        return str(combo.itemData(index))
    words = combo.currentText().split()
    return words[0] if words else ""


@contextmanager
def _keeping_typed_text(combo: QComboBox) -> Iterator[None]:
    """Renaming an editable combo's items rewrites its text; keep a code the person typed (not an item)."""
    typed = combo.currentText() if combo.findText(combo.currentText()) < 0 else None
    yield
    if typed is not None:
        combo.setEditText(typed)


def _select_code(combo: QComboBox, code: str | int) -> None:
    index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)


def _local_zone() -> str:
    return QTimeZone.systemTimeZoneId().data().decode()


def _default_zone() -> str:
    """The machine's zone when it is one we offer, else the first offered zone of the UI language's country."""
    local = _local_zone()
    if local in TIME_ZONES:
        return local
    territory = babel_locale().territory
    zone_territories: dict[str, str] = get_global("zone_territories")
    return next((zone for zone in TIME_ZONES if zone_territories.get(zone) == territory), TIME_ZONES[0])


def _default_currency() -> str:
    territory = babel_locale().territory
    currencies = get_territory_currencies(territory) if territory else []
    return next((code for code in currencies if code in CURRENCIES), CURRENCIES[0])


def _required(edit: QLineEdit, field: str) -> None:
    if not edit.text().strip():
        raise InvalidInput(N_("{field} must not be empty."), field=field)


class _FormPage(QWizardPage):
    """A wizard page holding a form and an inline error line, re-translated on LanguageChange."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = ErrorLabel(self)
        self._labels: list[tuple[QLabel, str]] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def add_row(self, label: str, field: QWidget) -> None:
        """A form row whose label is the N_() msgid ``label``, translated now and on every language switch."""
        caption = QLabel(self)
        caption.setBuddy(field)
        self._labels.append((caption, label))
        self.form.addRow(caption, field)

    def retranslate(self) -> None:
        for caption, label in self._labels:
            caption.setText(_("{label}:").format(label=_(label)))
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def checked(self, checks: Callable[[], None], focus: Callable[[DomainError], QWidget | None]) -> bool:
        """Run the pre-checks; on a DomainError show it inline, focus the field at fault and stay."""
        try:
            checks()
        except DomainError as error:
            self.error.show_error(error)
            widget = focus(error)
            if widget is not None:
                widget.setFocus()
            return False
        self.error.clear_message()
        return True


class ClinicPage(_FormPage):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._defaults_set = False
        self.legal_name = QLineEdit(self)
        self.short_name = QLineEdit(self)
        self.address = QPlainTextEdit(self)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.tax_id = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.currency = QComboBox(self)
        self.currency.setEditable(True)
        for code in CURRENCIES:
            self.currency.addItem(code, code)
        self.language = language_combo(self)
        self.time_zone = QComboBox(self)
        self.time_zone.setEditable(True)
        for zone in TIME_ZONES:
            self.time_zone.addItem(zone, zone)
        self.slot = QComboBox(self)
        for minutes in SLOT_SIZES:
            self.slot.addItem(str(minutes), minutes)
        _select_code(self.slot, DEFAULT_SLOT_MINUTES)
        for combo in (self.currency, self.language, self.time_zone, self.slot):
            combo.setMinimumWidth(COMBO_WIDTH)

        self._fields = {
            N_("Legal name"): self.legal_name, N_("Short name"): self.short_name, N_("Address"): self.address,
            N_("Tax or registration number"): self.tax_id, N_("Phone"): self.phone, N_("E-mail"): self.email,
            N_("Currency"): self.currency, N_("Default language"): self.language, N_("Time zone"): self.time_zone,
            N_("Slot size"): self.slot,
        }
        for label, field in self._fields.items():
            self.add_row(label, field)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setTitle(_("Clinic"))
        self.setSubTitle(_("The clinic's details as they appear on receipts, certificates and reports."))
        self.legal_name.setPlaceholderText(_("As registered"))
        self.short_name.setPlaceholderText(_("As shown on screen"))
        locale = babel_locale()
        now = self._ctx.clock.now()
        with _keeping_typed_text(self.currency):
            for index, code in enumerate(CURRENCIES):
                self.currency.setItemText(index, f"{code} — {get_currency_name(code, locale=locale)}")
        with _keeping_typed_text(self.time_zone):
            for index, zone in enumerate(TIME_ZONES):
                gmt = get_timezone_gmt(now.astimezone(ZoneInfo(zone)), locale=locale)
                self.time_zone.setItemText(index, f"{zone}  ({gmt})")
        for index, minutes in enumerate(SLOT_SIZES):
            self.slot.setItemText(index, ngettext("{minutes} minute", "{minutes} minutes", minutes).format(
                minutes=minutes))

    def initializePage(self) -> None:
        """The first time: currency, language and zone from the interface language and the machine."""
        if self._defaults_set:
            return
        self._defaults_set = True
        _select_code(self.currency, _default_currency())
        _select_code(self.language, active_locale())
        _select_code(self.time_zone, _default_zone())
        self.legal_name.setFocus()

    def validatePage(self) -> bool:
        def checks() -> None:
            _required(self.legal_name, N_("Legal name"))
            _required(self.short_name, N_("Short name"))
            clean_phone(self.phone.text(), N_("Phone"))
            clean_email(self.email.text(), N_("E-mail"))

        return self.checked(checks, lambda error: self._fields.get(getattr(error, "field", "")))

    def details(self) -> ClinicDetails:
        return ClinicDetails(
            legal_name=self.legal_name.text(), short_name=self.short_name.text(),
            address=self.address.toPlainText(), tax_id=self.tax_id.text(), phone=self.phone.text(),
            email=self.email.text(), currency=_code(self.currency).upper(),
            default_locale=self.language.currentData() or LOCALES[0], time_zone=_code(self.time_zone),
            slot_minutes=int(self.slot.currentData()),
        )


class AdminPage(_FormPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.username = QLineEdit(self)
        self.full_name = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self._fields = {
            N_("User name"): self.username, N_("Full name"): self.full_name, N_("Password"): self.password,
            N_("Repeat password"): self.confirm,
        }
        for label, field in self._fields.items():
            self.add_row(label, field)
        self.password_note = muted_label(self)
        self.form.addRow(self.password_note)
        for edit in self._fields.values():
            edit.textEdited.connect(lambda _text: self.error.clear_message())
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setTitle(_("First administrator"))
        self.setSubTitle(_("The administrator adds the other staff and their roles after the setup."))
        self.password_note.setText(
            _("At least {minimum} characters. Keep it secret: it protects patients' data.").format(
                minimum=MIN_PASSWORD_LENGTH))

    def validatePage(self) -> bool:
        def checks() -> None:
            _required(self.username, N_("User name"))
            _required(self.full_name, N_("Full name"))
            if len(self.password.text()) < MIN_PASSWORD_LENGTH:
                raise InvalidInput(N_("{field} must have at least {minimum} characters."), field=N_("Password"),
                                   minimum=MIN_PASSWORD_LENGTH)
            if self.password.text() != self.confirm.text():
                raise InvalidInput(N_("The two passwords are not the same."), field=N_("Repeat password"))

        return self.checked(checks, lambda error: self._fields.get(getattr(error, "field", "")))

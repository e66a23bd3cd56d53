"""A new patient, registered in place while the caller is on the phone or the visitor at the desk.

The dialog asks for what a front desk needs on the first contact (name, phone, date of birth, language,
how they heard of the clinic) and leaves the rest for the patient card. The service decides whether the
input is acceptable; a refusal is shown under the fields and nothing is written.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.context import Context
from app.i18n import LOCALES, _, language_name
from app.models.patients import AcquisitionChannel, Sex
from app.services import days, patients
from app.services.patients import PatientInput, PatientView
from ui.dialogs.service_dialog import SAVE_CANCEL, ServiceDialog
from ui.widgets.date_edit import DateEdit
from ui.widgets.enum_combo import EnumCombo

#: The date edit's lowest date stands for "not given" (shown as a dash).
_NO_DATE = QDate(1890, 1, 1)


class NewPatientDialog(ServiceDialog):
    """``exec() == Accepted`` means ``created`` holds the new patient."""

    def __init__(self, ctx: Context, typed: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent, SAVE_CANCEL)
        self.setObjectName("new_patient")
        self._ctx = ctx
        self.created: PatientView | None = None
        self.setMinimumWidth(440)

        self.family_name = QLineEdit(self)
        self.given_name = QLineEdit(self)
        self.middle_name = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.birth_date = DateEdit(parent=self)
        self.birth_date.setMinimumDate(_NO_DATE)
        today = days.today(ctx)
        self.birth_date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.birth_date.setDate(_NO_DATE)
        self.sex = EnumCombo(Sex, Sex.UNKNOWN, self)
        self.language = QComboBox(self)
        for code in LOCALES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(LOCALES.index(ctx.clinic().default_locale))
        self.channel = EnumCombo(AcquisitionChannel, AcquisitionChannel.UNKNOWN, self)
        self.notes = QLineEdit(self)
        self.consent = QCheckBox(self)
        self._fill_from(typed)

        self._fields: tuple[QWidget, ...] = (self.family_name, self.given_name, self.middle_name, self.phone,
                                             self.birth_date, self.sex, self.language, self.channel, self.notes)
        self._form = QFormLayout()
        self._labels = [QLabel(self) for _ in self._fields]
        for caption, field in zip(self._labels, self._fields, strict=True):
            caption.setBuddy(field)
            self._form.addRow(caption, field)
        self._form.addRow("", self.consent)
        self.lay_out(self._form)
        self.retranslate()

    def _fill_from(self, typed: str) -> None:
        """What was typed into the search: a phone goes to the phone, a name into its parts."""
        typed = typed.strip()
        if typed and patients.normalize_query(typed).isdigit():
            self.phone.setText(typed)
            return
        family, given, middle = patients.typed_name_parts(typed)
        self.family_name.setText(family)
        self.given_name.setText(given)
        self.middle_name.setText(middle)
        (self.given_name if family and not given else self.family_name).setFocus()

    def _input(self) -> PatientInput:
        birth = self.birth_date.date()
        return PatientInput(
            family_name=self.family_name.text(), given_name=self.given_name.text(),
            middle_name=self.middle_name.text(), phone=self.phone.text(),
            birth_date=None if birth == _NO_DATE else date(birth.year(), birth.month(), birth.day()),
            sex=self.sex.value(), preferred_locale=self.language.currentData(),
            acquisition_channel=self.channel.value(), notes=self.notes.text(),
            consent_data_processing=self.consent.isChecked(),
        )

    def submit(self) -> None:
        self.created = patients.create(self._ctx, self._input())

    def retranslate(self) -> None:
        self.setWindowTitle(_("New patient"))
        texts = (_("&Family name:"), _("&Given name:"), _("&Middle name:"), _("&Phone:"), _("Date of &birth:"),
                 _("Sex:"), _("Preferred &language:"), _("&Heard of us from:"), _("&Notes:"))
        for caption, text in zip(self._labels, texts, strict=True):
            caption.setText(text)
        self.birth_date.setSpecialValueText(_("not given"))
        self.middle_name.setPlaceholderText(_("if the patient has one"))
        self.consent.setText(_("Agreed to the processing of personal data"))
        super().retranslate()

"""A patient who wants an earlier (or any) slot goes on the waitlist: for a doctor or a specialty, between
two dates, at a preferred time of day, with how to reach them and until when the request holds."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_, _
from app.models.scheduling import TimeOfDay
from app.services import days, scheduling, waitlist
from app.services.waitlist import WaitlistInput, WaitlistRow
from ui.dialogs.service_dialog import ServiceDialog
from ui.widgets.date_edit import DateEdit
from ui.widgets.doctor_choice import DoctorChoice
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.patient_picker import PatientPicker

#: The window a new request covers unless changed: the next four weeks.
DEFAULT_WINDOW = timedelta(days=28)


class WaitlistRequestDialog(ServiceDialog):
    """``exec() == Accepted`` means ``added`` holds the new request."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitlist_request")
        self.setMinimumWidth(540)
        self._ctx = ctx
        self.added: WaitlistRow | None = None
        today = days.today(ctx)
        self.picker = PatientPicker(ctx, self)
        self.doctor = DoctorChoice(ctx, self)
        self.earliest = DateEdit(today, self)
        self.latest = DateEdit(today + DEFAULT_WINDOW, self)
        self.expires = DateEdit(today + DEFAULT_WINDOW, self)
        self._latest = self.latest.date()
        self.latest.dateChanged.connect(self._latest_changed)
        self.service = QComboBox(self)
        self.service.addItem("—", None)
        for choice in scheduling.services_for_booking(ctx):
            self.service.addItem(choice.name, choice.id)
        self.time_of_day = EnumCombo(TimeOfDay, TimeOfDay.ANY, self)
        self.contact = QLineEdit(self)
        self.note = QLineEdit(self)
        fields = (self.picker, self.doctor, self.service, self.earliest, self.latest, self.time_of_day, self.contact,
                  self.note, self.expires)
        self._captions = [QLabel(self) for _ in fields]
        form = QFormLayout()
        for caption, field in zip(self._captions, fields, strict=True):
            caption.setBuddy(field)
            form.addRow(caption, field)
        self.lay_out(form)
        self.picker.patient_changed.connect(self._patient_changed)
        self.picker.setFocus()
        self.retranslate()

    def _latest_changed(self, latest: QDate) -> None:
        """The request holds until its last date, unless someone chose another expiry before it."""
        if self.expires.date() in (self._latest, latest) or self.expires.date() > latest:
            self.expires.setDate(latest)
        self._latest = latest

    def _patient_changed(self, patient: object) -> None:
        phone = getattr(patient, "phone", "")
        if phone and not self.contact.text():
            self.contact.setText(phone)

    def request(self, patient_id: int) -> WaitlistInput:
        return WaitlistInput(
            patient_id=patient_id, earliest_on=self.earliest.date().toPython(),
            latest_on=self.latest.date().toPython(), doctor_id=self.doctor.doctor_id(),
            specialty=self.doctor.specialty(), service_id=self.service.currentData(),
            time_of_day=self.time_of_day.value(), contact=self.contact.text(),
            note=self.note.text(), expires_on=self.expires.date().toPython())

    def submit(self) -> None:
        patient = self.picker.patient()
        if patient is None:
            raise InvalidInput(N_("Find the patient first, or register a new one."))
        self.added = waitlist.add_request(self._ctx, self.request(patient.id))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Add to the waitlist"))
        texts = (_("&Patient:"), _("&Doctor:"), _("&Service:"), _("&Earliest date:"), _("&Latest date:"),
                 _("&Time of day:"), _("How to &reach them:"), _("&Note:"), _("E&xpires on:"))
        for caption, text in zip(self._captions, texts, strict=True):
            caption.setText(text)
        self.contact.setPlaceholderText(_("phone, messenger, best time to call"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add to the waitlist"))
        super().retranslate()

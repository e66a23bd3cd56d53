"""A patient without an appointment joins the queue: found or registered in place, sent to a doctor or to
the shared queue of a specialty, with the reason for the visit and, if it cannot wait, why."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_, _
from app.services import waiting
from app.services.waiting import WaitingRow
from ui.dialogs.service_dialog import ServiceDialog
from ui.widgets.doctor_choice import DoctorChoice
from ui.widgets.patient_picker import PatientPicker


class WalkInDialog(ServiceDialog):
    """``exec() == Accepted`` means ``admitted`` holds the patient's place in the queue."""

    def __init__(self, ctx: Context, doctor_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walk_in")
        self.setMinimumWidth(520)
        self._ctx = ctx
        self.admitted: WaitingRow | None = None
        self.picker = PatientPicker(ctx, self)
        self.doctor = DoctorChoice(ctx, self)
        if doctor_id is not None:
            self.doctor.choose_doctor(doctor_id)
        self.reason = QLineEdit(self)
        self.urgent = QCheckBox(self)
        self.urgent_reason = QLineEdit(self)
        self.urgent_reason.setEnabled(False)
        self.urgent.toggled.connect(self.urgent_reason.setEnabled)
        self._captions = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        for caption, field in zip(self._captions, (self.picker, self.doctor, self.reason, self.urgent_reason),
                                  strict=True):
            caption.setBuddy(field)
            if field is self.urgent_reason:
                form.addRow("", self.urgent)
            form.addRow(caption, field)
        self.lay_out(form)
        self.picker.setFocus()
        self.retranslate()

    def submit(self) -> None:
        patient = self.picker.patient()
        if patient is None:
            raise InvalidInput(N_("Find the patient first, or register a new one."))
        self.admitted = waiting.walk_in(
            self._ctx, patient.id, doctor_id=self.doctor.doctor_id(), specialty=self.doctor.specialty(),
            reason=self.reason.text(), urgent=self.urgent.isChecked(), urgent_reason=self.urgent_reason.text())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Walk-in patient"))
        for caption, text in zip(self._captions, (_("&Patient:"), _("&Doctor:"), _("&Reason:"), _("Why &urgent:")),
                                 strict=True):
            caption.setText(text)
        self.urgent.setText(_("Urgent: call before the others"))
        self.reason.setPlaceholderText(_("for example: fever since yesterday"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add to the queue"))
        super().retranslate()

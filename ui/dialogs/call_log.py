"""Logging a call while the caller is still on the line: who, why, and how it ended, in a few keystrokes.

The fields that an outcome needs appear with it: the reason when the caller declined, the time when they
asked to be called back, the satisfaction answer on a follow-up, and a free slot when they booked (the
booking and the call are written in one transaction). The service decides; its refusal is shown under the
fields and nothing is written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import _
from app.labels import label
from app.models.calls import CallDirection, CallOutcome, CallPurpose, RefusalReason
from app.models.complaints import ContactChannel
from app.services import calls, patients, scheduling, staff
from app.services.calls import CallInput, LoggedCall
from app.services.patients import PatientView
from app.services.scheduling import AppointmentRow, BookingRequest, FreeSlot
from ui.dialogs.service_dialog import SAVE_CANCEL, ServiceDialog
from ui.docks.cells import clinic_datetime
from ui.widgets.date_edit import DateTimeEdit
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.patient_picker import PatientPicker

#: The ways a desk is contacted that the call log covers.
CONTACT_CHANNELS = (ContactChannel.PHONE, ContactChannel.MESSENGER, ContactChannel.EMAIL, ContactChannel.WEBSITE,
                    ContactChannel.SMS)
#: Free slots offered when the caller books.
SLOTS_OFFERED = 12
#: A default callback an hour from now, on the quarter hour.
CALLBACK_DEFAULT = timedelta(hours=1)


class CallDialog(ServiceDialog):
    """``exec() == Accepted`` means ``logged`` holds what the service wrote.

    ``prefill`` sets the fields a worklist item already knows (purpose, direction, patient, appointment,
    the call being answered).
    """

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, direction: CallDirection =
                 CallDirection.INCOMING, purpose: CallPurpose = CallPurpose.BOOKING,
                 patient: PatientView | None = None, appointment_id: int | None = None,
                 answers_call_id: int | None = None) -> None:
        super().__init__(parent, SAVE_CANCEL)
        self.setObjectName("call_dialog")
        self._ctx = ctx
        self._answers_call_id = answers_call_id
        self.logged: LoggedCall | None = None
        self.setMinimumWidth(520)

        self.direction = EnumCombo(CallDirection, direction, self)
        self.channel = EnumCombo(CONTACT_CHANNELS, ContactChannel.PHONE, self)
        self.purpose = EnumCombo(CallPurpose, purpose, self)
        self.outcome: EnumCombo[CallOutcome] = EnumCombo([], None, self)
        self.picker = PatientPicker(ctx, self)
        self.caller_name = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.appointment = QComboBox(self)
        self.refusal = EnumCombo(RefusalReason, RefusalReason.TIME_NOT_SUITABLE, self)
        self.callback_at = DateTimeEdit(self)
        self.callback_at.setTimeZone(QTimeZone(ctx.clinic().time_zone.encode()))
        self.satisfaction = QComboBox(self)
        self.doctor = QComboBox(self)
        self.slot = QComboBox(self)
        self.booking_button = QPushButton(self)
        self.booked_label = QLabel(self)
        self._booked: AppointmentRow | None = None
        slot_row = QHBoxLayout()
        slot_row.setContentsMargins(0, 0, 0, 0)
        slot_row.addWidget(self.slot, 1)
        slot_row.addWidget(self.booking_button)
        slot_row.addWidget(self.booked_label, 1)
        self.slot_box = QWidget(self)
        self.slot_box.setLayout(slot_row)
        self.note = QPlainTextEdit(self)
        self.complaint = QPlainTextEdit(self)
        for edit in (self.note, self.complaint):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        form = QFormLayout()
        for key, field in (("direction", self.direction), ("channel", self.channel), ("purpose", self.purpose),
                           ("outcome", self.outcome), ("patient", self.picker), ("caller", self.caller_name),
                           ("phone", self.phone), ("appointment", self.appointment), ("refusal", self.refusal),
                           ("callback", self.callback_at), ("satisfaction", self.satisfaction),
                           ("doctor", self.doctor), ("slot", self.slot_box), ("complaint", self.complaint),
                           ("note", self.note)):
            caption = QLabel(self)
            caption.setBuddy(field)
            form.addRow(caption, field)
            self._rows[key] = (caption, field)
        self._form = form
        self.lay_out(form)

        for doctor in staff.list_doctors(ctx):
            self.doctor.addItem(doctor.full_name, doctor.id)
        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self.outcome.currentIndexChanged.connect(self._show_needed_rows)
        self.picker.patient_changed.connect(self._patient_changed)
        self.doctor.currentIndexChanged.connect(self._load_slots)
        self.booking_button.clicked.connect(self.open_booking_dialog)
        self._purpose_changed()
        self._reset_callback_time()
        if patient is not None:
            self.picker.set_patient(patient)
            self._patient_changed(patient)
        if appointment_id is not None:
            self.appointment.setCurrentIndex(max(0, self.appointment.findData(appointment_id)))
        self.retranslate()

    # -- what the outcome needs -----------------------------------------------------------------------------

    def _purpose_changed(self) -> None:
        """Only the outcomes this purpose can have (the service's own table), the current one kept if it fits."""
        current = self.outcome.value() if self.outcome.count() else None
        allowed = [o for o in CallOutcome if o in calls.OUTCOMES[self.purpose.value()]]
        self.outcome.blockSignals(True)
        self.outcome.set_members(allowed, current if current in allowed else allowed[0])
        self.outcome.blockSignals(False)
        self._show_needed_rows()

    def _show_needed_rows(self) -> None:
        outcome, purpose = self.outcome.value(), self.purpose.value()
        booking = outcome is CallOutcome.BOOKED
        needed = {
            "caller": self.picker.patient() is None, "phone": self.picker.patient() is None,
            "appointment": self.appointment.count() > 1, "refusal": outcome is CallOutcome.DECLINED,
            "callback": outcome is CallOutcome.CALL_BACK_LATER,
            "satisfaction": purpose is CallPurpose.FOLLOW_UP and outcome is CallOutcome.ANSWERED,
            "doctor": booking and self._booked is None, "slot": booking,
            "complaint": purpose in (CallPurpose.FOLLOW_UP, CallPurpose.COMPLAINT),
        }
        for key, shown in needed.items():
            self._form.setRowVisible(self._rows[key][1], shown)
        if booking and self.slot.count() == 0:
            self._load_slots()

    def _patient_changed(self, patient: PatientView | None) -> None:
        self.appointment.clear()
        self.appointment.addItem("—", None)
        if patient is not None:
            for choice in calls.appointments_of(self._ctx, patient.id):
                when = clinic_datetime(self._ctx, choice.start_at)
                text = f"{when} · {choice.doctor_name} · {label(choice.status)}"
                self.appointment.addItem(text, choice.id)
        self._show_needed_rows()

    def _load_slots(self) -> None:
        self.slot.clear()
        doctor_id = self.doctor.currentData()
        if doctor_id is None:
            return
        try:
            slots = scheduling.next_free_slots(self._ctx, self._ctx.clinic().slot_minutes * 2,
                                               self._ctx.clock.now(), doctor_id=doctor_id, count=SLOTS_OFFERED)
        except DomainError as error:
            self.error.show_error(error)
            return
        for slot in slots:
            self.slot.addItem(clinic_datetime(self._ctx, slot.start_at), slot)

    def open_booking_dialog(self) -> None:
        """The schedule's own booking dialog, the caller already chosen, for what the quick slot list lacks
        (a service, another day, a longer visit); the call then records the appointment it made."""
        from ui.dialogs.booking import BookingDialog

        slot: FreeSlot | None = self.slot.currentData()
        start = slot.start_at if slot is not None else self._ctx.clock.now()
        dialog = BookingDialog(self._ctx, start, self._ctx.clinic().slot_minutes * 2, self.doctor.currentData(), self)
        if self.picker.patient() is not None:
            dialog.patient.set_patient(self.picker.patient())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.result_row is not None:
            self.set_booked(dialog.result_row.appointment)

    def set_booked(self, appointment: AppointmentRow) -> None:
        self._booked = appointment
        if self.picker.patient() is None or self.picker.patient().id != appointment.patient_id:
            self.picker.set_patient(patients.get(self._ctx, appointment.patient_id))
            self._patient_changed(self.picker.patient())
        self.slot.hide()
        self.booking_button.hide()
        self._show_booked()
        self._show_needed_rows()

    def _show_booked(self) -> None:
        if self._booked is not None:
            self.booked_label.setText(_("Booked: {time} · {doctor}").format(
                time=clinic_datetime(self._ctx, self._booked.start_at), doctor=self._booked.doctor_name))

    def _reset_callback_time(self) -> None:
        now = self._ctx.clock.now() + CALLBACK_DEFAULT
        rounded = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
        self.callback_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(rounded.timestamp()),
                                                                  self.callback_at.timeZone()))

    # -- saving ---------------------------------------------------------------------------------------------

    def call_input(self) -> CallInput:
        outcome, purpose = self.outcome.value(), self.purpose.value()
        patient = self.picker.patient()
        booking = None
        slot: FreeSlot | None = self.slot.currentData()
        if outcome is CallOutcome.BOOKED and self._booked is None and slot is not None and patient is not None:
            minutes = int((slot.end_at - slot.start_at).total_seconds() // 60)
            booking = BookingRequest(patient.id, slot.doctor_id, slot.start_at, minutes)
        callback = None
        if outcome is CallOutcome.CALL_BACK_LATER:
            callback = datetime.fromtimestamp(self.callback_at.dateTime().toSecsSinceEpoch(), UTC)
        return CallInput(
            direction=self.direction.value(), purpose=purpose, outcome=outcome, channel=self.channel.value(),
            patient_id=patient.id if patient else None, appointment_id=self.appointment.currentData(),
            phone="" if patient else self.phone.text(), caller_name="" if patient else self.caller_name.text(),
            note=self.note.toPlainText(), refusal=self.refusal.value() if outcome is CallOutcome.DECLINED else None,
            callback_at=callback, answers_call_id=self._answers_call_id,
            satisfaction=self.satisfaction.currentData() if self._form.isRowVisible(self.satisfaction) else None,
            booking=booking,
            booked_appointment_id=self._booked.id if outcome is CallOutcome.BOOKED and self._booked else None,
            complaint=self.complaint.toPlainText() if self._form.isRowVisible(self.complaint) else "",
        )

    def submit(self) -> None:
        self.logged = calls.log_call(self._ctx, self.call_input())

    # -- texts ----------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Log a call"))
        captions = {
            "direction": _("&Direction:"), "channel": _("C&hannel:"), "purpose": _("&Purpose:"),
            "outcome": _("&Outcome:"), "patient": _("P&atient:"), "caller": _("Caller's &name:"),
            "phone": _("P&hone:"), "appointment": _("Appoint&ment:"), "refusal": _("&Reason for declining:"),
            "callback": _("Call &back at:"), "satisfaction": _("&Satisfied with the visit?"),
            "doctor": _("Doc&tor:"), "slot": _("Free &slot:"), "note": _("No&te:"),
            "complaint": _("Co&mplaint:"),
        }
        for key, text in captions.items():
            self._rows[key][0].setText(text)
        chosen = self.satisfaction.currentIndex()
        self.satisfaction.clear()
        for score, text in ((5, _("5 — very satisfied")), (4, _("4 — satisfied")), (3, _("3 — so-so")),
                            (2, _("2 — dissatisfied")), (1, _("1 — very dissatisfied"))):
            self.satisfaction.addItem(text, score)
        self.satisfaction.setCurrentIndex(max(0, chosen))
        self.booking_button.setText(_("Booking &dialog…"))
        self.booking_button.setToolTip(_("Open the schedule's booking dialog with this patient"))
        self._show_booked()
        self.caller_name.setPlaceholderText(_("when the caller is not a patient yet"))
        self.complaint.setPlaceholderText(_("What the patient complains about: it goes to the complaint log"))
        super().retranslate()

"""Booking an appointment (or rescheduling one): patient, doctor, day and time, service, channel, notes.

The schedule service decides; the dialog shows its refusals under the fields and stays open. A slot taken
by another desk a moment earlier is said plainly and the grid behind is refreshed (``slot_lost``). A time
outside the doctor's working hours is booked only after an explicit "book anyway" by a user who may.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QWidget,
)

from app.context import Context
from app.errors import DomainError, InvalidInput
from app.i18n import N_, _, format_day_heading, format_time
from app.models.scheduling import MAX_APPOINTMENT_MINUTES, BookingChannel
from app.services import patients, scheduling, staff
from app.services.permissions import Permission, can
from app.services.scheduling import (
    AppointmentRow,
    BookingRequest,
    BookingResult,
    FreeSlot,
    OutsideWorkingHours,
    SlotTaken,
)
from ui.dialogs.service_dialog import ServiceDialog
from ui.models.table import Column, RowTableModel
from ui.widgets.date_edit import DateEdit
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.messages import show_information
from ui.widgets.patient_picker import PatientPicker

FREE_SLOTS_SHOWN = 6
_CHANNELS = [c for c in BookingChannel if c is not BookingChannel.WAITLIST]


def with_hours_override(parent: QWidget, ctx: Context,
                        attempt: Callable[[bool], BookingResult]) -> BookingResult | None:
    """Run ``attempt(outside_hours=False)``; when the time is outside working hours, a user who may book
    there is asked, and ``attempt(True)`` runs if they say so. ``None``: they said no."""
    try:
        return attempt(False)
    except OutsideWorkingHours as refusal:
        if not can(ctx.actor, Permission.BOOK_OUTSIDE_HOURS):
            raise
        answer = QMessageBox.question(
            parent, _("Outside working hours"),
            _("{reason}\n\nBook outside working hours anyway?").format(reason=refusal.message()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return attempt(True)


def tell_notices(parent: QWidget, result: BookingResult) -> None:
    """Warnings that did not stop the booking (the patient is booked with another doctor at that time)."""
    if result.notices:
        show_information(parent, "\n".join(notice.message() for notice in result.notices))


class BookingDialog(ServiceDialog):
    """Books a new appointment, or moves ``appointment`` when one is given (then the patient is fixed).

    ``exec() == Accepted`` means ``result`` holds the booked (or moved) appointment.
    """

    #: Another desk took the time first: the grid behind should show why.
    slot_lost = Signal()

    def __init__(self, ctx: Context, start: datetime, minutes: int, doctor_id: int | None,
                 parent: QWidget | None = None, *, appointment: AppointmentRow | None = None) -> None:
        super().__init__(parent, QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("booking_dialog")
        self._ctx = ctx
        self._zone = ctx.clinic().zone
        self._appointment = appointment
        self.result_row: BookingResult | None = None
        self.setMinimumWidth(660)

        self.patient = PatientPicker(ctx, self)
        self.doctor = QComboBox(self)
        self._doctors = staff.list_doctors(ctx)
        for doctor in self._doctors:
            self.doctor.addItem(f"{doctor.full_name} · {doctor.specialty}", doctor.id)
        if doctor_id is not None:
            self.doctor.setCurrentIndex(max(0, self.doctor.findData(doctor_id)))
        local = start.astimezone(self._zone)
        self.day = DateEdit(local.date(), self)
        self.start = QTimeEdit(QTime(local.hour, local.minute), self)
        self.start.setDisplayFormat("HH:mm")
        self.duration = QSpinBox(self)
        self.duration.setRange(5, MAX_APPOINTMENT_MINUTES)
        self.duration.setSingleStep(ctx.clinic().slot_minutes)
        self.duration.setValue(minutes)
        self.service = QComboBox(self)
        self.service.addItem("—", None)
        self._services = {s.id: s for s in scheduling.services_for_booking(ctx)}
        for service in self._services.values():
            self.service.addItem(service.name, service.id)
        self.service.currentIndexChanged.connect(self._service_chosen)
        self.channel = EnumCombo(_CHANNELS, BookingChannel.PHONE, self)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)

        self.find_button = QPushButton(self)
        self.find_button.setObjectName("find_free_time")
        self.find_button.clicked.connect(self.find_free_time)
        self.any_doctor = QCheckBox(self)
        self.free_slots: RowTableModel[FreeSlot] = RowTableModel(self._slot_columns(), parent=self)
        self.free_view = QTableView(self)
        self.free_view.setModel(self.free_slots)
        self.free_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.free_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.free_view.verticalHeader().hide()
        self.free_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.free_view.activated.connect(lambda index: self._take_slot(self.free_slots.row(index)))
        self.free_view.setFixedHeight(self.free_view.verticalHeader().defaultSectionSize() * FREE_SLOTS_SHOWN
                                      + self.free_view.horizontalHeader().sizeHint().height() + 4)
        self.free_view.hide()

        when = QHBoxLayout()
        when.addWidget(self.day, 2)
        when.addWidget(self.start, 1)
        self._duration_label = QLabel(self)
        when.addWidget(self._duration_label)
        when.addWidget(self.duration, 1)
        finder = QHBoxLayout()
        finder.addWidget(self.find_button)
        finder.addWidget(self.any_doctor)
        finder.addStretch(1)

        self._captions = [QLabel(self) for _ in range(6)]
        form = QFormLayout()
        form.addRow(self._captions[0], self.patient)
        form.addRow(self._captions[1], self.doctor)
        form.addRow(self._captions[2], when)
        form.addRow("", finder)
        form.addRow("", self.free_view)
        form.addRow(self._captions[3], self.service)
        form.addRow(self._captions[4], self.channel)
        form.addRow(self._captions[5], self.notes)
        for caption, field in zip(self._captions, (self.patient, self.doctor, self.day, self.service, self.channel,
                                                   self.notes), strict=True):
            caption.setBuddy(field)

        self.book_button = QPushButton(self)
        self.book_button.setObjectName("book")
        self.book_button.setDefault(True)
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.lay_out(form)

        if appointment is not None:
            self._fix_patient(appointment)
        self.retranslate()
        self.patient.setFocus()

    def _fix_patient(self, appointment: AppointmentRow) -> None:
        """Rescheduling: the patient, service and channel are those of the appointment being moved."""
        self.patient.set_patient(patients.get(self._ctx, appointment.patient_id))
        self.patient.setEnabled(False)
        if appointment.service_id is not None:
            self.service.setCurrentIndex(max(0, self.service.findData(appointment.service_id)))
        self.duration.setValue(int((appointment.end_at - appointment.start_at).total_seconds() // 60))
        self.service.setEnabled(False)
        self.channel.set_value(appointment.channel if appointment.channel in _CHANNELS else BookingChannel.PHONE)
        self.channel.setEnabled(False)
        self.notes.setPlainText(appointment.notes)
        self.notes.setEnabled(False)

    def _slot_columns(self) -> list[Column[FreeSlot]]:
        zone = self._zone
        return [
            Column(N_("Day"), lambda s: format_day_heading(s.start_at.astimezone(zone).date())),
            Column(N_("Time"), lambda s: format_time(s.start_at, zone)),
            Column(N_("Doctor"), lambda s: s.doctor_name),
        ]

    # -- values ---------------------------------------------------------------------------------------------

    def start_at(self) -> datetime:
        chosen_day: date = self.day.value()
        chosen_time: time = self.start.time().toPython()
        return datetime.combine(chosen_day, chosen_time, tzinfo=self._zone).astimezone(UTC)

    def _service_chosen(self) -> None:
        service = self._services.get(self.service.currentData())
        if service is not None:
            self.duration.setValue(service.duration_minutes)

    def _request(self, outside_hours: bool) -> BookingRequest:
        chosen = self.patient.patient()
        return BookingRequest(
            patient_id=chosen.id if chosen is not None else 0, doctor_id=self.doctor.currentData(),
            start_at=self.start_at(), duration_minutes=self.duration.value(), service_id=self.service.currentData(),
            channel=self.channel.value(), notes=self.notes.toPlainText(), outside_hours=outside_hours,
        )

    def _attempt(self, outside_hours: bool) -> BookingResult:
        if self._appointment is not None:
            return scheduling.move(self._ctx, self._appointment.id, self.start_at(),
                                   doctor_id=self.doctor.currentData(), duration_minutes=self.duration.value(),
                                   outside_hours=outside_hours)
        return scheduling.book(self._ctx, self._request(outside_hours))

    def submit(self) -> bool:
        if self.patient.patient() is None:
            self.patient.setFocus()
            raise InvalidInput(N_("Choose the patient first: search by name or phone, or register a new one."))
        try:
            result = with_hours_override(self, self._ctx, self._attempt)
        except SlotTaken:
            self.slot_lost.emit()
            raise
        if result is None:
            return False
        self.result_row = result
        tell_notices(self, result)
        return True

    # -- finding time ---------------------------------------------------------------------------------------

    def find_free_time(self) -> None:
        """The first free slots for this doctor (or any doctor of the specialty) from the chosen time on."""
        doctor_id = self.doctor.currentData()
        specialty = next((d.specialty for d in self._doctors if d.id == doctor_id), "")
        after = max(self.start_at(), self._ctx.clock.now())
        try:
            slots = scheduling.next_free_slots(
                self._ctx, self.duration.value(), after,
                doctor_id=None if self.any_doctor.isChecked() else doctor_id,
                specialty=specialty if self.any_doctor.isChecked() else None, count=FREE_SLOTS_SHOWN)
        except DomainError as refusal:
            self.error.show_error(refusal)
            return
        self.free_slots.set_rows(slots)
        self.free_view.setVisible(bool(slots))
        if slots:
            self.free_view.selectRow(0)
            self.free_view.setFocus()
            self.error.clear_message()
        else:
            self.error.show_message(lambda: _("No free time in the next two months."))

    def _take_slot(self, slot: FreeSlot) -> None:
        local = slot.start_at.astimezone(self._zone)
        self.doctor.setCurrentIndex(max(0, self.doctor.findData(slot.doctor_id)))
        self.day.set_value(local.date())
        self.start.setTime(QTime(local.hour, local.minute))
        self.book_button.setFocus()

    # -- language -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reschedule appointment") if self._appointment is not None else _("Book appointment"))
        for caption, text in zip(self._captions, (_("&Patient:"), _("&Doctor:"), _("&When:"), _("&Service:"),
                                                  _("&Booked via:"), _("N&otes:")), strict=True):
            caption.setText(text)
        self._duration_label.setText(_("Duration:"))
        self.duration.setSuffix(" " + _("min"))
        self.service.setItemText(0, _("— no service chosen —"))
        self.find_button.setText(_("&Find the next free time"))
        self.any_doctor.setText(_("any doctor of this specialty"))
        self.book_button.setText(_("&Move") if self._appointment is not None else _("&Book"))
        self.free_slots.retranslate()
        super().retranslate()


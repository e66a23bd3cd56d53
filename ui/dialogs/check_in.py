"""Checking in a booked patient: today's appointments still waiting for their patient, found by typing
any part of the name, phone or doctor; Enter or a double click checks the chosen one in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from app.context import Context
from app.errors import DomainError, InvalidInput
from app.i18n import N_, _
from app.services import waiting
from app.services.waiting import ExpectedArrival, WaitingRow
from ui.dialogs.service_dialog import ServiceDialog
from ui.docks.cells import clinic_time, timestamp
from ui.models.table import Column, RowTableModel
from ui.widgets.table_panel import TablePanel


class CheckInDialog(ServiceDialog):
    """``exec() == Accepted`` means ``admitted`` holds the patient's place in the queue."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("check_in")
        self.resize(620, 420)
        self._ctx = ctx
        self.admitted: WaitingRow | None = None
        self.query = QLineEdit(self)
        self.query.setClearButtonEnabled(True)
        self.model: RowTableModel[ExpectedArrival] = RowTableModel([
            Column(N_("Time"), lambda a: clinic_time(ctx, a.start_at), lambda a: timestamp(a.start_at)),
            Column(N_("Patient"), lambda a: a.patient_name),
            Column(N_("Phone"), lambda a: a.patient_phone),
            Column(N_("Doctor"), lambda a: a.doctor_name),
        ], key=lambda a: a.appointment_id, parent=self)
        self.table = TablePanel(self.model, lambda: _("Every patient booked for today has arrived."), parent=self)
        self.table.view.doubleClicked.connect(lambda _index: self.accept())
        self.query.textChanged.connect(self._filter)
        self.query.returnPressed.connect(self.accept)
        self.lay_out(self.query, self.table)
        try:
            self.model.set_rows(waiting.expected_today(ctx))
        except DomainError as error:
            self.error.show_error(error)
        self.table.mark_loaded()
        self._filter("")
        self.query.setFocus()
        self.retranslate()

    def _filter(self, text: str) -> None:
        self.table.set_filter(text)
        if self.table.proxy.rowCount():
            self.table.view.selectRow(0)

    def chosen(self) -> ExpectedArrival | None:
        index = self.table.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.table.proxy.mapToSource(index))

    def submit(self) -> None:
        arrival = self.chosen()
        if arrival is None:
            raise InvalidInput(N_("Choose the patient's appointment in the list."))
        self.admitted = waiting.check_in(self._ctx, arrival.appointment_id)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Check in a booked patient"))
        self.query.setPlaceholderText(_("Name, phone or doctor, any part…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Check in"))
        self.table.retranslate()
        super().retranslate()

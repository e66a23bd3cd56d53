"""A slot freed by a cancellation, offered to the waitlist: the matching requests, best first, and booking
the chosen one into the slot (the waitlist service books and closes the request in one transaction)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from app.context import Context
from app.errors import DomainError
from app.i18n import N_, _
from app.services import waitlist
from app.services.scheduling import AppointmentRow, BookingResult
from app.services.waitlist import WaitlistRow
from ui.dialogs.common import ErrorLabel, heading_label
from ui.docks.cells import clinic_datetime, period
from ui.models.table import Column, RowTableModel
from ui.widgets.table_panel import TablePanel


class WaitlistOfferDialog(QDialog):
    """``exec() == Accepted`` means ``booked`` holds the appointment made from the waitlist."""

    def __init__(self, ctx: Context, freed: AppointmentRow, offers: list[WaitlistRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitlist_offer")
        self._ctx = ctx
        self._freed = freed
        self.booked: BookingResult | None = None
        self.resize(680, 320)
        self.heading = heading_label(self, 1.1)
        self.model: RowTableModel[WaitlistRow] = RowTableModel([
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Phone"), lambda r: r.contact or r.patient_phone),
            Column(N_("Doctor"), lambda r: r.doctor_name or r.specialty),
            Column(N_("Dates"), lambda r: period(r.earliest_on, r.latest_on)),
            Column(N_("Note"), lambda r: r.note, tooltip=lambda r: r.note),
        ], key=lambda r: r.id, parent=self)
        self.model.set_rows(offers)
        self.table = TablePanel(self.model, lambda: "", sort_column=-1, parent=self)
        self.table.mark_loaded()
        self.table.view.selectRow(0)
        self.error = ErrorLabel(self)
        self.book_button = QPushButton(self)
        self.book_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.table, self.error, self.buttons):
            layout.addWidget(widget)
        self.retranslate()

    def accept(self) -> None:
        index = self.table.view.selectionModel().currentIndex()
        if not index.isValid():
            index = self.table.proxy.index(0, 0)
        request = self.model.row(self.table.proxy.mapToSource(index))
        freed = self._freed
        minutes = int((freed.end_at - freed.start_at).total_seconds() // 60)
        try:
            self.booked = waitlist.book_request(self._ctx, request.id, freed.doctor_id, freed.start_at, minutes)
        except DomainError as error:
            self.error.show_error(error)
            return
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Offer the freed slot"))
        self.heading.setText(_("{time} with {doctor} is free again. Waiting for such a slot:").format(
            time=clinic_datetime(self._ctx, self._freed.start_at), doctor=self._freed.doctor_name))
        self.book_button.setText(_("&Book the chosen patient"))
        self.table.retranslate()
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

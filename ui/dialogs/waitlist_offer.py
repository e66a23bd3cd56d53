"""A slot freed by a cancellation, offered to the waitlist: the matching requests, best first, and booking
the chosen one into the slot (the waitlist service books and closes the request in one transaction)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget

from app.context import Context
from app.i18n import N_, _
from app.services import waitlist
from app.services.scheduling import AppointmentRow, BookingResult
from app.services.waitlist import WaitlistRow
from ui.dialogs.common import heading_label
from ui.dialogs.service_dialog import ServiceDialog
from ui.docks.cells import clinic_datetime, period
from ui.models.table import Column, RowTableModel
from ui.widgets.table_panel import TablePanel


class WaitlistOfferDialog(ServiceDialog):
    """``exec() == Accepted`` means ``booked`` holds the appointment made from the waitlist."""

    def __init__(self, ctx: Context, freed: AppointmentRow, offers: list[WaitlistRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, QDialogButtonBox.StandardButton.Close)
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
        self.book_button = QPushButton(self)
        self.book_button.setDefault(True)
        self.buttons.addButton(self.book_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.lay_out(self.heading, self.table)
        self.retranslate()

    def submit(self) -> None:
        index = self.table.view.selectionModel().currentIndex()
        if not index.isValid():
            index = self.table.proxy.index(0, 0)
        request = self.model.row(self.table.proxy.mapToSource(index))
        freed = self._freed
        minutes = int((freed.end_at - freed.start_at).total_seconds() // 60)
        self.booked = waitlist.book_request(self._ctx, request.id, freed.doctor_id, freed.start_at, minutes)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Offer the freed slot"))
        self.heading.setText(_("{time} with {doctor} is free again. Waiting for such a slot:").format(
            time=clinic_datetime(self._ctx, self._freed.start_at), doctor=self._freed.doctor_name))
        self.book_button.setText(_("&Book the chosen patient"))
        self.table.retranslate()
        super().retranslate()

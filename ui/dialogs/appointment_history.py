"""An appointment's history: every change, who made it, from which workstation and when."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.context import Context
from app.i18n import N_, _
from app.services.appointment_history import HistoryLine, appointment_history
from app.services.scheduling import AppointmentRow
from ui.docks.cells import clinic_datetime, time_range, timestamp
from ui.models.table import Column, RowTableModel
from ui.widgets.messages import reporting_domain_errors
from ui.widgets.table_panel import TablePanel


class AppointmentHistoryDialog(QDialog):
    def __init__(self, ctx: Context, appointment: AppointmentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appointment_history")
        self._ctx = ctx
        self._appointment = appointment
        self.resize(760, 360)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.model: RowTableModel[HistoryLine] = RowTableModel([
            Column(N_("When"), lambda r: clinic_datetime(ctx, r.at), lambda r: timestamp(r.at)),
            Column(N_("Who"), lambda r: r.actor_name),
            Column(N_("Workstation"), lambda r: r.workstation),
            Column(N_("What"), lambda r: r.what, tooltip=lambda r: r.what),
        ], parent=self)
        self.table = TablePanel(self.model, lambda: _("No changes recorded."), parent=self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """The descriptions are written in the active language: read them again."""
        a = self._appointment
        self.setWindowTitle(_("Appointment history"))
        self.heading.setText(_("{patient} · {doctor} · {when}").format(
            patient=a.patient_name, doctor=a.doctor_name, when=time_range(self._ctx, a.start_at, a.end_at)))
        with reporting_domain_errors(self):
            self.model.set_rows(appointment_history(self._ctx, a.id))
        self.table.retranslate()
        self.table.mark_loaded()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

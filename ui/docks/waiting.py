"""The Waiting room dock: who is waiting for whom, for how long, in queue order.

The minutes waited tick on their own every 30 seconds without asking the database again; a patient who
has waited longer than the clinic's warning time shows in the warning colour.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from app.context import Context
from app.events import Topic
from app.i18n import N_, _, format_date, format_integer, ngettext
from app.labels import label
from app.services import waiting
from app.services.permissions import Permission
from app.services.waiting import WaitingRow
from ui.docks.base import DayPanelDock
from ui.docks.cells import clinic_time, minutes, timestamp
from ui.models.table import RIGHT, Column, RowStyle, RowTableModel
from ui.widgets.look import TEXT_ON_TINT, WAITING_STATUS, WARNING_BACKGROUND, bold, color, icon
from ui.widgets.table_panel import TablePanel

TICK_MS = 30_000


class WaitingDock(DayPanelDock):
    object_name = "waiting_dock"
    title = N_("Waiting room")
    permission = Permission.VIEW_WAITING
    topics = frozenset({Topic.WAITING, Topic.APPOINTMENTS, Topic.PATIENTS, Topic.STAFF, Topic.CLINIC})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        style = RowStyle[WaitingRow](
            foreground=lambda r: TEXT_ON_TINT if self._too_long(r) else None,
            background=lambda r: WARNING_BACKGROUND if self._too_long(r) else None,
            tooltip=lambda r: self._warning(r),
        )
        self.model: RowTableModel[WaitingRow] = RowTableModel(self._columns(), key=lambda r: r.id, style=style,
                                                              parent=self)
        self.table = TablePanel(self.model, self._empty_text, sort_column=-1, parent=self.widget())
        self.body_layout.addWidget(self.table)
        self.finish_layout()
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.retranslate()

    def _columns(self) -> list[Column[WaitingRow]]:
        ctx = self._ctx
        return [
            Column(N_("Ticket"), lambda r: r.ticket,
                   decoration=lambda r: icon("urgent") if r.urgent else None,
                   tooltip=lambda r: _("Urgent: {reason}").format(reason=r.urgent_reason) if r.urgent else ""),
            Column(N_("Patient"), lambda r: r.patient_name, font=lambda r: bold() if r.urgent else None),
            Column(N_("Waited"), lambda r: minutes(self._waited(r)), lambda r: self._waited(r), align=RIGHT),
            Column(N_("Status"), lambda r: label(r.status), lambda r: waiting.queue_key(r)[0],
                   foreground=lambda r: color(WAITING_STATUS[r.status])),
            Column(N_("Doctor"), _doctor),
            Column(N_("Room"), lambda r: r.room_name),
            Column(N_("Appointment"), lambda r: clinic_time(ctx, r.appointment_start) or _("Walk-in"),
                   lambda r: timestamp(r.appointment_start)),
            Column(N_("Arrived"), lambda r: clinic_time(ctx, r.arrived_at), lambda r: timestamp(r.arrived_at)),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.table]

    def load(self) -> None:
        self.model.set_rows(waiting.room_list(self._ctx, self.day()))

    def tick(self) -> None:
        """Time passed: the minutes and warning colours change, the rows do not."""
        if self.is_on_screen() and self.is_allowed():
            self.model.refresh_columns(range(self.model.columnCount()))
            self.summary.setText(self.summary_text())

    def summary_text(self) -> str:
        waiting_now = [r for r in self.model.rows() if r.still_waiting]
        text = ngettext("{count} patient waiting", "{count} patients waiting", len(waiting_now)).format(
            count=format_integer(len(waiting_now)))
        late = sum(1 for r in waiting_now if self._too_long(r))
        if late:
            text += " · " + _("{count} over {minutes} min").format(
                count=format_integer(late), minutes=format_integer(self._ctx.clinic().wait_warning_minutes))
        return text

    def _waited(self, row: WaitingRow) -> int:
        return row.waited_minutes(self._ctx.clock.now())

    def _too_long(self, row: WaitingRow) -> bool:
        return row.waits_too_long(self._ctx.clock.now(), self._ctx.clinic().wait_warning_minutes)

    def _warning(self, row: WaitingRow) -> str:
        if not self._too_long(row):
            return ""
        return _("Waiting longer than {minutes} minutes").format(
            minutes=format_integer(self._ctx.clinic().wait_warning_minutes))

    def _empty_text(self) -> str:
        if self.is_today():
            return _("Nobody is in the waiting room.")
        return _("Nobody was in the waiting room on {day}.").format(day=format_date(self.day(), "full"))


def _doctor(row: WaitingRow) -> str:
    if row.doctor_name:
        return row.doctor_name
    if row.specialty:
        return _("Any doctor ({specialty})").format(specialty=row.specialty)
    return _("Any doctor")

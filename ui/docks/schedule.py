"""The Schedule dock: the chosen day's appointments, by time."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.context import Context
from app.events import Topic
from app.i18n import N_, _, format_date, format_integer, ngettext
from app.labels import label
from app.models.scheduling import AppointmentStatus
from app.services import scheduling
from app.services.permissions import Permission
from app.services.scheduling import AppointmentRow
from ui.docks.base import DayPanelDock
from ui.docks.cells import time_range, timestamp
from ui.models.table import Column, RowTableModel
from ui.widgets.look import APPOINTMENT_STATUS, color, icon, struck_out
from ui.widgets.table_panel import TablePanel

_GONE = (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)


class ScheduleDock(DayPanelDock):
    object_name = "schedule_dock"
    title = N_("Schedule")
    permission = Permission.VIEW_SCHEDULE
    topics = frozenset({Topic.APPOINTMENTS, Topic.PATIENTS, Topic.STAFF, Topic.SERVICES, Topic.CLINIC})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RowTableModel[AppointmentRow] = RowTableModel(self._columns(), key=lambda r: r.id, parent=self)
        self.table = TablePanel(self.model, self._empty_text, parent=self.widget())
        self.body_layout.addWidget(self.table)
        self.finish_layout()
        self.retranslate()

    def _columns(self) -> list[Column[AppointmentRow]]:
        ctx = self._ctx
        return [
            Column(N_("Time"), lambda r: time_range(ctx, r.start_at, r.end_at), lambda r: timestamp(r.start_at)),
            Column(N_("Status"), lambda r: label(r.status), lambda r: list(AppointmentStatus).index(r.status),
                   foreground=lambda r: color(APPOINTMENT_STATUS[r.status]),
                   font=lambda r: struck_out() if r.status in _GONE else None),
            Column(N_("Patient"), lambda r: r.patient_name,
                   decoration=lambda r: icon("first-visit") if r.first_visit else None,
                   tooltip=lambda r: _patient_tooltip(r)),
            Column(N_("Doctor"), lambda r: r.doctor_name, tooltip=lambda r: _doctor_tooltip(r)),
            Column(N_("Service"), lambda r: r.service_name, tooltip=lambda r: r.notes),
            Column(N_("Channel"), lambda r: label(r.channel)),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.table]

    def load(self) -> None:
        self.model.set_rows(scheduling.day_list(self._ctx, self.day()))

    def summary_text(self) -> str:
        rows = self.model.rows()
        booked = [r for r in rows if r.status not in _GONE]
        first = sum(1 for r in booked if r.first_visit)
        text = ngettext("{count} appointment", "{count} appointments", len(booked)).format(
            count=format_integer(len(booked)))
        if first:
            text += " · " + ngettext("{count} first visit", "{count} first visits", first).format(
                count=format_integer(first))
        return text

    def _empty_text(self) -> str:
        return _("No appointments on {day}.").format(day=format_date(self.day(), "full"))


def _patient_tooltip(row: AppointmentRow) -> str:
    lines = [row.patient_name]
    if row.first_visit:
        lines.append(_("First visit"))
    if row.patient_phone:
        lines.append(row.patient_phone)
    return "\n".join(lines)


def _doctor_tooltip(row: AppointmentRow) -> str:
    lines = [row.doctor_name, row.specialty]
    if row.room_name:
        lines.append(_("Room {room}").format(room=row.room_name))
    return "\n".join(line for line in lines if line)

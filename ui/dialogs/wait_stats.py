"""Waiting-room statistics for a day or a range: waits by doctor and by hour of arrival, and who left
without being seen (``app.services.wait_stats`` defines every figure)."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import N_, _, format_decimal, format_integer, format_time
from app.services.wait_stats import DoctorWaits, HourWaits, WaitStats, wait_stats
from ui.dialogs.common import ErrorLabel
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.bar_chart import BarChart
from ui.widgets.table_panel import TablePanel


def _minutes(value: float | None) -> str:
    return _("{minutes} min").format(minutes=format_decimal(value)) if value is not None else "—"


def _hour(hour: int) -> str:
    """An hour of the day as a span of clock times ("09:00–10:00", in the language's time format)."""
    return _("{start}–{end}").format(start=format_time(time(hour)), end=format_time(time((hour + 1) % 24)))


def _figure_columns() -> list[Column[Any]]:
    """The same figures for a doctor's row and an hour's row (both hold a WaitFigures as ``figures``)."""
    return [
        Column(N_("Patients"), lambda r: format_integer(r.figures.patients), lambda r: r.figures.patients,
               align=RIGHT),
        Column(N_("Average wait"), lambda r: _minutes(r.figures.average_wait),
               lambda r: r.figures.average_wait or 0, align=RIGHT),
        Column(N_("90% waited at most"), lambda r: _minutes(r.figures.p90_wait), lambda r: r.figures.p90_wait or 0,
               align=RIGHT),
        Column(N_("Left without being seen"), lambda r: format_integer(r.figures.left_without_being_seen),
               lambda r: r.figures.left_without_being_seen, align=RIGHT),
        Column(N_("Average consultation"), lambda r: _minutes(r.figures.average_consultation),
               lambda r: r.figures.average_consultation or 0, align=RIGHT),
    ]


class WaitStatsDialog(QDialog):
    def __init__(self, ctx: Context, day: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wait_stats")
        self.resize(960, 620)
        self._ctx = ctx
        self.first = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.last = QDateEdit(QDate(day.year, day.month, day.day), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self.reload)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.overall = QLabel(self)
        self.overall.setWordWrap(True)
        self.doctors: RowTableModel[DoctorWaits] = RowTableModel(
            [Column(N_("Doctor"), lambda r: r.doctor_name or _("Left before any doctor called them")),
             *_figure_columns()], parent=self)
        self.hours: RowTableModel[HourWaits] = RowTableModel(
            [Column(N_("Arrived"), lambda r: _hour(r.hour), lambda r: r.hour),
             *_figure_columns()], parent=self)
        self.doctor_table = TablePanel(self.doctors, lambda: _("Nobody was in the waiting room."), parent=self)
        self.hour_table = TablePanel(self.hours, lambda: _("Nobody was in the waiting room."), parent=self)
        self.chart = BarChart(self, formatter=lambda v: _minutes(v))
        splitter = QSplitter(self)
        splitter.setOrientation(splitter.orientation().Vertical)
        for widget in (self.doctor_table, self.hour_table, self.chart):
            splitter.addWidget(widget)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for widget in (self.from_label, self.first, self.to_label, self.last):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.overall)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.stats: WaitStats | None = None
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        try:
            self.stats = wait_stats(self._ctx, first, last)
        except DomainError as error:
            self.error.show_error(error)
            return
        self.error.clear_message()
        self.doctors.set_rows(self.stats.by_doctor)
        self.hours.set_rows(self.stats.by_hour)
        for table in (self.doctor_table, self.hour_table):
            table.mark_loaded()
        self._show_overall()

    def _show_overall(self) -> None:
        if self.stats is None:
            return
        figures = self.stats.overall
        self.overall.setText(" · ".join([
            _("Patients: {count}").format(count=format_integer(figures.patients)),
            _("average wait {average}, 90% waited at most {p90}").format(
                average=_minutes(figures.average_wait), p90=_minutes(figures.p90_wait)),
            _("left without being seen: {count}").format(count=format_integer(figures.left_without_being_seen)),
            _("waitlist requests expired: {count}").format(count=format_integer(self.stats.waitlist_expired)),
        ]))
        hours = [h for h in self.stats.by_hour if h.figures.average_wait is not None]
        self.chart.set_data([_hour(h.hour) for h in hours],
                            [h.figures.average_wait or 0 for h in hours], [h.figures.p90_wait for h in hours])

    def retranslate(self) -> None:
        self.setWindowTitle(_("Waiting times"))
        self.from_label.setText(_("From:"))
        self.to_label.setText(_("to:"))
        self.chart.set_title(_("Average wait by hour of arrival (grey: 90% waited at most)"))
        self.chart.set_empty_text(_("Nobody was called in these days."))
        for table in (self.doctor_table, self.hour_table):
            table.retranslate()
        self._show_overall()
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

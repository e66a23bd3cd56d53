"""The Schedule dock: the day's grid by doctor or room (or one doctor's week), and the day as a list.

Every change goes through the schedule service; the grid shows the result when the change event comes
back (from this desk or another). A refused change is said in the user's language and the grid reloads,
so that what the user sees is what the database holds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QPushButton, QTabWidget, QWidget

from app.context import Context
from app.errors import DomainError, NotFound
from app.events import Topic
from app.i18n import N_, _, first_weekday, format_date, format_integer, ngettext
from app.labels import label
from app.models.scheduling import AppointmentStatus, CancelReason
from app.services import invoices, scheduling, staff
from app.services.invoices import Balance
from app.services.permissions import Permission, can
from app.services.schedule_grid import GridColumn, GridMode, ScheduleGrid, schedule_grid
from app.services.scheduling import AppointmentRow, BookingRequest
from ui.dialogs.appointment_history import AppointmentHistoryDialog
from ui.dialogs.booking import BookingDialog, tell_notices, with_hours_override
from ui.dialogs.working_time import WorkingTimeDialog
from ui.docks.base import DayPanelDock
from ui.docks.cells import balance_text, owes_column, time_range, timestamp
from ui.models.table import Column, RowTableModel
from ui.widgets.look import APPOINTMENT_STATUS, color, icon, struck_out
from ui.widgets.messages import show_domain_error
from ui.widgets.schedule_grid import ScheduleGridView
from ui.widgets.table_panel import TablePanel

_GONE = (AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW)
#: The statuses the menu offers, in the order of a visit.
_STEPS = (AppointmentStatus.CONFIRMED, AppointmentStatus.ARRIVED, AppointmentStatus.IN_CONSULTATION,
          AppointmentStatus.COMPLETED, AppointmentStatus.NO_SHOW)
_MODES = ((GridMode.DOCTORS, N_("By doctor")), (GridMode.ROOMS, N_("By room")),
          (GridMode.WEEK, N_("Week of one doctor")))
#: How often the current-time line moves.
NOW_LINE_MS = 60_000


class ScheduleDock(DayPanelDock):
    object_name = "schedule_dock"
    title = N_("Schedule")
    permission = Permission.VIEW_SCHEDULE
    topics = frozenset({Topic.APPOINTMENTS, Topic.PATIENTS, Topic.STAFF, Topic.SERVICES, Topic.CLINIC,
                        Topic.INVOICES, Topic.PAYMENTS})
    #: The list's column of the patient's debt, hidden from a user who may not see the cashier's figures.
    OWES_COLUMN = 3

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._copied: AppointmentRow | None = None
        self._scrolled_to_now = False
        self.mode = QComboBox(self.widget())
        self.mode.setObjectName("grid_mode")
        for _mode in _MODES:
            self.mode.addItem("")
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.week_doctor = QComboBox(self.widget())
        self.week_doctor.setObjectName("week_doctor")
        self.week_doctor.currentIndexChanged.connect(lambda _i: self.reload())
        self.week_doctor.hide()
        self.find_button = QPushButton(self.widget())
        self.find_button.clicked.connect(lambda: self.book_at(None, self._ctx.clock.now(), self._slot_minutes()))
        self.print_button = QPushButton(self.widget())
        self.print_menu = QMenu(self.print_button)
        self.print_day_action = self.print_menu.addAction("", self.print_day)
        self.print_doctor_action = self.print_menu.addAction("", self.print_doctor_day)
        self.print_button.setMenu(self.print_menu)
        # A second row: beside the day and the filter these would make the dock too wide for a 1366-pixel
        # screen once the waiting room and the cashier sit next to it.
        view_row = QHBoxLayout()
        view_row.setSpacing(6)
        for widget in (self.mode, self.week_doctor, self.find_button, self.print_button):
            view_row.addWidget(widget)
        view_row.addStretch(1)
        self.body_layout.addLayout(view_row)

        self.grid = ScheduleGridView(ctx.clinic().zone, ctx.clock.now, self.widget())
        #: The debts and deposits of the patients shown (empty for a user who may not see them).
        self._balances: dict[int, Balance] = {}
        self.grid.patient_note = lambda patient_id: balance_text(ctx, self._balances.get(patient_id))
        self.grid.book_requested.connect(self._book_requested)
        self.grid.move_requested.connect(self._move_requested)
        self.grid.appointment_activated.connect(self._activated)
        self.grid.menu_requested.connect(self._menu_requested)
        self.copy_action = QAction(self.grid)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy_at_cursor)
        self.paste_action = QAction(self.grid)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.triggered.connect(self.paste_at_cursor)
        self.grid.addActions([self.copy_action, self.paste_action])

        self.model: RowTableModel[AppointmentRow] = RowTableModel(self._columns(), key=lambda r: r.id, parent=self)
        self.table = TablePanel(self.model, self._empty_text, parent=self.widget())
        self.tabs = QTabWidget(self.widget())
        self.tabs.addTab(self.grid, "")
        self.tabs.addTab(self.table, "")
        self.body_layout.addWidget(self.tabs, 1)
        self.finish_layout()
        self.now_timer = QTimer(self)
        self.now_timer.setInterval(NOW_LINE_MS)
        self.now_timer.timeout.connect(self.grid.viewport().update)
        self.now_timer.start()
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
            owes_column(ctx, lambda: self._balances, lambda r: r.patient_id),
            Column(N_("Doctor"), lambda r: r.doctor_name, tooltip=lambda r: _doctor_tooltip(r)),
            Column(N_("Service"), lambda r: r.service_name, tooltip=lambda r: r.notes),
            Column(N_("Channel"), lambda r: label(r.channel)),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.table]

    def apply_actor(self) -> None:
        super().apply_actor()
        self.table.view.setColumnHidden(self.OWES_COLUMN, not can(self._ctx.actor, Permission.VIEW_CASHIER))

    # -- loading --------------------------------------------------------------------------------------------

    def grid_mode(self) -> GridMode:
        return _MODES[self.mode.currentIndex()][0]

    def set_grid_mode(self, mode: GridMode) -> None:
        self.mode.setCurrentIndex([m for m, _text in _MODES].index(mode))

    def _mode_changed(self) -> None:
        self.week_doctor.setVisible(self.grid_mode() is GridMode.WEEK)
        self.reload()

    def _first_day(self) -> date:
        day = self.day()
        if self.grid_mode() is GridMode.WEEK:
            return day - timedelta(days=(day.weekday() - first_weekday()) % 7)
        return day

    def load(self) -> None:
        mode = self.grid_mode()
        self._fill_doctors()
        grid = schedule_grid(self._ctx, self._first_day(), mode, doctor_id=self.week_doctor.currentData())
        rows = scheduling.day_list(self._ctx, self.day())
        shown = {a.patient_id for column in grid.columns for a in column.appointments} | {r.patient_id for r in rows}
        self._balances = invoices.balances_of(self._ctx, shown)  # one query for the grid and the list
        self.grid.set_grid(self._filtered(grid))
        self.model.set_rows(rows)
        if not self._scrolled_to_now:
            self._scrolled_to_now = True
            QTimer.singleShot(0, self, lambda: self.grid.scroll_to(self._ctx.clock.now()))

    def _fill_doctors(self) -> None:
        """The week view's doctor list, kept when it did not change."""
        if self.grid_mode() is not GridMode.WEEK and self.week_doctor.count():
            return
        doctors = staff.list_doctors(self._ctx)
        if [self.week_doctor.itemData(i) for i in range(self.week_doctor.count())] == [d.id for d in doctors]:
            return
        chosen = self.week_doctor.currentData()
        self.week_doctor.blockSignals(True)
        self.week_doctor.clear()
        for doctor in doctors:
            self.week_doctor.addItem(doctor.full_name, doctor.id)
        self.week_doctor.setCurrentIndex(max(0, self.week_doctor.findData(chosen)))
        self.week_doctor.blockSignals(False)

    def _filtered(self, grid: ScheduleGrid) -> ScheduleGrid:
        """The filter box narrows the grid to the doctors or rooms whose name or subtitle holds the text."""
        text = (self.filter_edit.text() if self.filter_edit is not None else "").strip().casefold()
        if not text or grid.mode is GridMode.WEEK:
            return grid
        columns = tuple(c for c in grid.columns if text in c.title.casefold() or text in c.subtitle.casefold())
        return ScheduleGrid(grid.mode, columns, grid.slot_minutes, grid.opens, grid.closes)

    def apply_filter(self, text: str) -> None:
        super().apply_filter(text)
        self.mark_stale()

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

    def _slot_minutes(self) -> int:
        return self._ctx.clinic().slot_minutes

    # -- booking and changing -------------------------------------------------------------------------------

    def _column(self, index: int) -> GridColumn | None:
        columns = self.grid.columns()
        return columns[index] if 0 <= index < len(columns) else None

    def _book_requested(self, column: int, start: datetime, minutes: int) -> None:
        chosen = self._column(column)
        self.book_at(chosen.doctor_ids[0] if chosen is not None and chosen.doctor_ids else None, start, minutes)

    def book_at(self, doctor_id: int | None, start: datetime, minutes: int) -> BookingDialog:
        """Open the booking dialog for this doctor and time (tests drive the returned dialog)."""
        dialog = BookingDialog(self._ctx, start, minutes, doctor_id, self)
        dialog.slot_lost.connect(self.mark_stale)
        dialog.open()
        return dialog

    def _move_requested(self, appointment: AppointmentRow, column: int, start: datetime, minutes: int) -> None:
        target = self._column(column)
        if target is None or not target.doctor_ids:
            show_domain_error(self, NotFound(N_("No doctor works in this room on that day.")))
            return
        doctor_id = appointment.doctor_id if appointment.doctor_id in target.doctor_ids else target.doctor_ids[0]
        self._change(lambda: with_hours_override(self, self._ctx, lambda outside: scheduling.move(
            self._ctx, appointment.id, start, doctor_id=doctor_id, duration_minutes=minutes, outside_hours=outside)))

    def _change(self, action: Callable[[], object]) -> None:
        """Run a change; a refusal is shown and the grid reloads to what the database holds."""
        try:
            result = action()
        except DomainError as refusal:
            self.mark_stale()
            show_domain_error(self, refusal)
            return
        if isinstance(result, scheduling.BookingResult):
            tell_notices(self, result)

    def set_status(self, appointment: AppointmentRow, status: AppointmentStatus,
                   reason: CancelReason | None = None) -> None:
        self._change(lambda: scheduling.set_status(self._ctx, appointment.id, status, reason))

    def reschedule(self, appointment: AppointmentRow) -> BookingDialog:
        minutes = int((appointment.end_at - appointment.start_at).total_seconds() // 60)
        dialog = BookingDialog(self._ctx, appointment.start_at, minutes, appointment.doctor_id, self,
                               appointment=appointment)
        dialog.slot_lost.connect(self.mark_stale)
        dialog.open()
        return dialog

    def copy(self, appointment: AppointmentRow) -> None:
        self._copied = appointment

    def paste(self, doctor_id: int, start: datetime) -> None:
        """Book the copied appointment's patient, service and length at ``start`` with ``doctor_id``."""
        copied = self._copied
        if copied is None:
            return
        minutes = int((copied.end_at - copied.start_at).total_seconds() // 60)

        def attempt(outside: bool) -> scheduling.BookingResult:
            return scheduling.book(self._ctx, BookingRequest(
                patient_id=copied.patient_id, doctor_id=doctor_id, start_at=start, duration_minutes=minutes,
                service_id=copied.service_id, channel=copied.channel, notes=copied.notes, outside_hours=outside))

        self._change(lambda: with_hours_override(self, self._ctx, attempt))

    def copy_at_cursor(self) -> None:
        appointment = self.grid.appointment_at_cursor()
        if appointment is not None:
            self.copy(appointment)

    def paste_at_cursor(self) -> None:
        span = self.grid.cursor_span()
        column = self._column(span.column)
        if column is not None and column.doctor_ids and self._copied is not None:
            self.paste(column.doctor_ids[0], self.grid.slot_start(span.column, span.first))

    def show_history(self, appointment: AppointmentRow) -> None:
        AppointmentHistoryDialog(self._ctx, appointment, self).open()

    def edit_working_time(self, doctor_id: int) -> None:
        WorkingTimeDialog(self._ctx, doctor_id, self).open()

    # -- menus ----------------------------------------------------------------------------------------------

    def _activated(self, appointment: AppointmentRow) -> None:
        rect = self.grid.span_rect(self.grid.cursor_span())
        self._menu_requested(self.grid.viewport().mapToGlobal(rect.center()), self.grid.cursor_span().column,
                             appointment.start_at, 0, appointment)

    def _menu_requested(self, where: QPoint, column: int, start: datetime, minutes: int,
                        appointment: AppointmentRow | None) -> None:
        self.menu_for(column, start, minutes, appointment).exec(where)

    def menu_for(self, column: int, start: datetime, minutes: int, appointment: AppointmentRow | None) -> QMenu:
        """The grid's context menu for an appointment, or for free time (tests trigger its actions)."""
        menu = QMenu(self)
        menu.setObjectName("schedule_menu")
        if appointment is not None:
            self._appointment_actions(menu, appointment)
        else:
            self._free_time_actions(menu, column, start, minutes)
        return menu

    def _appointment_actions(self, menu: QMenu, appointment: AppointmentRow) -> None:
        may_book = can(self._ctx.actor, Permission.BOOK)
        allowed = scheduling.ALLOWED_TRANSITIONS[appointment.status]
        for status in _STEPS:
            action = menu.addAction(label(status), lambda s=status: self.set_status(appointment, s))
            action.setObjectName(f"status_{status.value}")
            action.setEnabled(may_book and status in allowed)
        cancel = menu.addMenu(_("Cancel appointment"))
        cancel.setObjectName("cancel_menu")
        cancel.setEnabled(may_book and AppointmentStatus.CANCELLED in allowed)
        for reason in CancelReason:
            action = cancel.addAction(label(reason),
                                      lambda r=reason: self.set_status(appointment, AppointmentStatus.CANCELLED, r))
            action.setObjectName(f"cancel_{reason.value}")
        menu.addSeparator()
        reschedule = menu.addAction(_("Reschedule…"), lambda: self.reschedule(appointment))
        reschedule.setObjectName("reschedule")
        reschedule.setEnabled(may_book and appointment.status in (AppointmentStatus.BOOKED,
                                                                  AppointmentStatus.CONFIRMED))
        copy = menu.addAction(_("Copy (to book the patient again)"), lambda: self.copy(appointment))
        copy.setObjectName("copy")
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        history = menu.addAction(_("History…"), lambda: self.show_history(appointment))
        history.setObjectName("history")

    def _free_time_actions(self, menu: QMenu, column: int, start: datetime, minutes: int) -> None:
        chosen = self._column(column)
        doctor_id = chosen.doctor_ids[0] if chosen is not None and chosen.doctor_ids else None
        may_book = can(self._ctx.actor, Permission.BOOK)
        book = menu.addAction(_("Book here…"), lambda: self.book_at(doctor_id, start, minutes))
        book.setObjectName("book_here")
        book.setEnabled(may_book)
        if self._copied is not None:
            paste = menu.addAction(_("Book {patient} here").format(patient=self._copied.patient_name),
                                   lambda: self.paste(doctor_id, start) if doctor_id is not None else None)
            paste.setObjectName("paste")
            paste.setShortcut(QKeySequence.StandardKey.Paste)
            paste.setEnabled(may_book and doctor_id is not None)
        find = menu.addAction(_("Find the next free time…"), lambda: self.book_at(doctor_id, start, minutes))
        find.setObjectName("find")
        if chosen is not None and len(chosen.doctor_ids) == 1:
            menu.addSeparator()
            hours = menu.addAction(_("Working time…"), lambda: self.edit_working_time(chosen.doctor_ids[0]))
            hours.setObjectName("working_time")
            hours.setEnabled(can(self._ctx.actor, Permission.MANAGE_WORKING_HOURS))

    # -- printing -------------------------------------------------------------------------------------------

    def print_day(self) -> None:
        self._preview(None)

    def print_doctor_day(self) -> None:
        column = self._column(self.grid.cursor_span().column)
        if column is not None and len(column.doctor_ids) == 1:
            self._preview(column.doctor_ids[0])

    def _preview(self, doctor_id: int | None) -> None:
        # Imported here: the PDF renderer and the page rasteriser are heavy and most sessions print nothing.
        from app.services.printouts import daily_list_pdf
        from ui.printing import PrintPreviewDialog

        day = self.day()
        try:
            pdf = daily_list_pdf(self._ctx, day, doctor_id=doctor_id)
        except DomainError as refusal:
            show_domain_error(self, refusal)
            return
        title = _("Daily list — {day}").format(day=format_date(day, "full"))
        PrintPreviewDialog(pdf, title, f"daily-list-{day.isoformat()}.pdf", self).exec()

    # -- language -------------------------------------------------------------------------------------------

    def retranslate_body(self) -> None:
        for row, (_mode, text) in enumerate(_MODES):
            self.mode.setItemText(row, _(text))
        self.mode.setToolTip(_("Show the day by doctor or by room, or one doctor's week"))
        self.find_button.setText(_("Find free time…"))
        self.find_button.setToolTip(_("The next free times for a doctor or a specialty"))
        self.print_button.setText(_("Print"))
        self.print_day_action.setText(_("The whole day's schedule…"))
        self.print_doctor_action.setText(_("The selected doctor's day list…"))
        self.copy_action.setText(_("Copy the appointment"))
        self.paste_action.setText(_("Book the copied patient here"))
        self.tabs.setTabText(0, _("Grid"))
        self.tabs.setTabText(1, _("List"))
        self.grid.retranslate()


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

"""The waiting dock's Waitlist tab: open requests above; below, the future slots that cancellations and
moves freed (and nobody took since) with the requests each would satisfy, best first, and "Book" to give
the slot to the chosen request in one action (through the schedule service, so no double booking).

Requests whose dates have passed are expired through the service whenever the tab loads, and counted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.context import Context
from app.errors import DomainError
from app.i18n import N_, _, format_date, format_integer, ngettext
from app.labels import label
from app.services import waitlist
from app.services.permissions import Permission, can
from app.services.scheduling import SlotTaken
from app.services.waitlist import FreedSlot, WaitlistRow
from ui.dialogs.common import ErrorLabel
from ui.dialogs.waitlist_request import WaitlistRequestDialog
from ui.docks.cells import clinic_time, minutes, timestamp, wanted_doctor
from ui.models.table import Column, RowTableModel
from ui.widgets.look import bold
from ui.widgets.messages import reporting_domain_errors
from ui.widgets.table_panel import TablePanel


def _dates(first: date, last: date) -> str:
    """A request's window with four-digit years (a Korean short date, 26. 11. 23., reads as a day of 2023)."""
    return _("{first} – {last}").format(first=format_date(first, "medium"), last=format_date(last, "medium"))


def _when(ctx: Context, moment: datetime) -> str:
    return f"{format_date(moment.astimezone(ctx.clinic().zone).date(), 'medium')} {clinic_time(ctx, moment)}"


def _request_columns() -> list[Column[WaitlistRow]]:
    return [
        Column(N_("Patient"), lambda r: r.patient_name, tooltip=lambda r: r.note),
        Column(N_("Doctor"), lambda r: wanted_doctor(r.doctor_name, r.specialty)),
        Column(N_("Dates"), lambda r: _dates(r.earliest_on, r.latest_on), lambda r: r.earliest_on.toordinal()),
        Column(N_("Time of day"), lambda r: label(r.time_of_day)),
        Column(N_("How to reach them"), lambda r: r.contact),
        Column(N_("Expires on"), lambda r: format_date(r.expires_on, "medium"), lambda r: r.expires_on.toordinal()),
        Column(N_("Note"), lambda r: r.note),
    ]


class WaitlistPanel(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: Requests this workstation expired since it started (the reports count them all).
        self.expired_count = 0
        self.requests: RowTableModel[WaitlistRow] = RowTableModel(_request_columns(), key=lambda r: r.id,
                                                                  parent=self)
        self.slots: RowTableModel[FreedSlot] = RowTableModel([
            Column(N_("Time"), lambda s: _when(ctx, s.start_at),
                   lambda s: timestamp(s.start_at)),
            Column(N_("Doctor"), lambda s: s.doctor_name),
            Column(N_("Duration"), lambda s: minutes(s.duration_minutes), lambda s: s.duration_minutes),
        ], key=lambda s: (s.doctor_id, s.start_at), parent=self)
        self.matches: RowTableModel[WaitlistRow] = RowTableModel(_request_columns(), key=lambda r: r.id,
                                                                 parent=self)
        self.request_table = TablePanel(self.requests, lambda: _("Nobody is on the waitlist."), sort_column=-1,
                                        parent=self)
        self.slot_table = TablePanel(self.slots, lambda: _("When an appointment is cancelled or moved, the freed "
                                                          "slot appears here."), sort_column=-1, parent=self)
        self.match_table = TablePanel(self.matches, self._no_matches, sort_column=-1, parent=self)
        self.add_button = QPushButton(self)
        self.withdraw_button = QPushButton(self)
        self.book_button = QPushButton(self)
        self.book_button.setObjectName("book_from_waitlist")
        self.add_button.clicked.connect(self.add_request)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.book_button.clicked.connect(self.book)
        self.slot_table.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_matches())
        self.match_table.view.doubleClicked.connect(lambda _index: self.book())
        self.request_table.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.error = ErrorLabel(self)
        self.booked = QLabel(self)
        self.booked.setObjectName("booked_from_waitlist")
        self.booked.setWordWrap(True)
        self.booked.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._booked_text: Callable[[], str] | None = None

        self.requests_title, self.slots_title, self.matches_title = QLabel(self), QLabel(self), QLabel(self)
        for title in (self.requests_title, self.slots_title, self.matches_title):
            title.setFont(bold())
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.requests_title)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.withdraw_button)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.request_table)
        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        for title, table, extra in ((self.slots_title, self.slot_table, None),
                                    (self.matches_title, self.match_table, self.book_button)):
            column = QVBoxLayout()
            heading = QHBoxLayout()
            heading.addWidget(title)
            heading.addStretch(1)
            if extra is not None:
                heading.addWidget(extra)
            column.addLayout(heading)
            column.addWidget(table)
            bottom_layout.addLayout(column, 1 if extra is None else 2)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        layout.addWidget(self.error)
        layout.addWidget(self.booked)
        self._update_buttons()

    def panels(self) -> list[TablePanel]:
        return [self.request_table, self.slot_table, self.match_table]

    # -- data -----------------------------------------------------------------------------------------------

    def load(self) -> None:
        """Expire what has passed (when this user may), then read the open requests and the matches."""
        if can(self._ctx.actor, Permission.BOOK):
            self.expired_count += waitlist.expire(self._ctx)
        self.requests.set_rows(waitlist.open_requests(self._ctx))
        chosen = self.selected_slot()
        self.slots.set_rows(waitlist.freed_slots(self._ctx))
        self._select_slot(chosen)
        self._show_matches()

    def _select_slot(self, slot: FreedSlot | None) -> None:
        """Keep the chosen slot chosen across a reload (the first one when it is gone)."""
        rows = self.slots.rows()
        keys = [(s.doctor_id, s.start_at) for s in rows]
        position = keys.index((slot.doctor_id, slot.start_at)) if slot and (slot.doctor_id, slot.start_at) in keys \
            else 0
        if rows:
            self.slot_table.view.setCurrentIndex(self.slot_table.proxy.mapFromSource(self.slots.index(position, 0)))

    def selected_slot(self) -> FreedSlot | None:
        return self._selected(self.slot_table, self.slots)

    def selected_match(self) -> WaitlistRow | None:
        return self._selected(self.match_table, self.matches)

    @staticmethod
    def _selected(table: TablePanel, model: RowTableModel):  # type: ignore[no-untyped-def]
        index = table.view.currentIndex()
        return model.row(table.proxy.mapToSource(index)) if index.isValid() else None

    def _show_matches(self) -> None:
        slot = self.selected_slot()
        rows: list[WaitlistRow] = []
        if slot is not None:
            with reporting_domain_errors(self):
                rows = waitlist.matches(self._ctx, slot.doctor_id, slot.start_at)
        self.matches.set_rows(rows)
        self.match_table.mark_loaded()
        if rows:
            self.match_table.view.selectRow(0)
        self._update_buttons()

    def _no_matches(self) -> str:
        if self.selected_slot() is None:
            return _("Choose a freed slot to see who asked for one like it.")
        return _("No waitlist request fits this slot.")

    def _update_buttons(self) -> None:
        allowed = can(self._ctx.actor, Permission.BOOK)
        self.add_button.setEnabled(allowed)
        self.withdraw_button.setEnabled(allowed and self.request_table.view.currentIndex().isValid())
        self.book_button.setEnabled(allowed and self.matches.rowCount() > 0)

    # -- actions --------------------------------------------------------------------------------------------

    def add_request(self) -> None:
        WaitlistRequestDialog(self._ctx, self).exec()

    def withdraw(self) -> None:
        request = self._selected(self.request_table, self.requests)
        if request is not None:
            with reporting_domain_errors(self):
                waitlist.withdraw(self._ctx, request.id)

    def book(self) -> None:
        """Give the chosen freed slot to the chosen request, in one transaction."""
        slot, request = self.selected_slot(), self.selected_match()
        if slot is None or request is None:
            return
        self.error.clear_message()
        self._booked_text = None
        self.retranslate_notice()
        try:
            result = waitlist.book_request(self._ctx, request.id, slot.doctor_id, slot.start_at,
                                           slot.duration_minutes)
        except SlotTaken as taken:
            self._drop(slot)
            self.error.show_error(taken)
            return
        except DomainError as error:
            self.error.show_error(error)
            return
        self._drop(slot)
        booked = result.appointment
        self._booked_text = lambda: _("{patient} is booked with {doctor} on {when}. Let them know: {contact}").format(
            patient=booked.patient_name, doctor=booked.doctor_name, when=_when(self._ctx, booked.start_at),
            contact=request.contact or "—")
        self.retranslate_notice()

    def _drop(self, slot: FreedSlot) -> None:
        self.slots.set_rows([s for s in self.slots.rows() if s != slot])
        self._select_slot(None)
        self._show_matches()

    def retranslate_notice(self) -> None:
        self.booked.setText(self._booked_text() if self._booked_text else "")
        self.booked.setVisible(self._booked_text is not None)

    # -- texts ----------------------------------------------------------------------------------------------

    def summary_text(self) -> str:
        count = self.requests.rowCount()
        text = ngettext("{count} open waitlist request", "{count} open waitlist requests", count).format(
            count=format_integer(count))
        if self.expired_count:
            text += " · " + ngettext("{count} expired and removed", "{count} expired and removed",
                                     self.expired_count).format(count=format_integer(self.expired_count))
        return text

    def retranslate(self) -> None:
        self.requests_title.setText(_("Open requests"))
        self.slots_title.setText(_("Freed slots"))
        self.matches_title.setText(_("Who asked for such a slot (best first)"))
        self.add_button.setText(_("Add request…"))
        self.withdraw_button.setText(_("Withdraw"))
        self.book_button.setText(_("Book this slot"))
        for table in self.panels():
            table.retranslate()
        self.error.retranslate()
        self.retranslate_notice()

"""The Waiting room dock: the day's queue with its actions, and the waitlist in a second tab.

The queue tab shows everyone, one doctor's queue (their patients plus the shared queue they also call
from) or the shared queue alone. "Call next" calls the first patient of the chosen doctor's queue in one
action (F9 anywhere in the window). The selected patient goes on with the buttons that fit their step:
with the doctor, done (the cashier's queue then shows the visit), left without being seen, back to
waiting, urgent with a reason.

The minutes waited and the expected waits tick every 30 seconds without asking the database again: only
those two columns repaint, plus the rows that crossed the clinic's warning time (which changes their
colour), so a long queue costs little per tick (bench/bench_waiting.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QMenu, QTabWidget, QToolBar, QToolButton, QVBoxLayout, QWidget

from app.context import Context
from app.errors import DomainError
from app.events import Changed, Topic
from app.i18n import N_, _, format_date, format_integer, ngettext, pgettext
from app.labels import label
from app.models.scheduling import WaitingStatus
from app.services import invoices, staff, waiting, waitlist
from app.services.invoices import Balance
from app.services.permissions import Permission, can
from app.services.waiting import WaitingRow
from ui.dialogs.check_in import CheckInDialog
from ui.dialogs.reason import ReasonDialog
from ui.dialogs.wait_stats import WaitStatsDialog
from ui.dialogs.waiting_room_settings import WaitingRoomSettingsDialog
from ui.dialogs.walk_in import WalkInDialog
from ui.docks.base import DayPanelDock
from ui.docks.cells import about_minutes, clinic_time, minutes, owes_column, timestamp, wanted_doctor
from ui.docks.waitlist_panel import WaitlistPanel
from ui.models.table import RIGHT, Column, RowStyle, RowTableModel
from ui.widgets.look import TEXT_ON_TINT, WAITING_STATUS, WARNING_BACKGROUND, bold, color, icon
from ui.widgets.messages import reporting_domain_errors, show_domain_error
from ui.widgets.table_panel import TablePanel

TICK_MS = 30_000
CALL_NEXT_SHORTCUT = QKeySequence(Qt.Key.Key_F9)
#: The queue filter's entries besides the doctors: everyone, and the shared queue alone.
EVERYONE, SHARED = "everyone", "shared"
#: An entry of the queue box: EVERYONE, SHARED, or a doctor's (id, specialty).
Queue = str | tuple[int, str]


class WaitingDock(DayPanelDock):
    object_name = "waiting_dock"
    title = N_("Waiting room")
    permission = Permission.VIEW_WAITING
    topics = frozenset({Topic.WAITING, Topic.WAITLIST, Topic.APPOINTMENTS, Topic.PATIENTS, Topic.STAFF,
                        Topic.CLINIC, Topic.INVOICES, Topic.PAYMENTS})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._all_rows: list[WaitingRow] = []
        #: What each entry of the queue box stands for, by row.
        self._queues: list[Queue] = [EVERYONE, SHARED]
        #: The rows waiting past the clinic's warning time, as of the last load or tick (their colour).
        self._late: set[int] = set()
        #: The minutes each row's live columns show: a tick repaints only the rows whose minute moved.
        self._shown: dict[int, tuple[int, int | None]] = {}
        #: The debts and deposits of the day's patients (empty for a user who may not see the cashier's).
        self._balances: dict[int, Balance] = {}
        style = RowStyle[WaitingRow](
            foreground=lambda r: TEXT_ON_TINT if r.id in self._late else None,
            background=lambda r: WARNING_BACKGROUND if r.id in self._late else None,
            tooltip=lambda r: self._warning(r),
        )
        self.model: RowTableModel[WaitingRow] = RowTableModel(self._columns(), key=lambda r: r.id, style=style,
                                                              parent=self)
        self.tabs = QTabWidget(self.widget())
        self.tabs.setDocumentMode(True)
        room = QWidget(self.tabs)
        self.queue = QComboBox(room)
        self.queue.setObjectName("queue")
        self.queue.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.queue.currentIndexChanged.connect(lambda _i: self._show_queue())
        self.toolbar = QToolBar(room)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.table = TablePanel(self.model, self._empty_text, sort_column=-1, parent=room)
        self.table.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        room_layout = QVBoxLayout(room)
        room_layout.setContentsMargins(0, 4, 0, 0)
        room_layout.setSpacing(4)
        room_layout.addWidget(self.toolbar)
        room_layout.addWidget(self.table)
        self.waitlist = WaitlistPanel(ctx, self.tabs)
        self.tabs.addTab(room, "")
        self.tabs.addTab(self.waitlist, "")
        self.tabs.currentChanged.connect(lambda _index: self.retranslate_body())
        self.tool_row.addWidget(self.queue)
        self.body_layout.addWidget(self.tabs)
        self._build_actions()
        self.finish_layout()
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.retranslate()

    def _build_actions(self) -> None:
        def action(name: str, slot: Callable[[], None]) -> QAction:
            item = QAction(self)
            item.setObjectName(name)
            item.triggered.connect(slot)
            self.toolbar.addAction(item)
            return item

        self.check_in_action = action("check_in", self.check_in)
        self.walk_in_action = action("walk_in", self.walk_in)
        self.toolbar.addSeparator()
        self.call_next_action = action("call_next", self.call_next)
        self.call_next_action.setShortcut(CALL_NEXT_SHORTCUT)
        self.call_next_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toolbar.widgetForAction(self.call_next_action).setFont(bold())
        self.start_action = action("start", lambda: self._step(waiting.start_consultation))
        self.finish_action = action("finish", lambda: self._step(waiting.finish))
        self.send_back_action = action("send_back", lambda: self._step(waiting.send_back))
        self.left_action = action("left", lambda: self._step(waiting.left_without_being_seen))
        self.urgent_action = action("urgent", self.mark_urgent)
        self.toolbar.addSeparator()
        self.more_menu = QMenu(self)
        self.stats_action = self.more_menu.addAction("", self.show_stats)
        self.settings_action = self.more_menu.addAction("", self.edit_settings)
        self.more_button = QToolButton(self.toolbar)
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.more_button)
        # The shortcut works wherever the window has focus, not only inside the dock.
        self.addAction(self.call_next_action)

    def _columns(self) -> list[Column[WaitingRow]]:
        ctx = self._ctx
        return [
            Column(N_("Ticket"), lambda r: r.ticket,
                   decoration=lambda r: icon("urgent") if r.urgent else None,
                   tooltip=lambda r: _("Urgent: {reason}").format(reason=r.urgent_reason) if r.urgent else ""),
            Column(N_("Patient"), lambda r: r.patient_name, font=lambda r: bold() if r.urgent else None,
                   tooltip=lambda r: r.reason),
            Column(N_("Waited"), lambda r: minutes(self._waited(r)), lambda r: self._waited(r), align=RIGHT),
            Column(N_("Expected wait"), self._expected_text, lambda r: self._expected(r) or -1, align=RIGHT,
                   tooltip=lambda r: _("An estimate from the patients ahead and today's consultations")
                   if self._expected(r) is not None else ""),
            Column(N_("Status"), lambda r: label(r.status), lambda r: waiting.queue_key(r)[0],
                   foreground=lambda r: color(WAITING_STATUS[r.status])),
            owes_column(ctx, lambda: self._balances, lambda r: r.patient_id),
            Column(N_("Doctor"), lambda r: wanted_doctor(r.doctor_name, r.specialty)),
            Column(N_("Room"), lambda r: r.room_name),
            Column(N_("Appointment"), lambda r: clinic_time(ctx, r.appointment_start) or _("Walk-in"),
                   lambda r: timestamp(r.appointment_start)),
            Column(N_("Arrived"), lambda r: clinic_time(ctx, r.arrived_at), lambda r: timestamp(r.arrived_at)),
            Column(N_("Reason"), lambda r: r.reason),
        ]

    #: Columns whose text changes with the clock alone.
    LIVE_COLUMNS = (2, 3)
    #: The patient's debt: hidden from a user who may not see the cashier's figures.
    OWES_COLUMN = 5

    def panels(self) -> list[TablePanel]:
        return [self.table, *self.waitlist.panels()]

    # -- data -----------------------------------------------------------------------------------------------

    def load(self) -> None:
        rows = waiting.room_list(self._ctx, self.day())
        self._balances = invoices.balances_of(self._ctx, {r.patient_id for r in rows})
        self.show_room(rows)
        self.waitlist.load()

    def show_room(self, rows: list[WaitingRow]) -> None:
        """The day's waiting room as the service read it; the queue box chooses which of them show."""
        self._all_rows = rows
        self._show_queue()

    def on_changed(self, event: Changed) -> None:
        super().on_changed(event)
        if event.topic is Topic.STAFF:
            self._fill_queues()
        if event.topic is Topic.APPOINTMENTS and event.entity_id is not None and self.is_allowed() \
                and can(self._ctx.actor, Permission.VIEW_SCHEDULE):
            with reporting_domain_errors(self):
                if waitlist.freed_slot(self._ctx, event.entity_id) is not None and self.tabs.currentIndex() != 1:
                    self.tabs.setTabText(1, _("Waitlist ● slot freed"))

    def apply_actor(self) -> None:
        super().apply_actor()
        self.table.view.setColumnHidden(self.OWES_COLUMN, not can(self._ctx.actor, Permission.VIEW_CASHIER))
        if self.is_allowed():
            self._fill_queues()
        self._update_actions()

    def _fill_queues(self) -> None:
        """Everyone, each doctor, the shared queue; the choice kept by doctor across a reload."""
        current = self._queue_choice()
        doctors = staff.list_doctors(self._ctx)
        self._queues = [EVERYONE, *((d.id, d.specialty) for d in doctors), SHARED]
        self.queue.blockSignals(True)
        self.queue.clear()
        self.queue.addItems(["", *(d.full_name for d in doctors), ""])
        self._name_queues()
        self.queue.setCurrentIndex(self._queues.index(current) if current in self._queues else 0)
        self.queue.blockSignals(False)

    def _queue_choice(self) -> Queue:
        index = self.queue.currentIndex()
        return self._queues[index] if 0 <= index < len(self._queues) else EVERYONE

    def _name_queues(self) -> None:
        for index, choice in enumerate(self._queues):
            if choice == EVERYONE:
                self.queue.setItemText(index, _("All queues"))
            elif choice == SHARED:
                self.queue.setItemText(index, _("Shared queue (any doctor)"))

    def chosen_doctor(self) -> tuple[int, str] | None:
        """The doctor whose queue is shown (and whom "Call next" calls for), with their specialty."""
        choice = self._queue_choice()
        return choice if isinstance(choice, tuple) else None

    def choose_doctor(self, doctor_id: int) -> None:
        for index, choice in enumerate(self._queues):
            if isinstance(choice, tuple) and choice[0] == doctor_id:
                self.queue.setCurrentIndex(index)

    def _show_queue(self) -> None:
        doctor = self.chosen_doctor()
        if doctor is not None:
            rows = [r for r in self._all_rows if waiting.in_queue_of(r, *doctor)]
        elif self._queue_choice() == SHARED:
            rows = [r for r in self._all_rows if r.doctor_id is None]
        else:
            rows = self._all_rows
        self.model.set_rows(rows)
        self._late = {r.id for r in rows if self._too_long(r)}
        self._shown = self._live_minutes(rows)
        self.summary.setText(self.summary_text())
        self._update_actions()

    def tick(self) -> None:
        """Time passed: the minutes change, and rows that crossed the warning time change colour."""
        if not (self.is_on_screen() and self.is_allowed()):
            return
        rows = self.model.rows()
        late = {r.id for r in rows if self._too_long(r)}
        changed = late ^ self._late
        self._late = late
        shown = self._live_minutes(rows)
        moved = [i for i, r in enumerate(rows) if r.id not in changed and shown[r.id] != self._shown.get(r.id)]
        self._shown = shown
        self.model.refresh_cells(self.LIVE_COLUMNS, moved)
        if changed:
            recoloured = [i for i, r in enumerate(rows) if r.id in changed]
            self.model.refresh_cells(range(self.model.columnCount()), recoloured)
            self.summary.setText(self.summary_text())

    # -- actions --------------------------------------------------------------------------------------------

    def selected(self) -> WaitingRow | None:
        index = self.table.view.currentIndex()
        return self.model.row(self.table.proxy.mapToSource(index)) if index.isValid() else None

    def _update_actions(self) -> None:
        manage = self.is_allowed() and can(self._ctx.actor, Permission.MANAGE_WAITING) and self.is_today()
        row = self.selected()
        steps = waiting.next_steps(row.status) if row is not None else frozenset()
        self.check_in_action.setEnabled(manage)
        self.walk_in_action.setEnabled(manage)
        self.call_next_action.setEnabled(manage and self.chosen_doctor() is not None)
        self.start_action.setEnabled(manage and WaitingStatus.IN_CONSULTATION in steps)
        self.finish_action.setEnabled(manage and WaitingStatus.DONE in steps)
        self.send_back_action.setEnabled(manage and row is not None and row.status is WaitingStatus.CALLED)
        self.left_action.setEnabled(manage and WaitingStatus.LEFT in steps)
        self.urgent_action.setEnabled(manage and row is not None and row.still_waiting and not row.urgent)
        self.settings_action.setEnabled(can(self._ctx.actor, Permission.MANAGE_CLINIC))
        self.stats_action.setEnabled(self.is_allowed())

    def _select(self, entry_id: int) -> None:
        for position, row in enumerate(self.model.rows()):
            if row.id == entry_id:
                self.table.view.setCurrentIndex(self.table.proxy.mapFromSource(self.model.index(position, 0)))
                return

    def _refresh_and_select(self, entry_id: int) -> None:
        self.reload()
        self._select(entry_id)

    def check_in(self) -> None:
        dialog = CheckInDialog(self._ctx, self)
        if dialog.exec() and dialog.admitted is not None:
            self._refresh_and_select(dialog.admitted.id)

    def walk_in(self) -> None:
        doctor = self.chosen_doctor()
        dialog = WalkInDialog(self._ctx, doctor[0] if doctor else None, self)
        if dialog.exec() and dialog.admitted is not None:
            self._refresh_and_select(dialog.admitted.id)

    def call_next(self) -> None:
        doctor = self.chosen_doctor()
        if doctor is None or not self.call_next_action.isEnabled():
            return
        try:
            called = waiting.call_next(self._ctx, doctor[0])
        except DomainError as error:
            show_domain_error(self, error)
            return
        self._refresh_and_select(called.id)

    def _step(self, step: Callable[[Context, int], WaitingRow]) -> None:
        row = self.selected()
        if row is None:
            return
        with reporting_domain_errors(self):
            self._refresh_and_select(step(self._ctx, row.id).id)

    def mark_urgent(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = ReasonDialog(
            lambda: (_("Urgent"), _("Why must {patient} be seen first?").format(patient=row.patient_name)),
            lambda text: waiting.mark_urgent(self._ctx, row.id, text), self)
        if dialog.exec():
            self._refresh_and_select(row.id)

    def show_stats(self) -> None:
        WaitStatsDialog(self._ctx, self.day(), self).exec()

    def edit_settings(self) -> None:
        WaitingRoomSettingsDialog(self._ctx, self).exec()

    # -- texts ----------------------------------------------------------------------------------------------

    def summary_text(self) -> str:
        waiting_now = [r for r in self.model.rows() if r.still_waiting]
        text = ngettext("{count} patient waiting", "{count} patients waiting", len(waiting_now)).format(
            count=format_integer(len(waiting_now)))
        late = sum(1 for r in waiting_now if self._too_long(r))
        if late:
            text += " · " + _("{count} over {minutes} min").format(
                count=format_integer(late), minutes=format_integer(self._ctx.clinic().wait_warning_minutes))
        return f"{text} · {self.waitlist.summary_text()}"

    def retranslate_body(self) -> None:
        self.tabs.setTabText(0, _("Queue"))
        self.tabs.setTabText(1, _("Waitlist"))
        self._name_queues()
        self.queue.setToolTip(_("Whose queue to show; “Call next” calls from the chosen doctor's queue"))
        texts = {
            self.check_in_action: (_("Check in…"), _("A booked patient has arrived")),
            self.walk_in_action: (_("Walk-in…"), _("A patient without an appointment")),
            self.call_next_action: (_("Call next"), _("Call the first patient of the chosen doctor's queue (F9)")),
            self.start_action: (_("With the doctor"), _("The called patient went in")),
            self.finish_action: (pgettext("waiting room action", "Done"),
                                 _("The visit is over; the cashier's queue shows it")),
            self.send_back_action: (_("Back to waiting"), _("The called patient did not come; keep their place")),
            self.left_action: (pgettext("waiting room action", "Left"), _("Left without being seen")),
            self.urgent_action: (_("Urgent…"), _("Call this patient before the others, with a reason")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip)
        self.more_button.setText(_("More"))
        self.stats_action.setText(_("Waiting times…"))
        self.settings_action.setText(_("Waiting room settings…"))
        self.waitlist.retranslate()

    # -- the clock ------------------------------------------------------------------------------------------

    def _live_minutes(self, rows: list[WaitingRow]) -> dict[int, tuple[int, int | None]]:
        now = self._ctx.clock.now()
        return {r.id: (r.waited_minutes(now), r.expected_wait_minutes(now)) for r in rows}

    def _waited(self, row: WaitingRow) -> int:
        return row.waited_minutes(self._ctx.clock.now())

    def _expected(self, row: WaitingRow) -> int | None:
        return row.expected_wait_minutes(self._ctx.clock.now())

    def _expected_text(self, row: WaitingRow) -> str:
        expected = self._expected(row)
        return about_minutes(expected) if expected is not None else ""

    def _too_long(self, row: WaitingRow) -> bool:
        return row.waits_too_long(self._ctx.clock.now(), self._ctx.clinic().wait_warning_minutes)

    def _warning(self, row: WaitingRow) -> str:
        if row.id not in self._late:
            return ""
        return _("Waiting longer than {minutes} minutes").format(
            minutes=format_integer(self._ctx.clinic().wait_warning_minutes))

    def _empty_text(self) -> str:
        if self.is_today():
            return _("Nobody is in the waiting room.")
        return _("Nobody was in the waiting room on {day}.").format(day=format_date(self.day(), "full"))


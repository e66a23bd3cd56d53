"""The Calls & tasks dock: today's worklists to work through, the chosen day's calls, and the open tasks.

Each worklist item is done by logging its call (the call dialog opens filled in from the item); the dock
also adds tasks, closes them, and closes the shift with its handover.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.context import Context
from app.events import Topic
from app.i18n import N_, _, format_date, format_integer, ngettext
from app.labels import label
from app.models.calls import CallDirection, CallPurpose, TaskPriority, WorkKind
from app.services import calls, invoices, patients, waitlist, worklists
from app.services.calls import CallRow, LoggedCall, TaskRow
from app.services.invoices import Balance
from app.services.permissions import Permission, can
from app.services.worklists import WorkItem
from ui.docks.base import DayPanelDock
from ui.docks.cells import clinic_datetime, clinic_time, owes_column, timestamp
from ui.docks.report_tab import DeskReportsPanel
from ui.models.table import RIGHT, Column, RowStyle, RowTableModel
from ui.widgets.look import OVERDUE_BACKGROUND, TASK_PRIORITY, TEXT_ON_TINT, color
from ui.widgets.messages import reporting_domain_errors, show_information
from ui.widgets.table_panel import TablePanel

#: The purpose of the call that works an item of each list (a callback continues its own purpose).
ITEM_PURPOSE = {
    WorkKind.REMINDER: CallPurpose.REMINDER,
    WorkKind.FOLLOW_UP: CallPurpose.FOLLOW_UP,
    WorkKind.NO_SHOW: CallPurpose.BOOKING,
    WorkKind.RECALL: CallPurpose.RECALL,
}
#: Purposes a callback keeps: calling back about a reminder is still the reminder.
CONTINUED_PURPOSES = frozenset({CallPurpose.REMINDER, CallPurpose.FOLLOW_UP, CallPurpose.RECALL})


class CallsDock(DayPanelDock):
    object_name = "calls_dock"
    title = N_("Calls & tasks")
    permission = Permission.VIEW_CALLS
    topics = frozenset({Topic.CALLS, Topic.TASKS, Topic.PATIENTS, Topic.STAFF, Topic.CLINIC, Topic.APPOINTMENTS,
                        Topic.INVOICES, Topic.PAYMENTS})
    #: The work lists' column of the patient's debt, hidden from a user who may not see the cashier's figures.
    OWES_COLUMN = 2

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._lists: dict[WorkKind, list[WorkItem]] = {kind: [] for kind in WorkKind}
        self._balances: dict[int, Balance] = {}
        self.work_model: RowTableModel[WorkItem] = RowTableModel(self._work_columns(), key=lambda r: r.key,
                                                                 parent=self)
        self.calls_model: RowTableModel[CallRow] = RowTableModel(self._call_columns(), key=lambda r: r.id,
                                                                 parent=self)
        task_style = RowStyle[TaskRow](
            foreground=lambda r: TEXT_ON_TINT if self._overdue(r) else None,
            background=lambda r: OVERDUE_BACKGROUND if self._overdue(r) else None,
        )
        self.tasks_model: RowTableModel[TaskRow] = RowTableModel(self._task_columns(), key=lambda r: r.id,
                                                                 style=task_style, parent=self)
        self.tabs = QTabWidget(self.widget())
        self.tabs.setDocumentMode(True)

        self.kind = QComboBox()
        self.kind.setObjectName("worklist_kind")
        for kind in WorkKind:
            self.kind.addItem(label(kind), kind.value)  # Qt keeps a StrEnum as its plain string
        self.work_table = TablePanel(self.work_model, self._no_items, sort_column=-1)
        self.call_item_button = QPushButton()
        self.work_page = self._page([self.kind, self.call_item_button], self.work_table)

        self.calls_table = TablePanel(self.calls_model, self._no_calls, sort_column=-1)
        self.log_call_button = QPushButton()
        self.calls_page = self._page([self.log_call_button], self.calls_table)

        self.tasks_table = TablePanel(self.tasks_model, lambda: _("No open tasks."), sort_column=-1)
        self.new_task_button = QPushButton()
        self.close_task_button = QPushButton()
        self.close_shift_button = QPushButton()
        self.tasks_page = self._page([self.new_task_button, self.close_task_button, self.close_shift_button],
                                     self.tasks_table)
        self.reports = DeskReportsPanel(ctx, self.tabs)
        for page in (self.work_page, self.calls_page, self.tasks_page, self.reports):
            self.tabs.addTab(page, "")
        self.body_layout.addWidget(self.tabs)
        self.finish_layout()
        self._connect_signals()
        self.retranslate()

    def _page(self, controls: list[QWidget], table: TablePanel) -> QWidget:
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        row = QHBoxLayout()
        for control in controls:
            control.setParent(page)
            row.addWidget(control)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(table)
        return page

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(lambda _index: self._show_list())
        self.call_item_button.clicked.connect(self.work_current_item)
        self.work_table.view.activated.connect(lambda _index: self.work_current_item())
        self.log_call_button.clicked.connect(lambda: self.log_call())
        self.new_task_button.clicked.connect(self.new_task)
        self.close_task_button.clicked.connect(self.close_current_task)
        self.tasks_table.view.activated.connect(lambda _index: self.close_current_task())
        self.close_shift_button.clicked.connect(self.close_shift)
        self.tabs.currentChanged.connect(self._tab_changed)
        shortcut = QShortcut(QKeySequence("Ctrl+Shift+L"), self.widget())
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.log_call())

    # -- columns --------------------------------------------------------------------------------------------

    def _work_columns(self) -> list[Column[WorkItem]]:
        ctx = self._ctx
        return [
            Column(N_("When"), lambda r: clinic_datetime(ctx, r.when), lambda r: timestamp(r.when)),
            Column(N_("Patient"), lambda r: r.patient_name),
            owes_column(ctx, lambda: self._balances, lambda r: r.patient_id),
            Column(N_("Phone"), lambda r: r.phone),
            Column(N_("Doctor"), lambda r: r.doctor_name),
            Column(N_("About"), self._item_about),
            Column(N_("Attempts"), lambda r: format_integer(r.attempts) if r.attempts else "", lambda r: r.attempts,
                   align=RIGHT),
            Column(N_("Note"), lambda r: r.note, tooltip=lambda r: r.note),
        ]

    def _item_about(self, item: WorkItem) -> str:
        if item.kind is WorkKind.CALLBACK and item.purpose is not None:
            return label(item.purpose)
        if item.recall_due_on is not None:
            return _("Due on {day}").format(day=format_date(item.recall_due_on, "medium"))
        return ""

    def _call_columns(self) -> list[Column[CallRow]]:
        ctx = self._ctx
        return [
            Column(N_("Time"), lambda r: clinic_time(ctx, r.at), lambda r: timestamp(r.at)),
            Column(N_("Direction"), lambda r: label(r.direction)),
            Column(N_("Channel"), lambda r: label(r.channel)),
            Column(N_("Purpose"), lambda r: label(r.purpose)),
            Column(N_("Outcome"), self._outcome_text),
            Column(N_("Caller"), lambda r: r.who),
            Column(N_("Phone"), lambda r: r.phone),
            Column(N_("Taken by"), lambda r: r.by),
            Column(N_("Note"), lambda r: r.note, tooltip=lambda r: r.note),
        ]

    def _outcome_text(self, row: CallRow) -> str:
        text = label(row.outcome)
        if row.refusal is not None:
            return _("{outcome}: {reason}").format(outcome=text, reason=label(row.refusal))
        if row.callback_at is not None:
            return _("{outcome}: {time}").format(outcome=text, time=clinic_datetime(self._ctx, row.callback_at))
        return text

    def _task_columns(self) -> list[Column[TaskRow]]:
        ctx = self._ctx
        return [
            Column(N_("Due"), lambda r: clinic_datetime(ctx, r.due_at), lambda r: timestamp(r.due_at)),
            Column(N_("Priority"), lambda r: label(r.priority), lambda r: list(TaskPriority).index(r.priority),
                   foreground=lambda r: color(TASK_PRIORITY[r.priority]) if r.priority in TASK_PRIORITY
                   and not self._overdue(r) else None),
            Column(N_("Task"), lambda r: r.title, tooltip=lambda r: r.details or r.title),
            Column(N_("Assigned to"), lambda r: r.assigned_to or (label(r.assigned_role) if r.assigned_role else "")),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Status"), lambda r: label(r.status)),
        ]

    # -- data -----------------------------------------------------------------------------------------------

    def panels(self) -> list[TablePanel]:
        return [self.work_table, self.calls_table, self.tasks_table]

    def load(self) -> None:
        self._lists = worklists.worklists(self._ctx)
        self._balances = invoices.balances_of(
            self._ctx, {item.patient_id for items in self._lists.values() for item in items if item.patient_id})
        self._show_list()
        self.calls_model.set_rows(calls.calls_on(self._ctx, self.day()))
        self.tasks_model.set_rows(calls.open_tasks(self._ctx))
        self._retranslate_counts()

    def _show_list(self) -> None:
        self.work_model.set_rows(self._lists.get(self.current_kind(), []))

    def current_kind(self) -> WorkKind:
        return WorkKind(self.kind.currentData())

    def show_kind(self, kind: WorkKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _current(self, table: TablePanel) -> object | None:
        index = table.view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return table.model.row(table.proxy.mapToSource(index))

    def select_row(self, table: TablePanel, row: int) -> None:
        table.view.setCurrentIndex(table.proxy.mapFromSource(table.model.index(row, 0, QModelIndex())))

    # -- actions --------------------------------------------------------------------------------------------

    def log_call(self, item: WorkItem | None = None) -> LoggedCall | None:
        """The call dialog, filled in from ``item`` when working a worklist; then what the call freed."""
        from ui.dialogs.call_log import CallDialog  # dialogs use the docks' cell formats: imported when used

        kwargs: dict[str, object] = {}
        with reporting_domain_errors(self):
            if item is not None:
                purpose = ITEM_PURPOSE.get(item.kind, CallPurpose.CALLBACK)
                if item.kind is WorkKind.CALLBACK and item.purpose in CONTINUED_PURPOSES:
                    purpose = item.purpose
                kwargs = {"direction": CallDirection.OUTGOING, "purpose": purpose,
                          "patient": patients.get(self._ctx, item.patient_id) if item.patient_id else None,
                          "appointment_id": item.appointment_id, "answers_call_id": item.call_id}
            dialog = CallDialog(self._ctx, self, **kwargs)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.logged is None:
                return None
            logged = dialog.logged
            if logged.cancelled is not None:
                self._offer_freed_slot(logged)
            return logged
        return None

    def _offer_freed_slot(self, logged: LoggedCall) -> None:
        """A reminder call cancelled an appointment: offer its slot to the first matching waitlist request."""
        from ui.dialogs.waitlist_offer import WaitlistOfferDialog

        freed = logged.cancelled
        assert freed is not None
        offers = waitlist.matches(self._ctx, freed.doctor_id, freed.start_at)
        if not offers:
            show_information(self, _("The slot is free again; nobody on the waitlist matches it."))
            return
        WaitlistOfferDialog(self._ctx, freed, offers, self).exec()

    def _tab_changed(self, index: int) -> None:
        """The reports are read when their tab is opened (and refreshed each time), not with every change."""
        if self.tabs.widget(index) is self.reports and self.is_allowed():
            self.reports.load()

    def show_reports(self) -> DeskReportsPanel:
        self.tabs.setCurrentWidget(self.reports)
        return self.reports

    def work_current_item(self) -> None:
        item = self._current(self.work_table)
        if isinstance(item, WorkItem):
            self.log_call(item)

    def new_task(self) -> None:
        from ui.dialogs.task_form import TaskDialog

        with reporting_domain_errors(self):
            TaskDialog(self._ctx, self).exec()

    def close_current_task(self) -> None:
        task = self._current(self.tasks_table)
        if isinstance(task, TaskRow):
            from ui.dialogs.task_form import CloseTaskDialog

            CloseTaskDialog(self._ctx, task, self).exec()

    def close_shift(self) -> None:
        from ui.dialogs.shift_handover import CloseShiftDialog

        with reporting_domain_errors(self):
            dialog = CloseShiftDialog(self._ctx, self)
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.closed is not None:
                show_information(self, ngettext(
                    "The shift is closed; {count} item was handed over.",
                    "The shift is closed; {count} items were handed over.",
                    dialog.closed.handed_over).format(count=format_integer(dialog.closed.handed_over)))

    # -- texts ----------------------------------------------------------------------------------------------

    def apply_actor(self) -> None:
        super().apply_actor()
        self.reports.apply_actor()
        self.work_table.view.setColumnHidden(self.OWES_COLUMN, not can(self._ctx.actor, Permission.VIEW_CASHIER))
        may_log = can(self._ctx.actor, Permission.LOG_CALLS)
        for button in (self.call_item_button, self.log_call_button, self.new_task_button, self.close_task_button,
                       self.close_shift_button):
            button.setEnabled(may_log)

    def summary_text(self) -> str:
        todo = sum(len(items) for items in self._lists.values())
        calls_count, tasks_count = len(self.calls_model.rows()), len(self.tasks_model.rows())
        return " · ".join([
            ngettext("{count} to call", "{count} to call", todo).format(count=format_integer(todo)),
            ngettext("{count} call", "{count} calls", calls_count).format(count=format_integer(calls_count)),
            ngettext("{count} open task", "{count} open tasks", tasks_count).format(
                count=format_integer(tasks_count)),
        ])

    def _retranslate_counts(self) -> None:
        for row in range(self.kind.count()):
            kind = WorkKind(self.kind.itemData(row))
            self.kind.setItemText(row, _("{list} ({count})").format(
                list=label(kind), count=format_integer(len(self._lists.get(kind, [])))))

    def retranslate_body(self) -> None:
        self.tabs.setTabText(0, _("To call"))
        self.tabs.setTabText(1, _("Calls"))
        self.tabs.setTabText(2, _("Tasks"))
        self.tabs.setTabText(3, _("Reports"))
        self.call_item_button.setText(_("&Call…"))
        self.call_item_button.setToolTip(_("Log the call for the chosen item (or double-click it)"))
        self.log_call_button.setText(_("&Log a call…"))
        self.log_call_button.setToolTip(_("Log an incoming or outgoing call (Ctrl+Shift+L)"))
        self.new_task_button.setText(_("&New task…"))
        self.close_task_button.setText(_("Done / not done…"))
        self.close_shift_button.setText(_("Close the &shift…"))
        self._retranslate_counts()

    def _overdue(self, row: TaskRow) -> bool:
        return row.overdue(self._ctx.clock.now())

    def _no_calls(self) -> str:
        return _("No calls on {day}.").format(day=format_date(self.day(), "full"))

    def _no_items(self) -> str:
        return _("Nobody to call on this list.")

"""The Calls & tasks dock: the chosen day's calls above, the open tasks below, in a splitter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.context import Context
from app.events import Topic
from app.i18n import N_, _, format_date, format_integer, ngettext
from app.labels import label
from app.models.calls import TaskPriority
from app.services import calls
from app.services.calls import CallRow, TaskRow
from app.services.permissions import Permission
from ui.docks.base import DayPanelDock
from ui.docks.cells import clinic_datetime, clinic_time, timestamp
from ui.models.table import Column, RowStyle, RowTableModel
from ui.widgets.look import OVERDUE_BACKGROUND, TASK_PRIORITY, TEXT_ON_TINT, bold, color
from ui.widgets.table_panel import TablePanel


class CallsDock(DayPanelDock):
    object_name = "calls_dock"
    title = N_("Calls & tasks")
    permission = Permission.VIEW_CALLS
    topics = frozenset({Topic.CALLS, Topic.TASKS, Topic.PATIENTS, Topic.STAFF, Topic.CLINIC})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.calls_model: RowTableModel[CallRow] = RowTableModel(self._call_columns(), key=lambda r: r.id,
                                                                 parent=self)
        task_style = RowStyle[TaskRow](
            foreground=lambda r: TEXT_ON_TINT if self._overdue(r) else None,
            background=lambda r: OVERDUE_BACKGROUND if self._overdue(r) else None,
        )
        self.tasks_model: RowTableModel[TaskRow] = RowTableModel(self._task_columns(), key=lambda r: r.id,
                                                                 style=task_style, parent=self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.widget())
        self.splitter.setChildrenCollapsible(False)
        self.calls_title = QLabel()
        self.calls_table = TablePanel(self.calls_model, self._no_calls, sort_column=-1)
        self.tasks_title = QLabel()
        self.tasks_table = TablePanel(self.tasks_model, lambda: _("No open tasks."), sort_column=-1)
        for caption, table in ((self.calls_title, self.calls_table), (self.tasks_title, self.tasks_table)):
            pane = QWidget(self.splitter)
            layout = QVBoxLayout(pane)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            caption.setFont(bold())
            layout.addWidget(caption)
            layout.addWidget(table)
            self.splitter.addWidget(pane)
        self.splitter.setSizes([3, 2])
        self.body_layout.addWidget(self.splitter)
        self.finish_layout()
        self.retranslate()

    def _call_columns(self) -> list[Column[CallRow]]:
        ctx = self._ctx
        return [
            Column(N_("Time"), lambda r: clinic_time(ctx, r.at), lambda r: timestamp(r.at)),
            Column(N_("Direction"), lambda r: label(r.direction)),
            Column(N_("Purpose"), lambda r: label(r.purpose)),
            Column(N_("Outcome"), lambda r: label(r.outcome)),
            Column(N_("Caller"), lambda r: r.who),
            Column(N_("Phone"), lambda r: r.phone),
            Column(N_("Taken by"), lambda r: r.by),
            Column(N_("Note"), lambda r: r.note, tooltip=lambda r: r.note),
        ]

    def _task_columns(self) -> list[Column[TaskRow]]:
        ctx = self._ctx
        return [
            Column(N_("Due"), lambda r: clinic_datetime(ctx, r.due_at), lambda r: timestamp(r.due_at)),
            Column(N_("Priority"), lambda r: label(r.priority), lambda r: list(TaskPriority).index(r.priority),
                   foreground=lambda r: color(TASK_PRIORITY[r.priority]) if r.priority in TASK_PRIORITY
                   and not self._overdue(r) else None),
            Column(N_("Task"), lambda r: r.title, tooltip=lambda r: r.title),
            Column(N_("Assigned to"), lambda r: r.assigned_to),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Status"), lambda r: label(r.status)),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.calls_table, self.tasks_table]

    def load(self) -> None:
        self.calls_model.set_rows(calls.calls_on(self._ctx, self.day()))
        self.tasks_model.set_rows(calls.open_tasks(self._ctx))

    def summary_text(self) -> str:
        calls_count, tasks_count = len(self.calls_model.rows()), len(self.tasks_model.rows())
        return " · ".join([
            ngettext("{count} call", "{count} calls", calls_count).format(count=format_integer(calls_count)),
            ngettext("{count} open task", "{count} open tasks", tasks_count).format(
                count=format_integer(tasks_count)),
        ])

    def retranslate_body(self) -> None:
        self.calls_title.setText(_("Calls"))
        self.tasks_title.setText(_("Open tasks"))

    def _overdue(self, row: TaskRow) -> bool:
        return row.overdue(self._ctx.clock.now())

    def _no_calls(self) -> str:
        return _("No calls on {day}.").format(day=format_date(self.day(), "full"))

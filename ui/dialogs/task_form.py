"""A new task, and closing one as done or not done with a note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.context import Context
from app.i18n import _
from app.labels import label
from app.models.calls import TaskPriority, TaskStatus
from app.models.staff import Role
from app.services import handover, tasks
from app.services.calls import TaskRow
from app.services.tasks import TaskInput
from ui.dialogs.service_dialog import SAVE_CANCEL, ServiceDialog
from ui.widgets.date_edit import DateTimeEdit
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.patient_picker import PatientPicker

#: Roles a desk task is usually given to.
TASK_ROLES = (Role.RECEPTIONIST, Role.CASHIER, Role.ADMINISTRATOR, Role.DOCTOR, Role.CERTIFICATE_CLERK)


class TaskDialog(ServiceDialog):
    """``exec() == Accepted`` means ``created`` holds the new task."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, SAVE_CANCEL)
        self.setObjectName("task_dialog")
        self._ctx = ctx
        self.created: TaskRow | None = None
        self.setMinimumWidth(480)
        self.title = QLineEdit(self)
        self.details = QPlainTextEdit(self)
        self.details.setTabChangesFocus(True)
        self.details.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.priority = EnumCombo(TaskPriority, TaskPriority.NORMAL, self)
        self.has_deadline = QCheckBox(self)
        self.deadline = DateTimeEdit(self)
        self.deadline.setTimeZone(QTimeZone(ctx.clinic().time_zone.encode()))
        later = ctx.clock.now() + timedelta(hours=2)
        self.deadline.setDateTime(QDateTime.fromSecsSinceEpoch(int(later.replace(minute=0).timestamp()),
                                                               self.deadline.timeZone()))
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.deadline, 1)
        self.assignee = QComboBox(self)
        self._colleagues = handover.colleagues(ctx)
        self.picker = PatientPicker(ctx, self)
        self._labels = [QLabel(self) for _ in range(6)]
        form = QFormLayout()
        for caption, field in zip(self._labels, (self.title, self.details, self.priority, deadline_row,
                                                  self.assignee, self.picker), strict=True):
            form.addRow(caption, field)
        self.lay_out(form)
        self.retranslate()

    def task_input(self) -> TaskInput:
        target = self.assignee.currentData()
        due = (datetime.fromtimestamp(self.deadline.dateTime().toSecsSinceEpoch(), UTC)
               if self.has_deadline.isChecked() else None)
        patient = self.picker.patient()
        return TaskInput(
            title=self.title.text(), details=self.details.toPlainText(), priority=self.priority.value(), due_at=due,
            assigned_user_id=target if isinstance(target, int) else None,
            assigned_role=Role(target) if isinstance(target, str) else None,
            patient_id=patient.id if patient else None)

    def submit(self) -> None:
        self.created = tasks.add(self._ctx, self.task_input())

    def retranslate(self) -> None:
        self.setWindowTitle(_("New task"))
        for caption, text in zip(self._labels, (_("&Task:"), _("&Details:"), _("P&riority:"), _("D&eadline:"),
                                                 _("&Assigned to:"), _("P&atient:")), strict=True):
            caption.setText(text)
        self.has_deadline.setText(_("by"))
        chosen = self.assignee.currentIndex()
        self.assignee.clear()
        self.assignee.addItem(_("Anyone at the desk"), None)
        for role in TASK_ROLES:
            self.assignee.addItem(_("Role: {role}").format(role=label(role)), role.value)
        for colleague in self._colleagues:
            self.assignee.addItem(colleague.name, colleague.id)
        self.assignee.setCurrentIndex(max(0, chosen))
        super().retranslate()


class CloseTaskDialog(ServiceDialog):
    """Done, or not done with the reason (the service requires the note then)."""

    def __init__(self, ctx: Context, task: TaskRow, parent: QWidget | None = None) -> None:
        super().__init__(parent, QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("close_task_dialog")
        self._ctx = ctx
        self._task = task
        self.setMinimumWidth(420)
        self.heading = QLabel(task.title, self)
        self.heading.setWordWrap(True)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.note_label = QLabel(self)
        self._status = TaskStatus.DONE
        self.done_button = QPushButton(self)
        self.done_button.setDefault(True)
        self.not_done_button = QPushButton(self)
        for button, status in ((self.done_button, TaskStatus.DONE), (self.not_done_button, TaskStatus.NOT_DONE)):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(lambda _checked=False, status=status: self.close_as(status))
        self.lay_out(self.heading, self.note_label, self.note)
        self.retranslate()

    def close_as(self, status: TaskStatus) -> None:
        """Each button says how the task ends; ``submit`` closes it so."""
        self._status = status
        self.accept()

    def submit(self) -> None:
        tasks.close(self._ctx, self._task.id, self._status, self.note.toPlainText())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Close the task"))
        self.note_label.setText(_("Note (required when not done):"))
        self.done_button.setText(label(TaskStatus.DONE))
        self.not_done_button.setText(label(TaskStatus.NOT_DONE))
        super().retranslate()

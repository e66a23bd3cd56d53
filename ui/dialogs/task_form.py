"""A new task, and closing one as done or not done with a note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QEvent, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import _
from app.labels import label
from app.models.calls import TaskPriority, TaskStatus
from app.models.staff import Role
from app.services import handover, tasks
from app.services.calls import TaskRow
from app.services.tasks import TaskInput
from ui.dialogs.common import ErrorLabel
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.patient_picker import PatientPicker

#: Roles a desk task is usually given to.
TASK_ROLES = (Role.RECEPTIONIST, Role.CASHIER, Role.ADMINISTRATOR, Role.DOCTOR, Role.CERTIFICATE_CLERK)


class TaskDialog(QDialog):
    """``exec() == Accepted`` means ``created`` holds the new task."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.deadline = QDateTimeEdit(self)
        self.deadline.setCalendarPopup(True)
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
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
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

    def accept(self) -> None:
        try:
            self.created = tasks.add(self._ctx, self.task_input())
        except DomainError as error:
            self.error.show_error(error)
            return
        super().accept()

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
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class CloseTaskDialog(QDialog):
    """Done, or not done with the reason (the service requires the note then)."""

    def __init__(self, ctx: Context, task: TaskRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.error = ErrorLabel(self)
        self.done_button = QPushButton(self)
        self.not_done_button = QPushButton(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.not_done_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button.clicked.connect(lambda: self.close_as(TaskStatus.DONE))
        self.not_done_button.clicked.connect(lambda: self.close_as(TaskStatus.NOT_DONE))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.note_label, self.note, self.error, self.buttons):
            layout.addWidget(widget)
        self.retranslate()

    def close_as(self, status: TaskStatus) -> None:
        try:
            tasks.close(self._ctx, self._task.id, status, self.note.toPlainText())
        except DomainError as error:
            self.error.show_error(error)
            return
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Close the task"))
        self.note_label.setText(_("Note (required when not done):"))
        self.done_button.setText(label(TaskStatus.DONE))
        self.not_done_button.setText(label(TaskStatus.NOT_DONE))
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

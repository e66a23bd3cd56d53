"""One complaint: what was said, its timeline, and the next steps (route, acknowledge, resolve, answer, close).

A step's words (the message to the patient, the resolution, the reason to reopen, a note) are typed into one
box and the step's button takes them; the buttons a status does not allow are disabled (the service checks
again). The patient's data can be exported on request or removed (anonymised) here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QEvent, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import N_, _
from app.labels import label
from app.models.complaints import ComplaintStep, ContactChannel, Urgency
from app.services import complaint_privacy, complaint_rules, complaint_workflow, complaints
from app.services.complaint_workflow import Response, check_transition
from app.services.complaints import ComplaintDetail, TimelineStep
from ui.dialogs.common import ErrorLabel, heading_label, muted_label
from ui.dialogs.complaint_form import department_combo, person_combo
from ui.docks.cells import clinic_datetime, timestamp
from ui.models.table import Column, RowTableModel
from ui.widgets.date_edit import DateTimeEdit
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.table_panel import TablePanel

_TIMELINE_COLUMNS = (N_("When"), N_("Step"), N_("By"), N_("Patient informed by"), N_("What was said or done"))
#: The step each button takes; the buttons a status does not allow are disabled.
_BUTTON_STEPS = ("assign", "acknowledge", "start", "resolve", "respond", "close", "reopen", "note", "reclassify")
_STEP_OF = {"reclassify": ComplaintStep.RECLASSIFIED, "assign": ComplaintStep.ASSIGNED,
            "acknowledge": ComplaintStep.ACKNOWLEDGED,
            "start": ComplaintStep.IN_PROGRESS, "resolve": ComplaintStep.RESOLVED,
            "respond": ComplaintStep.RESPONDED, "close": ComplaintStep.CLOSED, "reopen": ComplaintStep.REOPENED,
            "note": ComplaintStep.NOTE}


class ComplaintDetailDialog(QDialog):
    def __init__(self, ctx: Context, complaint_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_detail")
        self._ctx = ctx
        self._id = complaint_id
        self.detail: ComplaintDetail | None = None
        self.setMinimumSize(760, 780)

        self.heading = heading_label(self, 1.2)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.said = QPlainTextEdit(self)
        self.said.setReadOnly(True)
        self.said.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.said.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.timeline_model: RowTableModel[TimelineStep] = RowTableModel([
            Column(_TIMELINE_COLUMNS[0], lambda s: clinic_datetime(ctx, s.at), lambda s: timestamp(s.at)),
            Column(_TIMELINE_COLUMNS[1], lambda s: label(s.step)),
            Column(_TIMELINE_COLUMNS[2], lambda s: s.actor),
            Column(_TIMELINE_COLUMNS[3], lambda s: label(s.informed_via) if s.informed_via else ""),
            Column(_TIMELINE_COLUMNS[4], lambda s: s.text, tooltip=lambda s: s.text),
        ], parent=self)
        self.timeline = TablePanel(self.timeline_model, lambda: "", sort_column=-1, parent=self)

        self.step_text = QPlainTextEdit(self)
        self.step_text.setTabChangesFocus(True)
        self.step_text.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.informed_via = EnumCombo(ContactChannel, ContactChannel.PHONE, self)
        self.when = DateTimeEdit(self)
        self.when.setTimeZone(QTimeZone(ctx.clinic().time_zone.encode()))
        self.satisfied = QComboBox(self)
        for value in (None, True, False):
            self.satisfied.addItem("", value)
        self.department = department_combo(ctx, self)
        self.assignee = person_combo(ctx, self)
        self.category = QComboBox(self)
        self.category.addItem("", None)
        for category in complaint_rules.list_categories(ctx, include_inactive=True):
            self.category.addItem(category.name, category.id)
        self.urgency = EnumCombo(Urgency, Urgency.NORMAL, self)
        # The words span the width; the step's details stand in two columns, leaving the timeline its height.
        self.step_form = QFormLayout()
        left, right = QFormLayout(), QFormLayout()
        self._captions: dict[str, QLabel] = {}
        for form, key, field in ((self.step_form, "text", self.step_text), (left, "via", self.informed_via),
                                 (left, "when", self.when), (left, "satisfied", self.satisfied),
                                 (right, "department", self.department), (right, "assignee", self.assignee),
                                 (left, "category", self.category), (right, "urgency", self.urgency)):
            caption = QLabel(self)
            caption.setBuddy(field)
            form.addRow(caption, field)
            self._captions[key] = caption
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.step_form.addRow(columns)

        self.buttons: dict[str, QPushButton] = {key: QPushButton(self) for key in _BUTTON_STEPS}
        self.export_button = QPushButton(self)
        self.anonymise_button = QPushButton(self)
        grid = QGridLayout()
        for index, key in enumerate(_BUTTON_STEPS):
            grid.addWidget(self.buttons[key], index // 4, index % 4)
        grid.addWidget(self.export_button, 3, 0, 1, 2)
        grid.addWidget(self.anonymise_button, 3, 2, 1, 2)
        self.hint = muted_label(self)
        self.error = ErrorLabel(self)
        self.close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.said)
        layout.addWidget(self.timeline, 1)
        layout.addLayout(self.step_form)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.close_box)
        self._connect_signals()
        self.load()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.close_box.rejected.connect(self.reject)
        actions = {"assign": self.assign, "acknowledge": self.acknowledge, "start": self.start, "resolve": self.resolve,
                   "respond": self.respond, "close": self.close_complaint, "reopen": self.reopen, "note": self.note,
                   "reclassify": self.reclassify}
        for key, action in actions.items():
            self.buttons[key].clicked.connect(action)
        self.export_button.clicked.connect(self.export)
        self.anonymise_button.clicked.connect(self.anonymise)

    def load(self) -> None:
        self.detail = detail = complaints.detail(self._ctx, self._id)
        row = detail.row
        self.heading.setText(f"{label(row.kind)} · {row.who or _('Anonymous')}")
        self.said.setPlainText(f"{row.subject}\n\n{detail.text}".strip() if row.subject else detail.text)
        self.timeline_model.set_rows(list(detail.timeline))
        self.department.setCurrentIndex(max(0, self.department.findData(row.department_id)))
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(row.assigned_to_id)))
        self.category.setCurrentIndex(max(0, self.category.findData(row.category_id)))
        self.urgency.set_value(row.urgency)
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(self._ctx.clock.now().timestamp())))
        for key, button in self.buttons.items():
            button.setEnabled(row.anonymised is False and check_transition(row.status, _STEP_OF[key]))
        self.anonymise_button.setEnabled(not row.anonymised)
        self.export_button.setEnabled(not row.anonymised)
        self._show_facts()

    def _show_facts(self) -> None:
        if self.detail is None:
            return
        d, row = self.detail, self.detail.row
        ctx = self._ctx
        lines = [
            _("Received {when} by {channel}").format(when=clinic_datetime(ctx, row.received_at),
                                                       channel=label(row.channel)),
            _("Status: {status} · urgency: {urgency} · category: {category}").format(
                status=label(row.status), urgency=label(row.urgency), category=row.category or _("Not classified")),
            _("Acknowledge by {ack} · resolve by {resolve}").format(
                ack=clinic_datetime(ctx, d.acknowledge_due_at), resolve=clinic_datetime(ctx, d.resolve_due_at)),
        ]
        if row.overdue:
            lines.append(_("Overdue since {due}").format(due=clinic_datetime(ctx, row.due_at)))
        if d.contact_details:
            lines.append(d.contact_details)
        self.facts.setText("\n".join(lines))

    # -- steps ----------------------------------------------------------------------------------------------

    def _when(self) -> datetime:
        return datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)

    def _take(self, step: Callable[[], object]) -> bool:
        """Run the step; on success reload and clear the box, on refusal show why (nothing was written)."""
        try:
            step()
        except DomainError as error:
            self.error.show_error(error)
            return False
        self.error.clear_message()
        self.step_text.clear()
        self.load()
        return True

    def assign(self) -> None:
        self._take(lambda: complaint_workflow.assign(self._ctx, self._id, self.department.currentData(),
                                                     self.assignee.currentData(), self.step_text.toPlainText()))

    def acknowledge(self) -> None:
        self._take(lambda: complaint_workflow.acknowledge(self._ctx, self._id, self.step_text.toPlainText(),
                                                          self.informed_via.value()))

    def start(self) -> None:
        self._take(lambda: complaint_workflow.start_work(self._ctx, self._id, self.step_text.toPlainText()))

    def resolve(self) -> None:
        self._take(lambda: complaint_workflow.resolve(self._ctx, self._id, self.step_text.toPlainText(),
                                                      self._when()))

    def respond(self) -> None:
        response = Response(self.step_text.toPlainText(), self.informed_via.value(), self._when(),
                            self.satisfied.currentData())
        self._take(lambda: complaint_workflow.respond(self._ctx, self._id, response))

    def close_complaint(self) -> None:
        self._take(lambda: complaint_workflow.close(self._ctx, self._id, self.step_text.toPlainText()))

    def reopen(self) -> None:
        self._take(lambda: complaint_workflow.reopen(self._ctx, self._id, self.step_text.toPlainText()))

    def note(self) -> None:
        self._take(lambda: complaint_workflow.add_note(self._ctx, self._id, self.step_text.toPlainText()))

    def reclassify(self) -> None:
        self._take(lambda: complaint_workflow.reclassify(self._ctx, self._id, self.category.currentData(),
                                                         self.urgency.value(), self.step_text.toPlainText()))

    # -- privacy --------------------------------------------------------------------------------------------

    def export(self) -> None:
        try:
            export = complaint_privacy.export_personal_data(self._ctx, self._id)
        except DomainError as error:
            self.error.show_error(error)
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the patient's data"), export.file_name,
                                                    _("JSON files (*.json)"))
        if path:
            Path(path).write_bytes(export.content)

    def anonymise(self) -> None:
        answer = QMessageBox.question(
            self, _("Anonymise"),
            _("Remove the patient, their contact and every text from this complaint for good? "
              "The statistics keep it."))
        if answer == QMessageBox.StandardButton.Yes:
            self._take(lambda: complaint_privacy.anonymise(self._ctx, self._id))

    # -- language -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Complaint"))
        captions = {"text": _("&Words for this step"), "via": _("Patient &informed by"), "when": _("&At"),
                    "satisfied": _("Patient sa&tisfied"), "department": _("&Department"),
                    "assignee": _("Res&ponsible"), "category": _("Cate&gory"), "urgency": _("&Urgency")}
        for key, text in captions.items():
            self._captions[key].setText(text)
        self.step_text.setPlaceholderText(
            _("The message to the patient, the resolution, the reason to reopen, or a note"))
        for index, text in enumerate((_("Not known yet"), _("Satisfied"), _("Not satisfied"))):
            self.satisfied.setItemText(index, text)
        self.department.setItemText(0, _("No department"))
        self.assignee.setItemText(0, _("Nobody yet"))
        self.category.setItemText(0, _("Not classified"))
        texts = {"assign": _("Assign"), "acknowledge": _("Acknowledge"), "start": _("Take into work"),
                 "resolve": _("Resolve"), "respond": _("Record the answer"), "close": _("Close the complaint"),
                 "reopen": _("Reopen"), "note": _("Add a note"), "reclassify": _("Change the category")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.export_button.setText(_("Export the patient's data…"))
        self.anonymise_button.setText(_("Anonymise…"))
        self.hint.setText(_("A complaint is closed only once resolved; reopening keeps its history."))
        self.timeline.retranslate()
        self._show_facts()
        if self.detail is not None:
            row = self.detail.row
            self.heading.setText(f"{label(row.kind)} · {row.who or _('Anonymous')}")
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


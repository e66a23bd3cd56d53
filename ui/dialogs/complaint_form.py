"""Logging a complaint (or suggestion, compliment, question) while the patient is still on the line.

The kind, channel and time start at the usual values (a complaint, by phone, now), so a call needs only the
patient and the text; the dialog suggests the category and urgency as the text is typed and staff confirm or
change them. Routing (department, person responsible) can be set here or later. The service decides; its
refusal is shown under the fields and nothing is written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QTimer, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import LOCALES, _, format_list, language_name
from app.labels import label
from app.models.complaints import ContactChannel, FeedbackKind, Urgency
from app.services import complaint_rules, complaint_suggestion, complaints, staff
from app.services.complaints import Attachment, ComplaintInput, ComplaintRow
from ui.dialogs.common import muted_label
from ui.dialogs.service_dialog import SAVE_CANCEL, ServiceDialog
from ui.widgets.date_edit import DateTimeEdit
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.patient_picker import PatientPicker

#: Typing pauses this long before the suggestion is refreshed.
SUGGEST_DELAY_MS = 300


def department_combo(ctx: Context, parent: QWidget, selected: int | None = None) -> QComboBox:
    """Departments by name, "none" first (its text set by the dialog's retranslate)."""
    combo = QComboBox(parent)
    combo.addItem("", None)
    for department in staff.list_departments(ctx):
        combo.addItem(department.name, department.id)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


def person_combo(ctx: Context, parent: QWidget, selected: int | None = None) -> QComboBox:
    """Active staff by name, "nobody yet" first."""
    combo = QComboBox(parent)
    combo.addItem("", None)
    for user in staff.list_users(ctx):
        if user.active:
            combo.addItem(user.full_name, user.id)
    combo.setCurrentIndex(max(0, combo.findData(selected)))
    return combo


class ComplaintDialog(ServiceDialog):
    """``exec() == Accepted`` means ``logged`` holds the row the service wrote."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, SAVE_CANCEL)
        self.setObjectName("complaint_dialog")
        self._ctx = ctx
        self.logged: ComplaintRow | None = None
        self._files: list[Attachment] = []
        #: Staff chose the category or urgency themselves: the suggestion no longer overrides it.
        self._category_chosen = self._urgency_chosen = False
        self.setMinimumWidth(560)

        self.kind = EnumCombo(FeedbackKind, FeedbackKind.COMPLAINT, self)
        self.channel = EnumCombo(ContactChannel, ContactChannel.PHONE, self)
        self.received = DateTimeEdit(self)
        self.received.setTimeZone(QTimeZone(ctx.clinic().time_zone.encode()))
        self.received.setDateTime(QDateTime.fromSecsSinceEpoch(int(ctx.clock.now().timestamp())))
        self.picker = PatientPicker(ctx, self)
        self.contact_name = QLineEdit(self)
        self.contact_details = QLineEdit(self)
        self.subject = QLineEdit(self)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.language = QComboBox(self)
        self.language.addItem("", "")
        for code in LOCALES:
            self.language.addItem(language_name(code), code)
        self.category = QComboBox(self)
        self.category.addItem("", None)
        for category in complaint_rules.list_categories(ctx):
            self.category.addItem(category.name, category.id)
        self.urgency = EnumCombo(Urgency, Urgency.NORMAL, self)
        self.suggestion = muted_label(self)
        self.department = department_combo(ctx, self)
        self.assignee = person_combo(ctx, self)
        self.attach_button = QPushButton(self)
        self.files_label = muted_label(self)
        files_row = QHBoxLayout()
        files_row.addWidget(self.attach_button)
        files_row.addWidget(self.files_label, 1)

        self._rows: dict[str, tuple[QLabel, QWidget | QHBoxLayout]] = {}
        form = QFormLayout()
        for key, field in (("kind", self.kind), ("channel", self.channel), ("received", self.received),
                           ("patient", self.picker), ("contact_name", self.contact_name),
                           ("contact_details", self.contact_details), ("subject", self.subject),
                           ("text", self.text), ("language", self.language), ("category", self.category),
                           ("urgency", self.urgency), ("suggestion", self.suggestion),
                           ("department", self.department), ("assignee", self.assignee), ("files", files_row)):
            caption = QLabel(self)
            if isinstance(field, QWidget):
                caption.setBuddy(field)
            form.addRow(caption, field)
            self._rows[key] = (caption, field)
        self._form = form
        self.lay_out(form)

        self._suggest_timer = QTimer(self)
        self._suggest_timer.setSingleShot(True)
        self._suggest_timer.setInterval(SUGGEST_DELAY_MS)
        self._connect_signals()
        self._patient_changed()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.picker.patient_changed.connect(self._patient_changed)
        self.text.textChanged.connect(self._suggest_timer.start)
        self.subject.textChanged.connect(self._suggest_timer.start)
        self._suggest_timer.timeout.connect(self.refresh_suggestion)
        self.category.activated.connect(self._mark_category_chosen)
        self.urgency.activated.connect(self._mark_urgency_chosen)
        self.attach_button.clicked.connect(self._choose_files)

    def _mark_category_chosen(self) -> None:
        self._category_chosen = True

    def _mark_urgency_chosen(self) -> None:
        self._urgency_chosen = True

    def _patient_changed(self, *_args: object) -> None:
        """An anonymous complainant needs a contact; a known patient has one."""
        anonymous = self.picker.patient() is None
        for key in ("contact_name", "contact_details"):
            self._form.setRowVisible(self._rows[key][1], anonymous)  # type: ignore[arg-type]

    # -- the suggestion -------------------------------------------------------------------------------------

    def refresh_suggestion(self) -> None:
        """Ask the service what the text points to; preselect it unless staff already chose."""
        text = f"{self.subject.text()}\n{self.text.toPlainText()}"
        if not text.strip():
            self.suggestion.clear()
            return
        try:
            suggested = complaint_suggestion.suggest(self._ctx, text)
        except DomainError as error:
            self.error.show_error(error)
            return
        if suggested.category_id is not None and not self._category_chosen:
            self.category.setCurrentIndex(max(0, self.category.findData(suggested.category_id)))
        if not self._urgency_chosen:
            self.urgency.set_value(suggested.urgency)
        parts = [suggested.category_name] if suggested.category_name else []
        parts.append(label(suggested.urgency))
        self.suggestion.setText(_("Suggested from the text: {what}").format(what=format_list(parts)))

    # -- files ----------------------------------------------------------------------------------------------

    def _choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"))
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self._files.append(Attachment(path.name, path.read_bytes()))
        self.files_label.setText(", ".join(f.file_name for f in self._files))

    # -- saving ---------------------------------------------------------------------------------------------

    def data(self) -> ComplaintInput:
        patient = self.picker.patient()
        received = datetime.fromtimestamp(self.received.dateTime().toSecsSinceEpoch(), UTC)
        return ComplaintInput(
            kind=self.kind.value(), channel=self.channel.value(), received_at=received,
            text=self.text.toPlainText(), subject=self.subject.text(),
            patient_id=patient.id if patient else None,
            contact_name="" if patient else self.contact_name.text(),
            contact_details="" if patient else self.contact_details.text(),
            category_id=self.category.currentData(), urgency=self.urgency.value(),
            department_id=self.department.currentData(), assigned_to=self.assignee.currentData(),
            language=self.language.currentData() or "", attachments=tuple(self._files),
        )

    def submit(self) -> None:
        self.logged = complaints.log_complaint(self._ctx, self.data())

    # -- language -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("New complaint or feedback"))
        captions = {
            "kind": _("&Kind"), "channel": _("C&hannel"), "received": _("&Received"), "patient": _("&Patient"),
            "contact_name": _("Contact &name"), "contact_details": _("Phone or e-&mail"),
            "subject": _("&Subject"), "text": _("&What they said"), "language": _("&Language"),
            "category": _("Ca&tegory"), "urgency": _("&Urgency"), "suggestion": "",
            "department": _("&Department"), "assignee": _("Res&ponsible"), "files": _("Attachments"),
        }
        for key, text in captions.items():
            self._rows[key][0].setText(text)
        self.contact_name.setPlaceholderText(_("When the patient is not in the clinic's records"))
        self.text.setPlaceholderText(_("In the patient's own words, in any language"))
        self.language.setItemText(0, _("Not stated"))
        self.category.setItemText(0, _("Not classified"))
        self.department.setItemText(0, _("No department"))
        self.assignee.setItemText(0, _("Nobody yet"))
        self.attach_button.setText(_("Attach &files…"))
        super().retranslate()

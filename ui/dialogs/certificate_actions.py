"""The certificates dock's smaller dialogs: choose today's visit, void with a reason, verify a number and code."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import N_, _, format_date
from app.labels import label
from app.models.scheduling import AppointmentStatus
from app.services import certificate_verification, certificates, days, scheduling
from app.services.certificate_verification import Outcome, Verification
from app.services.scheduling import AppointmentRow
from ui.dialogs.common import ERROR_STYLE, ErrorLabel
from ui.dialogs.service_dialog import ServiceDialog
from ui.docks.cells import clinic_datetime, period, time_range
from ui.models.table import Column, RowTableModel

#: Visits a certificate can be issued for: the patient has come (a future visit is refused by the service too).
SEEN = frozenset({AppointmentStatus.ARRIVED, AppointmentStatus.IN_CONSULTATION, AppointmentStatus.COMPLETED})
VALID_STYLE = "color: #1e7b34;"


class VisitChooser(QDialog):
    """Today's visits that have begun; ``chosen`` holds the one picked."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visit_chooser")
        self.chosen: AppointmentRow | None = None
        now = ctx.clock.now()
        rows = [row for row in scheduling.day_list(ctx, days.today(ctx)) if row.status in SEEN and row.start_at <= now]
        self.model: RowTableModel[AppointmentRow] = RowTableModel([
            Column(N_("Time"), lambda r: time_range(ctx, r.start_at, r.end_at)),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Doctor"), lambda r: r.doctor_name),
            Column(N_("Status"), lambda r: label(r.status)),
        ], key=lambda r: r.id, parent=self)
        self.model.set_rows(rows)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _index: self.accept())
        if rows:
            self.view.selectRow(0)
        self.note = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(rows))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view)
        layout.addWidget(self.buttons)
        self.resize(620, 380)
        self.retranslate()

    def accept(self) -> None:
        selected = self.view.selectionModel().selectedRows()
        if not selected:
            return
        self.chosen = self.model.row(selected[0])
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Certificate for today's visit"))
        self.note.setText(_("Today's visits that have begun:") if self.model.rowCount()
                          else _("No visit has begun today yet."))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class VoidDialog(ServiceDialog):
    """Voiding needs a reason; the certificate keeps its number. ``result`` holds the voided certificate."""

    def __init__(self, ctx: Context, certificate_id: int, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("void_dialog")
        self._ctx = ctx
        self._id = certificate_id
        self._number = number
        self.result: certificates.CertificateView | None = None
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(400)
        self.reason_label = QLabel(self)
        self.void_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        self.lay_out(self.note, form)
        self.setMinimumWidth(460)
        self.retranslate()

    def submit(self) -> None:
        self.result = certificates.void(self._ctx, self._id, self.reason.text())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Void certificate {number}").format(number=self._number))
        self.note.setText(_("A void certificate keeps its number and stays in the register; it can no longer be "
                            "printed, and a verification says it was voided."))
        self.reason_label.setText(_("Reason"))
        self.void_button.setText(_("Void"))
        super().retranslate()


def verification_text(ctx: Context, result: Verification) -> str:
    """What the desk reads out to the caller."""
    if result.outcome is Outcome.NOT_FOUND:
        return _("No certificate {number} with this verification code was issued by this clinic.").format(
            number=result.number)
    issued = clinic_datetime(ctx, result.issued_at)
    lines = [_("Certificate {number} ({type}) was issued on {issued} to {patient} by {doctor}.").format(
        number=result.number, type=result.type_name, issued=issued, patient=result.patient_name,
        doctor=result.doctor_name)]
    if result.period_from is not None:
        lines.append(_("Period: {period}").format(period=period(result.period_from, result.period_to)))
    if result.outcome is Outcome.VOID and result.voided_at is not None:
        lines.append(_("It was VOIDED on {date}: it is not valid.").format(
            date=format_date(result.voided_at.astimezone(ctx.clinic().zone).date(), "medium")))
    else:
        lines.append(_("It is valid."))
    return "\n".join(lines)


class VerifyDialog(QDialog):
    """Type or scan a number and code; the answer says whether, to whom, for which period, and if voided."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_dialog")
        self._ctx = ctx
        self.result: Verification | None = None
        self.number = QLineEdit(self)
        self.number.setObjectName("verify_number")
        self.code = QLineEdit(self)
        self.code.setObjectName("verify_code")
        self.number.textChanged.connect(self._scanned)
        self.number_label = QLabel(self)
        self.code_label = QLabel(self)
        self.answer = QLabel(self)
        self.answer.setObjectName("verify_answer")
        self.answer.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.check_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.number_label, self.number)
        form.addRow(self.code_label, self.code)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.answer)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()

    def _scanned(self, text: str) -> None:
        """A scanner types the QR code's text into the number field: split it into number and code."""
        scanned = certificate_verification.parse_scan(text)
        if scanned is not None:
            number, code = scanned
            self.number.blockSignals(True)
            self.number.setText(number)
            self.number.blockSignals(False)
            self.code.setText(code)
            self.check()

    def check(self) -> None:
        try:
            self.result = certificate_verification.verify(self._ctx, self.number.text(), self.code.text())
        except DomainError as error:
            self.result = None
            self.answer.clear()
            self.error.show_error(error)
            return
        self.error.clear_message()
        self._show_answer()

    def _show_answer(self) -> None:
        if self.result is None:
            self.answer.clear()
            return
        self.answer.setStyleSheet(VALID_STYLE if self.result.outcome is Outcome.VALID else ERROR_STYLE)
        self.answer.setText(verification_text(self._ctx, self.result))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Verify a certificate"))
        self.hint.setText(_("Type the number and verification code printed on the certificate, or scan its QR "
                            "code into the number field."))
        self.number_label.setText(_("Certificate number"))
        self.code_label.setText(_("Verification code"))
        self.check_button.setText(_("Verify"))
        self.number.setPlaceholderText("SL-2026-000123")
        self._show_answer()
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

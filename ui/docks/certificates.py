"""The Certificates dock: issue (for a patient or today's visit), preview, print, void, verify, and the
register with its filters (days, type, doctor, patient, status) and the period's totals."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.events import Topic
from app.i18n import LOCALES, N_, _, format_integer, language_name, ngettext
from app.labels import label
from app.models.certificates import CertificateStatus
from app.services import certificate_printing, certificate_types, certificates, days, patients, staff
from app.services.certificates import CertificateRow, RegisterFilter, RegisterTotals
from app.services.permissions import Permission, can
from ui.dialogs.certificate_actions import VerifyDialog, VisitChooser, VoidDialog
from ui.dialogs.certificate_form import CertificateDialog
from ui.dialogs.certificate_pdf import show_pdf
from ui.dialogs.certificate_types import CertificateTypesDialog
from ui.docks.base import PanelDock
from ui.docks.cells import clinic_datetime, period, timestamp
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.look import CERTIFICATE_STATUS, color, struck_out
from ui.widgets.messages import reporting_domain_errors, show_domain_error
from ui.widgets.table_panel import TablePanel

REGISTER_DAYS = 30


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CertificatesDock(PanelDock):
    object_name = "certificates_dock"
    title = N_("Certificates")
    permission = Permission.VIEW_CERTIFICATES
    topics = frozenset({Topic.CERTIFICATES, Topic.PATIENTS, Topic.STAFF, Topic.CLINIC})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        body = self.widget()
        self._totals: RegisterTotals | None = None
        self._patient_filter: tuple[int, str] | None = None

        self.issue_button = QPushButton(body)
        self.issue_button.setObjectName("issue_certificate")
        self.visit_button = QPushButton(body)
        self.visit_button.setObjectName("certificate_for_visit")
        self.print_button = QPushButton(body)
        self.print_button.setObjectName("print_certificate")
        self.issue_draft_button = QPushButton(body)
        self.issue_draft_button.setObjectName("issue_draft")
        self.delete_draft_button = QPushButton(body)
        self.delete_draft_button.setObjectName("delete_draft")
        self.void_button = QPushButton(body)
        self.void_button.setObjectName("void_certificate")
        self.verify_button = QPushButton(body)
        self.verify_button.setObjectName("verify_certificate")
        self.types_button = QPushButton(body)
        self.types_button.setObjectName("certificate_types")
        self.print_language = QComboBox(body)
        self.print_language.addItem("", "")
        for code in LOCALES:
            self.print_language.addItem(language_name(code), code)
        for widget in (self.issue_button, self.visit_button, self.issue_draft_button, self.delete_draft_button):
            self.tool_row.addWidget(widget)
        # The printing and register actions on a row of their own: on one row the dock was wider than a
        # 1366-pixel screen leaves it beside the waiting room.
        action_row = QHBoxLayout()
        for widget in (self.print_button, self.print_language, self.void_button, self.verify_button,
                       self.types_button):
            action_row.addWidget(widget)
        action_row.addStretch(1)
        self.body_layout.addLayout(action_row)

        today = days.today(ctx)
        self.first_day = QDateEdit(_qdate(today - timedelta(days=REGISTER_DAYS - 1)), body)
        self.last_day = QDateEdit(_qdate(today), body)
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
        self.type_filter = QComboBox(body)
        self.doctor_filter = QComboBox(body)
        self.status_filter = QComboBox(body)
        self.patient_button = QToolButton(body)
        self.patient_button.setObjectName("patient_filter")
        self.patient_button.setCheckable(True)
        self.filter_row = QHBoxLayout()
        who_row = QHBoxLayout()
        self.filter_labels = [QLabel(body) for _ in range(4)]
        for caption, widget in zip(self.filter_labels, (self.first_day, self.type_filter, self.doctor_filter,
                                                        self.status_filter), strict=True):
            row = self.filter_row if widget in (self.first_day, self.type_filter) else who_row
            row.addWidget(caption)
            row.addWidget(widget)
            if widget is self.first_day:
                self.dash = QLabel("–", body)
                row.addWidget(self.dash)
                row.addWidget(self.last_day)
        who_row.addWidget(self.patient_button)
        for row in (self.filter_row, who_row):
            row.addStretch(1)
            self.body_layout.addLayout(row)

        self.model: RowTableModel[CertificateRow] = RowTableModel(self._columns(), key=lambda r: r.id, parent=self)
        self.table = TablePanel(self.model, lambda: _("No certificates match these filters."),
                                sort_column=-1, parent=body)
        self.body_layout.addWidget(self.table)
        self.finish_layout()
        self._connect_signals()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.issue_button.clicked.connect(self.issue_for_patient)
        self.visit_button.clicked.connect(self.issue_for_visit)
        self.issue_draft_button.clicked.connect(self.issue_selected_draft)
        self.delete_draft_button.clicked.connect(self.delete_selected_draft)
        self.print_button.clicked.connect(self.print_selected)
        self.void_button.clicked.connect(self.void_selected)
        self.verify_button.clicked.connect(self.verify)
        self.types_button.clicked.connect(self.manage_types)
        self.patient_button.toggled.connect(self._patient_filter_toggled)
        for edit in (self.first_day, self.last_day):
            edit.dateChanged.connect(lambda _day: self.reload())
        for combo in (self.type_filter, self.doctor_filter, self.status_filter):
            combo.activated.connect(lambda _index: self.reload())
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(lambda *_: self._update_buttons())

    def _columns(self) -> list[Column[CertificateRow]]:
        ctx = self._ctx
        return [
            Column(N_("Number"), lambda r: r.number or _("(draft)")),
            Column(N_("Status"), lambda r: label(r.status), foreground=lambda r: color(CERTIFICATE_STATUS[r.status]),
                   font=lambda r: struck_out() if r.status is CertificateStatus.VOID else None,
                   tooltip=lambda r: r.void_reason or None),
            Column(N_("Type"), lambda r: r.type_name, tooltip=lambda r: label(r.kind)),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Doctor"), lambda r: r.doctor_name),
            Column(N_("Issued"), lambda r: clinic_datetime(ctx, r.issued_at or r.created_at),
                   lambda r: timestamp(r.issued_at or r.created_at)),
            Column(N_("Period"), lambda r: period(r.period_from, r.period_to),
                   lambda r: r.period_from.toordinal() if r.period_from else 0),
            Column(N_("Days"), lambda r: format_integer(r.days) if r.days else "", lambda r: r.days or 0, RIGHT),
            Column(N_("State form"), lambda r: r.external_number),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.table]

    # -- register -----------------------------------------------------------------------------------------

    def _fill_filter_choices(self) -> None:
        """Types and doctors as they are now, keeping what was chosen."""
        types = certificate_types.list_types(self._ctx, include_inactive=True)
        for combo, items in (
            (self.type_filter, [(t.name, t.id) for t in types]),
            (self.doctor_filter, [(d.full_name, d.id) for d in staff.list_doctors(self._ctx)]),
        ):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(_("All"), None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def current_filter(self) -> RegisterFilter:
        return RegisterFilter(
            first_day=self.first_day.date().toPython(), last_day=self.last_day.date().toPython(),
            type_id=self.type_filter.currentData(), doctor_id=self.doctor_filter.currentData(),
            patient_id=self._patient_filter[0] if self._patient_filter else None,
            status=self.status_filter.currentData(),
        )

    def load(self) -> None:
        self._fill_filter_choices()
        result = certificates.register(self._ctx, self.current_filter())
        self._totals = result.totals
        self.model.set_rows(result.rows)

    def summary_text(self) -> str:
        totals = self._totals
        if totals is None:
            return ""
        parts = [
            ngettext("{count} issued", "{count} issued", totals.issued).format(count=format_integer(totals.issued)),
            ngettext("{count} void", "{count} void", totals.void).format(count=format_integer(totals.void)),
            ngettext("{count} draft", "{count} drafts", totals.drafts).format(count=format_integer(totals.drafts)),
            ngettext("{count} day of sick leave", "{count} days of sick leave", totals.sick_leave_days).format(
                count=format_integer(totals.sick_leave_days)),
        ]
        by_type = " · ".join(f"{t.type_name}: {format_integer(t.issued)}" for t in totals.by_type)
        return " · ".join(parts) + (f"\n{by_type}" if by_type else "")

    def selected(self) -> CertificateRow | None:
        rows = self.table.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row(self.table.proxy.mapToSource(rows[0]))

    def select_certificate(self, certificate_id: int) -> None:
        for index, row in enumerate(self.model.rows()):
            if row.id == certificate_id:
                self.table.view.selectRow(self.table.proxy.mapFromSource(self.model.index(index, 0)).row())
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        actor = self._ctx.actor
        issuing = can(actor, Permission.ISSUE_CERTIFICATE)
        for button in (self.issue_button, self.visit_button):
            button.setEnabled(issuing)
        draft = issuing and row is not None and row.status is CertificateStatus.DRAFT
        self.issue_draft_button.setEnabled(draft)
        self.delete_draft_button.setEnabled(draft)
        self.print_button.setEnabled(row is not None and row.status is not CertificateStatus.VOID
                                     and (issuing or row.status is CertificateStatus.DRAFT))
        self.void_button.setEnabled(can(actor, Permission.VOID_CERTIFICATE) and row is not None
                                    and row.status is CertificateStatus.ISSUED)
        self.patient_button.setEnabled(row is not None or self._patient_filter is not None)

    def _patient_filter_toggled(self, on: bool) -> None:
        row = self.selected()
        self._patient_filter = (row.patient_id, row.patient_name) if on and row is not None else None
        self.patient_button.setChecked(self._patient_filter is not None)
        self._retranslate_patient_button()
        self.reload()

    # -- actions ------------------------------------------------------------------------------------------

    def _after_issue(self, dialog: CertificateDialog) -> None:
        result = dialog.result
        if result is None:
            return
        self.reload()
        self.select_certificate(result.id)
        if result.status is CertificateStatus.ISSUED:
            self.print_selected()

    def issue_for_patient(self) -> None:
        """Open the form for a patient picked there (or the patient of the selected row)."""
        row = self.selected()
        patient = None
        if row is not None:
            with reporting_domain_errors(self):
                patient = patients.get(self._ctx, row.patient_id)
        dialog = CertificateDialog(self._ctx, self, patient=patient)
        if dialog.exec():
            self._after_issue(dialog)

    def issue_for_visit(self) -> None:
        chooser = VisitChooser(self._ctx, self)
        if not chooser.exec() or chooser.chosen is None:
            return
        visit = chooser.chosen
        dialog = CertificateDialog(self._ctx, self, visit=(visit.patient_id, visit.doctor_id, visit.id,
                                                           visit.start_at))
        if dialog.exec():
            self._after_issue(dialog)

    def issue_selected_draft(self) -> None:
        row = self.selected()
        if row is None:
            return
        with reporting_domain_errors(self):
            issued = certificates.issue_draft(self._ctx, row.id)
            self.reload()
            self.select_certificate(issued.id)
            self.print_selected()

    def delete_selected_draft(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(self, _("Delete draft"), _(
            "Delete this draft? It has no number yet, so nothing goes missing from the register."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        with reporting_domain_errors(self):
            certificates.delete_draft(self._ctx, row.id)
        self.reload()

    def print_selected(self) -> None:
        """An issued certificate is printed (logged; a reprint is a DUPLICATE); a draft is previewed."""
        row = self.selected()
        if row is None:
            return
        locale = self.print_language.currentData() or None
        try:
            if row.status is CertificateStatus.DRAFT:
                printed = certificate_printing.preview(self._ctx, row.id, locale)
            else:
                printed = certificate_printing.print_certificate(self._ctx, row.id, locale)
        except DomainError as error:
            show_domain_error(self, error)
            return
        show_pdf(printed, self)

    def void_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = VoidDialog(self._ctx, row.id, row.number, self)
        if dialog.exec():
            self.reload()

    def verify(self) -> None:
        VerifyDialog(self._ctx, self).exec()

    def manage_types(self) -> None:
        CertificateTypesDialog(self._ctx, self).exec()
        self.reload()

    # -- texts --------------------------------------------------------------------------------------------

    def _retranslate_patient_button(self) -> None:
        if self._patient_filter is not None:
            self.patient_button.setText(_("Only {patient} ✕").format(patient=self._patient_filter[1]))
        else:
            self.patient_button.setText(_("Only this patient"))
        self.patient_button.setToolTip(_("Show only the certificates of the selected row's patient"))

    def retranslate_body(self) -> None:
        self.issue_button.setText(_("Issue…"))
        self.issue_button.setToolTip(_("Issue a certificate for a patient"))
        self.visit_button.setText(_("For today's visit…"))
        self.visit_button.setToolTip(_("Issue a certificate for a visit of today: patient, doctor and time filled in"))
        self.issue_draft_button.setText(_("Issue draft"))
        self.delete_draft_button.setText(_("Delete draft"))
        self.print_button.setText(_("Print…"))
        self.print_button.setToolTip(_("Print the selected certificate; a reprint is marked DUPLICATE"))
        self.print_language.setItemText(0, _("Patient's language"))
        self.print_language.setToolTip(_("The language the certificate is printed in"))
        self.void_button.setText(_("Void…"))
        self.verify_button.setText(_("Verify…"))
        self.types_button.setText(_("Types…"))
        self.types_button.setToolTip(_("Certificate types, their number series and the clinic's own types"))
        for caption, text in zip(self.filter_labels, (N_("Issued"), N_("Type"), N_("Doctor"), N_("Status")),
                                 strict=True):
            caption.setText(_(text))
        chosen = self.status_filter.currentData()
        self.status_filter.clear()
        self.status_filter.addItem(_("All"), None)
        for status in CertificateStatus:
            self.status_filter.addItem(label(status), status)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(chosen)))
        for combo in (self.type_filter, self.doctor_filter):
            if combo.count():
                combo.setItemText(0, _("All"))
        self._retranslate_patient_button()
        self._update_buttons()

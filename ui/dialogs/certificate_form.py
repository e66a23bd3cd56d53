"""Issuing a certificate: the patient, the type, the doctor, the language it is printed in, and the fields
of the chosen type; then preview, save as a draft, or issue (the number is given only then).

The fields shown follow the type's kind; every rule (period, maximum, visit in the future, doctor) is the
service's, and its refusal is shown under the fields in the user's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.context import Context
from app.documents import certificate as certificate_document
from app.errors import DomainError, InvalidInput
from app.i18n import LOCALES, N_, NP_, Message, _, format_integer, language_name, ngettext, translate
from app.models.certificates import CertificateKind, Regime
from app.models.staff import Role
from app.services import certificate_printing, certificate_types, certificates, days, patients, staff
from app.services.certificate_types import CertificateTypeView
from app.services.certificates import CertificateInput, CertificateView
from app.services.patients import PatientView
from ui.dialogs.certificate_pdf import show_pdf
from ui.dialogs.service_dialog import ServiceDialog
from ui.widgets.date_edit import DateEdit, DateTimeEdit
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.patient_picker import PatientPicker

#: What the form fills in when it opens from a visit: patient, doctor, the visit and when it began.
Visit = tuple[int, int, int, datetime]


class CertificateDialog(ServiceDialog):
    """``exec() == Accepted`` means ``result`` holds the certificate saved (a draft) or issued."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, patient: PatientView | None = None,
                 visit: Visit | None = None) -> None:
        super().__init__(parent, QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("certificate_dialog")
        self._ctx = ctx
        self.result: CertificateView | None = None
        self._types = certificate_types.list_types(ctx)
        self._doctors = staff.list_doctors(ctx)
        self._appointment_id: int | None = None
        zone = QTimeZone(ctx.clinic().time_zone.encode())
        today = days.today(ctx)

        self.patient = PatientPicker(ctx, self)
        self.type_combo = QComboBox(self)
        for kind in self._types:
            self.type_combo.addItem(kind.name, kind.id)
        self.doctor = QComboBox(self)
        self.second_signer = QComboBox(self)
        self.second_signer.addItem("—", None)
        for doctor in self._doctors:
            self.doctor.addItem(doctor.full_name, doctor.id)
            self.second_signer.addItem(doctor.full_name, doctor.id)
        self._limit_to_own_doctor()
        self.language = QComboBox(self)
        for code in LOCALES:
            self.language.addItem(language_name(code), code)
        self.addressee = QLineEdit(self)
        self.diagnosis = QPlainTextEdit(self)
        self.diagnosis.setTabChangesFocus(True)
        self.diagnosis.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.icd10 = QLineEdit(self)
        self.icd10.setMaxLength(10)
        self.period_from = DateEdit(today, self)
        self.period_to = DateEdit(today + timedelta(days=2), self)
        for edit in (self.period_from, self.period_to):
            edit.dateChanged.connect(self._update_days)
        self.days_label = QLabel(self)
        self.regime = EnumCombo(Regime, Regime.OUTPATIENT, self)
        self.continues = QComboBox(self)
        self.seen_at = DateTimeEdit(self)
        self.seen_at.setTimeZone(zone)
        self.seen_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(ctx.clock.now().timestamp()), zone))
        self.findings = QLineEdit(self)
        self.recommendations = QLineEdit(self)
        self.purpose = QLineEdit(self)
        self.external_series = QLineEdit(self)
        self.external_number = QLineEdit(self)
        self._custom: dict[str, QLineEdit] = {}

        self.form = QFormLayout()
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, field in (
            ("type", self.type_combo), ("doctor", self.doctor), ("second", self.second_signer),
            ("language", self.language), ("addressee", self.addressee), ("seen", self.seen_at),
            ("diagnosis", self.diagnosis), ("icd10", self.icd10), ("findings", self.findings),
            ("recommendations", self.recommendations), ("purpose", self.purpose), ("from", self.period_from),
            ("to", self.period_to), ("days", self.days_label), ("regime", self.regime),
            ("continues", self.continues), ("ext_series", self.external_series),
            ("ext_number", self.external_number),
        ):
            caption = QLabel(self)
            caption.setBuddy(field)
            self.form.addRow(caption, field)
            self._rows[key] = (caption, field)
        self._issue = True
        self.preview_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.draft_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.issue_button: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.issue_button.setObjectName("issue")
        self.issue_button.setDefault(True)
        self.draft_button.clicked.connect(lambda: self.save(issue=False))
        self.issue_button.clicked.connect(lambda: self.save(issue=True))
        self.preview_button.clicked.connect(self.preview)
        self.patient_caption = QLabel(self)
        self.lay_out(self.patient_caption, self.patient, self.form)

        self.patient.patient_changed.connect(self._patient_changed)
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self.setMinimumWidth(560)
        self._patient_changed(None)
        if visit is not None:
            self._fill_from_visit(visit)
        elif patient is not None:
            self.patient.set_patient(patient)
        self._type_changed()
        self.retranslate()

    # -- filling ------------------------------------------------------------------------------------------

    def _limit_to_own_doctor(self) -> None:
        """A doctor issues in their own name: the choice is fixed to them (the service checks it too)."""
        actor = self._ctx.actor
        if actor is None or actor.roles & {Role.ADMINISTRATOR, Role.CERTIFICATE_CLERK}:
            return
        own = certificates.own_doctor(self._ctx)
        if own is not None:
            self.doctor.setCurrentIndex(max(0, self.doctor.findData(own)))
            self.doctor.setEnabled(False)

    def _fill_from_visit(self, visit: Visit) -> None:
        patient_id, doctor_id, appointment_id, start = visit
        self._appointment_id = appointment_id
        chosen = patients.get(self._ctx, patient_id)
        self.patient.set_patient(chosen)
        self.doctor.setCurrentIndex(max(0, self.doctor.findData(doctor_id)))
        self.seen_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp()), self.seen_at.timeZone()))
        day = start.astimezone(self._ctx.clinic().zone).date()
        self.period_from.set_value(day)

    def _patient_changed(self, patient: PatientView | None) -> None:
        """The print language follows the patient's preferred one; their sick leaves can be continued."""
        if patient is not None:
            self.language.setCurrentIndex(max(0, self.language.findData(patient.preferred_locale)))
        self.continues.clear()
        self.continues.addItem("—", None)
        if patient is not None:
            for previous in certificates.continuable(self._ctx, patient.id):
                self.continues.addItem(previous.number, previous.id)

    def selected_type(self) -> CertificateTypeView | None:
        return next((t for t in self._types if t.id == self.type_combo.currentData()), None)

    def _type_changed(self) -> None:
        kind = self.selected_type()
        sick = kind is not None and kind.kind is CertificateKind.SICK_LEAVE
        medical = kind is not None and kind.kind is CertificateKind.MEDICAL
        custom = kind is not None and kind.kind is CertificateKind.CUSTOM
        attendance = kind is not None and kind.kind is CertificateKind.ATTENDANCE
        visible = {
            "second": kind is not None and (kind.requires_second_signer or sick), "addressee": not medical,
            "seen": attendance, "diagnosis": sick or medical, "icd10": sick or medical, "findings": medical,
            "recommendations": medical, "purpose": medical, "from": sick or custom, "to": sick or custom,
            "days": sick or custom, "regime": sick, "continues": sick, "ext_series": sick, "ext_number": sick,
        }
        for key, shown in visible.items():
            self.form.setRowVisible(self._rows[key][1], shown)
        for edit in self._custom.values():
            self.form.removeRow(edit)
        self._custom = {}
        for label in kind.field_labels if custom and kind else ():
            edit = QLineEdit(self)
            self._custom[label] = edit
            self.form.insertRow(self.form.rowCount() - 2, label, edit)
        self._update_days()

    def _update_days(self) -> None:
        first, last = self.period_from.date().toPython(), self.period_to.date().toPython()
        count = (last - first).days + 1
        self.days_label.setText(ngettext("{count} day", "{count} days", count).format(count=format_integer(count))
                                if count > 0 else "—")

    # -- acting -------------------------------------------------------------------------------------------

    def collected(self) -> CertificateInput:
        kind = self.selected_type()
        periodic = kind is not None and kind.kind in (CertificateKind.SICK_LEAVE, CertificateKind.CUSTOM)
        patient = self.patient.patient()
        sick = kind is not None and kind.kind is CertificateKind.SICK_LEAVE
        return CertificateInput(
            type_id=kind.id if kind else 0,
            patient_id=patient.id if patient else 0,
            doctor_id=self.doctor.currentData(),
            locale=self.language.currentData(),
            appointment_id=self._appointment_id,
            second_signer_id=self.second_signer.currentData() if self.second_signer.isVisibleTo(self) else None,
            continues_id=self.continues.currentData() if sick else None,
            addressee=self.addressee.text(),
            diagnosis=self.diagnosis.toPlainText() if kind and kind.kind in (
                CertificateKind.SICK_LEAVE, CertificateKind.MEDICAL) else "",
            icd10=self.icd10.text() if kind and kind.kind in (CertificateKind.SICK_LEAVE, CertificateKind.MEDICAL)
            else "",
            period_from=self.period_from.date().toPython() if periodic else None,
            period_to=self.period_to.date().toPython() if periodic else None,
            regime=self.regime.value() if sick else None,
            seen_at=self.seen_at.dateTime().toPython().astimezone()
            if kind is not None and kind.kind is CertificateKind.ATTENDANCE and self._appointment_id is None
            else None,
            findings=self.findings.text(), recommendations=self.recommendations.text(), purpose=self.purpose.text(),
            custom={label: edit.text() for label, edit in self._custom.items()},
            external_series=self.external_series.text() if sick else "",
            external_number=self.external_number.text() if sick else "",
        )

    def _check_ready(self) -> None:
        if self.patient.patient() is None:
            raise InvalidInput(N_("Choose the patient first."))
        if self.selected_type() is None:
            raise InvalidInput(N_("No certificate types are set up yet."))

    def save(self, *, issue: bool) -> None:
        """Each button says whether the certificate is issued or kept as a draft; ``submit`` saves it so."""
        self._issue = issue
        self.accept()

    def submit(self) -> None:
        self._check_ready()
        data = self.collected()
        self.result = certificates.issue(self._ctx, data) if self._issue else certificates.save_draft(self._ctx, data)

    def preview(self) -> None:
        """Save nothing: check the fields as issuing would, then show the page as a draft."""
        try:
            self._check_ready()
            printed = certificate_printing.preview_unsaved(self._ctx, self.collected())
        except DomainError as error:
            self.error.show_error(error)
            return
        self.error.clear_message()
        show_pdf(printed, self)

    # -- texts --------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Issue a certificate"))
        self.patient_caption.setText(_("Patient"))
        captions: dict[str, str | Message] = {
            "type": N_("Certificate type"), "doctor": N_("Doctor"), "second": N_("Second signature"),
            "language": N_("Print in"), "addressee": N_("Employer or school"), "seen": N_("Seen at"),
            "diagnosis": N_("Diagnosis"), "icd10": N_("ICD-10 code"), "findings": N_("Findings"),
            "recommendations": N_("Recommendations"), "purpose": N_("Purpose"),
            "from": NP_("first day of a period", "From"),
            "to": N_("To (inclusive)"), "days": N_("Days"), "regime": N_("Regime"), "continues": N_("Continues"),
            "ext_series": N_("State form series"), "ext_number": N_("State form number"),
        }
        for key, caption in captions.items():
            self._rows[key][0].setText(translate(caption))
        self.preview_button.setText(_("Preview"))
        self.draft_button.setText(_("Save as draft"))
        self.issue_button.setText(_("Issue"))
        lines = certificate_document.DIAGNOSIS_LINES
        self.diagnosis.setPlaceholderText(ngettext("Wraps on the certificate; at most {count} line",
                                                   "Wraps on the certificate; at most {count} lines", lines)
                                          .format(count=format_integer(lines)))
        self._update_days()
        super().retranslate()


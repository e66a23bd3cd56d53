"""The clinic's certificate types: the list with each series' format, and a form for a new type (for example
a school absence note with its own fields and text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.i18n import N_, _, format_integer
from app.labels import label
from app.models.certificates import CertificateKind
from app.services import certificate_types
from app.services.certificate_types import MAX_DIGITS, MAX_PERIOD_LIMIT, MIN_DIGITS, CertificateTypeView, TypeInput
from app.services.permissions import Permission, can
from ui.dialogs.common import muted_label
from ui.dialogs.service_dialog import SAVE_CANCEL, ServiceDialog
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.table_panel import TablePanel


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class CertificateTypesDialog(QDialog):
    """Every type with its series format; an administrator adds new ones."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("certificate_types")
        self._ctx = ctx
        self.model: RowTableModel[CertificateTypeView] = RowTableModel([
            Column(N_("Code"), lambda t: t.code),
            Column(N_("Name"), lambda t: t.name, tooltip=lambda t: label(t.kind)),
            Column(N_("Number"), lambda t: t.format_number(ctx.clock.now().year, 1)),
            Column(N_("Longest period (days)"), lambda t: format_integer(t.max_period_days) if t.max_period_days
                   else "—", lambda t: t.max_period_days or 0, RIGHT),
            Column(N_("ICD-10 code printed"), lambda t: _yes_no(t.print_icd10)),
            Column(N_("Second signature"), lambda t: _yes_no(t.requires_second_signer)),
        ], key=lambda t: t.id, parent=self)
        self.table = TablePanel(self.model, lambda: _("No certificate types are set up yet."), parent=self)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_certificate_type")
        self.new_button.setEnabled(can(ctx.actor, Permission.MANAGE_CLINIC))
        self.new_button.clicked.connect(self.add_type)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.resize(760, 360)
        self.reload()
        self.retranslate()

    def reload(self) -> None:
        self.model.set_rows(certificate_types.list_types(self._ctx, include_inactive=True))
        self.table.mark_loaded()

    def add_type(self) -> None:
        form = TypeForm(self._ctx, self)
        if form.exec():
            self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Certificate types"))
        self.new_button.setText(_("New type…"))
        self.table.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class TypeForm(ServiceDialog):
    """A new certificate type: its series format, rules, and for the clinic's own kind, fields and text."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, SAVE_CANCEL)
        self.setObjectName("certificate_type_form")
        self._ctx = ctx
        self.created: CertificateTypeView | None = None
        self.code = QLineEdit(self)
        self.code.setMaxLength(20)
        self.kind = EnumCombo(CertificateKind, CertificateKind.CUSTOM, self)
        self.name = QLineEdit(self)
        self.prefix = QLineEdit(self)
        self.prefix.setMaxLength(12)
        self.digits = QSpinBox(self)
        self.digits.setRange(MIN_DIGITS, MAX_DIGITS)
        self.digits.setValue(6)
        self.with_year = QCheckBox(self)
        self.with_year.setChecked(True)
        self.max_days = QSpinBox(self)
        self.max_days.setRange(0, MAX_PERIOD_LIMIT)
        self.print_icd10 = QCheckBox(self)
        self.second_signer = QCheckBox(self)
        self.fields = QPlainTextEdit(self)
        self.fields.setTabChangesFocus(True)
        self.fields.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.example = muted_label(self)
        self.text_hint = muted_label(self)
        for signal in (self.prefix.textChanged, self.digits.valueChanged, self.with_year.toggled):
            signal.connect(self._update_example)
        self.form = QFormLayout()
        self._captions: list[tuple[QLabel, str]] = []
        for caption, field in ((N_("Code"), self.code), (N_("Kind"), self.kind), (N_("Name"), self.name),
                               (N_("Number prefix"), self.prefix), (N_("Digits in the number"), self.digits),
                               ("", self.with_year), ("", self.example),
                               (N_("Longest period (days)"), self.max_days), ("", self.print_icd10),
                               ("", self.second_signer), (N_("Its own fields, one per line"), self.fields),
                               (N_("Text"), self.text), ("", self.text_hint)):
            label_widget = QLabel(self)
            label_widget.setBuddy(field)
            self._captions.append((label_widget, caption))
            self.form.addRow(label_widget, field)
        self.lay_out(self.form)
        self.setMinimumWidth(520)
        self.retranslate()

    def collected(self) -> TypeInput:
        return TypeInput(
            code=self.code.text(), kind=self.kind.value(), name=self.name.text(), series_prefix=self.prefix.text(),
            number_digits=self.digits.value(), year_in_number=self.with_year.isChecked(),
            print_icd10=self.print_icd10.isChecked(), requires_second_signer=self.second_signer.isChecked(),
            max_period_days=self.max_days.value() or None,
            field_labels=tuple(line.strip() for line in self.fields.toPlainText().splitlines() if line.strip()),
            body_template=self.text.toPlainText(),
        )

    def submit(self) -> None:
        self.created = certificate_types.create_type(self._ctx, self.collected())

    def _update_example(self) -> None:
        prefix = self.prefix.text().strip().upper() or "SN"
        number = certificate_types.format_number(prefix, self._ctx.clock.now().year, 1, self.digits.value(),
                                                 self.with_year.isChecked())
        self.example.setText(_("First number: {number}").format(number=number))

    def retranslate(self) -> None:
        self.setWindowTitle(_("New certificate type"))
        for caption, text in self._captions:
            caption.setText(_(text) if text else "")
        self.with_year.setText(_("The year is part of the number"))
        self.max_days.setSpecialValueText(_("No limit"))
        self.print_icd10.setText(_("Print the ICD-10 code"))
        self.second_signer.setText(_("A second doctor signs"))
        self.text_hint.setText(_("Printed above the fields. {patient}, {birth_date}, {start}, {end} and {days} "
                                 "are filled in."))
        self._update_example()
        super().retranslate()

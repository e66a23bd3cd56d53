"""Issuing an invoice: from a completed visit (its services filled in, editable) or by hand.

Lines come from the price list (or are typed), each with quantity, price and an optional discount with its
reason. The totals shown are the service's own arithmetic (``invoices.preview``): the dialog never adds up
money itself. Issuing gives the invoice its number; after that it is corrected only by a credit note.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.context import Context
from app.errors import DomainError, InvalidInput
from app.i18n import N_, _, active_locale, format_decimal
from app.labels import label
from app.models.billing import DiscountKind
from app.services import invoices, price_list
from app.services.invoices import InvoiceDraft, InvoiceView, LineInput
from app.services.patients import PatientView
from ui.dialogs.service_form import ServiceFormDialog
from ui.docks.cells import money
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.money_edit import MoneyEdit, parse_amount
from ui.widgets.patient_picker import PatientPicker
from ui.widgets.table_panel import TablePanel


class InvoiceDialog(ServiceFormDialog):
    """``exec()`` accepted means ``issued`` holds the new invoice."""

    def __init__(self, ctx: Context, patient: PatientView | None, appointment_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invoice")
        self.setMinimumWidth(720)
        self._ctx = ctx
        self._appointment_id = appointment_id
        self.issued: InvoiceView | None = None
        self._services = price_list.services(ctx, active_locale())

        self.picker = PatientPicker(ctx, self)
        self.picker.set_patient(patient)
        self._picker_caption = self.add_row(self.picker)

        self.service = QComboBox(self)
        self.service.setObjectName("line_service")
        self.service.currentIndexChanged.connect(lambda _i: self._service_chosen())
        self.description = QLineEdit(self)
        self.description.setObjectName("line_description")
        self.quantity = QSpinBox(self)
        self.quantity.setRange(1, 1000)
        self.unit_price = MoneyEdit(ctx.clinic().currency, self)
        self.unit_price.setObjectName("line_price")
        self.discount_kind = EnumCombo(list(DiscountKind), DiscountKind.NONE, self)
        self.discount_value = QLineEdit(self)
        self.discount_reason = QLineEdit(self)
        self.discount_reason.setObjectName("discount_reason")
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_line")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_line)

        line_box = QGridLayout()
        fields = (self.service, self.description, self.quantity, self.unit_price, self.discount_kind,
                  self.discount_value, self.discount_reason)
        self._line_captions = [QLabel(self) for _ in fields]
        for index, (caption, field) in enumerate(zip(self._line_captions, fields, strict=True)):
            caption.setBuddy(field)
            row, column = divmod(index, 4)
            line_box.addWidget(caption, row * 2, column)
            line_box.addWidget(field, row * 2 + 1, column)
        line_box.addWidget(self.add_button, 3, 3)
        self.body.insertLayout(1, line_box)

        self.lines: list[LineInput] = []
        self.model: RowTableModel[tuple[int, LineInput, Decimal]] = RowTableModel(self._columns(), parent=self)
        self.table = TablePanel(self.model, lambda: _("No lines yet."), parent=self)
        self.body.insertWidget(2, self.table)
        self.body.insertWidget(3, self.remove_button)
        self.totals = QLabel(self)
        self.totals.setObjectName("invoice_totals")
        self.body.insertWidget(4, self.totals)

        if appointment_id is not None:
            draft = invoices.draft_from_visit(ctx, appointment_id, active_locale())
            self.lines = list(draft.lines)
        self._fill_services()
        self.retranslate()
        self._refresh()

    def _columns(self) -> list[Column[tuple[int, LineInput, Decimal]]]:
        ctx = self._ctx
        return [
            Column(N_("Description"), lambda r: r[1].description),
            Column(N_("Quantity"), lambda r: format_decimal(r[1].quantity.normalize()), align=RIGHT),
            Column(N_("Price"), lambda r: money(ctx, r[1].unit_price), align=RIGHT),
            Column(N_("Discount"), lambda r: _discount_text(ctx, r[1])),
            Column(N_("Total"), lambda r: money(ctx, r[2]), align=RIGHT),
        ]

    def _fill_services(self) -> None:
        self.service.blockSignals(True)
        self.service.clear()
        self.service.addItem(_("(typed by hand)"), None)
        for service in self._services:
            self.service.addItem(f"{service.code} · {service.name} · {money(self._ctx, service.price)}", service)
        self.service.blockSignals(False)

    def _service_chosen(self) -> None:
        service = self.service.currentData()
        if service is not None:
            self.description.setText(service.name)
            self.unit_price.set_value(service.price)

    def _typed_line(self) -> LineInput:
        price = self.unit_price.value()
        if price is None:
            raise InvalidInput(N_("{field} is not an amount."), field=N_("Price"))
        kind = self.discount_kind.value()
        value = Decimal(0)
        if kind is not DiscountKind.NONE:
            parsed = parse_amount(self.discount_value.text(), 2)
            if parsed is None:
                raise InvalidInput(N_("{field} is not an amount."), field=N_("Discount"))
            value = parsed
        service = self.service.currentData()
        return LineInput(description=self.description.text(), unit_price=price, quantity=Decimal(self.quantity.value()),
                         service_id=service.id if service else None, discount_kind=kind, discount_value=value,
                         discount_reason=self.discount_reason.text(),
                         tax_rate=service.tax_rate if service else Decimal(0))

    def add_line(self) -> None:
        try:
            line = self._typed_line()
            invoices.preview(self._ctx, [line])
        except DomainError as error:
            self.error.show_error(error)
            return
        self.error.clear_message()
        self.lines.append(line)
        self.service.setCurrentIndex(0)
        self.description.clear()
        self.unit_price.set_value(None)
        self.quantity.setValue(1)
        self.discount_kind.set_value(DiscountKind.NONE)
        self.discount_value.clear()
        self.discount_reason.clear()
        self._refresh()

    def remove_line(self) -> None:
        index = self.table.view.currentIndex()
        if index.isValid():
            position = self.model.row(self.table.proxy.mapToSource(index))[0]
            del self.lines[position]
            self._refresh()

    def _refresh(self) -> None:
        try:
            rows = [(i, line, invoices.preview(self._ctx, [line]).total) for i, line in enumerate(self.lines)]
            totals = invoices.preview(self._ctx, self.lines)
        except DomainError as error:
            self.error.show_error(error)
            return
        self.model.set_rows(rows)
        self.table.mark_loaded()
        ctx = self._ctx
        text = _("Subtotal {subtotal} · discounts {discount} · tax {tax} · total {total}").format(
            subtotal=money(ctx, totals.subtotal), discount=money(ctx, totals.discount), tax=money(ctx, totals.tax),
            total=money(ctx, totals.total))
        self.totals.setText(f"<b>{text}</b>")

    def submit(self) -> None:
        patient = self.picker.patient()
        if patient is None:
            raise InvalidInput(N_("Choose the patient first."))
        lines = self.lines
        if not lines and self.unit_price.value() is not None:
            lines = [self._typed_line()]
        self.issued = invoices.issue_invoice(self._ctx, InvoiceDraft(
            patient_id=patient.id, lines=tuple(lines), appointment_id=self._appointment_id))

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Invoice from the visit") if self._appointment_id else _("New invoice"))
        self._picker_caption.setText(_("Patient:"))
        texts = (_("&Service"), _("&Description"), _("&Quantity"), _("&Price"), _("Discount"),
                 _("Discount (percent or amount)"), _("Discount &reason"))
        for caption, text in zip(self._line_captions, texts, strict=True):
            caption.setText(text)
        self.add_button.setText(_("Add line"))
        self.remove_button.setText(_("Remove the selected line"))
        self.buttons.button(self.buttons.StandardButton.Ok).setText(_("Issue invoice"))
        self.table.retranslate()


def _discount_text(ctx: Context, line: LineInput) -> str:
    if line.discount_kind is DiscountKind.NONE:
        return ""
    value = (f"{format_decimal(line.discount_value)} %" if line.discount_kind is DiscountKind.PERCENT
             else money(ctx, line.discount_value))
    return f"{value} · {line.discount_reason}" if line.discount_reason else f"{value} · {label(line.discount_kind)}"

"""A credit note on an issued invoice: tick the lines to credit, give the reason, see what it takes off.

The lines a credit note already credited are shown but cannot be ticked again; the service checks the same
rule (``InvoiceView.creditable_lines``) and refuses a stale choice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.context import Context
from app.errors import DomainError
from app.i18n import N_, _, format_decimal
from app.services import invoices
from app.services.invoices import InvoiceView, LineView
from ui.dialogs.service_form import ServiceFormDialog
from ui.docks.cells import clinic_datetime, money
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.table_panel import TablePanel

_Index = QModelIndex | QPersistentModelIndex


class CreditLinesModel(RowTableModel[LineView]):
    """The invoice's lines with a check box in the first column; credited lines are greyed out."""

    def __init__(self, ctx: Context, invoice: InvoiceView, parent: QObject | None = None) -> None:
        self._creditable = {line.position for line in invoice.creditable_lines}
        super().__init__(self._line_columns(ctx), key=lambda line: line.position, parent=parent)
        self.chosen: set[int] = set()
        self.set_rows(invoice.lines)

    def _line_columns(self, ctx: Context) -> list[Column[LineView]]:
        return [
            Column(N_("Service"), lambda line: line.description,
                   tooltip=lambda line: "" if line.position in self._creditable else _("Already credited")),
            Column(N_("Quantity"), lambda line: format_decimal(line.quantity.normalize()),
                   lambda line: float(line.quantity), align=RIGHT),
            Column(N_("Price"), lambda line: money(ctx, line.unit_price), lambda line: float(line.unit_price),
                   align=RIGHT),
            Column(N_("Discount"), lambda line: money(ctx, line.discount) if line.discount else "",
                   lambda line: float(line.discount), align=RIGHT),
            Column(N_("Total"), lambda line: money(ctx, line.total), lambda line: float(line.total), align=RIGHT),
        ]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        if self.row(index).position not in self._creditable:
            return flags & ~Qt.ItemFlag.ItemIsEnabled
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole:
            if not index.isValid() or index.column() != 0 or index.row() >= self.rowCount():
                return None
            return Qt.CheckState.Checked if self.row(index).position in self.chosen else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0
                or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        position = self.row(index).position
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.chosen.add(position)
        else:
            self.chosen.discard(position)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class CreditNoteDialog(ServiceFormDialog):
    """``issued`` holds the credit note once the service issued it."""

    def __init__(self, ctx: Context, invoice: InvoiceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("credit_note")
        self.setMinimumWidth(560)
        self._ctx = ctx
        self._invoice = invoice
        self.issued: InvoiceView | None = None
        self.invoice_label = QLabel(self)
        self.invoice_label.setWordWrap(True)
        self.lines_model = CreditLinesModel(ctx, invoice, self)
        self.lines = TablePanel(self.lines_model, lambda: "", sort_column=-1, parent=self)
        self.lines.mark_loaded()
        self.lines.setMinimumHeight(120)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("credit_reason")
        self.reason.setMaxLength(400)
        self.total = QLabel(self)
        self.total.setObjectName("credit_total")
        self.total.setWordWrap(True)
        self.form.addRow(self.invoice_label)
        self.form.addRow(self.lines)
        self._reason_caption = self.add_row(self.reason)
        self.form.addRow(self.total)
        self.lines_model.dataChanged.connect(lambda *_: self._choice_changed())
        self.lines.view.activated.connect(self._toggle)
        self.reason.setFocus()
        self.retranslate()

    def _toggle(self, index: QModelIndex) -> None:
        """Enter or a double click on a line ticks or unticks it, as a click on its box does."""
        source = self.lines_model.index(self.lines.proxy.mapToSource(index).row(), 0)
        checked = self.lines_model.data(source, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        self.lines_model.setData(source, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked,
                                 Qt.ItemDataRole.CheckStateRole)

    def choose(self, positions: set[int]) -> None:
        """Tick exactly these lines (what a click on each box does)."""
        for row in range(self.lines_model.rowCount()):
            index = self.lines_model.index(row, 0)
            wanted = self.lines_model.row(index).position in positions
            self.lines_model.setData(index, Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked,
                                     Qt.ItemDataRole.CheckStateRole)

    def _show_total(self) -> None:
        invoice = self._invoice
        amount = invoices.credit_amount(invoice, self.lines_model.chosen)
        self.total.setText(_("Credit {amount} · the invoice then comes to {remaining}").format(
            amount=money(self._ctx, amount), remaining=money(self._ctx, invoice.charged - amount)))

    def _choice_changed(self) -> None:
        """The new total; a choice the service would refuse says why at once, before the reason is typed."""
        self._show_total()
        try:
            if self.lines_model.chosen:
                invoices.check_credit(self._invoice, self.lines_model.chosen)
        except DomainError as refusal:
            self.error.show_error(refusal)
        else:
            self.error.clear_message()

    def submit(self) -> None:
        self.issued = invoices.credit_note(self._ctx, self._invoice.id, sorted(self.lines_model.chosen),
                                           self.reason.text())

    def retranslate(self) -> None:
        super().retranslate()
        invoice = self._invoice
        self.setWindowTitle(_("Credit note"))
        self.invoice_label.setText(_("Invoice {number} of {date} · {patient} · paid {paid}").format(
            number=invoice.number, date=clinic_datetime(self._ctx, invoice.issued_at), patient=invoice.patient_name,
            paid=money(self._ctx, invoice.paid)))
        self._reason_caption.setText(_("&Reason:"))
        self.lines.retranslate()
        self._show_total()

"""The Cashier dock: who is waiting to pay, the chosen patient's open invoices and balance, a payment typed
from the keyboard, the day's payments, and the desk's cash shift.

Keyboard: type the patient's name, pick with Enter; the amount field starts at the selected invoice's due;
Enter takes the payment, Ctrl+Enter (or "Add part") keeps the part and starts another method for a split
payment; Ctrl+P prints the receipt of the selected (or last) payment.

An issued invoice is corrected from its row (buttons, or the context menu): cancelled with a reason while
nothing is paid or credited on it, or credited line by line by a credit note, which then opens for printing.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError, InvalidInput
from app.events import Topic
from app.i18n import N_, NP_, _, format_date, format_integer, ngettext
from app.labels import label
from app.models.billing import PaymentMethod
from app.services import cashier, invoices, patients, payments, receipts, shifts
from app.services.cashier import AwaitingRow, PaymentRow
from app.services.invoices import InvoiceView
from app.services.patients import PatientView
from app.services.payments import PaymentPart, PaymentRequest, PaymentResult
from app.services.permissions import Permission, can
from app.services.shifts import ShiftSummary
from ui.dialogs.cash_shift import OpenShiftDialog, ShiftReportDialog, show_report
from ui.dialogs.common import ErrorLabel, heading_label
from ui.dialogs.credit_note import CreditNoteDialog
from ui.dialogs.reason import ReasonDialog
from ui.dialogs.refund import RefundDialog
from ui.docks.base import DayPanelDock
from ui.docks.cells import balance_text, clinic_datetime, clinic_time, money, timestamp
from ui.models.table import RIGHT, Column, RowTableModel
from ui.printing import PrintPreviewDialog
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.look import RED, color
from ui.widgets.messages import reporting_domain_errors
from ui.widgets.money_edit import MoneyEdit
from ui.widgets.patient_picker import PatientPicker
from ui.widgets.print_choice import PrintChoiceButton
from ui.widgets.table_panel import TablePanel


class CashierDock(DayPanelDock):
    object_name = "cashier_dock"
    title = NP_("panel", "Cashier")
    permission = Permission.VIEW_CASHIER
    topics = frozenset({Topic.PAYMENTS, Topic.INVOICES, Topic.SHIFTS, Topic.PATIENTS, Topic.CLINIC,
                        Topic.WAITING, Topic.APPOINTMENTS})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        body = self.widget()
        self._shift: ShiftSummary | None = None
        self._patient: PatientView | None = None
        self._parts: list[PaymentPart] = []
        self._last_payment_id: int | None = None

        self.shift_label = QLabel(body)
        self.shift_label.setWordWrap(True)
        self.shift_label.setObjectName("shift_state")
        self.open_shift_button = QPushButton(body)
        self.open_shift_button.setObjectName("open_shift")
        self.report_button = QPushButton(body)
        self.report_button.setObjectName("shift_report")
        self.close_shift_button = QPushButton(body)
        self.close_shift_button.setObjectName("close_shift")
        self.prices_button = QPushButton(body)
        self.prices_button.setObjectName("price_list")
        self.prices_button.clicked.connect(self.show_price_list)
        self.shift_row = QHBoxLayout()
        self.shift_row.addWidget(self.shift_label, 1)
        for widget in (self.open_shift_button, self.report_button, self.close_shift_button, self.prices_button):
            self.shift_row.addWidget(widget)
        self.open_shift_button.clicked.connect(self.open_shift)
        self.report_button.clicked.connect(lambda: self.shift_report(closing=False))
        self.close_shift_button.clicked.connect(lambda: self.shift_report(closing=True))

        # The queue of visits waiting to pay.
        self.queue_model: RowTableModel[AwaitingRow] = RowTableModel(self._queue_columns(), key=lambda r: r.key,
                                                                     parent=self)
        self.queue = TablePanel(self.queue_model, lambda: _("Nobody is waiting to pay."), parent=body)
        self.queue.view.activated.connect(lambda index: self.bill_visit(self.queue_model.row(
            self.queue.proxy.mapToSource(index))))
        self.queue_heading = heading_label(body, 1.1)

        # The patient at the desk: open invoices, balance, and the payment entry.
        self.picker = PatientPicker(ctx, body)
        self.picker.patient_changed.connect(self.show_patient)
        self.balance = QLabel(body)
        self.balance.setObjectName("balance")
        self.new_invoice_button = QPushButton(body)
        self.new_invoice_button.setObjectName("new_invoice")
        self.new_invoice_button.clicked.connect(lambda: self.new_invoice(None))
        self.invoice_model: RowTableModel[InvoiceView] = RowTableModel(self._invoice_columns(), key=lambda v: v.id,
                                                                       parent=self)
        self.invoices = TablePanel(self.invoice_model, self._no_invoices_text, parent=body)
        self.invoices.view.selectionModel().currentRowChanged.connect(lambda *_: self._invoice_chosen())
        self.show_settled = QCheckBox(body)
        self.show_settled.setObjectName("show_settled")
        self.show_settled.toggled.connect(lambda _on: self.show_patient(self._patient))
        self.cancel_invoice_action = QAction(self)
        self.cancel_invoice_action.setObjectName("cancel_invoice")
        self.cancel_invoice_action.triggered.connect(self.cancel_invoice)
        self.credit_note_action = QAction(self)
        self.credit_note_action.setObjectName("credit_note")
        self.credit_note_action.triggered.connect(self.credit_note)
        for action in (self.cancel_invoice_action, self.credit_note_action):
            action.setEnabled(False)  # until an invoice they apply to is chosen
        self.invoice_buttons = []
        for action in (self.cancel_invoice_action, self.credit_note_action):
            button = QToolButton(body)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.invoice_buttons.append(button)
        self.invoices.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.invoices.view.customContextMenuRequested.connect(self._invoice_menu)
        self.method = EnumCombo(list(PaymentMethod), PaymentMethod.CASH, body)
        self.method.setObjectName("payment_method")
        self.amount = MoneyEdit(ctx.clinic().currency, body)
        self.amount.setObjectName("payment_amount")
        self.tendered = MoneyEdit(ctx.clinic().currency, body)
        self.tendered.setObjectName("tendered")
        self.change = QLabel(body)
        self.change.setObjectName("change")
        self.to_deposit = QCheckBox(body)
        self.to_deposit.setObjectName("excess_to_deposit")
        self.parts_label = QLabel(body)
        self.parts_label.setObjectName("parts")
        self.add_part_button = QPushButton(body)
        self.pay_button = QPushButton(body)
        self.pay_button.setObjectName("take_payment")
        self.pay_error = ErrorLabel(body)
        self.result_label = QLabel(body)
        self.result_label.setObjectName("payment_result")
        self.method.currentIndexChanged.connect(lambda _i: self._method_changed())
        self.amount.value_changed.connect(lambda _v: self._show_change())
        self.tendered.value_changed.connect(lambda _v: self._show_change())
        self.add_part_button.clicked.connect(self.add_part)
        self.pay_button.clicked.connect(self.take_payment)
        for field in (self.amount, self.tendered, self.method):
            field.installEventFilter(self)

        # The day's payments.
        self.model: RowTableModel[PaymentRow] = RowTableModel(self._columns(), key=lambda r: r.id, parent=self)
        self.table = TablePanel(self.model, self._empty_text, sort_column=-1, parent=body)
        self.method_filter = QComboBox(body)
        self.method_filter.setObjectName("method_filter")
        self.method_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.print_button = QPushButton(body)
        self.print_button.setObjectName("print_receipt")
        self.reprint_button = QPushButton(body)
        self.refund_button = QPushButton(body)
        self.refund_button.setObjectName("refund")
        self.print_choice = PrintChoiceButton(body)
        self.print_button.clicked.connect(lambda: self.print_receipt(copy=False))
        self.reprint_button.clicked.connect(lambda: self.print_receipt(copy=True))
        self.refund_button.clicked.connect(self.refund)
        QShortcut(QKeySequence.StandardKey.Print, body, lambda: self.print_receipt(copy=False),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._lay_out(body)
        self.finish_layout()
        self._fill_method_filter()
        self.retranslate()

    # -- layout -------------------------------------------------------------------------------------------

    def _lay_out(self, body: QWidget) -> None:
        left = QWidget(body)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.queue_heading)
        left_layout.addWidget(self.queue)

        desk = QWidget(body)
        desk_layout = QVBoxLayout(desk)
        desk_layout.setContentsMargins(0, 0, 0, 0)
        desk_layout.addWidget(self.picker)
        # The check box shares the balance's line so that the buttons' row, the widest of the desk, leaves the
        # queue beside it room for a time and a name on a 1366-pixel screen.
        balance_row = QHBoxLayout()
        balance_row.addWidget(self.balance, 1)
        balance_row.addWidget(self.show_settled)
        desk_layout.addLayout(balance_row)
        invoice_row = QHBoxLayout()
        invoice_row.addStretch(1)
        for button in self.invoice_buttons:
            invoice_row.addWidget(button)
        invoice_row.addWidget(self.new_invoice_button)
        desk_layout.addLayout(invoice_row)
        desk_layout.addWidget(self.invoices, 1)
        entry = QGridLayout()
        self._entry_labels = [QLabel(desk) for _ in range(3)]
        for column, (caption, field) in enumerate(zip(self._entry_labels, (self.method, self.amount, self.tendered),
                                                      strict=True)):
            caption.setBuddy(field)
            entry.addWidget(caption, 0, column)
            entry.addWidget(field, 1, column)
        entry.addWidget(self.to_deposit, 2, 0, 1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.change)
        buttons.addStretch(1)
        buttons.addWidget(self.add_part_button)
        buttons.addWidget(self.pay_button)
        entry.addLayout(buttons, 3, 0, 1, 3)
        desk_layout.addLayout(entry)
        desk_layout.addWidget(self.parts_label)
        desk_layout.addWidget(self.pay_error)
        desk_layout.addWidget(self.result_label)

        payments_box = QWidget(body)
        payments_layout = QVBoxLayout(payments_box)
        payments_layout.setContentsMargins(0, 0, 0, 0)
        actions = QGridLayout()
        self.payments_heading = heading_label(payments_box, 1.1)
        actions.addWidget(self.payments_heading, 0, 0)
        actions.setColumnStretch(1, 1)
        for column, widget in enumerate((self.method_filter, self.print_choice, self.print_button,
                                         self.reprint_button, self.refund_button), start=2):
            actions.addWidget(widget, 0, column)
        payments_layout.addLayout(actions)
        payments_layout.addWidget(self.table)

        top = QSplitter(Qt.Orientation.Horizontal, body)
        top.addWidget(left)
        top.addWidget(desk)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setSizes([200, 300])  # in proportion: the queue gets two fifths
        split = QSplitter(Qt.Orientation.Vertical, body)
        split.setObjectName("cashier_split")
        split.addWidget(top)
        split.addWidget(payments_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        for panel in (self.queue, self.invoices, self.table):
            panel.setMinimumHeight(60)
        # In a short dock (the default layout on a 768-pixel screen) the desk scrolls instead of overlapping
        # the status bar.
        page = QWidget(body)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addLayout(self.shift_row)
        page_layout.addWidget(split, 1)
        scroller = QScrollArea(body)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(page)
        self.body_layout.addWidget(scroller, 1)

    def _queue_columns(self) -> list[Column[AwaitingRow]]:
        ctx = self._ctx
        return [
            Column(N_("Done at"), lambda r: clinic_time(ctx, r.finished_at), lambda r: timestamp(r.finished_at)),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Doctor"), lambda r: r.doctor_name),
            Column(N_("Ticket"), lambda r: r.ticket),
        ]

    def _invoice_columns(self) -> list[Column[InvoiceView]]:
        ctx = self._ctx
        return [
            Column(N_("Invoice"), lambda v: v.number),
            Column(N_("Issued"), lambda v: clinic_datetime(ctx, v.issued_at), lambda v: timestamp(v.issued_at)),
            Column(N_("Total"), lambda v: money(ctx, v.charged), lambda v: float(v.charged), align=RIGHT),
            Column(N_("Paid"), lambda v: money(ctx, v.paid), lambda v: float(v.paid), align=RIGHT),
            Column(N_("Amount due"), lambda v: money(ctx, v.due), lambda v: float(v.due), align=RIGHT,
                   foreground=lambda v: color(RED) if v.due else None),
        ]

    def _columns(self) -> list[Column[PaymentRow]]:
        ctx = self._ctx
        return [
            Column(N_("Receipt"), lambda r: r.receipt, tooltip=lambda r: _invoice_tooltip(r)),
            Column(N_("Time"), lambda r: clinic_time(ctx, r.taken_at), lambda r: timestamp(r.taken_at)),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Method"), lambda r: label(r.method)),
            Column(N_("Amount"), lambda r: money(ctx, r.amount), lambda r: float(r.amount), align=RIGHT),
            Column(N_("Refunded"), lambda r: money(ctx, r.refunded) if r.refunded else "",
                   lambda r: float(r.refunded), align=RIGHT, foreground=lambda r: color(RED) if r.refunded else None),
            Column(N_("Cashier"), lambda r: r.cashier_name),
        ]

    def panels(self) -> list[TablePanel]:
        """The day's payments; the queue and the patient's invoices are often empty by nature, so they are
        kept, translated and filtered beside the base class's handling."""
        return [self.table]

    def apply_filter(self, text: str) -> None:
        super().apply_filter(text)
        self.queue.set_filter(text)

    # -- loading ------------------------------------------------------------------------------------------

    def load(self) -> None:
        ctx = self._ctx
        method = self.method_filter.currentData()
        rows = cashier.payments_on(ctx, self.day())
        self.model.set_rows([r for r in rows if method is None or r.method == method])
        self.queue_model.set_rows(cashier.awaiting_payment(ctx, self.day()))
        self.queue.mark_loaded()
        self._shift = shifts.current_shift(ctx)
        self._show_shift()
        self._load_patient()

    def _load_patient(self) -> None:
        patient = self._patient
        if patient is None:
            self.invoice_model.set_rows([])
            self.invoices.mark_loaded()  # shows "choose a patient", not "loading"
            self.balance.setText("")
            self._invoice_chosen()
            return
        self.invoice_model.set_rows(invoices.issued_invoices(self._ctx, patient.id) if self.show_settled.isChecked()
                                    else invoices.open_invoices(self._ctx, patient.id))
        self.invoices.mark_loaded()
        balance = invoices.balance_of(self._ctx, patient.id)
        text = balance_text(self._ctx, balance)
        self.balance.setText(text if balance.debt else " · ".join(filter(None, (_("Nothing owed"), text))))
        self.balance.setStyleSheet(f"color: {RED};" if balance.debt else "")
        if self.invoice_model.rowCount() and not self.invoices.view.currentIndex().isValid():
            self.invoices.view.selectRow(0)
        self._invoice_chosen()

    def _show_shift(self) -> None:
        shift = self._shift
        allowed = can(self._ctx.actor, Permission.TAKE_PAYMENT)
        if shift is None:
            self.shift_label.setText(_("No open shift at this desk"))
        else:
            self.shift_label.setText(_("Shift {number} open since {time} · float {amount}").format(
                number=shift.number, time=clinic_time(self._ctx, shift.opened_at),
                amount=money(self._ctx, shift.opening_float)))
        self.open_shift_button.setVisible(shift is None)
        self.open_shift_button.setEnabled(allowed)
        self.report_button.setEnabled(shift is not None)
        self.close_shift_button.setEnabled(shift is not None and allowed)
        for widget in (self.pay_button, self.add_part_button):
            widget.setEnabled(shift is not None and allowed)
        self.refund_button.setEnabled(shift is not None and can(self._ctx.actor, Permission.REFUND))

    def show_patient(self, patient: PatientView | None) -> None:
        self._patient = patient
        self._parts = []
        self.pay_error.clear_message()
        self.invoices.view.clearSelection()
        self.invoices.view.setCurrentIndex(self.invoices.proxy.index(-1, -1))
        with reporting_domain_errors(self):
            self._load_patient()
        self._show_parts()

    def selected_invoice(self) -> InvoiceView | None:
        index = self.invoices.view.currentIndex()
        return self.invoice_model.row(self.invoices.proxy.mapToSource(index)) if index.isValid() else None

    def _invoice_chosen(self) -> None:
        invoice = self.selected_invoice()
        remaining = (invoice.due - sum((p.amount for p in self._parts), Decimal(0))) if invoice else None
        self.amount.set_value(remaining if remaining and remaining > 0 else None)
        may_correct = invoice is not None and can(self._ctx.actor, Permission.REFUND)
        self.cancel_invoice_action.setEnabled(may_correct and invoice is not None and invoice.cancellable)
        self.credit_note_action.setEnabled(may_correct and invoice is not None and invoice.creditable)

    def _invoice_menu(self, position: QPoint) -> None:
        if not self.invoices.view.indexAt(position).isValid():
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions([self.cancel_invoice_action, self.credit_note_action])
        menu.popup(self.invoices.view.viewport().mapToGlobal(position))

    # -- taking a payment ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.add_part()
            else:
                self.take_payment()
            return True
        return super().eventFilter(watched, event)

    def _method_changed(self) -> None:
        cash = self.method.value() is PaymentMethod.CASH
        self.tendered.setEnabled(cash)
        if not cash:
            self.tendered.set_value(None)
        self._show_change()

    def _show_change(self) -> None:
        tendered, amount = self.tendered.value(), self.amount.value()
        cash = sum((p.amount for p in self._parts if p.method is PaymentMethod.CASH), Decimal(0))
        if self.method.value() is PaymentMethod.CASH and amount:
            cash += amount
        if tendered is not None and cash and tendered >= cash:
            self.change.setText(_("Change {amount}").format(amount=money(self._ctx, tendered - cash)))
        else:
            self.change.setText("")

    def _current_part(self) -> PaymentPart | None:
        amount = self.amount.value()
        return None if amount is None else PaymentPart(self.method.value(), amount)

    def add_part(self) -> None:
        """Keep the typed part and start the next method of a split payment."""
        part = self._current_part()
        if part is None:
            self.pay_error.show_error(InvalidInput(N_("{field} is not an amount."), field=N_("Amount")))
            return
        self.pay_error.clear_message()
        self._parts.append(part)
        used = {p.method for p in self._parts}
        following = next((m for m in PaymentMethod if m not in used), self.method.value())
        self.method.set_value(following)
        self._invoice_chosen()
        self._show_parts()
        self.amount.setFocus()

    def _show_parts(self) -> None:
        self.parts_label.setText(" + ".join(f"{label(p.method)} {money(self._ctx, p.amount)}" for p in self._parts))
        self.parts_label.setVisible(bool(self._parts))

    def take_payment(self) -> PaymentResult | None:
        if self._patient is None:
            self.pay_error.show_message(lambda: _("Choose the patient first."))
            return None
        current = self._current_part()
        parts = tuple(self._parts) + ((current,) if current is not None else ())
        invoice = self.selected_invoice()
        request = PaymentRequest(
            patient_id=self._patient.id, invoice_id=invoice.id if invoice else None, parts=parts,
            tendered=self.tendered.value() if self.tendered.isEnabled() or any(
                p.method is PaymentMethod.CASH for p in parts) else None,
            excess_to_deposit=self.to_deposit.isChecked())
        try:
            result = payments.take_payment(self._ctx, request)
        except DomainError as error:
            self.pay_error.show_error(error)
            return None
        self.pay_error.clear_message()
        self._parts = []
        self._last_payment_id = result.payment_ids[0]
        self.tendered.set_value(None)
        self.to_deposit.setChecked(False)
        self.method.set_value(PaymentMethod.CASH)
        self._show_parts()
        self._show_result(result)
        self.reload()
        return result

    def _show_result(self, result: PaymentResult) -> None:
        text = _("Receipt {receipt}: {amount} taken").format(receipt=result.receipt,
                                                              amount=money(self._ctx, result.paid))
        if result.change:
            text += " · " + _("Change {amount}").format(amount=money(self._ctx, result.change))
        if result.to_deposit:
            text += " · " + _("Deposit {amount}").format(amount=money(self._ctx, result.to_deposit))
        if result.due_after:
            text += " · " + _("Still to pay {amount}").format(amount=money(self._ctx, result.due_after))
        self.result_label.setText(text)

    # -- actions ------------------------------------------------------------------------------------------

    def bill_visit(self, row: AwaitingRow) -> None:
        with reporting_domain_errors(self):
            self.picker.set_patient(patients.get(self._ctx, row.patient_id))
            self.new_invoice(row.appointment_id)

    def new_invoice(self, appointment_id: int | None) -> None:
        from ui.dialogs.invoice import InvoiceDialog

        with reporting_domain_errors(self):
            dialog = InvoiceDialog(self._ctx, self._patient, appointment_id, self)
            if dialog.exec() and dialog.issued is not None:
                self.picker.set_patient(patients.get(self._ctx, dialog.issued.patient_id))
                self.reload()
                self.amount.setFocus()

    def cancel_invoice(self) -> None:
        """Cancel the selected invoice with a reason (the service refuses one with payments or credits)."""
        invoice = self.selected_invoice()
        if invoice is None or not self.cancel_invoice_action.isEnabled():
            return
        ReasonDialog(lambda: (_("Cancel invoice {number}").format(number=invoice.number),
                              _("Why is invoice {number} ({amount}) cancelled? Issue a new invoice if the patient "
                                "still owes something.").format(number=invoice.number,
                                                                amount=money(self._ctx, invoice.charged))),
                     lambda reason: invoices.cancel_invoice(self._ctx, invoice.id, reason), self).exec()

    def credit_note(self) -> None:
        """Credit lines of the selected invoice, then show the credit note for printing."""
        invoice = self.selected_invoice()
        if invoice is None or not self.credit_note_action.isEnabled():
            return
        dialog = CreditNoteDialog(self._ctx, invoice, self)
        if dialog.exec() and dialog.issued is not None:
            note = dialog.issued
            with reporting_domain_errors(self):
                choice = self.print_choice.choice()
                self._show_pdf(receipts.credit_note_pdf(self._ctx, note.id, locale=choice.locale(), paper=choice.paper),
                               _("Credit note {number}").format(number=note.number), f"credit-note-{note.number}.pdf")

    def show_price_list(self) -> None:
        from ui.dialogs.price_list import PriceListDialog

        with reporting_domain_errors(self):
            PriceListDialog(self._ctx, self).exec()

    def open_shift(self) -> None:
        if OpenShiftDialog(self._ctx, self).exec():
            self.reload()

    def shift_report(self, *, closing: bool) -> None:
        with reporting_domain_errors(self):
            summary = shifts.current_shift(self._ctx)
            if summary is None:
                return
            if ShiftReportDialog(self._ctx, summary, closing=closing, parent=self).exec() and closing:
                self.reload()
                show_report(self._ctx, summary.id, self)  # the Z report, to print and file with the cash

    def selected_payment(self) -> PaymentRow | None:
        index = self.table.view.currentIndex()
        return self.model.row(self.table.proxy.mapToSource(index)) if index.isValid() else None

    def refund(self) -> None:
        row = self.selected_payment()
        if row is None:
            return
        dialog = RefundDialog(self._ctx, row, self)
        if dialog.exec() and dialog.refunded is not None:
            self.reload()
            with reporting_domain_errors(self):
                choice = self.print_choice.choice()
                self._preview(receipts.refund_receipt_pdf(self._ctx, dialog.refunded.refund_id,
                                                          locale=choice.locale(), paper=choice.paper),
                              dialog.refunded.receipt)

    def print_receipt(self, *, copy: bool) -> None:
        row = self.selected_payment()
        payment_id = row.id if row is not None else self._last_payment_id
        if payment_id is None:
            return
        with reporting_domain_errors(self):
            choice = self.print_choice.choice()
            pdf = receipts.receipt_pdf(self._ctx, payment_id, copy=copy, locale=choice.locale(), paper=choice.paper)
            self._preview(pdf, row.receipt if row else self.result_label.text().split(":")[0])

    def _preview(self, pdf: bytes, receipt: str) -> None:
        self._show_pdf(pdf, _("Receipt {receipt}").format(receipt=receipt), f"receipt-{receipt}.pdf")

    def _show_pdf(self, pdf: bytes, title: str, file_name: str) -> None:
        dialog = PrintPreviewDialog(pdf, title, file_name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- texts --------------------------------------------------------------------------------------------

    def _fill_method_filter(self) -> None:
        current = self.method_filter.currentData()
        self.method_filter.blockSignals(True)
        self.method_filter.clear()
        self.method_filter.addItem(_("All methods"), None)
        for method in PaymentMethod:
            self.method_filter.addItem(label(method), method)
        self.method_filter.setCurrentIndex(max(self.method_filter.findData(current), 0))
        self.method_filter.blockSignals(False)

    def retranslate_body(self) -> None:
        self._fill_method_filter()
        self.queue.retranslate()
        self.invoices.retranslate()
        self.open_shift_button.setText(_("Open shift…"))
        self.report_button.setText(_("X report"))
        self.close_shift_button.setText(_("Close shift…"))
        self.prices_button.setText(_("Price list…"))
        self.queue_heading.setText(_("Waiting to pay"))
        self.payments_heading.setText(_("Payments"))
        self.new_invoice_button.setText(_("New invoice…"))
        self.show_settled.setText(_("Show paid invoices"))
        self.cancel_invoice_action.setText(_("Cancel invoice…"))
        self.cancel_invoice_action.setToolTip(_("Only while nothing is paid or credited on it"))
        self.credit_note_action.setText(_("Credit note…"))
        for action in (self.cancel_invoice_action, self.credit_note_action):
            action.setIconText(action.text())  # a tool button would drop the "…" that says a dialog follows
        self.credit_note_action.setToolTip(_("Credit lines of the invoice: what the patient owes falls by their "
                                             "total (refund what was paid on them first)"))
        for caption, text in zip(self._entry_labels, (_("&Method"), _("&Amount"), _("Cash &tendered")), strict=True):
            caption.setText(text)
        self.to_deposit.setText(_("Keep any excess as a deposit"))
        self.add_part_button.setText(_("Add part"))
        self.add_part_button.setToolTip(_("Keep this part and pay the rest by another method (Ctrl+Enter)"))
        self.pay_button.setText(_("Take payment"))
        self.pay_button.setToolTip(_("Enter"))
        self.print_button.setText(_("Print receipt"))
        self.reprint_button.setText(_("Reprint (copy)"))
        self.refund_button.setText(_("Refund…"))
        self.pay_error.retranslate()
        if self._ctx.actor is not None and self.is_allowed():
            self._show_shift()
            with reporting_domain_errors(self):
                self._load_patient()
        self._show_parts()

    def summary_text(self) -> str:
        rows = self.model.rows()
        taken = sum((r.amount for r in rows), Decimal(0))
        refunded = sum((r.refunded for r in rows), Decimal(0))
        text = ngettext("{count} payment", "{count} payments", len(rows)).format(count=format_integer(len(rows)))
        text += " · " + _("Total {amount}").format(amount=money(self._ctx, taken - refunded))
        if refunded:
            text += " " + _("(refunded {amount})").format(amount=money(self._ctx, refunded))
        return text

    def _empty_text(self) -> str:
        return _("No payments on {day}.").format(day=format_date(self.day(), "full"))

    def _no_invoices_text(self) -> str:
        return _("Choose a patient to see what they owe.") if self._patient is None else _("Nothing to pay.")


def _invoice_tooltip(row: PaymentRow) -> str:
    return _("Invoice {number}").format(number=row.invoice) if row.invoice else ""

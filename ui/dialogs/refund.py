"""Refunding part or all of a payment, with the reason the patient is given their money back."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_, _, format_money
from app.labels import label
from app.services import payments
from app.services.cashier import PaymentRow
from app.services.payments import RefundResult
from ui.dialogs.service_form import ServiceFormDialog
from ui.widgets.money_edit import MoneyEdit


class RefundDialog(ServiceFormDialog):
    def __init__(self, ctx: Context, row: PaymentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refund")
        self._ctx = ctx
        self._row = row
        self.refunded: RefundResult | None = None
        self.payment = QLabel(self)
        self.amount = MoneyEdit(ctx.clinic().currency, self)
        self.amount.setObjectName("refund_amount")
        self.amount.set_value(row.amount - row.refunded)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("refund_reason")
        self.reason.setMaxLength(400)
        self._captions_ = (self.add_row(self.payment), self.add_row(self.amount), self.add_row(self.reason))
        self.reason.setFocus()
        self.retranslate()

    def submit(self) -> None:
        value = self.amount.value()
        if value is None:
            raise InvalidInput(N_("{field} is not an amount."), field=N_("Refund amount"))
        self.refunded = payments.refund(self._ctx, self._row.id, value, self.reason.text())

    def retranslate(self) -> None:
        super().retranslate()
        currency = self._ctx.clinic().currency
        self.setWindowTitle(_("Refund"))
        self.payment.setText(_("{receipt} · {patient} · {method} {amount} (refunded {refunded})").format(
            receipt=self._row.receipt, patient=self._row.patient_name, method=label(self._row.method),
            amount=format_money(self._row.amount, currency), refunded=format_money(self._row.refunded, currency)))
        for caption, text in zip(self._captions_, (_("Payment:"), _("&Amount:"), _("&Reason:")), strict=True):
            caption.setText(text)

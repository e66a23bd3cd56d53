"""The Cashier dock: the chosen day's payments, with the day's total in the clinic's currency."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QWidget

from app.context import Context
from app.events import Topic
from app.i18n import N_, NP_, _, format_date, format_integer, ngettext
from app.labels import label
from app.services import cashier
from app.services.cashier import PaymentRow
from app.services.permissions import Permission
from ui.docks.base import DayPanelDock
from ui.docks.cells import clinic_time, money, timestamp
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.look import RED, color
from ui.widgets.table_panel import TablePanel


class CashierDock(DayPanelDock):
    object_name = "cashier_dock"
    title = NP_("panel", "Cashier")
    permission = Permission.VIEW_CASHIER
    topics = frozenset({Topic.PAYMENTS, Topic.INVOICES, Topic.SHIFTS, Topic.PATIENTS, Topic.CLINIC})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RowTableModel[PaymentRow] = RowTableModel(self._columns(), key=lambda r: r.id, parent=self)
        self.table = TablePanel(self.model, self._empty_text, sort_column=-1, parent=self.widget())
        self.body_layout.addWidget(self.table)
        self.finish_layout()
        self.retranslate()

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
        return [self.table]

    def load(self) -> None:
        self.model.set_rows(cashier.payments_on(self._ctx, self.day()))

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


def _invoice_tooltip(row: PaymentRow) -> str:
    return _("Invoice {number}").format(number=row.invoice) if row.invoice else ""

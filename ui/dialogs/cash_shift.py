"""Opening a cash shift with its float, the X report of the open shift, and the Z closing with counted cash."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_, _, format_integer, format_money
from app.labels import label
from app.services import receipts, shifts
from app.services.shifts import ShiftSummary
from ui.dialogs.service_form import ServiceFormDialog
from ui.docks.cells import clinic_datetime
from ui.printing import PrintPreviewDialog
from ui.widgets.messages import reporting_domain_errors
from ui.widgets.money_edit import MoneyEdit
from ui.widgets.print_choice import load_choice


def report_html(ctx: Context, summary: ShiftSummary) -> str:
    """The X/Z report as a small rich-text table: totals by method, then the drawer's cash."""
    currency = summary.currency

    def money(amount: Decimal) -> str:
        return format_money(amount, currency).replace(" ", "&nbsp;")

    rows = [f"<tr><th align='left'>{_('Method')}</th><th align='right'>{_('Payments')}</th>"
            f"<th align='right'>{_('Taken')}</th><th align='right'>{_('Refunded')}</th></tr>"]
    rows += [f"<tr><td>{label(m.method)}</td><td align='right'>{format_integer(m.payments)}</td>"
             f"<td align='right'>{money(m.taken)}</td><td align='right'>{money(m.refunded)}</td></tr>"
             for m in summary.by_method]
    cash = [(_("Opening float"), summary.opening_float), (_("Cash taken"), summary.cash_in),
            (_("Cash refunded"), -summary.cash_out), (_("Expected in the drawer"), summary.expected_cash)]
    if summary.counted_cash is not None and summary.difference is not None:
        cash += [(_("Counted cash"), summary.counted_cash), (_("Difference"), summary.difference)]
    rows.append("<tr><td colspan='4'><hr></td></tr>")
    rows += [f"<tr><td colspan='3'>{text}</td><td align='right'><b>{money(amount)}</b></td></tr>"
             for text, amount in cash]
    head = _("Shift {number} · {cashier} · opened {when}").format(
        number=summary.number, cashier=summary.cashier_name, when=clinic_datetime(ctx, summary.opened_at))
    if summary.closed_at is not None:
        head += " · " + _("closed {when}").format(when=clinic_datetime(ctx, summary.closed_at))
    return f"<p>{head}</p><table cellspacing='6'>{''.join(rows)}</table>"


def show_report(ctx: Context, shift_id: int, parent: QWidget) -> None:
    """The shift's X or Z report in the print preview (non-modal: the desk goes on working behind it)."""
    choice = load_choice()  # the paper and language this workstation prints its slips on
    pdf = receipts.shift_report_pdf(ctx, shift_id, choice.report_locale(), choice.paper)
    dialog = PrintPreviewDialog(pdf, _("Shift report"), f"shift-{shift_id}.pdf", parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


class OpenShiftDialog(ServiceFormDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("open_shift")
        self._ctx = ctx
        self.opened: ShiftSummary | None = None
        self.opening_float = MoneyEdit(ctx.clinic().currency, self)
        self.opening_float.setObjectName("opening_float")
        self._float_caption = self.add_row(self.opening_float)
        self.retranslate()

    def submit(self) -> None:
        value = self.opening_float.value()
        if value is None:
            raise InvalidInput(N_("{field} is not an amount."), field=N_("Opening float"))
        self.opened = shifts.open_shift(self._ctx, value)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Open cash shift"))
        self._float_caption.setText(_("Opening &float:"))


class ShiftReportDialog(ServiceFormDialog):
    """The X report (open shift) or the Z report (closed); ``closing`` adds the counted cash and closes it."""

    def __init__(self, ctx: Context, summary: ShiftSummary, *, closing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("close_shift" if closing else "shift_report")
        self._ctx = ctx
        self._summary = summary
        self._closing = closing
        self.closed: ShiftSummary | None = None
        self.report = QLabel(self)
        self.report.setTextFormat(Qt.TextFormat.RichText)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.insertWidget(0, self.report)
        self.counted = MoneyEdit(ctx.clinic().currency, self)
        self.counted.setObjectName("counted_cash")
        self.difference = QLabel(self)
        self.difference.setObjectName("difference")
        self.counted.value_changed.connect(lambda _value: self._show_difference())
        self.print_button = self.buttons.addButton("", self.buttons.ButtonRole.ActionRole)
        self.print_button.clicked.connect(lambda: self.print_report(summary.id))
        if closing:
            self.print_button.hide()
            self._counted_caption = self.add_row(self.counted)
            self._difference_caption = self.add_row(self.difference)
        else:
            self.counted.hide()
            self.difference.hide()
            self.buttons.setStandardButtons(self.buttons.StandardButton.Close)
        self.retranslate()

    def print_report(self, shift_id: int) -> None:
        with reporting_domain_errors(self):
            show_report(self._ctx, shift_id, self)

    def _show_difference(self) -> None:
        counted = self.counted.value()
        if counted is None:
            self.difference.setText("")
            return
        diff = counted - self._summary.expected_cash
        text = format_money(diff, self._summary.currency)
        self.difference.setText(text if diff == 0 else (_("{amount} over") if diff > 0 else _("{amount} short"))
                                .format(amount=format_money(abs(diff), self._summary.currency)))

    def submit(self) -> None:
        if not self._closing:
            return
        value = self.counted.value()
        if value is None:
            raise InvalidInput(N_("{field} is not an amount."), field=N_("Counted cash"))
        self.closed = shifts.close_shift(self._ctx, self._summary.id, value)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Close cash shift (Z report)") if self._closing else _("Shift report (X)"))
        self.report.setText(report_html(self._ctx, self._summary))
        self.print_button.setText(_("Print…"))
        if self._closing:
            self._counted_caption.setText(_("&Counted cash:"))
            self._difference_caption.setText(_("Difference:"))
            self._show_difference()

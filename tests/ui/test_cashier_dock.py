"""The Cashier dock used as a cashier would: a payment typed from the keyboard, a refund, closing the shift.
Each test asserts the database afterwards, through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.models.billing import PaymentMethod, ShiftStatus
from app.services import cashier, invoices, shifts
from app.services.payments import PaymentPart, PaymentRequest, take_payment
from tests import builders
from tests.cashier_builders import issue, open_shift
from tests.ui.modal import close_previews, when_modal

D = Decimal


def test_a_split_payment_typed_from_the_keyboard(cashier_desk, sqlite_ctx, qtbot):
    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    invoice = issue(sqlite_ctx, patient.id, "55000")
    dock.reload()
    dock.picker.set_patient(patient)
    assert dock.invoice_model.rowCount() == 1
    assert dock.amount.value() == D(55000)  # the amount starts at what is due
    assert "55,000" in dock.balance.text()

    dock.method.set_value(PaymentMethod.CARD)
    dock.amount.setFocus()
    dock.amount.selectAll()
    qtbot.keyClicks(dock.amount, "30000")
    qtbot.keyClick(dock.amount, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # keep the card part
    assert dock.method.value() is PaymentMethod.CASH
    assert dock.amount.value() == D(25000)
    qtbot.keyClicks(dock.tendered, "30000")
    assert "5,000" in dock.change.text()
    qtbot.keyClick(dock.amount, Qt.Key.Key_Return)

    assert "2026-000001" in dock.result_label.text()
    assert invoices.get(sqlite_ctx, invoice.id).due == 0
    rows = cashier.payments_on(sqlite_ctx, invoice.issued_at.astimezone(sqlite_ctx.clinic().zone).date())
    assert sorted((r.method, r.amount) for r in rows) == [(PaymentMethod.CARD, D(30000)),
                                                          (PaymentMethod.CASH, D(25000))]
    assert dock.model.rowCount() == 2
    assert dock.invoice_model.rowCount() == 0
    assert "Nothing owed" in dock.balance.text()


def test_an_overpayment_is_refused_and_nothing_is_written(cashier_desk, sqlite_ctx, qtbot):
    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    issue(sqlite_ctx, patient.id, "10000")
    dock.reload()
    dock.picker.set_patient(patient)
    dock.amount.selectAll()
    qtbot.keyClicks(dock.amount, "12000")
    qtbot.keyClick(dock.amount, Qt.Key.Key_Return)
    assert dock.pay_error.isVisible()
    assert "deposit" in dock.pay_error.text()
    assert shifts.current_shift(sqlite_ctx).payments == 0


def test_refund_from_the_payments_table(cashier_desk, sqlite_ctx, qtbot):
    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    invoice = issue(sqlite_ctx, patient.id, "30000")
    take_payment(sqlite_ctx, PaymentRequest(patient.id, (PaymentPart(PaymentMethod.CASH, D(30000)),), invoice.id))
    dock.reload()
    dock.table.view.selectRow(0)

    def fill(dialog: QDialog) -> None:
        dialog.amount.selectAll()
        qtbot.keyClicks(dialog.amount, "10000")
        qtbot.keyClicks(dialog.reason, "Ultrasound not done")
        dialog.accept()

    when_modal(QDialog, fill)
    qtbot.mouseClick(dock.refund_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(close_previews()))  # the refund receipt is shown for printing
    assert invoices.get(sqlite_ctx, invoice.id).paid == D(20000)
    summary = shifts.current_shift(sqlite_ctx)
    assert (summary.cash_in, summary.cash_out, summary.refunds) == (D(30000), D(10000), 1)


def test_close_the_shift_with_the_counted_cash(cashier_desk, sqlite_ctx, qtbot):
    dock, patient = cashier_desk
    shift_id = open_shift(sqlite_ctx, "100000")
    invoice = issue(sqlite_ctx, patient.id, "30000")
    take_payment(sqlite_ctx, PaymentRequest(patient.id, (PaymentPart(PaymentMethod.CASH, D(30000)),), invoice.id))
    dock.reload()
    assert dock.close_shift_button.isEnabled()

    def count(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.counted, "129000")
        assert "1,000" in dialog.difference.text()
        assert "short" in dialog.difference.text()
        dialog.accept()

    when_modal(QDialog, count)
    qtbot.mouseClick(dock.close_shift_button, Qt.MouseButton.LeftButton)
    closed = shifts.shift_summary(sqlite_ctx, shift_id)
    assert (closed.status, closed.expected_cash, closed.counted_cash) == (ShiftStatus.CLOSED, D(130000), D(129000))
    qtbot.waitUntil(lambda: bool(close_previews()))  # the Z report is shown for printing
    qtbot.waitUntil(lambda: "No open shift" in dock.shift_label.text())
    assert not dock.pay_button.isEnabled()


@pytest.mark.parametrize("locale", ["ko", "ru"])
def test_dock_pictures(cashier_desk, sqlite_ctx, qtbot, artifacts_dir, locale):
    """Screenshots to look at: a patient with a partly paid invoice and a debt, the day's payments."""
    from tests.cashier_builders import completed_visit
    from ui import qt_i18n

    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    other = builders.add_patient(sqlite_ctx, "Иванова", "Мария", phone="+7 903 111-22-33")
    completed_visit(sqlite_ctx, other.id, None)
    invoice = issue(sqlite_ctx, patient.id, "55000", "12000")
    take_payment(sqlite_ctx, PaymentRequest(patient.id, (PaymentPart(PaymentMethod.CARD, D(40000)),), invoice.id))
    qt_i18n.switch_language(locale)
    window = dock.window()
    window.resize(1366, 768)
    dock.reload()
    dock.picker.set_patient(patient)
    qtbot.wait(50)
    window.grab().save(str(artifacts_dir / f"cashier_dock_{locale}.png"))
    assert dock.queue_model.rowCount() == 1
    assert dock.invoice_model.rowCount() == 1
    assert dock.windowTitle() != "Cashier"


def test_price_list_dialog_adds_and_changes_a_service(qtbot, sqlite_ctx, artifacts_dir):
    from app.i18n import LOCALES
    from app.services import price_list
    from tests.ui.test_patient_picker import type_text
    from ui.dialogs.price_list import PriceListDialog

    dialog = PriceListDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_service()
    qtbot.keyClicks(dialog.code, "LAB7")
    for locale, text in zip(LOCALES, ("Blood test", "혈액 검사", "Анализ крови", "Analize de sânge", "验血"),
                            strict=True):
        type_text(dialog.names[locale], text)
    qtbot.keyClicks(dialog.price, "15000")
    qtbot.keyClicks(dialog.tax, "10")
    assert dialog.save() is not None
    dialog.table.view.selectRow(0)
    dialog.price.selectAll()
    qtbot.keyClicks(dialog.price, "18000")
    saved = dialog.save()
    assert saved is not None
    dialog.grab().save(str(artifacts_dir / "price_list_en.png"))
    [service] = price_list.services(sqlite_ctx, "ru")
    assert (service.code, service.name, service.price, service.tax_rate) == ("LAB7", "Анализ крови", D(18000), D(10))
    dialog.close()


def test_invoice_from_a_visit_with_a_discount(cashier_desk, sqlite_ctx, qtbot, artifacts_dir):
    from tests.cashier_builders import add_service, completed_visit

    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    service = add_service(sqlite_ctx, price="33000", tax="10")
    completed_visit(sqlite_ctx, patient.id, service.id)
    dock.reload()
    assert dock.queue_model.rowCount() == 1

    def discount(dialog: QDialog) -> None:
        assert [line.unit_price for line in dialog.lines] == [D(33000)]
        dialog.service.setCurrentIndex(1)
        dialog.discount_kind.set_value(dialog.discount_kind.members()[1])  # percent
        qtbot.keyClicks(dialog.discount_value, "10")
        qtbot.keyClicks(dialog.discount_reason, "Senior")
        dialog.add_line()
        assert "62,700" in dialog.totals.text()
        dialog.grab().save(str(artifacts_dir / "invoice_dialog_en.png"))
        dialog.accept()

    when_modal(QDialog, discount)
    dock.bill_visit(dock.queue_model.rows()[0])
    [invoice] = invoices.open_invoices(sqlite_ctx, patient.id)
    assert (invoice.total, invoice.discount, invoice.due) == (D(62700), D(3300), D(62700))
    assert dock.amount.value() == D(62700)
    qtbot.waitUntil(lambda: dock.queue_model.rowCount() == 0)

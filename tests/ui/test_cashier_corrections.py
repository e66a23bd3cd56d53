"""Correcting an issued invoice from the Cashier dock: cancelling it, or crediting some of its lines.
Each test asserts the database afterwards; refusals are checked in the language shown."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.context import Context
from app.i18n import gettext
from app.models.billing import InvoiceStatus, PaymentMethod
from app.models.staff import Role
from app.services import invoices, payments, receipts
from app.services.payments import PaymentPart, PaymentRequest, take_payment
from tests.cashier_builders import issue, open_shift
from tests.ui.modal import close_previews, when_modal
from ui import qt_i18n
from ui.dialogs.credit_note import CreditLinesModel, CreditNoteDialog
from ui.docks.cells import money

D = Decimal


def _choose(dock, invoice_id: int) -> None:
    for row, view in enumerate(dock.invoice_model.rows()):
        if view.id == invoice_id:
            dock.invoices.view.setCurrentIndex(dock.invoices.proxy.mapFromSource(dock.invoice_model.index(row, 0)))
            return
    raise AssertionError(f"invoice {invoice_id} is not shown")


def _pay(ctx: Context, patient_id: int, invoice_id: int, amount: str) -> int:
    request = PaymentRequest(patient_id, (PaymentPart(PaymentMethod.CARD, D(amount)),), invoice_id)
    return take_payment(ctx, request).payment_ids[0]


def test_credit_note_on_a_paid_invoice(cashier_desk, sqlite_ctx, qtbot):
    """Paid in full: nothing can be credited until part is refunded; then the dialog refuses to credit more
    than that, in Russian, as soon as the line is ticked, and credits the line that fits."""
    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    invoice = issue(sqlite_ctx, patient.id, "30000", "20000")
    payment_id = _pay(sqlite_ctx, patient.id, invoice.id, "50000")
    dock.reload()
    dock.picker.set_patient(patient)
    assert dock.invoice_model.rowCount() == 0  # nothing left to pay: hidden until asked for
    dock.show_settled.setChecked(True)
    _choose(dock, invoice.id)
    assert not dock.cancel_invoice_action.isEnabled()  # it was paid: a credit note, not a cancellation
    assert not dock.credit_note_action.isEnabled()  # and the money must be refunded before a line is credited
    payments.refund(sqlite_ctx, payment_id, D(20000), "УЗИ не проводилось")
    qtbot.waitUntil(lambda: dock.invoice_model.rows()[0].paid == D(30000))  # the dock followed the refund
    _choose(dock, invoice.id)
    assert dock.credit_note_action.isEnabled()
    qt_i18n.switch_language("ru")
    shown: dict[str, str] = {}

    def credit(dialog: QDialog) -> None:
        assert isinstance(dialog, CreditNoteDialog)
        dialog.accept()  # nothing ticked, no reason
        shown["no reason"] = dialog.error.text()
        dialog.choose({1})  # 30,000: more than the 20,000 refunded
        shown["too much"] = dialog.error.text()
        dialog.choose({2})
        shown["fits"] = dialog.error.text()
        shown["total"] = dialog.total.text()
        dialog.reason.setText("УЗИ не проводилось")
        dialog.accept()

    when_modal(QDialog, credit)
    dock.credit_note_action.trigger()
    reason = gettext("Reason for the correction", "ru")
    assert shown["no reason"] == gettext("{field} must not be empty.", "ru").format(field=reason)
    paid, refund_first = money(sqlite_ctx, D(30000)), money(sqlite_ctx, D(10000))
    assert shown["too much"] == (
        f"По счёту оплачено {paid}: сначала верните пациенту не менее {refund_first}, затем оформите счёт на возврат.")
    assert shown["fits"] == ""
    assert shown["total"] == gettext("Credit {amount} · the invoice then comes to {remaining}", "ru").format(
        amount=money(sqlite_ctx, D(20000)), remaining=money(sqlite_ctx, D(30000)))
    after = invoices.get(sqlite_ctx, invoice.id)
    assert (after.credited, after.charged, after.paid, after.credited_positions) == (
        D(20000), D(30000), D(30000), frozenset({2}))
    previews = []
    qtbot.waitUntil(lambda: bool(previews.extend(close_previews()) or previews))
    text = PdfReader(io.BytesIO(previews[0]._pdf)).pages[0].extract_text()
    assert gettext("Credit note", "ko") in text  # in the patient's language (the clinic's, Korean)
    assert "2026-000002" in text  # its own number,
    assert "2026-000001" in text  # and the invoice it corrects
    # The dock followed the change event: the credited line cannot be credited again, and nothing is due.
    qtbot.waitUntil(lambda: dock.invoice_model.rows()[0].credited == D(20000))
    _choose(dock, invoice.id)
    assert not dock.credit_note_action.isEnabled()


def test_cancel_an_unpaid_invoice(cashier_desk, sqlite_ctx, qtbot):
    dock, patient = cashier_desk
    invoice = issue(sqlite_ctx, patient.id, "15000")
    dock.reload()
    assert not dock.cancel_invoice_action.isEnabled()  # no patient, no invoice chosen yet
    assert not dock.credit_note_action.isEnabled()
    dock.picker.set_patient(patient)
    _choose(dock, invoice.id)
    assert dock.cancel_invoice_action.isEnabled()
    shown: dict[str, str] = {}

    def cancel(dialog: QDialog) -> None:
        dialog.accept()  # no reason yet
        shown["refusal"] = dialog.error.text()
        dialog.text.setText("Wrong patient")
        dialog.accept()

    when_modal(QDialog, cancel)
    dock.cancel_invoice_action.trigger()
    assert shown["refusal"] == "Reason for the correction must not be empty."
    after = invoices.get(sqlite_ctx, invoice.id)
    assert (after.status, after.note) == (InvoiceStatus.CANCELLED, "Wrong patient")
    qtbot.waitUntil(lambda: dock.invoice_model.rowCount() == 0)
    assert "Nothing owed" in dock.balance.text()


def test_cancel_refused_when_it_was_paid_meanwhile(cashier_desk, sqlite_ctx, qtbot):
    """The dock still shows the invoice unpaid when another desk takes a payment on it: the service refuses."""
    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    invoice = issue(sqlite_ctx, patient.id, "15000")
    dock.reload()
    dock.picker.set_patient(patient)
    _choose(dock, invoice.id)
    qt_i18n.switch_language("ko")
    _pay(sqlite_ctx, patient.id, invoice.id, "5000")
    shown: dict[str, str] = {}

    def cancel(dialog: QDialog) -> None:
        dialog.text.setText("잘못 발행")
        dialog.accept()
        shown["refusal"] = dialog.error.text()
        dialog.reject()

    when_modal(QDialog, cancel)
    dock.cancel_invoice()
    assert shown["refusal"] == gettext(
        "Payments or credit notes exist for this invoice: refund or credit it instead.", "ko")
    assert invoices.get(sqlite_ctx, invoice.id).status is InvoiceStatus.ISSUED


def test_corrections_need_the_refund_permission(cashier_desk, sqlite_ctx, qtbot):
    dock, patient = cashier_desk
    invoice = issue(sqlite_ctx, patient.id, "15000")
    sqlite_ctx.actor = replace(sqlite_ctx.actor, roles=frozenset({Role.CASHIER}))
    dock.window().apply_actor()
    dock.reload()
    dock.picker.set_patient(patient)
    _choose(dock, invoice.id)
    assert not dock.cancel_invoice_action.isEnabled()
    assert not dock.credit_note_action.isEnabled()


def test_credit_lines_model(qtmodeltester, sqlite_ctx):
    from tests import builders

    patient = builders.add_patient(sqlite_ctx, "Popescu", "Ana")
    invoice = issue(sqlite_ctx, patient.id, "30000", "20000", "10000")
    invoices.credit_note(sqlite_ctx, invoice.id, [1], "not done")
    model = CreditLinesModel(sqlite_ctx, invoices.get(sqlite_ctx, invoice.id))
    qtmodeltester.check(model)
    checked, role = Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    assert not model.setData(model.index(0, 0), checked, role)  # credited already: cannot be ticked
    assert model.setData(model.index(2, 0), checked.value, role)  # a view hands the state over as an int
    assert model.chosen == {3}


@pytest.mark.parametrize("locale", ["zh_CN", "ro"])
def test_correction_pictures(cashier_desk, sqlite_ctx, qtbot, artifacts_dir, locale):
    """Screenshots to look at: the dock's correction buttons, the credit note dialog, the printed credit note."""
    dock, patient = cashier_desk
    open_shift(sqlite_ctx)
    invoice = issue(sqlite_ctx, patient.id, "30000", "20000", "12500")
    invoices.credit_note(sqlite_ctx, invoice.id, [3], "검사 미시행")
    _pay(sqlite_ctx, patient.id, invoice.id, "10000")
    qt_i18n.switch_language(locale)
    dock.window().resize(1366, 768)
    dock.reload()
    dock.picker.set_patient(patient)
    _choose(dock, invoice.id)
    qtbot.wait(50)
    dock.window().grab().save(str(artifacts_dir / f"cashier_corrections_{locale}.png"))
    dialog = CreditNoteDialog(sqlite_ctx, invoices.get(sqlite_ctx, invoice.id), dock)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose({1, 2})  # 50,000 of the 40,000 still due: refused at once
    qtbot.wait(50)
    assert dialog.error.isVisible()
    dialog.grab().save(str(artifacts_dir / f"credit_note_refused_{locale}.png"))
    dialog.choose({2})
    dialog.reason.setText("Analiză neefectuată")
    qtbot.wait(50)
    dialog.grab().save(str(artifacts_dir / f"credit_note_dialog_{locale}.png"))
    dialog.accept()
    assert dialog.issued is not None
    pdf = receipts.credit_note_pdf(sqlite_ctx, dialog.issued.id, locale=locale)
    (artifacts_dir / f"credit_note_{locale}.pdf").write_bytes(pdf)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert dialog.issued.number in text
    assert invoice.number in text
    assert gettext("Total credited", locale) in text

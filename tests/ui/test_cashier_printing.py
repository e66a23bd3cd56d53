"""Paper and language of what the cash desk prints, chosen in the dock and kept for the workstation: each PDF
is saved from the print preview the GUI opened and read back with pypdf (page size, a known label, COPY)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from app.i18n import gettext
from app.models.billing import PaymentMethod
from app.services import shifts
from app.services.payments import PaymentPart, PaymentRequest, take_payment
from app.settings import config_dir
from tests.cashier_builders import issue, open_shift
from tests.ui.modal import close_previews
from ui import qt_i18n
from ui.dialogs.cash_shift import show_report
from ui.widgets.print_choice import INTERFACE, PATIENT, SETTINGS_FILE, PrintChoice, PrintChoiceButton, load_choice

D = Decimal
MM = 72 / 25.4


@pytest.fixture(autouse=True)
def _fresh_workstation_choice():
    """Each test starts from the default (80 mm roll, the patient's language) and leaves it so."""
    path = config_dir() / SETTINGS_FILE
    path.unlink(missing_ok=True)
    yield
    path.unlink(missing_ok=True)


def _saved_preview(qtbot, folder: Path) -> PdfReader:
    previews = []
    qtbot.waitUntil(lambda: bool(previews.extend(close_previews()) or previews))
    path = folder / "printed.pdf"
    assert previews[0].save_to(path)
    return PdfReader(path)


def _size_mm(reader: PdfReader) -> tuple[int, int]:
    box = reader.pages[0].mediabox
    return round(float(box.width) / MM), round(float(box.height) / MM)


def _paid_receipt(ctx, patient) -> None:
    open_shift(ctx)
    invoice = issue(ctx, patient.id, "55000")
    take_payment(ctx, PaymentRequest(patient.id, (PaymentPart(PaymentMethod.CARD, D(55000)),), invoice.id))


def test_reprint_on_a5_in_russian_marked_as_a_copy(cashier_desk, sqlite_ctx, qtbot, tmp_path):
    dock, patient = cashier_desk  # the patient prefers the clinic's language, Korean
    _paid_receipt(sqlite_ctx, patient)
    dock.reload()
    dock.table.view.selectRow(0)
    assert dock.print_choice.choice() == PrintChoice("roll80", PATIENT)
    dock.print_choice.paper_actions["a5"].trigger()
    dock.print_choice.language_actions["ru"].trigger()
    assert "A5" in dock.print_choice.text()

    qtbot.mouseClick(dock.reprint_button, Qt.MouseButton.LeftButton)
    reader = _saved_preview(qtbot, tmp_path)
    text = reader.pages[0].extract_text()
    assert _size_mm(reader) == (148, 210)
    assert gettext("Cash receipt", "ru") in text
    assert gettext("COPY", "ru") in text
    assert "2026-000001" in text

    qtbot.mouseClick(dock.print_button, Qt.MouseButton.LeftButton)  # the first print is no copy
    assert gettext("COPY", "ru") not in _saved_preview(qtbot, tmp_path).pages[0].extract_text()
    # Kept for this workstation: a desk opened later starts with the same choice.
    assert load_choice() == PrintChoice("a5", "ru")
    again = PrintChoiceButton()
    qtbot.addWidget(again)
    assert again.choice() == PrintChoice("a5", "ru")
    assert again.language_actions["ru"].isChecked()


def test_roll_in_the_patients_or_the_interface_language(cashier_desk, sqlite_ctx, qtbot, tmp_path):
    dock, patient = cashier_desk
    _paid_receipt(sqlite_ctx, patient)
    qt_i18n.switch_language("zh_CN")
    dock.reload()
    dock.table.view.selectRow(0)
    qtbot.mouseClick(dock.print_button, Qt.MouseButton.LeftButton)
    reader = _saved_preview(qtbot, tmp_path)
    assert _size_mm(reader)[0] == 80
    assert gettext("Cash receipt", "ko") in reader.pages[0].extract_text()  # the patient's language
    dock.print_choice.language_actions[INTERFACE].trigger()
    qtbot.mouseClick(dock.print_button, Qt.MouseButton.LeftButton)
    text = _saved_preview(qtbot, tmp_path).pages[0].extract_text()
    assert gettext("Cash receipt", "zh_CN") in text
    assert gettext("COPY", "zh_CN") not in text


def test_z_report_on_a4_in_the_chosen_language(cashier_desk, sqlite_ctx, qtbot, tmp_path):
    dock, patient = cashier_desk
    _paid_receipt(sqlite_ctx, patient)
    shift = shifts.current_shift(sqlite_ctx)
    shifts.close_shift(sqlite_ctx, shift.id, D(100000))
    dock.print_choice.paper_actions["a4"].trigger()
    dock.print_choice.language_actions["ro"].trigger()
    show_report(sqlite_ctx, shift.id, dock)
    reader = _saved_preview(qtbot, tmp_path)
    text = reader.pages[0].extract_text()
    assert _size_mm(reader) == (210, 297)
    assert gettext("Shift closing (Z)", "ro") in text
    assert gettext("Counted cash", "ro") in text


@pytest.mark.parametrize("locale", ["ko", "ru"])
def test_print_choice_pictures(cashier_desk, sqlite_ctx, qtbot, artifacts_dir, locale):
    """Pictures to look at: the payments row with the choice, its menu, an A5 receipt and an A4 Z report."""
    from app.services import receipts

    dock, patient = cashier_desk
    _paid_receipt(sqlite_ctx, patient)
    qt_i18n.switch_language(locale)
    dock.window().resize(1366, 768)
    dock.reload()
    dock.print_choice.paper_actions["a5"].trigger()
    dock.print_choice.language_actions[INTERFACE].trigger()
    qtbot.wait(50)
    dock.table.parentWidget().grab().save(str(artifacts_dir / f"cashier_print_choice_{locale}.png"))
    languages = dock.print_choice.language_menu
    languages.adjustSize()
    languages.grab().save(str(artifacts_dir / f"cashier_print_languages_{locale}.png"))  # drawn, not popped up
    payment_id = dock.model.rows()[0].id
    choice = dock.print_choice.choice()
    (artifacts_dir / f"receipt_a5_{locale}.pdf").write_bytes(
        receipts.receipt_pdf(sqlite_ctx, payment_id, copy=True, locale=choice.locale(), paper=choice.paper))
    shift = shifts.current_shift(sqlite_ctx)
    shifts.close_shift(sqlite_ctx, shift.id, D(99000))
    (artifacts_dir / f"z_report_a4_{locale}.pdf").write_bytes(
        receipts.shift_report_pdf(sqlite_ctx, shift.id, choice.report_locale(), "a4"))
    assert dock.print_choice.text().startswith(gettext("A5 sheet", locale))

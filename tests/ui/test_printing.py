"""Print preview: pages rendered with pypdfium2, saved byte for byte, printed page by page."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ui import qt_i18n
from ui.printing import PageView, PrintPreviewDialog, with_copies

# The offscreen platform cannot resize or raise windows and says so; real platforms can.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


def _pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        document.setFont("Helvetica-Bold", 20)
        document.drawString(72, 770, f"Daily appointments, page {number}")
        document.setFont("Helvetica", 11)
        for row in range(36):
            document.drawString(72, 730 - row * 18, f"{9 + row // 4:02d}:{row % 4 * 15:02d}  Patient {row + 1}")
        document.showPage()
    document.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    return _pdf(2)


@pytest.fixture
def preview(qtbot, two_pages: bytes) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(two_pages, "Daily list", "daily-list.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_every_page_is_shown(preview: PrintPreviewDialog):
    assert preview.page_count == 2
    assert len(preview.findChildren(PageView)) == 2
    assert preview.page_label.text() == "Page 1 of 2"
    image = preview.page_image(0)
    assert not image.isNull()
    assert image.width() > 100
    assert image.pixelColor(5, 5).name() == "#ffffff"  # white paper, rendered


def test_page_keys_move_between_pages(qtbot, preview: PrintPreviewDialog):
    preview.activateWindow()
    qtbot.waitActive(preview)
    qtbot.keyClick(preview.scroll, Qt.Key.Key_PageDown)
    assert preview.current_page == 1
    assert preview.page_label.text() == "Page 2 of 2"
    assert not preview.next_action.isEnabled()
    qtbot.keyClick(preview.scroll, Qt.Key.Key_PageUp)
    assert preview.current_page == 0


def test_zoom_steps_and_fit_width(preview: PrintPreviewDialog):
    fitted = preview.page_views[0].width()
    preview.zoom_by(1)
    assert not preview.fit_width_action.isChecked()
    assert preview.page_views[0].width() > fitted
    preview.zoom_by(-1)
    preview.zoom_by(-1)
    assert preview.page_views[0].width() < fitted
    preview.fit_width()
    assert preview.page_views[0].width() == fitted


def test_save_writes_the_bytes_unchanged(preview: PrintPreviewDialog, two_pages: bytes, tmp_path: Path):
    target = tmp_path / "daily-list.pdf"
    assert preview.save_to(target)
    assert target.read_bytes() == two_pages


def test_a_failed_save_is_explained(preview: PrintPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    assert not preview.save_to(tmp_path / "no such folder" / "daily-list.pdf")
    assert len(shown) == 1
    assert shown[0].startswith("The PDF could not be saved as ")


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_sends_every_page(preview: PrintPreviewDialog, tmp_path: Path):
    target = tmp_path / "printed.pdf"
    printer = _pdf_printer(target)
    preview.prepare_printer(printer)
    assert printer.pageLayout().pageSize().id() == printer.pageLayout().pageSize().PageSizeId.A4
    assert preview.print_to(printer)
    printed = PdfReader(target)
    assert len(printed.pages) == 2
    assert round(float(printed.pages[0].mediabox.width)) == 595


def test_print_respects_the_page_range_and_copies(preview: PrintPreviewDialog, tmp_path: Path):
    target = tmp_path / "printed.pdf"
    printer = _pdf_printer(target)
    preview.prepare_printer(printer)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    printer.setCopyCount(3)
    assert preview.print_to(printer)
    assert len(PdfReader(target).pages) == (1 if printer.supportsMultipleCopies() else 3)


def test_copies_collated_or_not():
    assert with_copies([0, 1], 2, collate=True) == [0, 1, 0, 1]
    assert with_copies([0, 1], 2, collate=False) == [0, 0, 1, 1]
    assert with_copies([0, 1], 1, collate=True) == [0, 1]


def test_a_long_report_opens_quickly(qtbot):
    """Pages render when they come into view, not all at once."""
    started = time.perf_counter()
    dialog = PrintPreviewDialog(_pdf(20), "Monthly report", "report.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab()
    assert dialog.page_count == 20
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("locale", ["en", "ko"])
def test_screenshot(qtbot, preview: PrintPreviewDialog, artifacts_dir: Path, locale: str):
    qt_i18n.switch_language(locale)
    folder = artifacts_dir / "screenshots" / "dialogs"
    folder.mkdir(parents=True, exist_ok=True)
    assert preview.grab().save(str(folder / f"print_preview-{locale}.png"))

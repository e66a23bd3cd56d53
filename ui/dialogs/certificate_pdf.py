"""Showing a certificate's PDF in the print preview, where it is printed or saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.services.certificate_printing import PrintedCertificate
from ui.printing import PrintPreviewDialog


def show_pdf(printed: PrintedCertificate, parent: QWidget) -> PrintPreviewDialog:
    """Open the preview window-modally (the caller goes on; the dialog deletes itself when closed)."""
    dialog = PrintPreviewDialog(printed.pdf, printed.title, printed.file_name, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setObjectName("certificate_preview")
    dialog.open()
    return dialog

"""Helpers of the Cashier dock's GUI tests: answering the modal dialog a click opens, closing print previews."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ui.printing import PrintPreviewDialog


def when_dialog_opens(qtbot, act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the modal dialog the next click opens (it blocks in exec until act closes it)."""
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        act(dialog)
    QTimer.singleShot(0, run)


def close_previews(qtbot) -> list[PrintPreviewDialog]:
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog) and w.isVisible()]
    for preview in previews:
        preview.close()
    return previews

"""Answering the modal dialog a click opens, and closing print previews, in GUI tests.

A dialog's ``exec()`` blocks the test until the dialog closes, so the answer is scheduled before the click:
it polls the event loop until the modal widget of the expected kind is open, then acts on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.printing import PrintPreviewDialog

Modal = TypeVar("Modal", bound=QWidget)


def when_modal(kind: type[Modal], act: Callable[[Modal], object]) -> list[Modal]:
    """Run ``act`` on the next modal ``kind`` once it is open; the list it returns then holds that widget."""
    seen: list[Modal] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            seen.append(widget)
            act(widget)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return seen


def close_previews() -> list[PrintPreviewDialog]:
    """Closes the print previews that are open (a printout is shown before it goes to the printer)."""
    previews = [w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreviewDialog) and w.isVisible()]
    for preview in previews:
        preview.close()
    return previews

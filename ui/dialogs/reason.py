"""A short text the action needs (why a patient is urgent), handed to a service call that may refuse it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui.dialogs.service_dialog import ServiceDialog


class ReasonDialog(ServiceDialog):
    """``act(text)`` runs the service call; a refusal stays in the dialog, under the field."""

    def __init__(self, texts: Callable[[], tuple[str, str]], act: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reason")
        self.setMinimumWidth(380)
        self._texts = texts
        self._act = act
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.text = QLineEdit(self)
        self.caption.setBuddy(self.text)
        self.lay_out(self.caption, self.text)
        self.retranslate()

    def submit(self) -> None:
        self._act(self.text.text())

    def retranslate(self) -> None:
        title, caption = self._texts()
        self.setWindowTitle(title)
        self.caption.setText(caption)
        super().retranslate()

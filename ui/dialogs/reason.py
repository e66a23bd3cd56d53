"""A short text the action needs (why a patient is urgent), handed to a service call that may refuse it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import DomainError
from ui.dialogs.common import ErrorLabel


class ReasonDialog(QDialog):
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
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.caption, self.text, self.error, self.buttons):
            layout.addWidget(widget)
        self.retranslate()

    def accept(self) -> None:
        try:
            self._act(self.text.text())
        except DomainError as error:
            self.error.show_error(error)
            return
        super().accept()

    def retranslate(self) -> None:
        title, caption = self._texts()
        self.setWindowTitle(title)
        self.caption.setText(caption)
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

"""A dialog of a few fields whose OK button calls one service: a refusal shows under the fields and the
dialog stays open with what was typed; success closes it. Subclasses add rows, ``submit`` and texts."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import DomainError
from ui.dialogs.common import ErrorLabel


class ServiceFormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self._captions: list[QLabel] = []
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def add_row(self, field: QWidget) -> QLabel:
        caption = QLabel(self)
        caption.setBuddy(field)
        self.form.addRow(caption, field)
        self._captions.append(caption)
        return caption

    def submit(self) -> None:
        """Call the service; raise its DomainError to keep the dialog open."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.submit()
        except DomainError as error:
            self.error.show_error(error)
            return
        super().accept()

    def retranslate(self) -> None:
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

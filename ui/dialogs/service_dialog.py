"""The shape every form dialog shares: fields, a red line for refusals, and buttons; accepting makes one service
call, a refusal keeps the dialog open with the service's translated message, and a language switch re-reads
the texts."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QVBoxLayout, QWidget

from app.errors import DomainError
from ui.dialogs.common import ErrorLabel

OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
SAVE_CANCEL = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel


class ServiceDialog(QDialog):
    """A subclass builds its fields, calls ``lay_out`` and ``retranslate``, and implements ``submit``.

    ``submit`` calls the service and keeps what it returns on the dialog. It may raise ``DomainError`` itself
    for what the form can tell before asking the service (no patient chosen yet). The service wrote nothing
    when it refused, so the user corrects the form and tries again. ``submit`` returns False when the user
    backed out of a question on the way (book outside working hours anyway?): nothing was done, nothing to say.
    """

    def __init__(self, parent: QWidget | None = None,
                 buttons: QDialogButtonBox.StandardButton = OK_CANCEL) -> None:
        super().__init__(parent)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(buttons, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def lay_out(self, *parts: QWidget | QLayout) -> QVBoxLayout:
        """The dialog's column: ``parts`` from the top, then the refusal line and the buttons."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        return layout

    def submit(self) -> bool | None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            done = self.submit()
        except DomainError as error:
            self.error.show_error(error)
            return
        if done is not False:
            super().accept()

    def retranslate(self) -> None:
        """A subclass sets its own texts, then calls this for the refusal line."""
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

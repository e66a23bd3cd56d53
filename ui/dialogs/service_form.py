"""A ``ServiceDialog`` whose fields are the rows of a form (caption, field): the cash desk's small dialogs.
Subclasses add rows, ``submit`` and texts; ``body`` is the dialog's column, for what goes beside the form."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ui.dialogs.service_dialog import ServiceDialog


class ServiceFormDialog(ServiceDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self._captions: list[QLabel] = []
        self.body = self.lay_out(self.form)

    def add_row(self, field: QWidget) -> QLabel:
        caption = QLabel(self)
        caption.setBuddy(field)
        self.form.addRow(caption, field)
        self._captions.append(caption)
        return caption

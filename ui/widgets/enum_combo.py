"""A combo box over a stored value's members, each shown by its translated label (``app.labels``)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QWidget

from app.labels import label

E = TypeVar("E", bound=enum.Enum)


class EnumCombo(QComboBox, Generic[E]):
    """``value()`` is the chosen member; the texts follow the interface language by themselves.

    The members are kept here, not as item data: Qt hands a StrEnum member back as a plain ``str``.
    """

    def __init__(self, members: Iterable[E], selected: E | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._members = list(members)
        for member in self._members:
            self.addItem(label(member))
        if selected is not None:
            self.set_value(selected)

    def value(self) -> E:
        return self._members[self.currentIndex()]

    def set_value(self, member: E) -> None:
        self.setCurrentIndex(self._members.index(member))

    def retranslate(self) -> None:
        for row, member in enumerate(self._members):
            self.setItemText(row, label(member))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

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
        self._members: list[E] = []
        self.set_members(members, selected)

    def set_members(self, members: Iterable[E], selected: E | None = None) -> None:
        """Offer these members (the outcomes a purpose allows, say), keeping ``selected`` chosen."""
        self.blockSignals(True)
        self.clear()
        self._members = list(members)
        for member in self._members:
            self.addItem(label(member))
        self.blockSignals(False)
        if selected is not None:
            self.set_value(selected)

    def members(self) -> list[E]:
        return list(self._members)

    def value(self) -> E:
        return self._members[self.currentIndex()]

    def set_value(self, member: E) -> None:
        self.setCurrentIndex(self._members.index(member) if member in self._members else 0)

    def retranslate(self) -> None:
        for row, member in enumerate(self._members):
            self.setItemText(row, label(member))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

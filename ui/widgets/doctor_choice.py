"""A combo box to choose a doctor, or "any doctor" of a specialty (the shared queue), or anyone at all."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QWidget

from app.context import Context
from app.i18n import _
from app.services import staff
from app.services.staff import DoctorView

#: What an entry stands for: ("doctor", id), ("specialty", name) or ("specialty", "") for anyone.
Choice = tuple[str, int | str]


class DoctorChoice(QComboBox):
    """``doctor_id()`` and ``specialty()`` give the choice as the services take it: a doctor, or no doctor
    and a specialty (empty for any doctor at all). It starts on "any doctor" (the last entry) unless a
    doctor is chosen with ``choose_doctor``."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, with_shared: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._with_shared = with_shared
        self._doctors: list[DoctorView] = []
        #: What each entry stands for, by row (Qt's item data would turn the tuples into lists).
        self._choices: list[Choice] = []
        self.reload()

    def reload(self) -> None:
        """Read the doctors again (a doctor added or gone), keeping the current choice where it still exists."""
        current = self._current()
        self._doctors = staff.list_doctors(self._ctx)
        self._choices = [("doctor", doctor.id) for doctor in self._doctors]
        if self._with_shared:
            self._choices += [("specialty", s) for s in sorted({d.specialty for d in self._doctors})]
            self._choices.append(("specialty", ""))
        self.blockSignals(True)
        self.clear()
        self.addItems([""] * len(self._choices))
        self.retranslate()
        self.setCurrentIndex(self._choices.index(current) if current in self._choices else 0)
        self.blockSignals(False)

    def _current(self) -> Choice:
        index = self.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else ("specialty", "")

    def doctor_id(self) -> int | None:
        kind, value = self._current()
        return int(value) if kind == "doctor" else None

    def specialty(self) -> str:
        kind, value = self._current()
        return str(value) if kind == "specialty" else ""

    def choose_doctor(self, doctor_id: int) -> None:
        if ("doctor", doctor_id) in self._choices:
            self.setCurrentIndex(self._choices.index(("doctor", doctor_id)))

    def retranslate(self) -> None:
        names = {d.id: d for d in self._doctors}
        for row, (kind, value) in enumerate(self._choices):
            if kind == "doctor":
                doctor = names[int(value)]
                self.setItemText(row, _("{doctor} ({specialty})").format(doctor=doctor.full_name,
                                                                          specialty=doctor.specialty))
            elif value:
                self.setItemText(row, _("Any doctor ({specialty})").format(specialty=value))
            else:
                self.setItemText(row, _("Any doctor"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

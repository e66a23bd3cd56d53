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
    and a specialty (empty for any doctor at all)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, with_shared: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._with_shared = with_shared
        self._doctors: list[DoctorView] = []
        self.reload()

    def reload(self) -> None:
        """Read the doctors again (a doctor added or gone), keeping the current choice where it still exists."""
        current = self.currentData()
        self._doctors = staff.list_doctors(self._ctx)
        self.blockSignals(True)
        self.clear()
        for doctor in self._doctors:
            self.addItem("", ("doctor", doctor.id))
        if self._with_shared:
            for specialty in sorted({d.specialty for d in self._doctors}):
                self.addItem("", ("specialty", specialty))
            self.addItem("", ("specialty", ""))
        self.retranslate()
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def doctor_id(self) -> int | None:
        kind, value = self.currentData() or ("specialty", "")
        return int(value) if kind == "doctor" else None

    def specialty(self) -> str:
        kind, value = self.currentData() or ("specialty", "")
        return str(value) if kind == "specialty" else ""

    def choose_doctor(self, doctor_id: int) -> None:
        self.setCurrentIndex(max(0, self.findData(("doctor", doctor_id))))

    def retranslate(self) -> None:
        names = {d.id: d for d in self._doctors}
        for row in range(self.count()):
            kind, value = self.itemData(row)
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

"""Finding the patient as the caller spells their name, or creating them in place.

The search runs as the user types (a short pause first, so a fast typist costs one query, not one per
key), over any part of any name in any script or the phone's digits (``patients.search``). Keyboard: Down
goes from the field into the list, Enter takes the highlighted (or the only) patient, Escape clears the
field; "New patient…" opens the registration form with what was typed already filled in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.i18n import N_, _, format_date, format_integer, format_money, ngettext
from app.services import invoices, patients
from app.services.invoices import Balance
from app.services.patients import PatientView
from app.services.permissions import Permission, can
from ui.dialogs.common import muted_label
from ui.dialogs.patient_form import NewPatientDialog
from ui.models.table import Column, RowTableModel
from ui.widgets.look import RED, icon
from ui.widgets.messages import reporting_domain_errors

#: Pause after the last key before searching.
TYPING_PAUSE_MS = 150
#: Patients listed at most; a longer list means the query is too short to be useful.
RESULT_LIMIT = 30
VISIBLE_ROWS = 6


def patient_summary(patient: PatientView) -> str:
    """One line that tells two namesakes apart: name, date of birth, phone."""
    parts = [patient.display_name]
    if patient.birth_date is not None:
        parts.append(format_date(patient.birth_date, "medium"))
    if patient.phone:
        parts.append(patient.phone)
    return " · ".join(parts)


class PatientPicker(QWidget):
    """``patient_changed`` carries the chosen :class:`PatientView`, or ``None`` when the choice is cleared."""

    patient_changed = Signal(object)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._patient: PatientView | None = None
        self._balance: Balance | None = None
        self._showing_choice = False

        self.query = QLineEdit(self)
        self.query.setObjectName("patient_query")
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.query.textEdited.connect(self._typed)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_patient")
        self.new_button.clicked.connect(self.create_patient)

        self.model: RowTableModel[PatientView] = RowTableModel(self._columns(), key=lambda p: p.id, parent=self)
        self.results = QTableView(self)
        self.results.setObjectName("patient_results")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        row_height = self.results.verticalHeader().defaultSectionSize()
        self.results.setFixedHeight(row_height * VISIBLE_ROWS + header.sizeHint().height()
                                    + 2 * self.results.frameWidth())
        self.results.activated.connect(lambda index: self._choose(self.model.row(index)))
        self.results.installEventFilter(self)
        self.results.hide()

        self.note = muted_label(self)
        self.note.hide()
        self.chosen = QLabel(self)
        self.chosen.setObjectName("chosen_patient")
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chosen.hide()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.query, 1)
        row.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(self.note)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.query)
        self.retranslate()

    @staticmethod
    def _columns() -> list[Column[PatientView]]:
        return [
            Column(N_("Patient"), lambda p: p.display_name,
                   decoration=lambda p: icon("first-visit") if p.first_visit_on is None else None),
            Column(N_("Date of birth"), lambda p: format_date(p.birth_date, "medium") if p.birth_date else ""),
            Column(N_("Phone"), lambda p: p.phone),
        ]

    # -- the choice -----------------------------------------------------------------------------------------

    def patient(self) -> PatientView | None:
        return self._patient

    def set_patient(self, patient: PatientView | None) -> None:
        self._timer.stop()
        self.model.set_rows([])
        self.results.hide()
        self.note.hide()
        self._set_choice(patient)
        self._showing_choice = patient is not None
        self.query.setText(patient.display_name if patient is not None else "")

    def _set_choice(self, patient: PatientView | None) -> None:
        if patient == self._patient:
            return
        self._patient = patient
        self._balance = None
        if patient is not None and can(self._ctx.actor, Permission.VIEW_CASHIER):
            with reporting_domain_errors(self):
                self._balance = invoices.balance_of(self._ctx, patient.id)
        self._show_choice()
        self.patient_changed.emit(patient)

    def _show_choice(self) -> None:
        """The chosen patient, with what they owe (or have prepaid), so the desk sees a debt at booking."""
        patient, balance = self._patient, self._balance
        self.chosen.setVisible(patient is not None)
        if patient is None:
            self.chosen.clear()
            return
        text = patient_summary(patient)
        currency = self._ctx.clinic().currency
        if balance is not None and balance.debt > 0:
            text += " · " + _("owes {amount}").format(amount=format_money(balance.debt, currency))
        if balance is not None and balance.deposit > 0:
            text += " · " + _("deposit {amount}").format(amount=format_money(balance.deposit, currency))
        self.chosen.setText(text)
        owes = balance is not None and balance.debt > 0
        self.chosen.setStyleSheet(f"color: {RED};" if owes else "")

    def _choose(self, patient: PatientView) -> None:
        self.set_patient(patient)
        self.query.setFocus()

    def create_patient(self) -> None:
        typed = "" if self._showing_choice else self.query.text()
        dialog = NewPatientDialog(self._ctx, typed, self)
        if dialog.exec() and dialog.created is not None:
            self._choose(dialog.created)

    # -- searching ------------------------------------------------------------------------------------------

    def _typed(self, _text: str) -> None:
        self._showing_choice = False
        self._set_choice(None)
        self._timer.start()

    def search_now(self) -> None:
        """Search for what is typed (tests call it instead of waiting out the typing pause)."""
        self._timer.stop()
        text = self.query.text().strip()
        found: list[PatientView] = []
        if text:
            with reporting_domain_errors(self):
                found = patients.search(self._ctx, text, RESULT_LIMIT)
        self.model.set_rows(found)
        self.results.setVisible(bool(found))
        if found:
            self.results.selectRow(0)
        if text and not found:
            self.note.setText(_("No patient matches “{text}”. Check the spelling or register a new patient.")
                              .format(text=text))
        elif len(found) >= RESULT_LIMIT:
            self.note.setText(ngettext("Only the first {count} match is listed: type more of the name or phone.",
                                       "Only the first {count} matches are listed: type more of the name or phone.",
                                       RESULT_LIMIT).format(count=format_integer(RESULT_LIMIT)))
        self.note.setVisible(bool(text) and (not found or len(found) >= RESULT_LIMIT))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.query:
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self.results.setFocus()
                    self.results.selectRow(0)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self._showing_choice and self.query.text():
                    if self._timer.isActive():
                        self.search_now()
                    if self.model.rowCount():
                        current = self.results.currentIndex()
                        self._choose(self.model.row(current) if current.isValid() else self.model.rows()[0])
                    return True
                if key == Qt.Key.Key_Escape and self.query.text():
                    self.set_patient(None)
                    return True
            elif watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.results.currentIndex()
                if current.isValid():
                    self._choose(self.model.row(current))
                    return True
        return super().eventFilter(watched, event)

    # -- language -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.query.setPlaceholderText(_("Name or phone, any part…"))
        self.query.setToolTip(_("Type any part of the name, in any script, or of the phone number"))
        self.new_button.setText(_("New patient…"))
        self.new_button.setEnabled(can(self._ctx.actor, Permission.MANAGE_PATIENTS))
        self.model.retranslate()
        self._show_choice()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

"""A doctor's working time: the weekly template (several intervals a day; the gaps are breaks) and dated
exceptions (vacation, sick day, absence, a break, an extra shift). Saved through the working-time service;
the grid shows the change at once through the change event.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.errors import DomainError
from app.i18n import N_, _, first_weekday, format_date, format_time, weekday_name
from app.labels import label
from app.models.staff import ExceptionKind
from app.services import days, staff, working_time
from app.services.permissions import Permission, can
from app.services.working_time import ExceptionRow, TemplateSlot
from ui.dialogs.common import ErrorLabel, heading_label, muted_label
from ui.models.table import Column, RowTableModel
from ui.widgets.date_edit import DateEdit
from ui.widgets.enum_combo import EnumCombo
from ui.widgets.table_panel import TablePanel

_Index = QModelIndex | QPersistentModelIndex
_WEEKDAY, _START, _END = range(3)
_HEADERS = (N_("Day of the week"), N_("Start"), N_("End"))
_TIMED = (ExceptionKind.BREAK, ExceptionKind.EXTRA_SHIFT)


class TemplateModel(QAbstractTableModel):
    """The weekly template being edited: one row per interval (weekday, from, to)."""

    def __init__(self, slots: list[TemplateSlot], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [[s.weekday, s.start, s.end] for s in slots]

    def slots(self) -> list[TemplateSlot]:
        return [TemplateSlot(weekday, start, end) for weekday, start, end in self._rows]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return _(_HEADERS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return weekday_name(value) if index.column() == _WEEKDAY else format_time(value)
        if role == Qt.ItemDataRole.EditRole:
            return value if index.column() == _WEEKDAY else QTime(value.hour, value.minute)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == _WEEKDAY:
            self._rows[index.row()][_WEEKDAY] = int(value)
        else:
            self._rows[index.row()][index.column()] = time(value.hour(), value.minute())
        self.dataChanged.emit(index, index)
        return True

    def add(self) -> None:
        """A new interval on the day after the last one's (09:00-18:00, the usual clinic day)."""
        weekday = (self._rows[-1][_WEEKDAY] + 1) % 7 if self._rows else first_weekday()
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append([weekday, time(9), time(18)])
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(_HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(_HEADERS) - 1))


class WeekdayDelegate(QStyledItemDelegate):
    """Edits the weekday column with the week's days, starting on the language's first day."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        for offset in range(7):
            weekday = (first_weekday() + offset) % 7
            combo.addItem(weekday_name(weekday), weekday)
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(editor.findData(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class WorkingTimeDialog(QDialog):
    def __init__(self, ctx: Context, doctor_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("working_time")
        self._ctx = ctx
        self._doctor_id = doctor_id
        self._may_edit = can(ctx.actor, Permission.MANAGE_WORKING_HOURS)
        self.resize(680, 620)
        self.heading = heading_label(self, 1.2)
        self._doctor_name = next((d.full_name for d in staff.list_doctors(ctx) if d.id == doctor_id), "")

        self.template = TemplateModel(working_time.template_of(ctx, doctor_id), self)
        self.template_view = QTableView(self)
        self.template_view.setModel(self.template)
        self.template_view.setItemDelegateForColumn(_WEEKDAY, WeekdayDelegate(self.template_view))
        self.template_view.verticalHeader().hide()
        self.template_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.template_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        editing = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.template_view.setEditTriggers(editing if self._may_edit else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_interval = QPushButton(self)
        self.add_interval.clicked.connect(self.template.add)
        self.remove_interval = QPushButton(self)
        self.remove_interval.clicked.connect(lambda: self.template.remove(self.template_view.currentIndex().row()))
        self.save_template = QPushButton(self)
        self.save_template.setObjectName("save_template")
        self.save_template.clicked.connect(self.save_weekly_hours)
        self.template_box = QGroupBox(self)
        template_buttons = QHBoxLayout()
        for button in (self.add_interval, self.remove_interval):
            template_buttons.addWidget(button)
        template_buttons.addStretch(1)
        template_buttons.addWidget(self.save_template)
        box = QVBoxLayout(self.template_box)
        box.addWidget(self.template_view)
        box.addLayout(template_buttons)

        self.exceptions: RowTableModel[ExceptionRow] = RowTableModel([
            Column(N_("Day"), lambda e: format_date(e.day, "medium"), lambda e: e.day.toordinal()),
            Column(N_("Kind"), lambda e: label(e.kind)),
            Column(N_("Hours"), lambda e: _("{start}–{end}").format(start=format_time(e.start), end=format_time(e.end))
                   if e.start is not None and e.end is not None else _("all day")),
            Column(N_("Note"), lambda e: e.note),
        ], key=lambda e: e.id, parent=self)
        self.exception_table = TablePanel(self.exceptions, lambda: _("No exceptions from today on."), parent=self)
        today = days.today(ctx)
        self.exception_day = DateEdit(today, self)
        self.exception_kind = EnumCombo(list(ExceptionKind), ExceptionKind.VACATION, self)
        self.exception_kind.currentIndexChanged.connect(self._kind_changed)
        self.exception_start = QTimeEdit(QTime(13, 0), self)
        self.exception_end = QTimeEdit(QTime(14, 0), self)
        for edit in (self.exception_start, self.exception_end):
            edit.setDisplayFormat("HH:mm")
        self.exception_note = QLineEdit(self)
        self.add_exception = QPushButton(self)
        self.add_exception.setObjectName("add_exception")
        self.add_exception.clicked.connect(self.add_dated_exception)
        self.remove_exception = QPushButton(self)
        self.remove_exception.clicked.connect(self.remove_selected_exception)
        self.exception_box = QGroupBox(self)
        new_row = QHBoxLayout()
        for widget in (self.exception_day, self.exception_kind, self.exception_start, self.exception_end,
                       self.exception_note):
            new_row.addWidget(widget)
        exception_buttons = QHBoxLayout()
        exception_buttons.addWidget(self.remove_exception)
        exception_buttons.addStretch(1)
        exception_buttons.addWidget(self.add_exception)
        box = QVBoxLayout(self.exception_box)
        box.addWidget(self.exception_table)
        box.addLayout(new_row)
        box.addLayout(exception_buttons)

        self.error = ErrorLabel(self)
        self.status = muted_label(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.template_box, 1)
        layout.addWidget(self.exception_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for widget in (self.add_interval, self.remove_interval, self.save_template, self.add_exception,
                       self.remove_exception, self.exception_day, self.exception_kind, self.exception_note):
            widget.setEnabled(self._may_edit)
        self._kind_changed()
        self._load_exceptions()
        self.retranslate()

    def _load_exceptions(self) -> None:
        self.exceptions.set_rows(working_time.exceptions_of(self._ctx, self._doctor_id, days.today(self._ctx)))
        self.exception_table.mark_loaded()

    def _kind_changed(self) -> None:
        timed = self.exception_kind.value() in _TIMED and self._may_edit
        self.exception_start.setEnabled(timed)
        self.exception_end.setEnabled(timed)

    def save_weekly_hours(self) -> None:
        self.template_view.setFocus()  # commits an open editor
        try:
            working_time.set_template(self._ctx, self._doctor_id, self.template.slots())
        except DomainError as refusal:
            self.error.show_error(refusal)
            return
        self.error.clear_message()
        self.status.setText(_("The weekly hours are saved."))

    def add_dated_exception(self) -> None:
        kind = self.exception_kind.value()
        timed = kind in _TIMED
        try:
            working_time.add_exception(
                self._ctx, self._doctor_id, self.exception_day.value(), kind,
                self.exception_start.time().toPython() if timed else None,
                self.exception_end.time().toPython() if timed else None, self.exception_note.text())
        except DomainError as refusal:
            self.error.show_error(refusal)
            return
        self.error.clear_message()
        self.status.clear()
        self.exception_note.clear()
        self._load_exceptions()

    def remove_selected_exception(self) -> None:
        index = self.exception_table.view.currentIndex()
        if not index.isValid():
            return
        row = self.exceptions.row(self.exception_table.proxy.mapToSource(index))
        try:
            working_time.remove_exception(self._ctx, row.id)
        except DomainError as refusal:
            self.error.show_error(refusal)
            return
        self._load_exceptions()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Working time"))
        self.heading.setText(_("Working time of {doctor}").format(doctor=self._doctor_name))
        self.template_box.setTitle(_("Weekly hours (the gaps between intervals are breaks)"))
        self.add_interval.setText(_("Add interval"))
        self.remove_interval.setText(_("Remove interval"))
        self.save_template.setText(_("Save weekly hours"))
        self.exception_box.setTitle(_("Days off, breaks and extra shifts"))
        self.exception_note.setPlaceholderText(_("Note"))
        self.add_exception.setText(_("Add"))
        self.remove_exception.setText(_("Remove selected"))
        self.template.retranslate()
        self.exception_table.retranslate()
        self.error.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

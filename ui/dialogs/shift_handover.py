"""Closing the desk shift with a handover, and receiving one when signing in.

Closing lists every unfinished task and worklist item, urgent ones first and in red; each can be handed to
the next shift or to a named colleague with a note. The service refuses to close while an urgent item is
left without one. The person who signs in next sees what was handed to them before anything else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.context import Context
from app.i18n import N_, _
from app.labels import label
from app.models.calls import CallPurpose, TaskPriority, WorkKind
from app.models.scheduling import AppointmentStatus
from app.services import handover
from app.services.handover import ClosedShift, HandoverInput, HandoverRow
from app.services.permissions import Permission, can
from app.services.worklists import WorkItem
from ui.dialogs.common import heading_label, muted_label
from ui.dialogs.service_dialog import ServiceDialog
from ui.docks.cells import clinic_datetime, timestamp
from ui.models.table import Column, RowStyle, RowTableModel
from ui.widgets.look import OVERDUE_BACKGROUND, TEXT_ON_TINT
from ui.widgets.messages import reporting_domain_errors
from ui.widgets.table_panel import TablePanel

#: The "hand to" choice that keeps the item with nobody in particular: the next shift.
NEXT_SHIFT = -1


@dataclass(frozen=True)
class Draft:
    """One unfinished task or worklist item and what the closing person decided for it."""

    number: int
    urgent: bool
    what: str
    who: str
    when: datetime | None
    task_id: int | None = None
    item: WorkItem | None = None
    #: None: keep (not handed over); NEXT_SHIFT; or a colleague's user id.
    to: int | None = None
    note: str = ""


#: One item of each list named as one thing (the lists' own names are plural).
_ITEM_NAMES: dict[WorkKind, enum.Enum] = {
    WorkKind.REMINDER: CallPurpose.REMINDER,
    WorkKind.FOLLOW_UP: CallPurpose.FOLLOW_UP,
    WorkKind.CALLBACK: CallPurpose.CALLBACK,
    WorkKind.NO_SHOW: AppointmentStatus.NO_SHOW,
    WorkKind.RECALL: CallPurpose.RECALL,
}


def _kind_text(kind: WorkKind | None) -> str:
    return label(_ITEM_NAMES[kind]) if kind is not None else _("Task")


class CloseShiftDialog(ServiceDialog):
    """``exec() == Accepted`` means ``closed`` holds the closed shift."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("close_shift_dialog")
        self._ctx = ctx
        self.closed: ClosedShift | None = None
        self.resize(820, 520)
        left = handover.unfinished(ctx)
        self._colleagues = handover.colleagues(ctx)
        drafts = [Draft(0, t.priority is TaskPriority.URGENT, t.title, t.patient_name, t.due_at, task_id=t.id)
                  for t in left.tasks]
        drafts += [Draft(0, i.urgent, _kind_text(i.kind), i.patient_name, i.when, item=i) for i in left.items]
        drafts.sort(key=lambda d: (not d.urgent, d.when is None, d.when or datetime.min))
        self._drafts = [replace(d, number=n) for n, d in enumerate(drafts)]

        self.heading = heading_label(self, 1.2)
        self.hint = muted_label(self)
        style = RowStyle[Draft](foreground=lambda d: TEXT_ON_TINT if d.urgent and d.to is None else None,
                                background=lambda d: OVERDUE_BACKGROUND if d.urgent and d.to is None else None)
        self.model: RowTableModel[Draft] = RowTableModel(self._columns(), key=lambda d: d.number, style=style,
                                                         parent=self)
        self.table = TablePanel(self.model, lambda: _("Nothing is left unfinished."), sort_column=-1, parent=self)
        self.model.set_rows(self._drafts)
        self.table.mark_loaded()
        self.target = QComboBox(self)
        self.note = QLineEdit(self)
        self.target_label, self.note_label = QLabel(self), QLabel(self)
        editor = QFormLayout()
        editor.addRow(self.target_label, self.target)
        editor.addRow(self.note_label, self.note)
        self.close_button = QPushButton(self)
        self.close_button.setDefault(True)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.lay_out(self.heading, self.hint, self.table, editor)
        self.table.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.target.activated.connect(lambda _index: self._edit_current())
        self.note.textEdited.connect(lambda _text: self._edit_current())
        self.retranslate()
        if self._drafts:
            self.choose_row(0)

    def _columns(self) -> list[Column[Draft]]:
        ctx = self._ctx
        return [
            Column(N_("Urgent"), lambda d: _("Urgent") if d.urgent else "", lambda d: int(not d.urgent)),
            Column(N_("What"), lambda d: d.what, tooltip=lambda d: d.what),
            Column(N_("Patient"), lambda d: d.who),
            Column(N_("When"), lambda d: clinic_datetime(ctx, d.when), lambda d: timestamp(d.when)),
            Column(N_("Hand to"), self._target_text),
            Column(N_("Note"), lambda d: d.note, tooltip=lambda d: d.note),
        ]

    def _target_text(self, draft: Draft) -> str:
        if draft.to is None:
            return ""
        if draft.to == NEXT_SHIFT:
            return _("Next shift")
        return next((c.name for c in self._colleagues if c.id == draft.to), "")

    # -- editing the current row ----------------------------------------------------------------------------

    def choose_row(self, number: int) -> None:
        """Make draft ``number`` current (the editor below shows and edits it)."""
        index = self.table.proxy.mapFromSource(self.model.index(number, 0))
        self.table.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current(self) -> Draft | None:
        index = self.table.view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.table.proxy.mapToSource(index))

    def _show_current(self) -> None:
        draft = self._current()
        self.target.setEnabled(draft is not None)
        self.note.setEnabled(draft is not None)
        if draft is None:
            return
        self.target.setCurrentIndex(max(0, self.target.findData(draft.to)))
        self.note.setText(draft.note)

    def _edit_current(self) -> None:
        draft = self._current()
        if draft is None:
            return
        self._drafts[draft.number] = replace(draft, to=self.target.currentData(), note=self.note.text())
        self.model.set_rows(self._drafts)

    def hand_over(self, number: int, to: int, note: str) -> None:
        """Hand draft ``number`` to ``to`` (NEXT_SHIFT or a colleague's id) with ``note``, as the editor would."""
        self.choose_row(number)
        self.target.setCurrentIndex(self.target.findData(to))
        self.note.setText(note)
        self._edit_current()

    def drafts(self) -> list[Draft]:
        return list(self._drafts)

    # -- closing --------------------------------------------------------------------------------------------

    def handovers(self) -> list[HandoverInput]:
        return [HandoverInput(d.note, None if d.to == NEXT_SHIFT else d.to, d.task_id, d.item)
                for d in self._drafts if d.to is not None]

    def submit(self) -> None:
        self.closed = handover.close_shift(self._ctx, self.handovers())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Close the shift"))
        self.heading.setText(_("Unfinished at the end of the shift"))
        self.hint.setText(_("Urgent items (in red) must be handed to the next shift or to a colleague, with a "
                            "note. Choose a row, then whom to hand it to."))
        self.target_label.setText(_("&Hand to:"))
        self.note_label.setText(_("&Note:"))
        self.target_label.setBuddy(self.target)
        self.note_label.setBuddy(self.note)
        self.close_button.setText(_("&Close the shift"))
        self.target.clear()
        self.target.addItem(_("Keep (do not hand over)"), None)
        self.target.addItem(_("Next shift"), NEXT_SHIFT)
        for colleague in self._colleagues:
            self.target.addItem(colleague.name, colleague.id)
        self.table.retranslate()
        self._show_current()
        super().retranslate()


class HandoverInbox(ServiceDialog):
    """What the previous shift handed to the person signing in; "Take over" marks it as seen."""

    def __init__(self, ctx: Context, rows: list[HandoverRow], parent: QWidget | None = None) -> None:
        super().__init__(parent, QDialogButtonBox.StandardButton.Close)
        self.setObjectName("handover_inbox")
        self._ctx = ctx
        self._rows = rows
        self.resize(760, 360)
        self.heading = heading_label(self, 1.2)
        self.model: RowTableModel[HandoverRow] = RowTableModel(self._columns(), key=lambda r: r.id, parent=self)
        self.model.set_rows(rows)
        self.table = TablePanel(self.model, lambda: "", sort_column=-1, parent=self)
        self.table.mark_loaded()
        self.take_button = QPushButton(self)
        self.take_button.setDefault(True)
        self.buttons.addButton(self.take_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.lay_out(self.heading, self.table)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.retranslate()

    def _columns(self) -> list[Column[HandoverRow]]:
        ctx = self._ctx
        return [
            Column(N_("What"), lambda r: r.task_title or _kind_text(r.work_kind)),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("From"), lambda r: r.from_name),
            Column(N_("For"), lambda r: r.to_name or _("Next shift")),
            Column(N_("Handed over"), lambda r: clinic_datetime(ctx, r.handed_at), lambda r: timestamp(r.handed_at)),
            Column(N_("Note"), lambda r: r.note, tooltip=lambda r: r.note),
        ]

    def submit(self) -> None:
        handover.acknowledge(self._ctx, [row.id for row in self._rows])

    def retranslate(self) -> None:
        self.setWindowTitle(_("Handed over to you"))
        self.heading.setText(_("The previous shift handed these over to you"))
        self.take_button.setText(_("&Take over"))
        self.table.retranslate()
        super().retranslate()


def open_inbox_if_any(ctx: Context, parent: QWidget) -> HandoverInbox | None:
    """At sign-in: show what was handed over to this user, first, if anything was (without blocking)."""
    if not can(ctx.actor, Permission.VIEW_CALLS):
        return None
    with reporting_domain_errors(parent):
        rows = handover.pending(ctx)
        if rows:
            inbox = HandoverInbox(ctx, rows, parent)
            inbox.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            inbox.open()
            return inbox
    return None

"""The Complaints dock: every complaint not yet closed, the overdue first and highlighted."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.context import Context
from app.events import Topic
from app.i18n import N_, _, format_integer, ngettext
from app.labels import label
from app.models.complaints import Urgency
from app.services import complaints
from app.services.complaints import ComplaintRow
from app.services.permissions import Permission
from ui.docks.base import PanelDock
from ui.docks.cells import clinic_datetime, timestamp
from ui.models.table import Column, RowStyle, RowTableModel
from ui.widgets.look import COMPLAINT_STATUS, OVERDUE_BACKGROUND, TEXT_ON_TINT, URGENCY, color
from ui.widgets.table_panel import TablePanel


class ComplaintsDock(PanelDock):
    object_name = "complaints_dock"
    title = N_("Complaints")
    permission = Permission.VIEW_COMPLAINTS
    topics = frozenset({Topic.COMPLAINTS, Topic.PATIENTS, Topic.STAFF, Topic.CLINIC})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        style = RowStyle[ComplaintRow](
            foreground=lambda r: TEXT_ON_TINT if r.overdue else None,
            background=lambda r: OVERDUE_BACKGROUND if r.overdue else None,
            tooltip=lambda r: _("Overdue since {due}").format(due=clinic_datetime(ctx, r.due_at)) if r.overdue
            else r.summary,
        )
        self.model: RowTableModel[ComplaintRow] = RowTableModel(self._columns(), key=lambda r: r.id, style=style,
                                                                parent=self)
        self.table = TablePanel(self.model, lambda: _("No open complaints."), sort_column=-1, parent=self.widget())
        self.body_layout.addWidget(self.table)
        self.finish_layout()
        self.retranslate()

    def _columns(self) -> list[Column[ComplaintRow]]:
        ctx = self._ctx
        return [
            Column(N_("Due"), lambda r: clinic_datetime(ctx, r.due_at), lambda r: timestamp(r.due_at)),
            Column(N_("Status"), lambda r: label(r.status),
                   foreground=lambda r: None if r.overdue else color(COMPLAINT_STATUS[r.status])),
            Column(N_("Urgency"), lambda r: label(r.urgency), lambda r: list(Urgency).index(r.urgency),
                   foreground=lambda r: color(URGENCY[r.urgency]) if r.urgency in URGENCY and not r.overdue
                   else None),
            Column(N_("Kind"), lambda r: label(r.kind)),
            Column(N_("From"), lambda r: r.who),
            Column(N_("Summary"), lambda r: r.summary, tooltip=lambda r: r.summary),
            Column(N_("Received"), lambda r: clinic_datetime(ctx, r.received_at), lambda r: timestamp(r.received_at)),
            Column(N_("Channel"), lambda r: label(r.channel)),
            Column(N_("Category"), lambda r: r.category),
            Column(N_("Assigned to"), lambda r: r.assigned_to),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.table]

    def load(self) -> None:
        self.model.set_rows(complaints.open_list(self._ctx))

    def summary_text(self) -> str:
        rows = self.model.rows()
        text = ngettext("{count} open", "{count} open", len(rows)).format(count=format_integer(len(rows)))
        overdue = sum(1 for r in rows if r.overdue)
        if overdue:
            text += " · " + ngettext("{count} overdue", "{count} overdue", overdue).format(
                count=format_integer(overdue))
        return text

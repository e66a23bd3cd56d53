"""The Certificates dock: the register of certificates issued in the last 30 days, newest first."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QWidget

from app.context import Context
from app.events import Topic
from app.i18n import N_, _, format_date, format_integer, ngettext
from app.labels import label
from app.models.certificates import CertificateStatus
from app.services import certificates, days
from app.services.certificates import CertificateRow, RegisterFilter
from app.services.permissions import Permission
from ui.docks.base import PanelDock
from ui.docks.cells import clinic_datetime, period, timestamp
from ui.models.table import Column, RowTableModel
from ui.widgets.look import CERTIFICATE_STATUS, color, struck_out
from ui.widgets.table_panel import TablePanel

REGISTER_DAYS = 30


class CertificatesDock(PanelDock):
    object_name = "certificates_dock"
    title = N_("Certificates")
    permission = Permission.VIEW_CERTIFICATES
    topics = frozenset({Topic.CERTIFICATES, Topic.PATIENTS, Topic.STAFF, Topic.CLINIC})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model: RowTableModel[CertificateRow] = RowTableModel(self._columns(), key=lambda r: r.id, parent=self)
        self.table = TablePanel(self.model, lambda: _("No certificates were issued in the last 30 days."),
                                sort_column=-1, parent=self.widget())
        self.body_layout.addWidget(self.table)
        self.finish_layout()
        self.retranslate()

    def _columns(self) -> list[Column[CertificateRow]]:
        ctx = self._ctx
        return [
            Column(N_("Number"), lambda r: r.number or _("(draft)")),
            Column(N_("Status"), lambda r: label(r.status), foreground=lambda r: color(CERTIFICATE_STATUS[r.status]),
                   font=lambda r: struck_out() if r.status is CertificateStatus.VOID else None),
            Column(N_("Type"), lambda r: r.type_name, tooltip=lambda r: label(r.kind)),
            Column(N_("Patient"), lambda r: r.patient_name),
            Column(N_("Doctor"), lambda r: r.doctor_name),
            Column(N_("Issued"), lambda r: clinic_datetime(ctx, r.issued_at), lambda r: timestamp(r.issued_at)),
            Column(N_("Period"), lambda r: period(r.period_from, r.period_to),
                   lambda r: r.period_from.toordinal() if r.period_from else 0),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.table]

    def load(self) -> None:
        last = days.today(self._ctx)
        self.model.set_rows(certificates.register(
            self._ctx, RegisterFilter(last - timedelta(days=REGISTER_DAYS - 1), last)).rows)

    def summary_text(self) -> str:
        last = days.today(self._ctx)
        first = last - timedelta(days=REGISTER_DAYS - 1)
        count = len(self.model.rows())
        return _("{first} – {last}").format(first=format_date(first, "medium"), last=format_date(last, "medium")) \
            + " · " + ngettext("{count} certificate", "{count} certificates", count).format(
                count=format_integer(count))

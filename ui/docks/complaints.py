"""The Complaints dock: the open complaints (overdue first and highlighted), and the analysis of a period.

The first tab is the desk's worklist: log a new complaint while on the phone, open one to route, acknowledge,
resolve, answer and close it. Overdue complaints are escalated to the administrator as the list refreshes;
the administrator sees how many are waiting on them. The second tab shows a week, month or quarter against
the period before, with bar charts, and prints the report (the weekly one is the service opinion summary).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.events import Topic
from app.i18n import LOCALES, N_, _, active_locale, format_decimal, format_integer, language_name, ngettext
from app.labels import label
from app.models.complaints import ContactChannel, FeedbackKind, Urgency
from app.models.staff import Role
from app.services import (
    complaint_analysis,
    complaint_reports,
    complaint_rules,
    complaint_workflow,
    complaints,
    days,
)
from app.services.complaint_analysis import Analysis, Count, PeriodKind
from app.services.complaints import ComplaintRow
from app.services.permissions import Permission, can
from ui.docks.base import PanelDock
from ui.docks.cells import clinic_datetime, timestamp
from ui.models.table import Column, RowStyle, RowTableModel
from ui.widgets.bar_chart import BarChart
from ui.widgets.date_edit import DateEdit
from ui.widgets.look import COMPLAINT_STATUS, OVERDUE_BACKGROUND, TEXT_ON_TINT, URGENCY, color
from ui.widgets.messages import reporting_domain_errors
from ui.widgets.table_panel import TablePanel

_PERIOD_LABELS = {PeriodKind.WEEK: N_("Week"), PeriodKind.MONTH: N_("Month"), PeriodKind.QUARTER: N_("Quarter")}
_CHARTS = (("category", N_("By category")), ("channel", N_("By channel")), ("department", N_("By department")),
           ("doctor", N_("By doctor")), ("kind", N_("By kind")), ("urgency", N_("By urgency")))
_CODED = {"kind": FeedbackKind, "channel": ContactChannel, "urgency": Urgency}


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
        self.new_button = QPushButton(self.widget())
        self.open_button = QPushButton(self.widget())
        self.settings_button = QPushButton(self.widget())
        self.settings_button.setObjectName("complaint_settings_button")
        self.escalations = QLabel(self.widget())
        self.escalations.setStyleSheet("color: #b3261e;")
        list_page = QWidget(self.widget())
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 4, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.escalations, 1)
        buttons.addWidget(self.settings_button)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.table, 1)

        self.analysis_page = AnalysisPanel(ctx, self.widget())
        self.tabs = QTabWidget(self.widget())
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(list_page, "")
        self.tabs.addTab(self.analysis_page, "")
        self.body_layout.addWidget(self.tabs)
        self.finish_layout()
        self._connect_signals()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.new_button.clicked.connect(self.new_complaint)
        self.open_button.clicked.connect(self.open_current)
        self.settings_button.clicked.connect(self.open_settings)
        self.table.view.doubleClicked.connect(self.open_current)
        self.tabs.currentChanged.connect(self._tab_changed)

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
            Column(N_("Department"), lambda r: r.department),
            Column(N_("Assigned to"), lambda r: r.assigned_to),
        ]

    def panels(self) -> list[TablePanel]:
        return [self.table]

    def permitted(self) -> bool:
        return super().permitted() and complaint_rules.may_view(self._ctx)

    def load(self) -> None:
        if not complaint_rules.may_view(self._ctx):
            self.apply_actor()  # the clinic no longer lets this role see complaints: the dock goes away
            return
        if can(self._ctx.actor, Permission.MANAGE_COMPLAINTS):
            complaint_workflow.escalate_overdue(self._ctx)
        self.model.set_rows(complaints.open_list(self._ctx))
        self.new_button.setEnabled(can(self._ctx.actor, Permission.MANAGE_COMPLAINTS))
        self.settings_button.setVisible(can(self._ctx.actor, Permission.MANAGE_CLINIC))
        self._show_escalations()
        if self.tabs.currentWidget() is self.analysis_page:
            self.analysis_page.refresh()

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.analysis_page and self.is_allowed():
            self.analysis_page.refresh()

    def _show_escalations(self) -> None:
        """The administrator sees how many overdue complaints were escalated to them."""
        actor = self._ctx.actor
        count = sum(1 for r in self.model.rows() if r.escalated and r.overdue)
        if actor is None or Role.ADMINISTRATOR not in actor.roles or not count:
            self.escalations.clear()
            return
        self.escalations.setText(ngettext("{count} overdue complaint escalated to you",
                                          "{count} overdue complaints escalated to you", count).format(
            count=format_integer(count)))

    def current_row(self) -> ComplaintRow | None:
        index = self.table.view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.row(self.table.proxy.mapToSource(index))

    def select_row(self, row: int) -> None:
        self.table.view.setCurrentIndex(self.table.proxy.mapFromSource(self.model.index(row, 0, QModelIndex())))

    # -- actions --------------------------------------------------------------------------------------------

    def new_complaint(self) -> ComplaintRow | None:
        from ui.dialogs.complaint_form import ComplaintDialog  # dialogs use the docks' cell formats

        with reporting_domain_errors(self):
            dialog = ComplaintDialog(self._ctx, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.reload()
                return dialog.logged
        return None

    def open_current(self) -> None:
        from ui.dialogs.complaint_detail import ComplaintDetailDialog

        row = self.current_row()
        if row is None:
            return
        with reporting_domain_errors(self):
            ComplaintDetailDialog(self._ctx, row.id, self).exec()
            self.reload()

    def open_settings(self) -> None:
        """The administrator's complaint settings: categories, keywords, deadlines, viewers, departments."""
        from ui.dialogs.complaint_settings import ComplaintSettingsDialog

        with reporting_domain_errors(self):
            ComplaintSettingsDialog(self._ctx, self).exec()
            self.reload()

    # -- language -------------------------------------------------------------------------------------------

    def retranslate_body(self) -> None:
        self.tabs.setTabText(0, _("Open"))
        self.tabs.setTabText(1, _("Analysis"))
        self.new_button.setText(_("&New complaint…"))
        self.open_button.setText(_("Open…"))
        self.settings_button.setText(_("Settings…"))
        self.settings_button.setToolTip(_("Categories, keywords, deadlines, who sees complaints, departments"))
        self.analysis_page.retranslate()
        self._show_escalations()
        # Category names come from the services in the interface language (the clinic may name them in each).
        self.mark_stale()

    def summary_text(self) -> str:
        rows = self.model.rows()
        text = ngettext("{count} open", "{count} open", len(rows)).format(count=format_integer(len(rows)))
        overdue = sum(1 for r in rows if r.overdue)
        if overdue:
            text += " · " + ngettext("{count} overdue", "{count} overdue", overdue).format(
                count=format_integer(overdue))
        return text


class AnalysisPanel(QWidget):
    """A period's figures and charts beside the period before; the report printed in any language."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.analysis: Analysis | None = None
        self.period = QComboBox(self)
        for kind in PeriodKind:
            self.period.addItem("", kind)
        self.period.setCurrentIndex(self.period.findData(PeriodKind.MONTH))
        self.day = DateEdit(parent=self)
        self.report_language = QComboBox(self)
        for code in LOCALES:
            self.report_language.addItem(language_name(code), code)
        self.print_button = QPushButton(self)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.charts: dict[str, BarChart] = {}
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        for index, (key, _title) in enumerate(_CHARTS):
            chart = BarChart(grid_host, formatter=lambda v: format_integer(int(v)))
            self.charts[key] = chart
            grid.addWidget(chart, index // 2, index % 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        inner = QWidget(scroll)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.figures)
        inner_layout.addWidget(grid_host)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        controls = QHBoxLayout()
        for widget in (self.period, self.day, self.report_language, self.print_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(scroll, 1)
        self.period.currentIndexChanged.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh)
        self.print_button.clicked.connect(self.preview_report)
        today = days.today(ctx) if ctx.actor is not None else date.today()
        self.day.set_value(today)

    def chosen_kind(self) -> PeriodKind:
        # Qt hands a StrEnum member back as a plain str: "month" is not PeriodKind.MONTH.
        return PeriodKind(self.period.currentData())

    def chosen_day(self) -> date:
        return self.day.value()

    def refresh(self) -> None:
        if self._ctx.actor is None:
            return
        with reporting_domain_errors(self):
            self.analysis = complaint_analysis.analyse(self._ctx, self.chosen_kind(), self.chosen_day())
        self._show()

    def _show(self) -> None:
        a = self.analysis
        if a is None:
            return
        breakdowns: dict[str, tuple[Count, ...]] = {
            "category": a.by_category, "channel": a.by_channel, "department": a.by_department,
            "doctor": a.by_doctor, "kind": a.by_kind, "urgency": a.by_urgency}
        for key, title in _CHARTS:
            counts = breakdowns[key]
            codes = _CODED.get(key)
            chart = self.charts[key]
            chart.set_title(_(title))
            chart.set_empty_text(_("Nothing in this period."))
            chart.set_data([label(codes(c.key)) if codes else c.key for c in counts],  # type: ignore[call-arg]
                           [c.count for c in counts], compare=[c.previous for c in counts])
        ack, res = a.acknowledgement, a.resolution
        rate = a.hit_rate.category_rate
        self.figures.setText("\n".join([
            _("Received: {count} (the period before: {previous})").format(
                count=format_integer(a.total), previous=format_integer(a.previous_total)),
            _("Acknowledged on time: {met} of {due} · resolved on time: {resolved} of {resolve_due}").format(
                met=format_integer(ack.met), due=format_integer(ack.due), resolved=format_integer(res.met),
                resolve_due=format_integer(res.due)),
            _("Overdue now: {count} · repeat complainants: {repeats}").format(
                count=format_integer(a.overdue_now), repeats=format_integer(len(a.repeat_complainants))),
            _("Suggested category kept by staff: {rate}").format(
                rate=f"{format_decimal(round(100 * rate))}%" if rate is not None else "—"),
            _("Grey bars: the period before."),
        ]))

    def preview_report(self) -> None:
        from ui.printing import PrintPreviewDialog

        locale = self.report_language.currentData()
        with reporting_domain_errors(self):
            pdf = complaint_reports.report_pdf(self._ctx, self.chosen_kind(), self.chosen_day(), locale)
            day = self.chosen_day()
            dialog = PrintPreviewDialog(pdf, _("Complaint analysis"),
                                        f"complaints-{self.chosen_kind()}-{day.isoformat()}.pdf", self)
            dialog.exec()

    def retranslate(self) -> None:
        for index in range(self.period.count()):
            self.period.setItemText(index, _(_PERIOD_LABELS[self.period.itemData(index)]))
        self.print_button.setText(_("Print the report…"))
        self.report_language.setToolTip(_("Language of the printed report"))
        self.report_language.setCurrentIndex(LOCALES.index(active_locale()))
        if self.analysis is not None:
            # Category names are the new language's: shown now, or when the tab is next shown.
            if self.isVisible():
                self.refresh()
            else:
                self.analysis = None

"""The reports tab of the Calls & tasks dock: the end-of-shift report or a month's analysis, one table at a
time with its bar chart, printed as PDF or exported as CSV files and an XLSX workbook.

The tables come from ``app.services.report_tables``: the very tables the PDF and the spreadsheets hold.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.context import Context
from app.documents.desk_report import ReportTable, text_of
from app.documents.desk_report import format_value as value_text
from app.i18n import _, active_locale, format_month
from app.services import days, desk_printouts, desk_reports, exports, handover
from app.services.permissions import Permission, can
from app.services.report_tables import monthly_tables, shift_tables
from ui.models.table import RIGHT, Column, RowTableModel
from ui.widgets.bar_chart import BarChart
from ui.widgets.messages import reporting_domain_errors, show_information
from ui.widgets.table_panel import TablePanel

Row = tuple[object, tuple[object, ...]]
#: Months offered besides the current one.
MONTHS_BACK = 12
SHIFT = "shift"


class DeskReportsPanel(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._tables: list[ReportTable] = []
        self.period = QComboBox(self)
        self.period.setObjectName("report_period")
        self.table_choice = QComboBox(self)
        self.table_choice.setObjectName("report_table")
        self.pdf_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.xlsx_button = QPushButton(self)
        self.model: RowTableModel[Row] = RowTableModel([], parent=self)
        self.table = TablePanel(self.model, lambda: _("Nothing to show for this period."), sort_column=-1)
        self.chart = BarChart(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.setSizes([3, 2])
        controls = QHBoxLayout()
        for widget in (self.period, self.table_choice, self.pdf_button, self.csv_button, self.xlsx_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.splitter)
        self.period.activated.connect(lambda _index: self.load())
        self.table_choice.currentIndexChanged.connect(lambda _index: self._show_table())
        self.pdf_button.clicked.connect(self.print_pdf)
        self.csv_button.clicked.connect(self.export_csv)
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.retranslate()

    # -- periods --------------------------------------------------------------------------------------------

    def _months(self) -> list[date]:
        today = days.today(self._ctx)
        first = date(today.year, today.month, 1)
        months = []
        for _step in range(MONTHS_BACK + 1):
            months.append(first)
            first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
        return months

    def choose_month(self, year: int, month: int) -> None:
        self.period.setCurrentIndex(self.period.findData(date(year, month, 1).isoformat()))
        self.load()

    def choose_shift(self) -> None:
        self.period.setCurrentIndex(self.period.findData(SHIFT))
        self.load()

    def _range(self) -> tuple[str, object, object]:
        chosen = self.period.currentData()
        if chosen == SHIFT or chosen is None:
            # The range ends just after now, so that what happened this very second is in it.
            return SHIFT, handover.shift_start(self._ctx), self._ctx.clock.now() + timedelta(seconds=1)
        first = date.fromisoformat(chosen)
        return "month", *desk_reports.month_range(first.year, first.month)

    # -- data -----------------------------------------------------------------------------------------------

    def load(self) -> None:
        kind, start, end = self._range()
        with reporting_domain_errors(self):
            if kind == SHIFT:
                self._tables = shift_tables(desk_reports.shift_report(self._ctx, start, end))
            else:
                self._tables = monthly_tables(desk_reports.monthly_analysis(self._ctx, start, end))
        chosen = self.table_choice.currentIndex()
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in self._tables:
            self.table_choice.addItem(_(table.title), table.key)
        self.table_choice.setCurrentIndex(min(max(chosen, 0), len(self._tables) - 1))
        self.table_choice.blockSignals(False)
        self._show_table()

    def tables(self) -> list[ReportTable]:
        return list(self._tables)

    def current_table(self) -> ReportTable | None:
        index = self.table_choice.currentIndex()
        return self._tables[index] if 0 <= index < len(self._tables) else None

    def _show_table(self) -> None:
        table = self.current_table()
        currency = self._ctx.clinic().currency
        if table is None:
            self._replace_table(RowTableModel([], parent=self))
            return
        columns: list[Column[Row]] = [Column(table.columns[0], lambda r: text_of(r[0], None))]
        for index, (header, kind) in enumerate(zip(table.columns[1:], table.kinds, strict=True)):
            columns.append(Column(header, lambda r, i=index, k=kind: value_text(r[1][i], k, currency),
                                  lambda r, i=index: float(r[1][i] or 0), align=RIGHT))
        model: RowTableModel[Row] = RowTableModel(columns, parent=self)
        self._replace_table(model)
        model.set_rows(list(table.rows))  # after the panel exists: it fits its columns to the rows
        self.chart.setVisible(table.chart and bool(table.rows))
        if table.chart:
            kind = table.kinds[0]
            self.chart.set_formatter(lambda v: value_text(v, kind, currency))
            self.chart.set_title(_(table.title))
            self.chart.set_data([text_of(label, None) for label, _values in table.rows],
                                [float(values[0] or 0) for _label, values in table.rows])

    def _replace_table(self, model: RowTableModel[Row]) -> None:
        old, old_model = self.table, self.model
        self.model = model
        self.table = TablePanel(model, lambda: _("Nothing to show for this period."), sort_column=-1)
        self.table.mark_loaded()
        self.splitter.replaceWidget(0, self.table)
        old.deleteLater()
        old_model.deleteLater()

    # -- output ---------------------------------------------------------------------------------------------

    def _file_stem(self) -> str:
        kind, start, _end = self._range()
        return f"end-of-shift-{start:%Y-%m-%d}" if kind == SHIFT else f"monthly-analysis-{start:%Y-%m}"

    def print_pdf(self) -> None:
        from ui.printing import PrintPreviewDialog  # the preview's rasteriser is heavy: only when asked

        kind, start, end = self._range()
        with reporting_domain_errors(self):
            pdf = (desk_printouts.shift_report_pdf(self._ctx, start, end) if kind == SHIFT
                   else desk_printouts.monthly_pdf(self._ctx, start, end))
            PrintPreviewDialog(pdf, self.period.currentText(), f"{self._file_stem()}.pdf", self).exec()

    def export_csv(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose a folder for the CSV files"))
        if folder:
            self.write_csv(Path(folder))

    def write_csv(self, folder: Path) -> list[Path]:
        """Each table as ``<stem>-<table>.csv`` in ``folder``."""
        written = []
        for table in self._tables:
            path = folder / f"{self._file_stem()}-{table.key}.csv"
            path.write_bytes(exports.table_csv(table, active_locale()))
            written.append(path)
        show_information(self, _("The tables were saved in {folder}.").format(folder=str(folder)))
        return written

    def export_xlsx(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the tables as a workbook"),
                                                      f"{self._file_stem()}.xlsx", _("Excel workbook (*.xlsx)"))
        if chosen:
            self.write_xlsx(Path(chosen))

    def write_xlsx(self, path: Path) -> None:
        path.write_bytes(exports.tables_xlsx(self._tables, active_locale(), self._ctx.clinic().currency))

    # -- texts ----------------------------------------------------------------------------------------------

    def apply_actor(self) -> None:
        """The month's analysis is for those who may read reports; the shift report for everyone at the desk."""
        may_analyse = can(self._ctx.actor, Permission.VIEW_REPORTS)
        chosen = self.period.currentData()
        self.period.clear()
        self.period.addItem(_("This shift"), SHIFT)
        if may_analyse:
            for month in self._months():
                self.period.addItem(_("Analysis of {month}").format(month=format_month(month)),
                                    month.isoformat())
        self.period.setCurrentIndex(max(0, self.period.findData(chosen)))

    def retranslate(self) -> None:
        self.apply_actor()
        self.pdf_button.setText(_("&PDF…"))
        self.csv_button.setText(_("C&SV…"))
        self.xlsx_button.setText(_("&XLSX…"))
        self.pdf_button.setToolTip(_("Preview, print or save the report as PDF"))
        self.csv_button.setToolTip(_("Save every table as a CSV file"))
        self.xlsx_button.setToolTip(_("Save every table as a sheet of one Excel workbook"))
        if self._tables:
            self.load()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

"""A read-only table over a RowTableModel, with sorting, an optional filter, and a friendly placeholder
instead of an empty grid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from app.i18n import _
from ui.models.proxy import TableProxy
from ui.models.table import RowTableModel

#: Widest a column grows when fitted to its contents (a long name is cut with "…" and shown whole in a
#: tooltip); the user can still widen it.
MAX_AUTO_WIDTH = 220
#: Fitting columns to contents measures the visible rows only (0): measuring every row of a long day
#: costs more than the rest of the start-up (PITFALLS: ResizeToContents on large tables is slow).
RESIZE_PRECISION = 0


class ElidedTextTips(QStyledItemDelegate):
    """Shows a cell's whole text as its tooltip when the column is too narrow for it (and the model gives
    no tooltip of its own)."""

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.data(Qt.ItemDataRole.ToolTipRole) is None:
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text and option.fontMetrics.horizontalAdvance(text) > view.visualRect(index).width() - 8:
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)


class TablePanel(QStackedWidget):
    """Shows the table, or a placeholder text when there is nothing to show (or the filter hides all).

    ``empty_text`` is called when shown (after each language change too), so it returns a translated text.
    """

    def __init__(self, model: RowTableModel[Any], empty_text: Callable[[], str], *,
                 sort_column: int = 0, sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = TableProxy(self)
        self.proxy.setSourceModel(model)
        self._empty_text = empty_text
        self._loaded = False
        self._fit_when_shown = False

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ElidedTextTips(self.view))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(sort_column, sort_order)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns = self.view.horizontalHeader()
        columns.setStretchLastSection(True)
        columns.setHighlightSections(False)
        columns.setResizeContentsPrecision(RESIZE_PRECISION)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMargin(24)
        palette = self.placeholder.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self.placeholder.setPalette(palette)

        self.addWidget(self.view)
        self.addWidget(self.placeholder)
        self._fix_row_height()
        self._connect_signals()
        self._update_page()

    def _connect_signals(self) -> None:
        self.model.modelReset.connect(self._fit_columns)
        self.model.modelReset.connect(self._update_page)
        self.proxy.rowsInserted.connect(self._update_page)
        self.proxy.rowsRemoved.connect(self._update_page)
        self.proxy.modelReset.connect(self._update_page)
        self.proxy.layoutChanged.connect(self._update_page)

    def mark_loaded(self) -> None:
        """The rows are the real data now: an empty table means "none", no longer "not read yet"."""
        self._loaded = True
        self._update_page()

    def set_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_page()

    def retranslate(self) -> None:
        self.model.retranslate()
        self._fit_columns()
        self._update_page()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fix_row_height()

    def _fix_row_height(self) -> None:
        """One fixed height for every row (fast with many rows), from the font, so CJK text is not cut."""
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_when_shown:
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Columns to their contents' width, measured when the table can be seen.

        A table on a tab or dock out of sight waits for its show event: measuring every panel of the window
        made a language switch cost two hundred milliseconds, most of it for tables nobody was looking at.
        """
        if not self.isVisible():
            self._fit_when_shown = True
            return
        self._fit_when_shown = False
        if self.model.rowCount() == 0:
            return
        header = self.view.horizontalHeader()
        # The last column stretches to the edge; sizing it to its contents would stop that.
        for column in range(header.count() - 1):
            self.view.resizeColumnToContents(column)
            if header.sectionSize(column) > MAX_AUTO_WIDTH:
                header.resizeSection(column, MAX_AUTO_WIDTH)

    def _update_page(self) -> None:
        if self.proxy.rowCount() > 0:
            self.setCurrentWidget(self.view)
            return
        if not self._loaded:
            self.placeholder.setText(_("Loading…"))
        elif self.model.rowCount() > 0:
            self.placeholder.setText(_("Nothing matches the filter."))
        else:
            self.placeholder.setText(self._empty_text())
        self.setCurrentWidget(self.placeholder)

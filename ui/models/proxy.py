"""Sorting and filtering for a :class:`~ui.models.table.RowTableModel`, as every dock's table uses them."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt

from ui.models.table import SORT_ROLE


class TableProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key (times by time, amounts by amount) and filters on the shown text of
    every column, ignoring case, so the filter box finds a patient, a doctor or a status alike."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setDynamicSortFilter(True)

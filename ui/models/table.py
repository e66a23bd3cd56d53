"""A typed table model over a list of frozen read-model rows, described by columns.

Each column says how a row shows in it (text, sort key, alignment, colours, tooltip) as functions of the
row, evaluated when the view asks: after a language switch the same rows show in the new language and
format. Services return the rows; the model never fetches anything itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from app.i18n import _

R = TypeVar("R")
SortKey = str | int | float
#: The role the sort proxy compares: plain numbers or strings, so the comparison runs in C++.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: ``header`` is an ``N_()`` msgid, translated each time the header is shown."""

    header: str
    text: Callable[[R], str]
    sort_key: Callable[[R], SortKey] | None = None
    align: Qt.AlignmentFlag = LEFT
    foreground: Callable[[R], QColor | None] | None = None
    background: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str] | None = None
    decoration: Callable[[R], QIcon | None] | None = None
    font: Callable[[R], QFont | None] | None = None


@dataclass(frozen=True)
class RowStyle(Generic[R]):
    """Colours for a whole row (an overdue complaint, a patient waiting too long); a column's own win."""

    foreground: Callable[[R], QColor | None] | None = None
    background: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str] | None = None


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Read-only rows; ``set_rows`` replaces them (only changed rows repaint when the keys stay the same)."""

    def __init__(self, columns: Sequence[Column[R]], *, key: Callable[[R], Hashable] | None = None,
                 style: RowStyle[R] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._style = style or RowStyle()
        self._rows: list[R] = []

    # -- contents -------------------------------------------------------------------------------------------

    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, index: _Index) -> R:
        return self._rows[index.row()]

    def set_rows(self, rows: Sequence[R]) -> None:
        new = list(rows)
        if self._key is not None and [self._key(r) for r in new] == [self._key(r) for r in self._rows]:
            changed = [i for i, (old, fresh) in enumerate(zip(self._rows, new, strict=True)) if old != fresh]
            self._rows = new
            if changed:
                last = len(self._columns) - 1
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def retranslate(self) -> None:
        """Headers and cells are texts of the active language: tell the views to ask again."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        self.refresh_columns(range(len(self._columns)))

    def refresh_columns(self, columns: Sequence[int] | range) -> None:
        """Cells of ``columns`` depend on something besides the rows (the clock): repaint them."""
        if not self._rows or not columns:
            return
        self.dataChanged.emit(self.index(0, min(columns)), self.index(len(self._rows) - 1, max(columns)))

    def refresh_cells(self, columns: Sequence[int], rows: Sequence[int] | range | None = None) -> None:
        """Like ``refresh_columns``, one cell at a time: a view repaints a single changed cell's rectangle
        (nothing for a row scrolled out of sight) but the whole viewport for a changed range, which is what
        a live column's tick would cost otherwise (bench/bench_waiting.py)."""
        roles = [Qt.ItemDataRole.DisplayRole, SORT_ROLE]
        for row in range(len(self._rows)) if rows is None else rows:
            for column in columns:
                cell = self.index(row, column)
                self.dataChanged.emit(cell, cell, roles)

    # -- QAbstractTableModel --------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(self._columns[section].header)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[section].align
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every painted or measured cell: one dict lookup, no chain of ifs.
        cell = _CELL_ROLES.get(role)
        if cell is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row >= len(self._rows) or column >= len(self._columns):
            return None
        return cell(self, self._rows[row], self._columns[column])

    def _style_foreground(self, row: R, column: Column[R]) -> Any:
        return _first(column.foreground, self._style.foreground, row)

    def _style_background(self, row: R, column: Column[R]) -> Any:
        return _first(column.background, self._style.background, row)

    def _style_tooltip(self, row: R, column: Column[R]) -> Any:
        return _first(column.tooltip, self._style.tooltip, row) or None


_CellRole = Callable[[RowTableModel[Any], Any, Column[Any]], Any]
_CELL_ROLES: dict[int, _CellRole] = {
    Qt.ItemDataRole.DisplayRole: lambda _model, row, column: column.text(row),
    SORT_ROLE: lambda _model, row, column: column.sort_key(row) if column.sort_key else column.text(row),
    Qt.ItemDataRole.TextAlignmentRole: lambda _model, _row, column: column.align,
    Qt.ItemDataRole.ForegroundRole: RowTableModel._style_foreground,
    Qt.ItemDataRole.BackgroundRole: RowTableModel._style_background,
    Qt.ItemDataRole.ToolTipRole: RowTableModel._style_tooltip,
    Qt.ItemDataRole.DecorationRole: lambda _model, row, column: column.decoration(row) if column.decoration else None,
    Qt.ItemDataRole.FontRole: lambda _model, row, column: column.font(row) if column.font else None,
}


def _first(own: Callable[[R], Any] | None, shared: Callable[[R], Any] | None, row: R) -> Any:
    value = own(row) if own else None
    if value is None and shared is not None:
        value = shared(row)
    return value

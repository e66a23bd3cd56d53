"""PITFALLS: PySide6 6.12.0 drops a reference to None for every model data() call that returns no value,
and Python 3.11 then aborts. This test reads 10,000 empty cells through one of our models; it must pass
before the PySide6 pin (<6.12) is lifted."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import Qt

from ui.models.table import Column, RowTableModel

CELLS = 10_000


@dataclass(frozen=True)
class _Row:
    number: int


def test_reading_empty_cells_keeps_none_alive(qtbot):
    model: RowTableModel[_Row] = RowTableModel([Column("Number", lambda r: str(r.number))])
    model.set_rows([_Row(n) for n in range(CELLS)])
    indexes = [model.index(row, 0) for row in range(CELLS)]
    before = sys.getrefcount(None)
    for index in indexes:
        # No tooltip defined: data() returns None, which crosses into C++ and back as an empty QVariant.
        assert index.data(Qt.ItemDataRole.ToolTipRole) is None
    after = sys.getrefcount(None)
    assert after >= before, f"None lost {before - after} references over {CELLS} reads (PySide6 bug)"

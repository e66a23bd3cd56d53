"""Every model a dock shows passes Qt's model tester, with real rows, after a reload and a language switch."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.i18n import N_
from tests.ui import clinic_data
from tests.ui.conftest import OpenWindow
from ui import qt_i18n
from ui.models.proxy import TableProxy
from ui.models.table import RIGHT, Column, RowStyle, RowTableModel

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    amount: int


def _model() -> RowTableModel[Item]:
    columns = [
        Column(N_("Name"), lambda r: r.name, tooltip=lambda r: r.name.upper()),
        Column(N_("Amount"), lambda r: f"{r.amount:,}", lambda r: r.amount, align=RIGHT),
    ]
    return RowTableModel(columns, key=lambda r: r.id, style=RowStyle(tooltip=lambda r: "row"))


def test_generic_model_passes_the_model_tester(qtmodeltester):
    model = _model()
    model.set_rows([Item(1, "b", 30), Item(2, "a", 1000)])
    qtmodeltester.check(model, force_py=True)
    model.set_rows([Item(1, "b", 31), Item(2, "a", 1000)])  # same keys: rows change in place
    model.set_rows([Item(3, "c", 5)])  # other keys: reset
    model.retranslate()
    qtmodeltester.check(model, force_py=True)


def test_same_keys_repaint_only_changed_rows(qtbot):
    model = _model()
    model.set_rows([Item(1, "b", 30), Item(2, "a", 1000), Item(3, "c", 1)])
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as changed:
        model.set_rows([Item(1, "b", 30), Item(2, "a", 999), Item(3, "c", 1)])
    top, bottom = changed.args[0], changed.args[1]
    assert (top.row(), bottom.row()) == (1, 1)


def test_sorting_uses_sort_keys_and_filter_finds_any_column(qtbot):
    model = _model()
    model.set_rows([Item(1, "b", 30), Item(2, "a", 1000), Item(3, "c", 200)])
    proxy = TableProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(row, 0).data() for row in range(3)] == ["b", "c", "a"]  # 30 < 200 < 1000, not text
    proxy.setFilterFixedString("C")
    assert [proxy.index(row, 0).data() for row in range(proxy.rowCount())] == ["c"]


def test_every_dock_model_passes_with_data(qtmodeltester, open_window: OpenWindow,
                                          clinic_day: clinic_data.ClinicDay):
    window = open_window()
    for dock in window.docks.values():
        dock.reload()
    # Qt's own tester keeps watching each model (failures are Qt warnings, which fail the test) while
    # the rows reload and the language changes.
    watchers = [QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
                for panel in window.panels() for model in (panel.model, panel.proxy)]
    for locale in ("ko", "en"):
        qt_i18n.switch_language(locale)
        for dock in window.docks.values():
            dock.reload()
        for panel in window.panels():
            assert panel.model.rowCount() > 0, panel.model
            qtmodeltester.check(panel.model)
            qtmodeltester.check(panel.proxy)
    assert len(watchers) == 2 * len(window.panels())

"""A patient's debt shows wherever the patient appears: the waiting room's queue, the schedule's list and the
grid's tooltip; a user who may not see the cashier's figures sees none of it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.models.billing import PaymentMethod
from app.models.staff import Role
from app.services import waiting
from app.services.payments import PaymentPart, PaymentRequest, take_payment
from tests import builders
from tests.cashier_builders import completed_visit, issue, open_shift
from tests.ui.conftest import OpenWindow
from ui import qt_i18n
from ui.docks.cells import money
from ui.docks.schedule import ScheduleDock
from ui.docks.waiting import WaitingDock

D = Decimal


def _cell(dock, model, patient_name: str, column: int) -> str:
    for row in range(model.rowCount()):
        if model.row(model.index(row, 0)).patient_name == patient_name:
            return model.data(model.index(row, column))
    raise AssertionError(f"{patient_name} is not listed")


def test_a_debtors_rows_show_the_debt(open_window: OpenWindow, sqlite_ctx, qtbot):
    ctx = sqlite_ctx
    open_shift(ctx)
    debtor = builders.add_patient(ctx, "Иванова", "Мария")
    payer = builders.add_patient(ctx, "Popescu", "Ana")
    invoice = issue(ctx, debtor.id, "50000", "20000")
    take_payment(ctx, PaymentRequest(debtor.id, (PaymentPart(PaymentMethod.CARD, D(30000)),), invoice.id))
    for patient in (debtor, payer):
        completed_visit(ctx, patient.id, None)
        waiting.walk_in(ctx, patient.id, reason="check-up")

    window = open_window()
    room: WaitingDock = window.docks["waiting_dock"]  # type: ignore[assignment]
    schedule: ScheduleDock = window.docks["schedule_dock"]  # type: ignore[assignment]
    schedule.tabs.setCurrentIndex(1)  # the list
    qtbot.waitUntil(lambda: room.model.rowCount() == 2 and schedule.model.rowCount() == 2)
    owed = money(ctx, D(40000))
    assert _cell(room, room.model, debtor.display_name, room.OWES_COLUMN) == owed
    assert _cell(room, room.model, payer.display_name, room.OWES_COLUMN) == ""
    assert not room.table.view.isColumnHidden(room.OWES_COLUMN)
    assert _cell(schedule, schedule.model, debtor.display_name, schedule.OWES_COLUMN) == owed
    assert _cell(schedule, schedule.model, payer.display_name, schedule.OWES_COLUMN) == ""
    [appointment] = [r for r in schedule.model.rows() if r.patient_id == debtor.id]
    assert f"Owes {owed} on 1 invoice" in schedule.grid.tooltip(appointment)

    # The rest is paid at the desk: the other docks follow the payment event.
    take_payment(ctx, PaymentRequest(debtor.id, (PaymentPart(PaymentMethod.CASH, D(40000)),), invoice.id,
                                     tendered=D(40000)))
    qtbot.waitUntil(lambda: _cell(room, room.model, debtor.display_name, room.OWES_COLUMN) == "")
    qtbot.waitUntil(lambda: _cell(schedule, schedule.model, debtor.display_name, schedule.OWES_COLUMN) == "")


def test_no_debt_shown_without_the_cashier_view(open_window: OpenWindow, sqlite_ctx, qtbot):
    ctx = sqlite_ctx
    debtor = builders.add_patient(ctx, "김", "민준")
    issue(ctx, debtor.id, "15000")
    completed_visit(ctx, debtor.id, None)
    waiting.walk_in(ctx, debtor.id)
    ctx.actor = replace(ctx.actor, roles=frozenset({Role.DOCTOR}))  # sees the schedule and the room, not money
    window = open_window()
    room: WaitingDock = window.docks["waiting_dock"]  # type: ignore[assignment]
    schedule: ScheduleDock = window.docks["schedule_dock"]  # type: ignore[assignment]
    schedule.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: room.model.rowCount() == 1 and schedule.model.rowCount() == 1)
    assert _cell(room, room.model, debtor.display_name, room.OWES_COLUMN) == ""
    assert room.table.view.isColumnHidden(room.OWES_COLUMN)
    assert _cell(schedule, schedule.model, debtor.display_name, schedule.OWES_COLUMN) == ""
    assert schedule.table.view.isColumnHidden(schedule.OWES_COLUMN)
    assert "Owes" not in schedule.grid.tooltip(schedule.model.rows()[0])


@pytest.mark.parametrize("locale", ["zh_CN", "ru"])
def test_debt_pictures(open_window: OpenWindow, sqlite_ctx, qtbot, artifacts_dir, locale):
    """Screenshots to look at: the queue and the schedule's list with a debtor, and the grid's tooltip text."""
    ctx = sqlite_ctx
    debtor = builders.add_patient(ctx, "王", "秀英")
    other = builders.add_patient(ctx, "Иванова", "Мария")
    issue(ctx, debtor.id, "50000", "20000")
    for patient in (debtor, other):
        completed_visit(ctx, patient.id, None)
        waiting.walk_in(ctx, patient.id, reason="check-up")
    qt_i18n.switch_language(locale)
    window = open_window()
    room: WaitingDock = window.docks["waiting_dock"]  # type: ignore[assignment]
    schedule: ScheduleDock = window.docks["schedule_dock"]  # type: ignore[assignment]
    schedule.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: room.model.rowCount() == 2 and schedule.model.rowCount() == 2)
    window.grab().save(str(artifacts_dir / f"debt_columns_{locale}.png"))
    [appointment] = [r for r in schedule.model.rows() if r.patient_id == debtor.id]
    tooltip = schedule.grid.tooltip(appointment)
    (artifacts_dir / f"debt_grid_tooltip_{locale}.txt").write_text(tooltip, encoding="utf-8")
    assert money(ctx, D(70000)) in tooltip

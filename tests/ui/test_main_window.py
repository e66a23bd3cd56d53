"""The main window: docks by role, layouts per user, data arriving through events, the session's actions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.context import Context
from app.errors import PermissionDenied
from app.i18n import N_
from app.models.staff import Role
from app.services import audit, auth, scheduling, staff
from app.services.scheduling import BookingRequest
from tests import builders
from tests.ui import clinic_data
from tests.ui.conftest import OpenWindow
from tests.ui.modal import when_modal
from ui import main_window as main_window_module
from ui.docks.cells import money, time_range
from ui.main_window import LAYOUT_KEY, MainWindow, pack_layout, unpack_layout

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
ALL_DOCKS = {"schedule_dock", "waiting_dock", "cashier_dock", "certificates_dock", "complaints_dock", "calls_dock"}
STAFF_PASSWORD = "staff-password-1"


def _sign_in_as(ctx: Context, username: str, *roles: Role) -> None:
    builders.add_user(ctx, username, *roles, password=STAFF_PASSWORD)
    auth.sign_in(ctx, username, STAFF_PASSWORD)


def _shown(window: MainWindow) -> set[str]:
    return {name for name, dock in window.docks.items() if not dock.isHidden()}


def test_administrator_sees_every_dock(open_window: OpenWindow, sqlite_ctx: Context):
    window = open_window()
    assert set(window.docks) == ALL_DOCKS
    assert _shown(window) == ALL_DOCKS
    assert all(dock.toggleViewAction().isEnabled() for dock in window.docks.values())
    assert window.dockWidgetArea(window.docks["schedule_dock"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(window.docks["waiting_dock"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.backup_action.isEnabled()
    assert window.print_action.isEnabled()
    assert "Kim Admin" in window.user_label.text()
    assert "Administrator" in window.user_label.text()
    assert window.clinic_label.text() == "Seoul Family Clinic"
    assert "desk-1" in window.workstation_label.text()
    assert window.database_label.toolTip() == sqlite_ctx.db.describe()
    assert window.language_label.text() == "English"


def test_cashier_sees_only_the_allowed_docks(open_window: OpenWindow, sqlite_ctx: Context):
    _sign_in_as(sqlite_ctx, "cashier", Role.CASHIER)
    window = open_window()
    assert _shown(window) == ALL_DOCKS - {"certificates_dock"}
    certificates = window.docks["certificates_dock"]
    assert not certificates.toggleViewAction().isEnabled()
    assert not window.backup_action.isEnabled()
    certificates.toggleViewAction().trigger()  # a disabled action does nothing
    assert certificates.isHidden()
    assert "Cashier" in window.user_label.text()


def test_a_moved_dock_is_restored_for_the_same_user_only(open_window: OpenWindow, sqlite_ctx: Context):
    window = open_window()
    waiting, cashier = window.docks["waiting_dock"], window.docks["cashier_dock"]
    window.removeDockWidget(waiting)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, waiting)
    waiting.show()
    cashier.setFloating(True)
    window.docks["complaints_dock"].close()
    window.close()
    assert staff.load_setting(sqlite_ctx, LAYOUT_KEY)

    again = open_window()
    assert again.dockWidgetArea(again.docks["waiting_dock"]) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert again.docks["cashier_dock"].isFloating()
    assert again.docks["complaints_dock"].isHidden()
    again.close()

    _sign_in_as(sqlite_ctx, "reception", Role.RECEPTIONIST)
    other = open_window()
    assert other.dockWidgetArea(other.docks["waiting_dock"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not other.docks["cashier_dock"].isFloating()


def test_reset_layout_brings_back_the_default(open_window: OpenWindow):
    window = open_window()
    window.docks["schedule_dock"].setFloating(True)
    window.docks["calls_dock"].close()
    window.reset_layout_action.trigger()
    assert not window.docks["schedule_dock"].isFloating()
    assert _shown(window) == ALL_DOCKS


def test_layout_value_round_trips_and_refuses_foreign_bytes():
    assert unpack_layout(pack_layout(b"state", b"geometry")) == (b"state", b"geometry")
    assert unpack_layout(b"garbage") is None
    assert unpack_layout(b"") is None


def test_data_appears_when_its_event_fires(qtbot, open_window: OpenWindow, sqlite_ctx: Context,
                                           clinic_day: clinic_data.ClinicDay):
    window = open_window()
    schedule, cashier = window.docks["schedule_dock"], window.docks["cashier_dock"]
    qtbot.waitUntil(lambda: schedule.model.rowCount() == 10 and cashier.model.rowCount() == 4)

    booked = scheduling.book(sqlite_ctx, BookingRequest(clinic_day.patients[4], clinic_day.doctors[0],
                                                        clinic_data.at(16, 0), 30)).appointment
    qtbot.waitUntil(lambda: schedule.model.rowCount() == 11)
    shown = time_range(sqlite_ctx, booked.start_at, booked.end_at)
    assert shown.replace("\u202f", " ") == "4:00 PM–4:30 PM"
    assert shown in [schedule.model.index(row, 0).data() for row in range(11)]

    clinic_data.add_payment(sqlite_ctx, clinic_day, Decimal(77000))
    qtbot.waitUntil(lambda: cashier.model.rowCount() == 5)
    assert money(sqlite_ctx, Decimal(314500)) in cashier.summary.text()

    # A dock behind a tab loads when it is brought forward.
    complaints = window.docks["complaints_dock"]
    assert complaints.model.rowCount() == 0
    complaints.raise_()
    qtbot.waitUntil(lambda: complaints.model.rowCount() == 3)


def test_an_empty_dock_says_so(open_window: OpenWindow):
    window = open_window()
    schedule = window.docks["schedule_dock"]
    schedule.reload()
    assert schedule.table.currentWidget() is schedule.table.placeholder
    assert schedule.table.placeholder.text() == "No appointments on Monday, November 23, 2026."


def test_day_navigator_moves_the_schedule(qtbot, open_window: OpenWindow, clinic_day: clinic_data.ClinicDay):
    window = open_window()
    schedule = window.docks["schedule_dock"]
    qtbot.waitUntil(lambda: schedule.model.rowCount() == 10)
    qtbot.mouseClick(schedule.navigator.next_button, Qt.MouseButton.LeftButton)
    assert schedule.day() == clinic_data.TODAY + timedelta(days=1)
    assert schedule.model.rowCount() == 1  # tomorrow's one booking (the reminder list's)
    qtbot.mouseClick(schedule.navigator.today_button, Qt.MouseButton.LeftButton)
    assert schedule.model.rowCount() == 10


def test_a_dock_showing_today_follows_midnight(open_window: OpenWindow, sqlite_ctx: Context):
    window = open_window()
    schedule, cashier = window.docks["schedule_dock"], window.docks["cashier_dock"]
    cashier.navigator.set_day(clinic_data.TODAY - timedelta(days=3))
    sqlite_ctx.clock.advance(timedelta(days=1))  # type: ignore[attr-defined]
    for dock in (schedule, cashier):
        dock.navigator.follow_today()
    assert schedule.day() == clinic_data.TODAY + timedelta(days=1)
    assert cashier.day() == clinic_data.TODAY - timedelta(days=3)  # a day chosen on purpose stays


def test_waiting_minutes_tick_and_warn(qtbot, open_window: OpenWindow, sqlite_ctx: Context,
                                      clinic_day: clinic_data.ClinicDay):
    window = open_window()
    waiting = window.docks["waiting_dock"]
    qtbot.waitUntil(lambda: waiting.model.rowCount() == 6)
    rows = {waiting.model.index(row, 0).data(): row for row in range(6)}
    newest = waiting.model.index(rows["005"], 2)
    assert newest.data() == "8 min"
    assert newest.data(Qt.ItemDataRole.BackgroundRole) is None
    sqlite_ctx.clock.advance(timedelta(minutes=15))  # type: ignore[attr-defined]
    with qtbot.waitSignal(waiting.model.dataChanged):
        waiting.tick()
    assert newest.data() == "23 min"
    assert newest.data(Qt.ItemDataRole.BackgroundRole) is not None  # past the clinic's 20 minutes


def test_a_refused_read_is_shown_not_swallowed(qtbot, monkeypatch, open_window: OpenWindow):
    window = open_window()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    def refuse(*_args: object) -> list[object]:
        raise PermissionDenied(N_("Your role does not allow this action."))

    monkeypatch.setattr(scheduling, "day_list", refuse)
    window.docks["schedule_dock"].reload()
    assert shown == ["Your role does not allow this action."]


def test_print_daily_list_opens_the_preview(qtbot, open_window: OpenWindow, clinic_day: clinic_data.ClinicDay):
    from ui.printing import PrintPreviewDialog

    window = open_window()
    titles: list[str] = []
    seen = when_modal(QWidget, lambda dialog: (titles.append(dialog.windowTitle()), dialog.reject()))
    window.print_action.trigger()
    assert len(seen) == 1
    assert isinstance(seen[0], PrintPreviewDialog)
    assert "Monday, November 23, 2026" in titles[0]


def test_back_up_now_writes_a_copy_and_says_where(qtbot, monkeypatch, open_window: OpenWindow):
    window = open_window()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    window.backup_action.trigger()
    assert len(said) == 1
    assert "clinic-20261123-100000.sqlite3" in said[0]
    assert audit.verify(window._ctx.db, window._ctx.audit_key).ok


class _FakeSignIn:
    """Stands in for the sign-in dialog: signs ``username`` in, or cancels when None."""

    username: str | None = None

    def __init__(self, ctx: Context, parent: QWidget | None = None, hint: str | None = None) -> None:
        self._ctx = ctx

    def exec(self) -> int:
        if self.username is None:
            return QDialog.DialogCode.Rejected
        auth.sign_in(self._ctx, self.username, STAFF_PASSWORD)
        return QDialog.DialogCode.Accepted


def test_switch_user_needs_no_restart(monkeypatch, open_window: OpenWindow, sqlite_ctx: Context):
    builders.add_user(sqlite_ctx, "clerk", Role.CERTIFICATE_CLERK, password=STAFF_PASSWORD)
    monkeypatch.setattr(main_window_module, "SignInDialog", type("Clerk", (_FakeSignIn,), {"username": "clerk"}))
    window = open_window()
    window.switch_user_action.trigger()
    assert sqlite_ctx.actor is not None
    assert sqlite_ctx.actor.username == "clerk"
    assert "Certificate clerk" in window.user_label.text()
    assert _shown(window) == {"schedule_dock", "waiting_dock", "certificates_dock"}
    assert window.isVisible()


def test_cancelled_switch_user_closes_the_window(monkeypatch, open_window: OpenWindow, sqlite_ctx: Context):
    monkeypatch.setattr(main_window_module, "SignInDialog", _FakeSignIn)
    window = open_window()
    window.switch_user()
    assert sqlite_ctx.actor is None
    assert not window.isVisible()


def test_idle_window_locks_and_unlocks(qtbot, monkeypatch, open_window: OpenWindow):
    results = iter([QDialog.DialogCode.Accepted])
    opened: list[object] = []

    class FakeLock:
        SWITCH_USER = 2

        def __init__(self, ctx: Context, parent: QWidget) -> None:
            opened.append(parent)

        def exec(self) -> int:
            return next(results)

    monkeypatch.setattr(main_window_module, "LockDialog", FakeLock)
    window = open_window()
    window.idle.idle.emit()
    assert opened == [window]
    assert window.idle.idle_seconds() < 5

"""Fixtures of the window's tests: an open main window on a signed-in clinic, and a day of data in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.context import Context
from tests.ui import clinic_data
from ui import qt_i18n
from ui.main_window import MainWindow

OpenWindow = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _no_window_left_open(qapp: QApplication) -> None:
    """Fails when a window is still open as a test starts: the test before it left it open.

    Checked at the start because qtbot closes the widgets it was given only after every fixture's teardown.
    """
    qapp.processEvents()
    left = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    for widget in left:
        widget.close()
    assert not left, f"the previous test left top-level widgets open: {[type(w).__name__ for w in left]}"


@pytest.fixture(autouse=True)
def _qt_english() -> Iterator[None]:
    """A test that switched Qt's translators puts English back for the next one."""
    yield
    qt_i18n.switch_language("en")


@pytest.fixture
def open_window(qtbot, sqlite_ctx: Context) -> Iterator[OpenWindow]:
    """Opens main windows on ``sqlite_ctx`` (or another Context) at 1366x768; closes them afterwards."""
    windows: list[MainWindow] = []

    def open_one(ctx: Context | None = None, **options: object) -> MainWindow:
        window = MainWindow(ctx or sqlite_ctx, poll_changes=False, **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_one
    for window in windows:
        if window.isVisible():
            window.close()


@pytest.fixture
def clinic_day(sqlite_ctx: Context) -> clinic_data.ClinicDay:
    return clinic_data.fill(sqlite_ctx)


@pytest.fixture
def cashier_desk(open_window: OpenWindow, sqlite_ctx: Context, qtbot):
    """The main window's Cashier dock on screen, and a patient (김민준) to take payments from."""
    from tests import builders

    patient = builders.add_patient(sqlite_ctx, "김", "민준", phone="010-1234-5678")
    dock = open_window().docks["cashier_dock"]
    dock.show()
    dock.raise_()
    qtbot.waitUntil(dock.is_on_screen)
    return dock, patient

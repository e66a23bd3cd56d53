"""The window's entry point: the QApplication, the start language, setup or sign-in, then the main window.

``main.py`` builds the Context and calls :func:`run`; nothing here reads settings or opens a database.
"""

from __future__ import annotations

import gc
import logging
import sys
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop, QSize, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import __version__
from app.context import Context
from app.errors import DomainError
from app.i18n import DEFAULT_LOCALE, LOCALES, _, active_locale
from app.services import auth, clinic
from ui import qt_i18n
from ui.dialogs.sign_in import SignInDialog
from ui.fonts import register_shipped_fonts
from ui.main_window import MainWindow
from ui.widgets.look import icon
from ui.widgets.messages import show_domain_error, show_unexpected_error

log = logging.getLogger("clinic_desk.ui")

#: The size of README and test screenshots: the smallest common front-desk screen.
SCREENSHOT_SIZE = QSize(1366, 768)
#: Time for the window to lay out and paint before a screenshot is taken.
SETTLE_MS = 100
#: The longest a screenshot waits for the docks' data.
LOAD_TIMEOUT_S = 10.0


def application() -> QApplication:
    """The running QApplication, created with the product's names when there is none yet."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Clinic Desk")
    app.setOrganizationName("Clinic Desk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("clinic-desk"))
    register_shipped_fonts()
    return app


def start_locale(ctx: Context, locale: str | None) -> str:
    """The language asked for, else the clinic's default, else English."""
    if locale in LOCALES:
        return locale
    if clinic.is_set_up(ctx.db):
        return ctx.clinic().default_locale
    return DEFAULT_LOCALE


def install_excepthook(parent: QWidget | None = None) -> None:
    """A DomainError that escaped a slot is shown like any other; anything else is logged with its
    traceback and the user sees a translated, generic message instead of a silent failure."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if isinstance(error, DomainError):
            show_domain_error(QApplication.activeWindow() or parent, error)
            return
        log.error("unexpected error", exc_info=(kind, error, trace))
        if not issubclass(kind, KeyboardInterrupt):
            show_unexpected_error(QApplication.activeWindow() or parent)

    sys.excepthook = hook


def report_start_failure(message: str) -> None:
    """Tell the person who started Clinic Desk why it cannot open (before any window exists)."""
    application()
    qt_i18n.switch_language(active_locale())
    QMessageBox.critical(None, _("Clinic Desk"), message)


def settle(milliseconds: int = SETTLE_MS) -> None:
    """Run the event loop for a moment: layouts, deferred dock loads and painting happen."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def sign_in(ctx: Context, auto_sign_in: tuple[str, str] | None, hint: str | None) -> bool:
    """Set up the clinic on the first start, else sign in; False when the person gave up."""
    if not clinic.is_set_up(ctx.db):
        from ui.dialogs.setup_wizard import SetupWizard  # first start only: keep it out of every other

        return SetupWizard(ctx).exec() == QDialog.DialogCode.Accepted
    if auto_sign_in is not None:
        auth.sign_in(ctx, *auto_sign_in)
        return True
    return SignInDialog(ctx, hint=hint).exec() == QDialog.DialogCode.Accepted


def show_loaded(window: MainWindow, timeout_s: float = LOAD_TIMEOUT_S) -> None:
    """Show the window and return once every visible dock shows its data."""
    window.show()
    deadline = time.monotonic() + timeout_s
    while not (window.isVisible() and window.is_loaded()) and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def save_screenshot(window: MainWindow, path: Path) -> None:
    window.resize(SCREENSHOT_SIZE)
    show_loaded(window)
    settle()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path)):
        raise OSError(f"could not write the screenshot {path}")


#: When to settle the memory: after the first paint and the docks' first reads, not in their way.
SETTLE_AFTER_MS = 3000


def settle_memory() -> None:
    """Everything start-up made (modules, classes, the ORM's mappers, Qt's wrappers) lives as long as the
    window: moved out of the garbage collector's sight, it is no longer scanned by every full collection.

    A day view reload allocates thousands of short-lived rows; the full collections they trigger scanned the
    whole start-up heap too and doubled the slowest reloads (bench/bench_schedule.py: p95 270 ms against a
    median of 130 ms).
    """
    gc.collect()
    gc.freeze()


def run(ctx: Context, *, locale: str | None = None, screenshot: Path | None = None,
        auto_sign_in: tuple[str, str] | None = None, sign_in_hint: str | None = None) -> int:
    """Open Clinic Desk on ``ctx``; the exit code is 0, or 1 when setup or sign-in was cancelled.

    With ``screenshot`` the window is shown, pictured into that PNG file and closed.
    """
    app = application()
    qt_i18n.switch_language(start_locale(ctx, locale))
    install_excepthook()
    if not sign_in(ctx, auto_sign_in, sign_in_hint):
        return 1
    window = MainWindow(ctx, keep_locale=locale is not None, remember_layout=screenshot is None)
    try:
        if screenshot is not None:
            save_screenshot(window, screenshot)
            return 0
        window.show()
        QTimer.singleShot(SETTLE_AFTER_MS, settle_memory)
        return app.exec()
    finally:
        if window.isVisible():
            window.close()
        window.deleteLater()
        auth.sign_out(ctx)

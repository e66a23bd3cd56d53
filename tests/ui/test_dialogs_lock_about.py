"""The idle lock and the About dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QMainWindow

from app import __version__
from app.context import Context
from app.migrate import current_revision
from tests.builders import ADMIN_PASSWORD
from ui.dialogs.about import AboutDialog
from ui.dialogs.licences import font_licences, library_licences
from ui.dialogs.lock import Curtain, LockDialog

# The offscreen platform cannot resize or raise windows and says so; real platforms can.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")


@pytest.fixture
def window(qtbot) -> Iterator[QMainWindow]:
    """A stand-in for the main window: patient data in the middle and a floating panel."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QLabel("Kim Min-jun, 10:30, Dr. Lee"))
    dock = QDockWidget("Waiting list", window)
    dock.setObjectName("waiting")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.setFloating(True)
    window.resize(800, 600)
    window.show()
    yield window
    dock.hide()  # a floating panel is a window of its own: closing the main window leaves it open


@pytest.fixture
def lock(qtbot, sqlite_ctx: Context, window: QMainWindow) -> Iterator[LockDialog]:
    dialog = LockDialog(sqlite_ctx, window)
    qtbot.addWidget(dialog)
    dialog.open()
    yield dialog
    dialog.done(LockDialog.DialogCode.Accepted)  # close() would not do: the lock ignores Esc and close


def _unlock_with(qtbot, lock: LockDialog, password: str) -> None:
    qtbot.keyClicks(lock.password, password)
    qtbot.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)


def test_lock_names_the_user_and_hides_the_window(lock: LockDialog, window: QMainWindow):
    assert "Kim Admin" in lock.who.text()
    dock = window.findChild(QDockWidget, "waiting")
    assert dock is not None
    assert not dock.isVisible()
    curtains = window.findChildren(Curtain)
    assert len(curtains) == 1
    assert curtains[0].isVisible()
    assert curtains[0].geometry() == window.rect()
    window.resize(1000, 700)
    assert curtains[0].geometry() == window.rect()


def test_wrong_password_keeps_it_locked(qtbot, lock: LockDialog, sqlite_ctx: Context):
    _unlock_with(qtbot, lock, "not-the-password")
    assert lock.isVisible()
    assert lock.result() != QDialog.DialogCode.Accepted
    assert lock.error.isVisible()
    assert lock.error.text() == "The user name or password is wrong."
    assert lock.password.text() == ""
    assert sqlite_ctx.actor is not None
    assert sqlite_ctx.actor.username == "admin"


def test_escape_and_close_do_not_unlock(qtbot, lock: LockDialog):
    qtbot.keyClick(lock.password, Qt.Key.Key_Escape)
    assert lock.isVisible()
    assert not lock.windowFlags() & Qt.WindowType.WindowCloseButtonHint


def test_right_password_unlocks_and_shows_the_window_again(qtbot, lock: LockDialog, window: QMainWindow):
    _unlock_with(qtbot, lock, ADMIN_PASSWORD)
    assert lock.result() == QDialog.DialogCode.Accepted
    assert not lock.isVisible()
    dock = window.findChild(QDockWidget, "waiting")
    assert dock is not None
    assert dock.isVisible()
    qtbot.waitUntil(lambda: not window.findChildren(Curtain))


def test_lock_screenshot(qtbot, lock: LockDialog, artifacts_dir: Path):
    _unlock_with(qtbot, lock, "not-the-password")
    folder = artifacts_dir / "screenshots" / "dialogs"
    folder.mkdir(parents=True, exist_ok=True)
    assert lock.grab().save(str(folder / "lock-en.png"))


def test_switch_user_has_its_own_result(qtbot, lock: LockDialog):
    qtbot.mouseClick(lock.switch_button, Qt.MouseButton.LeftButton)
    assert lock.result() == LockDialog.SWITCH_USER
    assert LockDialog.SWITCH_USER not in (QDialog.DialogCode.Accepted.value, QDialog.DialogCode.Rejected.value)
    assert not lock.isVisible()


def test_about_shows_version_database_and_revision(qtbot, sqlite_ctx: Context, artifacts_dir: Path):
    dialog = AboutDialog(sqlite_ctx, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.values["Version"].text() == __version__
    assert dialog.values["Schema revision"].text() == current_revision(sqlite_ctx.db)
    assert dialog.values["Database"].text() == sqlite_ctx.db.describe()
    assert __version__ in dialog.title.text()
    subjects = [dialog.libraries.list.topLevelItem(i).text(0) for i in range(dialog.libraries.list.topLevelItemCount())]
    assert any(subject.startswith("SQLAlchemy ") for subject in subjects)
    folder = artifacts_dir / "screenshots" / "dialogs"
    folder.mkdir(parents=True, exist_ok=True)
    for name, tab in (("overview", 0), ("libraries", 1), ("fonts", 2)):
        dialog.tabs.setCurrentIndex(tab)
        assert dialog.grab().save(str(folder / f"about-{name}-en.png"))


def test_library_licences_come_from_the_installed_metadata():
    licences = {licence.subject.split()[0].casefold(): licence for licence in library_licences()}
    assert licences["sqlalchemy"].summary == "MIT"
    assert "Permission is hereby granted" in licences["sqlalchemy"].text
    assert "LGPL" in licences["psycopg"].summary
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in licences["psycopg"].text
    assert {"pyside6_essentials", "alembic", "reportlab", "babel", "argon2-cffi", "pypdfium2",
            "platformdirs"} <= set(licences)


def test_font_licences_list_the_licence_files(tmp_path: Path):
    (tmp_path / "noto").mkdir()
    (tmp_path / "noto" / "OFL.txt").write_text("SIL Open Font License 1.1")
    (tmp_path / "noto" / "NotoSans-Regular.ttf").write_bytes(b"\0\1")
    (tmp_path / "LICENSE-wqy").write_text("GPLv3 with font exception")
    found = {licence.subject: licence.text for licence in font_licences(tmp_path)}
    assert found == {"LICENSE-wqy": "GPLv3 with font exception", "noto/OFL.txt": "SIL Open Font License 1.1"}

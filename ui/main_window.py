"""The main window: one dock per panel, menus, the status bar, a layout per user, the idle lock.

The window never reads data itself: each dock asks its service. The window decides which docks the
signed-in user may see, remembers where each user likes them, switches the language, and runs the
session's actions (print the daily list, back up, switch user, lock).
"""

from __future__ import annotations

import struct
from typing import cast

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QMenu, QTabWidget, QWidget

from app.context import Context
from app.errors import DomainError
from app.events import Changed, Topic
from app.i18n import LOCALES, _, active_locale, format_date, format_list, language_name
from app.labels import label
from app.services import auth, staff
from app.services.backups import back_up
from app.services.permissions import Permission, can
from ui import qt_i18n
from ui.dialogs.lock import LockDialog
from ui.dialogs.shift_handover import open_inbox_if_any
from ui.dialogs.sign_in import SignInDialog
from ui.display.now_calling import NowCallingWindow, choose_screen
from ui.docks import DOCK_TYPES, PanelDock
from ui.docks.schedule import ScheduleDock
from ui.event_bridge import EventBridge
from ui.widgets.idle import IdleWatch
from ui.widgets.look import icon
from ui.widgets.messages import reporting_domain_errors, show_domain_error, show_information
from ui.widgets.table_panel import TablePanel

LAYOUT_KEY = "main_window_state"
LOCALE_KEY = "locale"
#: Bumped when the docks change so much that an old saved layout should not be restored.
LAYOUT_VERSION = 1
_LAYOUT_MAGIC = b"CDL"
_HEADER = struct.Struct(">3sBI")


def pack_layout(state: bytes, geometry: bytes) -> bytes:
    """``saveState()`` and ``saveGeometry()`` in one setting value."""
    return _HEADER.pack(_LAYOUT_MAGIC, LAYOUT_VERSION, len(state)) + state + geometry


def unpack_layout(blob: bytes) -> tuple[bytes, bytes] | None:
    """The state and geometry, or None for a value of another version or a damaged one."""
    if len(blob) < _HEADER.size:
        return None
    magic, version, length = _HEADER.unpack_from(blob)
    if magic != _LAYOUT_MAGIC or version != LAYOUT_VERSION or _HEADER.size + length > len(blob):
        return None
    start = _HEADER.size
    return blob[start:start + length], blob[start + length:]


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context, *, keep_locale: bool = False, poll_changes: bool = True,
                 remember_layout: bool = True, parent: QWidget | None = None) -> None:
        """``keep_locale``: the language was chosen for this start (``--locale``), so a user's own saved
        language does not replace it at sign-in. ``poll_changes``: follow other workstations' changes.
        ``remember_layout``: save the layout on close (not for a screenshot, which resizes the window)."""
        super().__init__(parent)
        self._ctx = ctx
        self._keep_locale = keep_locale
        self._remember_layout = remember_layout
        self._locked = False
        #: Dock sizes are proportions of the window, known only once it is shown: fit them then, unless a
        #: saved layout already placed them.
        self._fit_on_show = True
        self.setObjectName("main_window")
        self.setWindowIcon(icon("clinic-desk"))
        self.setDockOptions(QMainWindow.DockOption.AllowTabbedDocks | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AnimatedDocks)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.setDocumentMode(True)

        self.bridge = EventBridge(ctx, self, poll=poll_changes)
        self.docks: dict[str, PanelDock] = {cls.object_name: cls(ctx, self) for cls in DOCK_TYPES}
        self.idle = IdleWatch(lambda: ctx.clinic().idle_lock_minutes * 60, self)
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect_signals()
        self.resize(self._default_size())
        self.apply_default_layout()
        self.apply_actor()
        self.retranslate()

    # -- building -------------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.backup_action = QAction(self)
        self.switch_user_action = QAction(self)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.reset_layout_action = QAction(self)
        self.display_action = QAction(self)
        self.display_action.setCheckable(True)
        self.display: NowCallingWindow | None = None
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in LOCALES:
            action = QAction(language_name(code), self.language_group)
            action.setCheckable(True)
            action.setData(code)
            self.language_actions[code] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addActions([self.print_action, self.backup_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.switch_user_action, self.lock_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = QMenu(self)
        self.view_menu.addActions([dock.toggleViewAction() for dock in self.docks.values()])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.display_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout_action)
        self.language_menu = QMenu(self)
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.about_action)
        for menu in (self.file_menu, self.view_menu, self.language_menu, self.help_menu):
            bar.addMenu(menu)

    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self)
        self.clinic_label = QLabel(self)
        self.workstation_label = QLabel(self)
        self.database_label = QLabel(self)
        self.database_label.setMaximumWidth(360)
        self.language_label = QLabel(self)
        for widget in (self.user_label, self.clinic_label, self.workstation_label, self.database_label,
                       self.language_label):
            widget.setContentsMargins(6, 0, 6, 0)
            self.statusBar().addPermanentWidget(widget)

    def _connect_signals(self) -> None:
        for dock in self.docks.values():
            self.bridge.changed.connect(dock.on_changed)
        self.bridge.changed.connect(self._on_changed)
        self.print_action.triggered.connect(self.print_daily_list)
        self.backup_action.triggered.connect(self.back_up)
        self.switch_user_action.triggered.connect(self.switch_user)
        self.lock_action.triggered.connect(self.lock)
        self.quit_action.triggered.connect(self.close)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.display_action.toggled.connect(self.show_display)
        self.about_action.triggered.connect(self.show_about)
        self.language_group.triggered.connect(lambda action: self.choose_language(action.data()))
        self.idle.idle.connect(self.lock)

    # -- docks and layout -----------------------------------------------------------------------------------

    @property
    def schedule(self) -> ScheduleDock:
        return cast(ScheduleDock, self.docks[ScheduleDock.object_name])

    def apply_default_layout(self) -> None:
        """Schedule on the left with certificates and complaints behind it; the waiting room on the right
        above the cashier, with calls and tasks behind the cashier."""
        d = self.docks
        for dock in d.values():
            dock.setFloating(False)
            self.removeDockWidget(dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d["schedule_dock"])
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, d["waiting_dock"])
        self.splitDockWidget(d["waiting_dock"], d["cashier_dock"], Qt.Orientation.Vertical)
        self.tabifyDockWidget(d["schedule_dock"], d["certificates_dock"])
        self.tabifyDockWidget(d["certificates_dock"], d["complaints_dock"])
        self.tabifyDockWidget(d["cashier_dock"], d["calls_dock"])
        for dock in d.values():
            dock.setVisible(dock.is_allowed())
        for name in ("schedule_dock", "cashier_dock"):
            d[name].raise_()
        self._fit_default_sizes()

    def _fit_default_sizes(self) -> None:
        d = self.docks
        width, height = self.width(), self.height()
        self.resizeDocks([d["schedule_dock"], d["waiting_dock"]], [width * 47 // 100, width * 53 // 100],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([d["waiting_dock"], d["cashier_dock"]], [height * 50 // 100, height * 50 // 100],
                         Qt.Orientation.Vertical)

    def reset_layout(self) -> None:
        self.apply_default_layout()

    def save_layout(self) -> None:
        """Keep this user's dock layout and window geometry for next time."""
        if self._ctx.actor is None:
            return
        blob = pack_layout(bytes(self.saveState(LAYOUT_VERSION).data()), bytes(self.saveGeometry().data()))
        with reporting_domain_errors(self):
            staff.save_setting(self._ctx, LAYOUT_KEY, blob)

    def restore_layout(self) -> bool:
        """The signed-in user's saved layout, if there is one Qt accepts; else the default layout."""
        saved = staff.load_setting(self._ctx, LAYOUT_KEY)
        parts = unpack_layout(saved) if saved else None
        restored = False
        if parts is not None:
            state, geometry = parts
            self.restoreGeometry(QByteArray(geometry))
            restored = self.restoreState(QByteArray(state), LAYOUT_VERSION)
        if not restored:
            self.apply_default_layout()
        self._fit_on_show = not restored
        for dock in self.docks.values():
            if not dock.is_allowed():
                dock.hide()
        return restored

    # -- the signed-in user ---------------------------------------------------------------------------------

    def apply_actor(self) -> None:
        """Show what the signed-in user may see, in their layout and language."""
        for dock in self.docks.values():
            dock.apply_actor()
        actor = self._ctx.actor
        self.print_action.setEnabled(can(actor, Permission.VIEW_SCHEDULE))
        self.backup_action.setEnabled(can(actor, Permission.BACKUP))
        self.display_action.setEnabled(can(actor, Permission.VIEW_WAITING))
        if self.display is not None:
            self.display.reload()
        if actor is None:
            return
        self.restore_layout()
        self._apply_user_language()
        self._update_status()
        # What the previous shift handed over comes first, once the window is up.
        QTimer.singleShot(0, self, lambda: open_inbox_if_any(self._ctx, self))

    def _apply_user_language(self) -> None:
        if self._keep_locale:
            return
        saved = staff.load_setting(self._ctx, LOCALE_KEY)
        code = saved.decode("ascii", "replace") if saved else ""
        if code in LOCALES and code != active_locale():
            qt_i18n.switch_language(code)

    def switch_user(self) -> None:
        """Sign the current user out and let another sign in, without a restart; the window closes when
        nobody signs in."""
        self.save_layout()
        auth.sign_out(self._ctx)
        self.apply_actor()
        dialog = SignInDialog(self._ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.close()
            return
        self.apply_actor()
        self.idle.restart()

    def lock(self) -> None:
        """Cover the window until the same user unlocks it, or switch user from the lock."""
        if self._locked or self._ctx.actor is None:
            return
        self._locked = True
        try:
            result = LockDialog(self._ctx, self).exec()
        finally:
            self._locked = False
        if result == LockDialog.SWITCH_USER:
            self.switch_user()
        else:
            self.idle.restart()

    # -- actions --------------------------------------------------------------------------------------------

    def choose_language(self, code: str) -> None:
        """The Language menu: switch everything now and remember the choice for this user."""
        qt_i18n.switch_language(code)
        if self._ctx.actor is not None:
            with reporting_domain_errors(self):
                staff.save_setting(self._ctx, LOCALE_KEY, code.encode("ascii"))

    def print_daily_list(self) -> None:
        """Preview (then print or save) the schedule dock's day as the clinic's daily list."""
        # Imported here: the PDF renderer and the preview's page rasteriser are heavy, and most sessions
        # print nothing; keeping them out of the start makes the window open faster.
        from app.services.printouts import daily_list_pdf
        from ui.printing import PrintPreviewDialog

        day = self.schedule.day()
        with reporting_domain_errors(self):
            pdf = daily_list_pdf(self._ctx, day)
            title = _("Daily list — {day}").format(day=format_date(day, "full"))
            PrintPreviewDialog(pdf, title, f"daily-list-{day.isoformat()}.pdf", self).exec()

    def show_display(self, shown: bool) -> None:
        """Open the "now calling" screen full screen on a monitor (asked which when there are several), or
        close it."""
        if not shown:
            if self.display is not None:
                self.display.close()
            return
        screens = QGuiApplication.screens()
        screen = choose_screen(self, screens)
        if screen is None:
            self.display_action.setChecked(False)
            return
        if self.display is None:
            self.display = NowCallingWindow(self._ctx)
            self.bridge.changed.connect(self.display.on_changed)
            self.display.closed.connect(self._display_closed)
        self.display.show_on(screen.geometry())

    def _display_closed(self) -> None:
        self.display = None
        self.display_action.setChecked(False)

    def back_up(self) -> None:
        """A consistent copy of the database in the backups folder, then say where it is."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = back_up(self._ctx)
        except DomainError as error:
            QApplication.restoreOverrideCursor()
            show_domain_error(self, error)
            return
        QApplication.restoreOverrideCursor()
        show_information(self, _("The backup was written to {path}.").format(path=str(written)))

    def show_about(self) -> None:
        from ui.dialogs.about import AboutDialog  # reads installed packages' metadata: only when asked

        AboutDialog(self._ctx, self).exec()

    # -- texts ----------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Clinic Desk — {clinic}").format(clinic=self._ctx.clinic().short_name))
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.print_action.setText(_("&Print daily list…"))
        self.backup_action.setText(_("&Back up now"))
        self.switch_user_action.setText(_("S&witch user…"))
        self.lock_action.setText(_("&Lock"))
        self.quit_action.setText(_("&Quit"))
        self.reset_layout_action.setText(_("&Reset layout"))
        self.display_action.setText(_("“Now &calling” screen"))
        self.display_action.setToolTip(_("Full screen on the waiting room's monitor; Esc on it closes it"))
        self.about_action.setText(_("&About Clinic Desk…"))
        self.language_actions[active_locale()].setChecked(True)
        self._update_status()

    def _update_status(self) -> None:
        actor = self._ctx.actor
        clinic = self._ctx.clinic()
        if actor is None:
            self.user_label.setText(_("Nobody is signed in"))
            self.user_label.setToolTip("")
        else:
            roles = format_list(sorted(label(role) for role in actor.roles))
            self.user_label.setText(_("{name} ({roles})").format(name=actor.full_name, roles=roles))
            self.user_label.setToolTip(_("Signed in as {username}").format(username=actor.username))
        self.clinic_label.setText(clinic.short_name)
        self.clinic_label.setToolTip(clinic.legal_name)
        self.workstation_label.setText(_("Workstation: {name}").format(name=self._ctx.workstation))
        where = self._ctx.db.describe()
        text = _("Database: {where}").format(where=where)
        metrics = self.database_label.fontMetrics()
        self.database_label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle,
                                                       self.database_label.maximumWidth() - 12))
        self.database_label.setToolTip(where)
        self.language_label.setText(language_name(active_locale()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _on_changed(self, event: Changed) -> None:
        if event.topic in (Topic.CLINIC, Topic.STAFF):
            self.setWindowTitle(_("Clinic Desk — {clinic}").format(clinic=self._ctx.clinic().short_name))
            self._update_status()

    # -- window events --------------------------------------------------------------------------------------

    def _default_size(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen else QSize(1366, 768)
        return QSize(max(1024, available.width() * 9 // 10), max(700, available.height() * 9 // 10))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_on_show:
            self._fit_on_show = False
            self._fit_default_sizes()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember_layout:
            self.save_layout()
        self.bridge.close()
        self.idle.stop()
        if self.display is not None:
            self.display.close()
        for dock in self.docks.values():
            if dock.isFloating():
                dock.hide()  # a floating dock is a window of its own and would outlive the main window
        super().closeEvent(event)

    def is_loaded(self) -> bool:
        """Every dock that can be seen shows its current data (the start-up and screenshot wait for it)."""
        return all(dock.is_current() for dock in self.docks.values() if dock.is_on_screen())

    def panels(self) -> list[TablePanel]:
        """Every table of every dock (tests and the screenshot wait for them)."""
        return [panel for dock in self.docks.values() for panel in dock.panels()]

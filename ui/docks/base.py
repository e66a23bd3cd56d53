"""What every panel dock shares: a stable object name for saved layouts, a translated title, permission,
the topics it shows, a filter, and reloading only when its data changed and it can be seen.

A change event marks the dock stale; a visible dock reloads on the next turn of the event loop (several
events in a row cost one reload), a hidden one (closed, or behind another tab) when it is shown again.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.context import Context
from app.events import Changed, Topic
from app.i18n import Message, _, translate
from app.services import days
from app.services.permissions import Permission, can
from ui.widgets.day_navigator import DayNavigator
from ui.widgets.messages import reporting_domain_errors
from ui.widgets.table_panel import TablePanel


class PanelDock(QDockWidget):
    """Subclasses set the class attributes, build their tables in ``__init__`` and fetch in ``load``."""

    #: Stable across versions: saved layouts find the dock by it.
    object_name: str
    #: The title, marked with ``N_()`` or, where the word is ambiguous, ``NP_("panel", ...)``.
    title: str | Message
    permission: Permission
    topics: frozenset[Topic]

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, with_filter: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._allowed = False
        self._stale = True
        self._reload_pending = False
        #: Whether the dock can be seen: open, and not behind another dock's tab (isVisible() says True
        #: for a dock behind a tab).
        self._on_screen = False
        self.setObjectName(self.object_name)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)

        body = QWidget(self)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(4, 4, 4, 4)
        self.body_layout.setSpacing(4)
        self.tool_row = QHBoxLayout()
        self.tool_row.setSpacing(6)
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filter_edit: QLineEdit | None = None
        if with_filter:
            self.filter_edit = QLineEdit(body)
            self.filter_edit.setClearButtonEnabled(True)
            self.filter_edit.setMaximumWidth(220)
            self.filter_edit.setMinimumWidth(120)
        self.body_layout.addLayout(self.tool_row)
        self.setWidget(body)

    def finish_layout(self) -> None:
        """The filter at the right of the tool row, the summary line under the tables (after a subclass
        added its own widgets). The summary wraps, so a long total never widens the dock."""
        self.tool_row.addStretch(1)
        self.body_layout.addWidget(self.summary)
        if self.filter_edit is not None:
            self.tool_row.addWidget(self.filter_edit)
            self.filter_edit.textChanged.connect(self.apply_filter)
        self.visibilityChanged.connect(self._visibility_changed)

    # -- what subclasses provide ----------------------------------------------------------------------------

    def load(self) -> None:
        """Fetch the rows through the services and hand them to the models."""
        raise NotImplementedError

    def panels(self) -> list[TablePanel]:
        """The tables of this dock (most have one)."""
        raise NotImplementedError

    def summary_text(self) -> str:
        """A short count or total shown beside the filter."""
        return ""

    def retranslate_body(self) -> None:
        """Texts of a subclass's own widgets."""

    # -- permission and reloading ---------------------------------------------------------------------------

    def is_allowed(self) -> bool:
        return self._allowed

    def permitted(self) -> bool:
        """Whether the signed-in user may see this dock: the role's permission (a dock may add a rule the
        clinic sets, asked of its service)."""
        return can(self._ctx.actor, self.permission)

    def apply_actor(self) -> None:
        """Allowed for the signed-in user or not; a dock that is not allowed holds no data."""
        self._allowed = self.permitted()
        self.toggleViewAction().setEnabled(self._allowed)
        if not self._allowed:
            self.hide()
            for panel in self.panels():
                panel.model.set_rows([])
        self.mark_stale()

    @Slot(object)
    def on_changed(self, event: Changed) -> None:
        if event.topic in self.topics:
            self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self._on_screen and not self._reload_pending:
            self._reload_pending = True
            QTimer.singleShot(0, self, self._reload_if_stale)

    def reload(self) -> None:
        """Fetch now (a day chosen, a test); a refused read shows its message."""
        self._stale = False
        if not self._allowed:
            return
        with reporting_domain_errors(self):
            self.load()
            for panel in self.panels():
                panel.mark_loaded()
        self.summary.setText(self.summary_text())

    def _reload_if_stale(self) -> None:
        self._reload_pending = False
        if self._stale and self._on_screen:
            self.reload()

    def is_on_screen(self) -> bool:
        return self._on_screen

    def is_current(self) -> bool:
        """Nothing to reload: the data shown is the data of the last change seen."""
        return not self._stale

    def _visibility_changed(self, visible: bool) -> None:
        self._on_screen = visible
        if visible and self._stale:
            self.mark_stale()

    def apply_filter(self, text: str) -> None:
        for panel in self.panels():
            panel.set_filter(text)

    # -- language -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        # A dock's title is also its tab's and its View menu entry's text, where "&" marks a shortcut key.
        self.setWindowTitle(translate(self.title).replace("&", "&&"))
        if self.filter_edit is not None:
            self.filter_edit.setPlaceholderText(_("Filter…"))
            self.filter_edit.setToolTip(_("Show only the rows that contain this text"))
        self.retranslate_body()
        for panel in self.panels():
            panel.retranslate()
        self.summary.setText(self.summary_text())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


class DayPanelDock(PanelDock):
    """A dock whose data is by day: a day navigator leads the tool row."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, with_filter: bool = True) -> None:
        super().__init__(ctx, parent, with_filter=with_filter)
        self.navigator = DayNavigator(lambda: days.today(ctx), self.widget())
        self.tool_row.addWidget(self.navigator)
        self.navigator.day_changed.connect(lambda _day: self.reload())

    def day(self) -> date:
        return self.navigator.day()

    def is_today(self) -> bool:
        return self.day() == days.today(self._ctx)

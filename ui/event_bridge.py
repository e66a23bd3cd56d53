"""The bus-to-Qt bridge: services' events (and other workstations' changes) as one Qt signal.

Services publish :class:`app.events.Changed` after each commit, possibly from a worker thread; the bridge
re-emits them as ``changed`` through a queued connection, so listeners always run in the GUI thread, after
the code that made the change has finished. A one-second timer polls the change feed, which publishes what
other workstations changed on the same bus.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.context import Context
from app.errors import DatabaseBusy
from app.events import Changed, Topic
from app.services.change_feed import ChangeFeed

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 1000


class EventBridge(QObject):
    #: A :class:`Changed` event, delivered in the GUI thread.
    changed = Signal(object)
    #: Internal hop from the publishing thread to the GUI thread.
    _published = Signal(object)

    def __init__(self, ctx: Context, parent: QObject | None = None, *, poll: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._published.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = ctx.bus.subscribe(self._published.emit)
        self._feed: ChangeFeed | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self._poll)
        if poll:
            self._feed = ChangeFeed(ctx)
            self._timer.start()

    def close(self) -> None:
        """Stop polling and leave the bus; call when the window closes."""
        self._timer.stop()
        self._unsubscribe()

    @Slot(object)
    def _deliver(self, event: Changed) -> None:
        if event.topic is Topic.CLINIC:
            # The profile (time zone, currency, lock and warning times) is cached on the Context.
            self._ctx.forget_clinic()
        self.changed.emit(event)

    @Slot()
    def _poll(self) -> None:
        if self._feed is None:
            return
        try:
            self._feed.publish_new()
        except DatabaseBusy:
            log.info("change feed: the database is busy, polling again in a second")
        except Exception:
            # Not a passing lock: stop polling so the error is reported once, not every second.
            self._timer.stop()
            raise

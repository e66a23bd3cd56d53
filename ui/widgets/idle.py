"""The idle watch: notices when nobody has touched the keyboard or mouse for a while.

An application-wide event filter records each user input; a timer compares the quiet time with the limit
(the clinic's ``idle_lock_minutes``) and emits ``idle`` once when it is reached. The window then locks
itself and calls ``restart`` when it is unlocked.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})
CHECK_INTERVAL_MS = 5_000


class IdleWatch(QObject):
    idle = Signal()

    def __init__(self, limit_seconds: Callable[[], float], parent: QObject | None = None,
                 *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._limit_seconds = limit_seconds
        self._clock = clock
        self._last_input = clock()
        self._armed = True
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        application = QCoreApplication.instance()
        if application is not None:
            application.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        application = QCoreApplication.instance()
        if application is not None:
            application.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        return False

    def idle_seconds(self) -> float:
        return self._clock() - self._last_input

    def check(self) -> None:
        """Emit ``idle`` once the quiet time reaches the limit; nothing more until ``restart``."""
        if self._armed and self.idle_seconds() >= self._limit_seconds():
            self._armed = False
            self.idle.emit()

    def restart(self) -> None:
        """The desk is in use again (unlocked, or another user signed in)."""
        self._last_input = self._clock()
        self._armed = True

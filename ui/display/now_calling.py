"""The "now calling" screen: a frameless full-screen window on the waiting room's monitor.

It shows who was called to which room (a ticket number or a shortened name, as the clinic chose), the
newest call large at the top and the few before it below, in the clinic's screen language whatever the
desk's language is. It reloads on every waiting-room event, which arrive within about a second of a call
made at any desk, and text sizes follow the window's height so it reads from across the room.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QFont, QGuiApplication, QKeyEvent, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QInputDialog, QWidget

from app.context import Context
from app.errors import DomainError
from app.events import Changed, Topic
from app.i18n import _, format_time, gettext
from app.services import now_calling
from app.services.now_calling import CallShown, NowCalling

BACKGROUND = QColor("#0d2a4a")
TEXT = QColor("#ffffff")
MUTED = QColor("#9fb6cf")
HIGHLIGHT = QColor("#ffd54f")
#: The clock in the corner moves on without any event.
CLOCK_MS = 10_000


def choose_screen(parent: QWidget, screens: list[QScreen]) -> QScreen | None:
    """The monitor for the screen: the only one, or the one the user picks (a second monitor offered
    first); None when they cancel."""
    if len(screens) <= 1:
        return screens[0] if screens else None
    primary = QGuiApplication.primaryScreen()
    names = [_("{name} ({width}×{height})").format(name=s.name() or s.model(), width=s.size().width(),
                                                   height=s.size().height()) for s in screens]
    default = next((i for i, s in enumerate(screens) if s is not primary), 0)
    name, chosen = QInputDialog.getItem(parent, _("“Now calling” screen"), _("Show it on:"), names, default, False)
    return screens[names.index(name)] if chosen else None


class NowCallingWindow(QWidget):
    """Shown with :meth:`show_on`; ``contents`` is what it draws (tests read it). Deleted when closed."""

    closed = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("now_calling")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self._ctx = ctx
        self.contents: NowCalling | None = None
        self.failure = ""
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_MS)
        self._clock.timeout.connect(self.update)
        self.reload()

    def show_on(self, geometry: QRect) -> None:
        """Full screen on the monitor with this geometry."""
        self.setGeometry(geometry)
        self.showFullScreen()
        self._clock.start()

    def reload(self) -> None:
        try:
            self.contents = now_calling.now_calling(self._ctx)
            self.failure = ""
        except DomainError as error:  # signed out, or the role lost the right: show why, keep the window
            self.contents = None
            self.failure = error.message(self._ctx.clinic().display_locale)
        self.setWindowTitle(gettext("Now calling", self._locale()))
        self.update()

    @Slot(object)
    def on_changed(self, event: Changed) -> None:
        if event.topic in (Topic.WAITING, Topic.CLINIC, Topic.PATIENTS, Topic.STAFF):
            self.reload()

    def lines(self) -> list[str]:
        """Each call as the screen writes it ("007  →  Room 101"), newest first."""
        return [f"{call.shown_as}  →  {self._where(call)}" for call in self.contents.calls] if self.contents else []

    def _locale(self) -> str:
        return self.contents.locale if self.contents else self._ctx.clinic().display_locale

    def _where(self, call: CallShown) -> str:
        if call.room_name:
            return gettext("Room {room}", self._locale()).format(room=call.room_name)
        return call.doctor_name

    # -- drawing --------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        width, height = self.width(), self.height()
        margin = max(16, width // 30)
        unit = max(8, height // 20)

        head = QRect(margin, margin // 2, width - 2 * margin, unit * 2)
        painter.setPen(MUTED)
        painter.setFont(_font(unit * 0.8))
        name = self.contents.clinic_name if self.contents else ""
        painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        now = format_time(self._ctx.clock.now(), self._ctx.clinic().zone, self._locale())
        painter.drawText(head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, now)

        title = QRect(margin, head.bottom() + unit // 2, width - 2 * margin, unit * 2)
        painter.setPen(TEXT)
        painter.setFont(_font(unit * 1.3, bold=True))
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         gettext("Now calling", self._locale()))

        calls = self.contents.calls if self.contents else ()
        top = title.bottom() + unit
        if self.failure or not calls:
            painter.setPen(MUTED)
            painter.setFont(_font(unit * 1.2))
            message = self.failure or gettext("Please wait to be called.", self._locale())
            painter.drawText(QRect(margin, top, width - 2 * margin, height - top - margin),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, message)
            return
        texts = self.lines()
        newest = QRect(margin, top, width - 2 * margin, unit * 4)
        painter.fillRect(newest.adjusted(-margin // 2, 0, margin // 2, 0), QColor(255, 255, 255, 28))
        painter.setPen(HIGHLIGHT if calls[0].calling else TEXT)
        painter.setFont(_fitting(painter, texts[0], unit * 3, newest.width(), bold=True))
        painter.drawText(newest, Qt.AlignmentFlag.AlignCenter, texts[0])
        top = newest.bottom() + unit
        row_height = unit * 2
        for call, text in zip(calls[1:], texts[1:], strict=True):
            if top + row_height > height - margin:
                break
            painter.setPen(TEXT if call.calling else MUTED)
            painter.setFont(_fitting(painter, text, unit * 1.4, width - 2 * margin))
            painter.drawText(QRect(margin, top, width - 2 * margin, row_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            top += row_height

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._clock.stop()
        self.closed.emit()
        super().closeEvent(event)


def _font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(6, int(pixels)))
    font.setBold(bold)
    return font


def _fitting(painter: QPainter, text: str, pixels: float, width: int, *, bold: bool = False) -> QFont:
    """The font at ``pixels``, made smaller until ``text`` fits in ``width`` (a long room name)."""
    font = _font(pixels, bold=bold)
    painter.setFont(font)
    advance = painter.fontMetrics().horizontalAdvance(text)
    if advance > width:
        font = _font(pixels * width / advance, bold=bold)
    return font

"""The schedule grid: columns of doctors (or rooms, or one doctor's week) by time slots, painted.

It is a view: it shows a :class:`~app.services.schedule_grid.ScheduleGrid` and turns the mouse and the
keyboard into requests (book this span, move or resize that appointment, open a menu here) that the dock
carries out through the services. Nothing here decides whether a booking is allowed.

Mouse: drag over free time to book it, drag a block to move it (to another time or column), drag its
lower edge to resize it, right-click for the menu. Keyboard: arrows move the cursor, Shift+Up/Down
stretch it over several slots, Page Up/Down jump an hour, Enter books the cursor's span (or opens the
appointment under it), Escape cancels a drag or the stretch, the menu key opens the menu.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from app.i18n import _, format_day_heading, format_time
from app.labels import label
from app.models.scheduling import AppointmentStatus
from app.services.schedule_grid import GridColumn, GridMode, ScheduleGrid
from app.services.scheduling import AppointmentRow
from ui.widgets.look import APPOINTMENT_STATUS, icon

SLOT_HEIGHT = 24
HEADER_HEIGHT = 42
GUTTER_WIDTH = 58
MIN_COLUMN_WIDTH = 150
#: How close to a block's lower edge a press grabs the edge (resize) rather than the block (move).
EDGE = 5
NOW_COLOR = QColor("#d93025")
OFF_HOURS = QColor("#e8eaed")
DAY_OFF = QColor("#d5d8dc")
SELECTION = QColor(26, 115, 232, 60)
TEXT_ON_BLOCK = QColor("#202124")
_GONE = (AppointmentStatus.NO_SHOW,)
_MOVABLE = (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)


class Drag(enum.Enum):
    NONE = enum.auto()
    SELECT = enum.auto()
    MOVE = enum.auto()
    RESIZE = enum.auto()


@dataclass(frozen=True)
class Block:
    """An appointment placed in the grid, in content coordinates (before scrolling), with its texts made
    once per layout (formatting a time with Babel for every block on every paint is what made painting
    slow)."""

    appointment: AppointmentRow
    column: int
    rect: QRectF
    title: str = ""
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    """Slots ``first``..``last`` (inclusive) of one column."""

    column: int
    first: int
    last: int

    def length(self) -> int:
        return self.last - self.first + 1


class _BlockFonts:
    """The fonts, metrics and first-visit mark of one paint, made once instead of per block."""

    def __init__(self, base: QFont) -> None:
        self.plain = QFont(base)
        self.bold = QFont(base)
        self.bold.setBold(True)
        self.struck = QFont(base)
        self.struck.setStrikeOut(True)
        self.struck_bold = QFont(self.bold)
        self.struck_bold.setStrikeOut(True)
        self.metrics = QFontMetrics(self.plain)
        self.bold_metrics = QFontMetrics(self.bold)
        size = self.metrics.height() - 4
        self.first_visit_mark = icon("first-visit").pixmap(size, size)


class ScheduleGridView(QAbstractScrollArea):
    """Emits requests; the dock decides and calls the services."""

    #: column index, start (aware UTC), minutes
    book_requested = Signal(int, object, int)
    #: appointment, column index, new start (aware UTC), minutes
    move_requested = Signal(object, int, object, int)
    #: appointment (double-click, Enter)
    appointment_activated = Signal(object)
    #: global position, column index, start of the cursor's span, its minutes, appointment or None
    menu_requested = Signal(QPoint, int, object, int, object)

    def __init__(self, zone: ZoneInfo, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schedule_grid")
        self._zone = zone
        self._now = now
        self._grid: ScheduleGrid | None = None
        #: A line about the patient for a block's tooltip (the dock tells what they owe), by patient id.
        self.patient_note: Callable[[int], str] = lambda _patient_id: ""
        self._columns: tuple[GridColumn, ...] = ()
        #: Blocks of each column, placed when the column is first shown or hit (sixty columns of a busy
        #: day are thousands of blocks; a screen shows ten columns).
        self._placed: dict[int, list[Block]] = {}
        self._column_width = MIN_COLUMN_WIDTH
        self._cursor = Span(0, 0, 0)
        self._anchor = 0
        self._drag = Drag.NONE
        self._press = QPoint()
        self._dragging = False
        self._grabbed: Block | None = None
        self._grab_offset = 0
        self._ghost: Span | None = None
        self._clock_texts: dict[tuple[int, int], str] = {}
        self._elisions: dict[tuple[str, int, bool], str] = {}
        self._status_texts: dict[AppointmentStatus, str] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)
        self.verticalScrollBar().valueChanged.connect(self.viewport().update)

    # -- contents -------------------------------------------------------------------------------------------

    def set_grid(self, grid: ScheduleGrid) -> None:
        """Show ``grid``; the cursor stays where it was when the columns are the same."""
        same_columns = [c.key for c in self._columns] == [c.key for c in grid.columns]
        self._grid = grid
        self._columns = grid.columns
        if not same_columns:
            self._cursor = Span(0, 0, 0)
        self._cursor = self._clamped(self._cursor)
        self._layout()

    def grid(self) -> ScheduleGrid | None:
        return self._grid

    def columns(self) -> tuple[GridColumn, ...]:
        return self._columns

    def slot_count(self) -> int:
        if self._grid is None:
            return 0
        return (self._grid.closes - self._grid.opens) // self._grid.slot_minutes

    def blocks(self) -> list[Block]:
        return [block for index in range(len(self._columns)) for block in self.column_blocks(index)]

    def column_blocks(self, index: int) -> list[Block]:
        if index not in self._placed:
            self._placed[index] = self._place(index, self._columns[index])
        return self._placed[index]

    def cursor_span(self) -> Span:
        return self._cursor

    # -- time and geometry ----------------------------------------------------------------------------------

    def slot_start(self, column: int, slot: int) -> datetime:
        """The aware UTC start of ``slot`` in ``column`` (clinic time of that column's day)."""
        assert self._grid is not None
        minute = self._grid.opens + slot * self._grid.slot_minutes
        day: date = self._columns[column].day
        wall = datetime.combine(day, time(0)) + timedelta(minutes=minute)
        return wall.replace(tzinfo=self._zone).astimezone(UTC)

    def _minute_y(self, moment: datetime, day: date) -> float:
        """Content y of ``moment`` in a column of ``day``."""
        assert self._grid is not None
        local = moment.astimezone(self._zone)
        if local.date() < day:
            minute = 0
        elif local.date() > day:
            minute = 24 * 60
        else:
            minute = local.hour * 60 + local.minute + local.second / 60
        minute = min(max(minute, self._grid.opens), self._grid.closes)
        return (minute - self._grid.opens) / self._grid.slot_minutes * SLOT_HEIGHT

    def content_size(self) -> QSize:
        return QSize(len(self._columns) * self._column_width, self.slot_count() * SLOT_HEIGHT)

    def column_rect(self, column: int) -> QRect:
        """The column's body in viewport coordinates."""
        x = GUTTER_WIDTH + column * self._column_width - self.horizontalScrollBar().value()
        y = HEADER_HEIGHT - self.verticalScrollBar().value()
        return QRect(x, y, self._column_width, self.slot_count() * SLOT_HEIGHT)

    def span_rect(self, span: Span) -> QRect:
        """Viewport rectangle of a span of slots."""
        column = self.column_rect(span.column)
        return QRect(column.x(), column.y() + span.first * SLOT_HEIGHT, self._column_width,
                     span.length() * SLOT_HEIGHT)

    def block_rect(self, block: Block) -> QRect:
        return block.rect.translated(GUTTER_WIDTH - self.horizontalScrollBar().value(),
                                     HEADER_HEIGHT - self.verticalScrollBar().value()).toAlignedRect()

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        """(column, slot) under a viewport point, or None over the header, the gutter or past the end."""
        if point.x() < GUTTER_WIDTH or point.y() < HEADER_HEIGHT or not self._columns:
            return None
        column = (point.x() - GUTTER_WIDTH + self.horizontalScrollBar().value()) // self._column_width
        slot = (point.y() - HEADER_HEIGHT + self.verticalScrollBar().value()) // SLOT_HEIGHT
        if not (0 <= column < len(self._columns) and 0 <= slot < self.slot_count()):
            return None
        return int(column), int(slot)

    def block_at(self, point: QPoint) -> Block | None:
        if point.x() < GUTTER_WIDTH or not self._columns:
            return None
        column = (point.x() - GUTTER_WIDTH + self.horizontalScrollBar().value()) // self._column_width
        if not 0 <= column < len(self._columns):
            return None
        for block in reversed(self.column_blocks(int(column))):
            if self.block_rect(block).contains(point):
                return block
        return None

    def _layout(self) -> None:
        width = self.viewport().width() - GUTTER_WIDTH
        self._column_width = max(MIN_COLUMN_WIDTH, width // max(1, len(self._columns)))
        self._placed.clear()
        self._elisions.clear()
        size = self.content_size()
        self.horizontalScrollBar().setRange(0, max(0, size.width() - width))
        self.horizontalScrollBar().setPageStep(max(1, width))
        self.horizontalScrollBar().setSingleStep(self._column_width // 4)
        height = self.viewport().height() - HEADER_HEIGHT
        self.verticalScrollBar().setRange(0, max(0, size.height() - height))
        self.verticalScrollBar().setPageStep(max(1, height))
        self.verticalScrollBar().setSingleStep(SLOT_HEIGHT)
        self.viewport().update()

    def _place(self, index: int, column: GridColumn) -> list[Block]:
        """Blocks side by side where appointments overlap (a no-show under a new booking)."""
        ordered = sorted(column.appointments, key=lambda a: (a.start_at, a.end_at))
        lanes: list[list[AppointmentRow]] = []
        clusters: list[list[tuple[AppointmentRow, int]]] = []
        cluster_end: datetime | None = None
        for appointment in ordered:
            if cluster_end is None or appointment.start_at >= cluster_end:
                clusters.append([])
                lanes = []
            lane = next((i for i, taken in enumerate(lanes) if taken[-1].end_at <= appointment.start_at), None)
            if lane is None:
                lanes.append([appointment])
                lane = len(lanes) - 1
            else:
                lanes[lane].append(appointment)
            clusters[-1].append((appointment, lane))
            cluster_end = max(cluster_end or appointment.end_at, appointment.end_at)
        placed = []
        for cluster in clusters:
            width = (self._column_width - 6) / (max(lane for _, lane in cluster) + 1)
            for appointment, lane in cluster:
                top = self._minute_y(appointment.start_at, column.day)
                bottom = self._minute_y(appointment.end_at, column.day)
                rect = QRectF(index * self._column_width + 2 + lane * width, top + 1, width - 1,
                              max(bottom - top - 2, SLOT_HEIGHT / 2))
                title = f"{self._clock_text(appointment.start_at)} {appointment.patient_name}"
                lines = tuple(line for line in (appointment.service_name, self._status_text(appointment.status))
                              if line)
                placed.append(Block(appointment, index, rect, title, lines))
        return placed

    def _clock_text(self, moment: datetime) -> str:
        """The clinic-time clock text, formatted once per minute of the day and language."""
        local = moment.astimezone(self._zone)
        return self._time_text(local.hour, local.minute)

    def _time_text(self, hour: int, minute: int) -> str:
        key = (hour, minute)
        if key not in self._clock_texts:
            self._clock_texts[key] = format_time(time(hour, minute))
        return self._clock_texts[key]

    def _status_text(self, status: AppointmentStatus) -> str:
        if status not in self._status_texts:
            self._status_texts[status] = label(status)
        return self._status_texts[status]

    def retranslate(self) -> None:
        """The blocks' texts (times, statuses) in the new language."""
        self._clock_texts.clear()
        self._status_texts.clear()
        self._layout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def scroll_to(self, moment: datetime) -> None:
        """Scroll so that ``moment`` shows a third of the way down (the view opens on now)."""
        if self._grid is None or not self._columns:
            return
        y = self._minute_y(moment, self._columns[0].day)
        self.verticalScrollBar().setValue(int(y - (self.viewport().height() - HEADER_HEIGHT) / 3))

    def set_cursor(self, column: int, slot: int) -> None:
        self._cursor = self._clamped(Span(column, slot, slot))
        self._anchor = self._cursor.first
        self._ensure_visible(self._cursor)
        self.viewport().update()

    def _clamped(self, span: Span) -> Span:
        columns, slots = len(self._columns), self.slot_count()
        if not columns or not slots:
            return Span(0, 0, 0)
        column = min(max(span.column, 0), columns - 1)
        first = min(max(span.first, 0), slots - 1)
        last = min(max(span.last, first), slots - 1)
        return Span(column, first, last)

    def _ensure_visible(self, span: Span) -> None:
        rect = self.span_rect(span)
        body = self.viewport().rect().adjusted(GUTTER_WIDTH, HEADER_HEIGHT, 0, 0)
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        if rect.left() < body.left():
            horizontal.setValue(horizontal.value() - (body.left() - rect.left()))
        elif rect.right() > body.right():
            horizontal.setValue(horizontal.value() + (rect.right() - body.right()))
        if rect.top() < body.top():
            vertical.setValue(vertical.value() - (body.top() - rect.top()))
        elif rect.bottom() > body.bottom():
            vertical.setValue(vertical.value() + (rect.bottom() - body.bottom()))

    # -- painting -------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(self.viewport().rect(), palette.color(QPalette.ColorRole.Base))
        if self._grid is None:
            return
        visible = self._visible_columns()
        body = self.viewport().rect().adjusted(GUTTER_WIDTH, HEADER_HEIGHT, 0, 0)
        painter.save()
        painter.setClipRect(body)
        for index in visible:
            self._paint_column_background(painter, index)
        self._paint_lines(painter, visible)
        self._paint_selection(painter)
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        fonts = _BlockFonts(self.font())
        for index in visible:
            for block in self.column_blocks(index):
                if block.rect.bottom() >= top and block.rect.top() <= bottom:
                    self._paint_block(painter, block, fonts)
        self._paint_ghost(painter)
        self._paint_now(painter, visible)
        painter.restore()
        self._paint_header(painter, visible)
        self._paint_gutter(painter)

    def _visible_columns(self) -> range:
        if not self._columns:
            return range(0)
        left = self.horizontalScrollBar().value() // self._column_width
        shown = self.viewport().width() // self._column_width + 2
        return range(left, min(len(self._columns), left + shown))

    def _paint_column_background(self, painter: QPainter, index: int) -> None:
        column = self._columns[index]
        rect = self.column_rect(index)
        if column.day_off is not None:
            painter.fillRect(rect, QBrush(DAY_OFF, Qt.BrushStyle.BDiagPattern))
            return
        painter.fillRect(rect, OFF_HOURS)
        base = self.palette().color(QPalette.ColorRole.Base)
        for interval in column.working:
            top = self._minute_y(interval.start, column.day)
            bottom = self._minute_y(interval.end, column.day)
            painter.fillRect(QRectF(rect.x(), rect.y() + top, rect.width(), bottom - top), base)

    def _paint_lines(self, painter: QPainter, visible: range) -> None:
        assert self._grid is not None
        light = self.palette().color(QPalette.ColorRole.Mid)
        light.setAlpha(70)
        strong = self.palette().color(QPalette.ColorRole.Mid)
        per_hour = 60 // self._grid.slot_minutes if 60 % self._grid.slot_minutes == 0 else 0
        top = HEADER_HEIGHT - self.verticalScrollBar().value()
        right = GUTTER_WIDTH + len(self._columns) * self._column_width - self.horizontalScrollBar().value()
        for slot in range(self.slot_count() + 1):
            y = top + slot * SLOT_HEIGHT
            minute = self._grid.opens + slot * self._grid.slot_minutes
            painter.setPen(QPen(strong if minute % 60 == 0 else light, 1))
            if per_hour or minute % 60 == 0:
                painter.drawLine(GUTTER_WIDTH, y, right, y)
        painter.setPen(QPen(strong, 1))
        for index in visible:
            x = self.column_rect(index).right() + 1
            painter.drawLine(x, top, x, top + self.slot_count() * SLOT_HEIGHT)

    def _paint_selection(self, painter: QPainter) -> None:
        if not self._columns or (self._drag not in (Drag.NONE, Drag.SELECT)):
            return
        if self._drag is Drag.NONE and not self.hasFocus() and self._cursor.length() == 1:
            return
        rect = self.span_rect(self._cursor)
        painter.fillRect(rect, SELECTION)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    def _paint_block(self, painter: QPainter, block: Block, fonts: _BlockFonts, ghost: bool = False) -> None:
        appointment = block.appointment
        rect = QRectF(self.block_rect(block))
        status = QColor(APPOINTMENT_STATUS[appointment.status])
        fill = QColor(appointment.category_color) if appointment.category_color else QColor(status).lighter(185)
        if appointment.status in _GONE or appointment.status is AppointmentStatus.COMPLETED:
            fill = QColor("#eeeeee")
        if ghost:
            fill.setAlpha(150)
        painter.setPen(QPen(status.darker(110), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        painter.fillRect(QRectF(rect.x(), rect.y(), 4, rect.height()), status)
        text_rect = rect.adjusted(7, 1, -3, -1)
        gone = appointment.status in _GONE
        plain, bold = (fonts.struck, fonts.struck_bold) if gone else (fonts.plain, fonts.bold)
        metrics = fonts.metrics
        painter.setPen(TEXT_ON_BLOCK)
        x = text_rect.x()
        if appointment.first_visit:
            mark = fonts.first_visit_mark
            painter.drawPixmap(int(x), int(text_rect.y()) + (metrics.height() - mark.height()) // 2, mark)
            x += mark.width() + 3
        room = int(text_rect.right() - x)
        painter.setFont(bold)
        painter.drawText(QRectF(x, text_rect.y(), room, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._elided(fonts.bold_metrics, block.title, room, bold=True))
        painter.setFont(plain)
        y = text_rect.y() + metrics.height()
        for line in block.lines:
            if y + metrics.height() > text_rect.bottom() + 2:
                break
            painter.drawText(QRectF(text_rect.x(), y, text_rect.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self._elided(metrics, line, int(text_rect.width()), bold=False))
            y += metrics.height()
        painter.setFont(self.font())

    def _elided(self, metrics: QFontMetrics, text: str, width: int, *, bold: bool) -> str:
        """``text`` cut to ``width`` with "…", remembered until the next layout (repaints are frequent:
        the clock line, hovering, dragging)."""
        key = (text, width, bold)
        if key not in self._elisions:
            self._elisions[key] = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        return self._elisions[key]

    def _paint_ghost(self, painter: QPainter) -> None:
        if self._ghost is None or self._grabbed is None:
            return
        painter.save()
        painter.setOpacity(0.75)
        target = self.span_rect(self._ghost)
        content = target.translated(self.horizontalScrollBar().value() - GUTTER_WIDTH,
                                    self.verticalScrollBar().value() - HEADER_HEIGHT)
        block = Block(self._grabbed.appointment, self._ghost.column, QRectF(content).adjusted(2, 1, -3, -1),
                      self._grabbed.title, self._grabbed.lines)
        self._paint_block(painter, block, _BlockFonts(self.font()), ghost=True)
        painter.restore()
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(target.adjusted(1, 1, -2, -2))

    def _paint_now(self, painter: QPainter, visible: range) -> None:
        now: datetime = self._now()
        today = now.astimezone(self._zone).date()
        assert self._grid is not None
        local = now.astimezone(self._zone)
        minute = local.hour * 60 + local.minute
        if not self._grid.opens <= minute <= self._grid.closes:
            return
        painter.setPen(QPen(NOW_COLOR, 2))
        for index in visible:
            if self._columns[index].day == today:
                rect = self.column_rect(index)
                y = rect.y() + int(self._minute_y(now, today))
                painter.drawLine(rect.x(), y, rect.right(), y)

    def _paint_header(self, painter: QPainter, visible: range) -> None:
        assert self._grid is not None
        palette = self.palette()
        header = QRect(0, 0, self.viewport().width(), HEADER_HEIGHT)
        painter.fillRect(header, palette.color(QPalette.ColorRole.Button))
        painter.save()
        painter.setClipRect(header.adjusted(GUTTER_WIDTH, 0, 0, 0))
        title_font = QFont(self.font())
        title_font.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.9)
        today = self._now().astimezone(self._zone).date()
        for index in visible:
            column = self._columns[index]
            rect = self.column_rect(index)
            cell = QRect(rect.x() + 4, 2, rect.width() - 8, HEADER_HEIGHT - 4)
            title = column.title or format_day_heading(column.day)
            subtitle = label(column.day_off) if column.day_off is not None else column.subtitle
            painter.setFont(title_font)
            painter.setPen(NOW_COLOR if self._grid.mode is GridMode.WEEK and column.day == today
                           else palette.color(QPalette.ColorRole.ButtonText))
            painter.drawText(cell.adjusted(0, 0, 0, -cell.height() // 2), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(title_font).elidedText(title, Qt.TextElideMode.ElideRight, cell.width()))
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(cell.adjusted(0, cell.height() // 2, 0, 0), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(small).elidedText(subtitle, Qt.TextElideMode.ElideRight, cell.width()))
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(rect.right() + 1, 0, rect.right() + 1, HEADER_HEIGHT)
        painter.restore()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, HEADER_HEIGHT - 1, self.viewport().width(), HEADER_HEIGHT - 1)
        painter.setFont(self.font())

    def _paint_gutter(self, painter: QPainter) -> None:
        assert self._grid is not None
        palette = self.palette()
        gutter = QRect(0, HEADER_HEIGHT, GUTTER_WIDTH, self.viewport().height() - HEADER_HEIGHT)
        painter.fillRect(gutter, palette.color(QPalette.ColorRole.Button))
        painter.fillRect(QRect(0, 0, GUTTER_WIDTH, HEADER_HEIGHT), palette.color(QPalette.ColorRole.Button))
        painter.save()
        painter.setClipRect(gutter)
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        top = HEADER_HEIGHT - self.verticalScrollBar().value()
        for slot in range(self.slot_count()):
            minute = self._grid.opens + slot * self._grid.slot_minutes
            if minute % 60 and (minute % 30 or self._grid.slot_minutes > 15):
                continue
            y = top + slot * SLOT_HEIGHT
            text = self._time_text(minute // 60, minute % 60)
            font = QFont(self.font())
            font.setBold(minute % 60 == 0)
            painter.setFont(font)
            painter.drawText(QRect(2, y, GUTTER_WIDTH - 8, SLOT_HEIGHT),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, text)
        painter.restore()
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(GUTTER_WIDTH - 1, 0, GUTTER_WIDTH - 1, self.viewport().height())
        painter.setFont(self.font())

    # -- mouse ----------------------------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.block_at(event.pos())
            if block is not None:
                QToolTip.showText(event.globalPos(), self.tooltip(block.appointment), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip(self, appointment: AppointmentRow) -> str:
        lines = [
            appointment.patient_name + (" · " + _("First visit") if appointment.first_visit else ""),
            _("{start}–{end}").format(start=format_time(appointment.start_at, self._zone),
                                      end=format_time(appointment.end_at, self._zone)),
            appointment.service_name, appointment.doctor_name, appointment.patient_phone,
            _("Status: {status}").format(status=label(appointment.status)),
            _("Booked via: {channel}").format(channel=label(appointment.channel)), appointment.notes,
            self.patient_note(appointment.patient_id),
        ]
        return "\n".join(line for line in lines if line)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        point = event.position().toPoint()
        self._press = point
        self._dragging = False
        block = self.block_at(point)
        cell = self.cell_at(point)
        if block is not None:
            self._grabbed = block
            start_slot = self._slot_of(block)
            self.set_cursor(block.column, start_slot)
            if block.appointment.status in _MOVABLE:
                near_edge = self.block_rect(block).bottom() - point.y() <= EDGE
                self._drag = Drag.RESIZE if near_edge else Drag.MOVE
                self._grab_offset = (cell[1] - start_slot) if cell is not None else 0
            return
        if cell is not None:
            self._drag = Drag.SELECT
            self.set_cursor(*cell)

    def _slot_of(self, block: Block) -> int:
        assert self._grid is not None
        return int(block.rect.top() // SLOT_HEIGHT)

    def _block_slots(self, block: Block) -> int:
        return max(1, round((block.rect.height() + 2) / SLOT_HEIGHT))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        if self._drag is Drag.NONE:
            block = self.block_at(point)
            near_edge = (block is not None and block.appointment.status in _MOVABLE
                         and self.block_rect(block).bottom() - point.y() <= EDGE)
            self.viewport().setCursor(Qt.CursorShape.SizeVerCursor if near_edge else Qt.CursorShape.ArrowCursor)
            return
        if not self._dragging and (point - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        self._dragging = True
        cell = self.cell_at(point)
        if cell is None:
            return
        column, slot = cell
        if self._drag is Drag.SELECT:
            first, last = sorted((self._anchor, slot))
            self._cursor = Span(self._cursor.column, first, last)
        elif self._drag is Drag.MOVE and self._grabbed is not None:
            length = self._block_slots(self._grabbed)
            first = max(0, min(slot - self._grab_offset, self.slot_count() - length))
            self._ghost = Span(column, first, first + length - 1)
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        elif self._drag is Drag.RESIZE and self._grabbed is not None:
            first = self._slot_of(self._grabbed)
            self._ghost = Span(self._grabbed.column, first, max(first, slot))
        self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        drag, ghost, grabbed = self._drag, self._ghost, self._grabbed
        self._end_drag()
        if drag is Drag.SELECT and self._dragging:
            self._request_booking()
        elif drag in (Drag.MOVE, Drag.RESIZE) and ghost is not None and grabbed is not None:
            moved = ghost.column != grabbed.column or ghost.first != self._slot_of(grabbed)
            resized = ghost.length() != self._block_slots(grabbed)
            if moved or resized:
                assert self._grid is not None
                minutes = (ghost.length() * self._grid.slot_minutes if drag is Drag.RESIZE
                           else int((grabbed.appointment.end_at - grabbed.appointment.start_at).total_seconds() // 60))
                self.move_requested.emit(grabbed.appointment, ghost.column, self.slot_start(ghost.column, ghost.first),
                                         minutes)

    def _end_drag(self) -> None:
        self._drag = Drag.NONE
        self._ghost = None
        self._grabbed = None
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        self.viewport().update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        block = self.block_at(event.position().toPoint())
        self._end_drag()
        if block is not None:
            self.appointment_activated.emit(block.appointment)
        elif self.cell_at(event.position().toPoint()) is not None:
            self._request_booking()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = self.viewport().mapFrom(self, event.pos())
        block = self.block_at(point)
        cell = self.cell_at(point)
        if block is None and cell is None:
            return
        if block is not None:
            self.set_cursor(block.column, self._slot_of(block))
        elif cell is not None and not (self._cursor.column == cell[0] and self._cursor.first <= cell[1]
                                       <= self._cursor.last):
            self.set_cursor(*cell)
        self._emit_menu(event.globalPos(), block.appointment if block is not None else None)

    def _emit_menu(self, where: QPoint, appointment: AppointmentRow | None) -> None:
        assert self._grid is not None
        span = self._cursor
        self.menu_requested.emit(where, span.column, self.slot_start(span.column, span.first),
                                 span.length() * self._grid.slot_minutes, appointment)

    def _request_booking(self) -> None:
        assert self._grid is not None
        span = self._cursor
        self.book_requested.emit(span.column, self.slot_start(span.column, span.first),
                                 span.length() * self._grid.slot_minutes)

    def appointment_at_cursor(self) -> AppointmentRow | None:
        span = self._cursor
        for block in self.column_blocks(span.column) if self._columns else []:
            if self._slot_of(block) <= span.first < (
                    self._slot_of(block) + self._block_slots(block)):
                return block.appointment
        return None

    # -- keyboard -------------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._columns or self._grid is None:
            super().keyPressEvent(event)
            return
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        span = self._cursor
        per_hour = max(1, 60 // self._grid.slot_minutes)
        steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1,
                 Qt.Key.Key_PageUp: -per_hour, Qt.Key.Key_PageDown: per_hour}
        if key == Qt.Key.Key_Escape:
            if self._drag is not Drag.NONE:
                self._end_drag()
            elif span.length() > 1:
                self.set_cursor(span.column, span.first)
            else:
                super().keyPressEvent(event)
                return
        elif key in steps and shift:
            moving_end = span.last if self._anchor == span.first else span.first
            moved = min(max(moving_end + steps[key], 0), self.slot_count() - 1)
            first, last = sorted((self._anchor, moved))
            self._cursor = Span(span.column, first, last)
            self._ensure_visible(Span(span.column, moved, moved))
        elif key in steps:
            self.set_cursor(span.column, span.first + steps[key])
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.set_cursor(span.column + (1 if key == Qt.Key.Key_Right else -1), span.first)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            appointment = self.appointment_at_cursor() if span.length() == 1 else None
            if appointment is not None:
                self.appointment_activated.emit(appointment)
            else:
                self._request_booking()
        elif key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and shift):
            where = self.viewport().mapToGlobal(self.span_rect(span).center())
            self._emit_menu(where, self.appointment_at_cursor())
        else:
            super().keyPressEvent(event)
            return
        self.viewport().update()

    def focusInEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().focusOutEvent(event)
        self.viewport().update()

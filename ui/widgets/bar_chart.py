"""A small horizontal bar chart drawn with QPainter: labels and values in, nothing else.

QtCharts lives in PySide6-Addons, which our pinned wheels do not include; a report's "counts by category"
or "calls by hour" needs no more than bars, their labels and their numbers. Horizontal bars keep long
labels readable in every language (Korean, Chinese and Russian labels do not fit under vertical bars).
Numbers are formatted by the caller's ``formatter`` (``app.i18n.format_integer`` by default), so they follow
the interface language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.i18n import format_decimal

#: Bar colour when a bar brings none of its own.
DEFAULT_BAR = "#1f5fa8"
#: The compared value's bar (the previous period): grey, thinner, under the main bar.
COMPARE_BAR = "#9aa0a6"
_MAX_LABEL_SHARE = 0.45


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    #: A second value drawn as a thin grey bar under the first (the previous period, a target), or None.
    compare: float | None = None
    color: str = DEFAULT_BAR


class BarChart(QWidget):
    """Horizontal bars, one per row: label at the left, bar, then the value (and the compared value)."""

    def __init__(self, parent: QWidget | None = None, *,
                 formatter: Callable[[float], str] = format_decimal) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._title = ""
        self._empty_text = ""
        self._formatter = formatter
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    # -- data ------------------------------------------------------------------------------------------

    def set_data(self, labels: Sequence[str], values: Sequence[float],
                 compare: Sequence[float | None] | None = None, colors: Sequence[str] | None = None) -> None:
        """Plain data in: ``labels[i]`` has ``values[i]``; ``compare`` and ``colors`` are optional."""
        if len(labels) != len(values):
            raise ValueError("labels and values must have the same length")
        self._bars = [
            Bar(text, value, compare[i] if compare is not None else None,
                colors[i] if colors is not None else DEFAULT_BAR)
            for i, (text, value) in enumerate(zip(labels, values, strict=True))
        ]
        self.updateGeometry()
        self.update()

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = list(bars)
        self.updateGeometry()
        self.update()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def set_title(self, title: str) -> None:
        self._title = title
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What to say when there is nothing to draw (translated by the caller)."""
        self._empty_text = text
        self.update()

    def set_formatter(self, formatter: Callable[[float], str]) -> None:
        self._formatter = formatter
        self.update()

    # -- geometry --------------------------------------------------------------------------------------

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 8

    def _title_height(self) -> int:
        return QFontMetrics(self.font()).height() + 6 if self._title else 0

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._bars))
        return QSize(360, self._title_height() + rows * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self._title_height() + self._row_height() + 8)

    # -- painting --------------------------------------------------------------------------------------

    def _value_text(self, bar: Bar) -> str:
        text = self._formatter(bar.value)
        if bar.compare is not None:
            text += f" ({self._formatter(bar.compare)})"
        return text

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        width = self.width()
        top = 4
        if self._title:
            bold = self.font()
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(text_color)
            painter.drawText(QRectF(4, top, width - 8, metrics.height()), Qt.AlignmentFlag.AlignLeft,
                             QFontMetrics(bold).elidedText(self._title, Qt.TextElideMode.ElideRight, width - 8))
            painter.setFont(self.font())
            top += self._title_height()
        if not self._bars:
            painter.setPen(text_color)
            painter.drawText(QRectF(0, top, width, self.height() - top), Qt.AlignmentFlag.AlignCenter,
                             self._empty_text)
            painter.end()
            return
        # A little slack: glyphs from a fallback font can be wider than the primary font's metrics say.
        label_width = min(max(metrics.horizontalAdvance(b.label) for b in self._bars) + 16,
                          int(width * _MAX_LABEL_SHARE))
        value_width = max(metrics.horizontalAdvance(self._value_text(b)) for b in self._bars) + 8
        bar_left = 4 + label_width
        bar_span = max(10, width - bar_left - value_width - 4)
        peak = max(max(b.value, b.compare or 0) for b in self._bars) or 1
        row = self._row_height()
        for index, bar in enumerate(self._bars):
            y = top + index * row
            painter.setPen(text_color)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 4)
            painter.drawText(QRectF(0, y, label_width, row), Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignRight, label)
            length = bar_span * max(0.0, bar.value) / peak
            main_height = row - 8 if bar.compare is None else (row - 8) * 0.65
            painter.fillRect(QRectF(bar_left, y + 4, length, main_height), QColor(bar.color))
            end = length
            if bar.compare is not None:
                compare_length = bar_span * max(0.0, bar.compare) / peak
                painter.fillRect(QRectF(bar_left, y + 4 + main_height, compare_length, (row - 8) - main_height),
                                 QColor(COMPARE_BAR))
                end = max(end, compare_length)
            painter.setPen(text_color)
            painter.drawText(QRectF(bar_left + end + 4, y, value_width + bar_span - end, row),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._value_text(bar))
        painter.end()

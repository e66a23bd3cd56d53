"""Previous day, today, next day and a calendar: the day a dock shows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QWidget

from app.i18n import _

#: Room the date edit needs besides its text: frame, margins and the calendar button.
DATE_EDIT_CHROME = 44


#: How often the navigator looks whether the clinic's day has turned (a desk left open past midnight).
DAY_CHECK_MS = 60_000


class DayNavigator(QWidget):
    """``day_changed(date)`` fires whenever the shown day changes, by a button, the calendar, or midnight
    (a navigator showing today moves on to the new today)."""

    day_changed = Signal(object)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setAutoRaise(True)
        self.today_button = QToolButton(self)
        self.today_button.setAutoRaise(True)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setAutoRaise(True)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(_qdate(today()))
        self._known_today = today()
        self._day_check = QTimer(self)
        self._day_check.setInterval(DAY_CHECK_MS)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.today_button)
        layout.addWidget(self.next_button)
        layout.addSpacing(4)
        layout.addWidget(self.date_edit)
        self._connect_signals()
        self.retranslate()

    def _connect_signals(self) -> None:
        self.previous_button.clicked.connect(lambda: self.set_day(self.day() - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.set_day(self.day() + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.set_day(self._today()))
        self.date_edit.dateChanged.connect(lambda value: self.day_changed.emit(value.toPython()))
        self._day_check.timeout.connect(self.follow_today)
        self._day_check.start()

    def day(self) -> date:
        return self.date_edit.date().toPython()

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(_qdate(day))

    def follow_today(self) -> None:
        """When the day turns, a navigator that was showing today shows the new today."""
        today = self._today()
        if today != self._known_today:
            showing_today = self.day() == self._known_today
            self._known_today = today
            if showing_today:
                self.set_day(today)

    def retranslate(self) -> None:
        self.previous_button.setToolTip(_("Previous day"))
        self.next_button.setToolTip(_("Next day"))
        self.today_button.setText(_("Today"))
        self.today_button.setToolTip(_("Go to today"))
        # The language switch made this the default locale; the calendar's first weekday follows it too.
        locale = QLocale()
        self.date_edit.setLocale(locale)
        self.date_edit.calendarWidget().setLocale(locale)
        self.date_edit.calendarWidget().setFirstDayOfWeek(locale.firstDayOfWeek())
        self.date_edit.setDisplayFormat(locale.dateFormat(QLocale.FormatType.LongFormat))
        self.date_edit.setMinimumWidth(self._widest_date_width(locale))

    def _widest_date_width(self, locale: QLocale) -> int:
        """Wide enough for every weekday and month name of the locale: Qt sizes a date edit by its
        minimum and maximum dates only, which cuts "понедельник, 23 ноября 2026 г." short."""
        metrics = self.date_edit.fontMetrics()
        display_format = self.date_edit.displayFormat()
        first = QDate(2026, 1, 10)
        widest = max(metrics.horizontalAdvance(locale.toString(first.addDays(offset), display_format))
                     for offset in range(0, 365, 3))
        return widest + DATE_EDIT_CHROME

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)

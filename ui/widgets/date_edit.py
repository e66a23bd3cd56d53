"""Date (and date-and-time) entry as the language writes dates, always with the four-digit year.

Qt's short date format is two-digit-year in several languages ("26. 11. 23." in Korean), which reads as
three numbers in no clear order on a form where the year matters (birth dates, appointments).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget


def full_year_format(locale: QLocale) -> str:
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def full_year_date_time_format(locale: QLocale) -> str:
    """The date as ``full_year_format``, then the 24-hour clock every time field of the desk uses (the booking
    dialog, working hours): Qt's short time is "오전 10:00" in Korean and "10:00 AM" in English."""
    return f"{full_year_format(locale)} HH:mm"


class DateEdit(QDateEdit):
    """A calendar-popup date edit in the interface language's short format with the full year."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(full_year_format(QLocale()))
        if value is not None:
            self.set_value(value)

    def value(self) -> date:
        return self.date().toPython()

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            # A widget keeps the locale it was created in (month names in the calendar, the order of the
            # fields): take the new default's along with its format.
            self.setLocale(QLocale())
            self.setDisplayFormat(full_year_format(QLocale()))


class DateTimeEdit(QDateTimeEdit):
    """A calendar-popup date-and-time edit: the language's short date with the full year, then the 24-hour time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(full_year_date_time_format(QLocale()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.setDisplayFormat(full_year_date_time_format(QLocale()))

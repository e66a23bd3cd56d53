"""Date and date-time fields show the four-digit year and the desk's 24-hour clock in every language, and follow
a live language switch."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDateTime, QTime

from ui.dialogs.common import switch_language
from ui.widgets.date_edit import DateEdit, DateTimeEdit


@pytest.mark.parametrize(("locale", "shown"), [
    ("en", "11/22/2026"), ("ko", "2026. 11. 22."), ("ru", "22.11.2026"), ("ro", "22.11.2026"),
    ("zh_CN", "2026/11/22"),
])
def test_a_date_shows_the_full_year_as_the_language_writes_it(qtbot, locale: str, shown: str) -> None:
    switch_language(locale)
    edit = DateEdit(date(2026, 11, 22))
    qtbot.addWidget(edit)
    assert edit.text() == shown


def test_a_date_time_uses_the_24_hour_clock_and_follows_a_language_switch(qtbot) -> None:
    switch_language("ko")
    edit = DateTimeEdit()
    qtbot.addWidget(edit)
    edit.setDateTime(QDateTime(date(2026, 11, 22), QTime(15, 5)))
    assert edit.text() == "2026. 11. 22. 15:05"
    switch_language("en")
    assert edit.text() == "11/22/2026 15:05"

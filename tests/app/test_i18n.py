"""Formatting for people goes through Babel in the active locale; clinic days follow the clinic's zone."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from app import i18n
from app.services.days import day_bounds


@pytest.mark.parametrize(
    ("currency", "locale", "expected"),
    [("KRW", "ko", "₩1,234,567"), ("RON", "ro", "1.234.567,50 RON"), ("RUB", "ru", "1 234 567,50 ₽"),
     ("CNY", "zh_CN", "¥1,234,567.50"), ("USD", "en", "$1,234,567.50")],
)
def test_money_is_formatted_with_the_currency_digits(currency, locale, expected):
    amount = Decimal("1234567") if currency == "KRW" else Decimal("1234567.50")
    assert i18n.format_money(amount, currency, locale).replace("\xa0", " ").replace("\u202f", " ") == expected


def test_week_starts_on_the_locales_first_day():
    assert i18n.first_weekday("ru") == 0
    assert i18n.first_weekday("ro") == 0
    assert i18n.first_weekday("ko") == 6
    assert i18n.first_weekday("en") == 6


def test_time_is_shown_in_the_clinic_zone():
    at = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
    assert i18n.format_time(at, ZoneInfo("Asia/Seoul"), "en") == "10:30\u202fAM"
    assert i18n.format_time(at, ZoneInfo("Europe/Moscow"), "ru") == "04:30"
    assert i18n.format_time(at, ZoneInfo("Asia/Seoul"), "ko") == "10:30"
    assert i18n.format_datetime(at, ZoneInfo("Asia/Seoul"), locale="ko") == "2026. 11. 23. 10:30"


def test_short_dates_carry_the_four_digit_year_in_every_language():
    at = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)
    seoul = ZoneInfo("Asia/Seoul")
    assert [i18n.format_datetime(at, seoul, locale=code) for code in i18n.LOCALES] == [
        "11/23/2026, 10:30\u202fAM", "2026. 11. 23. 10:30", "23.11.2026, 10:30", "23.11.2026, 10:30",
        "2026/11/23 10:30"]
    assert i18n.format_date(date(2026, 1, 5), "short", "ko") == "2026. 1. 5."


def test_language_names_are_their_own():
    assert [i18n.language_name(code) for code in i18n.LOCALES] == [
        "English", "한국어", "Русский", "Română", "简体中文"]


def test_switching_language_notifies_listeners():
    heard: list[str] = []
    i18n.on_locale_changed(heard.append)
    i18n.set_locale("ru")
    assert heard[-1] == "ru"
    assert i18n.active_locale() == "ru"
    with pytest.raises(ValueError, match="unsupported locale"):
        i18n.set_locale("xx")


def test_a_clinic_day_across_a_daylight_saving_change_is_25_hours():
    start, end = day_bounds(ZoneInfo("Europe/Bucharest"), date(2026, 10, 25))
    assert (end - start).total_seconds() == 25 * 3600
    assert start == datetime(2026, 10, 24, 21, 0, tzinfo=UTC)


def test_lists_are_joined_as_the_language_joins_them():
    assert i18n.format_list(["Administrator", "Cashier"], "en") == "Administrator and Cashier"
    assert i18n.format_list(["前台接待", "收银员", "医生"], "zh_CN") == "前台接待、收银员和医生"

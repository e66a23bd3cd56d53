"""Day boundaries in the clinic's time zone (a clinic day is not a UTC day)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.context import Context


def day_bounds(zone: ZoneInfo, day: date) -> tuple[datetime, datetime]:
    """The UTC instants where ``day`` starts and ends in ``zone`` (23 or 25 hours on a DST change)."""
    start = datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    return start, end


def today(ctx: Context) -> date:
    return ctx.clock.now().astimezone(ctx.clinic().zone).date()

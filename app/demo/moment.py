"""The demo's present: the real clock's time of day, kept inside opening hours.

Kept apart from the generator so that opening an existing demo database imports only this.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo


def demo_now(clock_now: datetime, today: date, zone: ZoneInfo) -> datetime:
    """The present of the demo: the clock's time when it is ``today``, kept inside opening hours so that
    today always has work done, work under way and work to come."""
    local = clock_now.astimezone(zone)
    moment = local.time() if local.date() == today else time(11, 30)
    moment = min(max(moment, time(10, 30)), time(16, 30))
    return datetime.combine(today, time(moment.hour, moment.minute - moment.minute % 5), tzinfo=zone).astimezone(UTC)

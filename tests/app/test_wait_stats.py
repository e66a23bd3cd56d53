"""Waiting-room statistics against a hand-built day: every figure below is worked out by hand."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.context import Context
from app.errors import InvalidInput
from app.models.scheduling import WaitingEntry, WaitingStatus, WaitlistRequest, WaitlistStatus
from app.services.wait_stats import WaitFigures, overall_waits, percentile_90, wait_stats
from tests import builders

SEOUL = ZoneInfo("Asia/Seoul")
DAY = date(2026, 11, 20)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


@pytest.fixture
def day_of_waits(ctx: Context) -> tuple[Context, int, int]:
    lee = builders.add_doctor(ctx, "Dr. Lee", "Family medicine")
    park = builders.add_doctor(ctx, "Dr. Park", "Family medicine")
    patient = builders.add_patient(ctx, "김", "민준").id
    entries = []

    def visit(doctor: int | None, arrived: datetime, wait: int | None, status: WaitingStatus) -> None:
        called = arrived + timedelta(minutes=wait) if wait is not None else None
        done = status is WaitingStatus.DONE
        entries.append(WaitingEntry(
            patient_id=patient, doctor_id=doctor, ticket=f"{len(entries) + 1:03d}", status=status, arrived_at=arrived,
            called_at=called, started_at=called if done else None,
            finished_at=called + timedelta(minutes=15) if done and called else None))

    for i, wait in enumerate(range(10, 101, 10)):  # Dr. Lee: 10..100 minutes, five arrivals at 9, five at 10
        visit(lee, at(9 + i // 5, i % 5), wait, WaitingStatus.DONE)
    visit(park, at(14), 5, WaitingStatus.IN_CONSULTATION)
    visit(park, at(14, 10), 15, WaitingStatus.CALLED)
    visit(None, at(14, 30), None, WaitingStatus.LEFT)
    visit(lee, at(9, day=DAY - timedelta(days=1)), 200, WaitingStatus.DONE)  # the day before: not counted
    with ctx.db.write() as session:
        session.add_all(entries)
        session.add(WaitlistRequest(patient_id=patient, earliest_on=DAY, latest_on=DAY, expires_on=DAY,
                                    status=WaitlistStatus.EXPIRED, created_at=at(8)))
        session.add(WaitlistRequest(patient_id=patient, earliest_on=DAY, latest_on=DAY, expires_on=DAY,
                                    status=WaitlistStatus.OPEN, created_at=at(8)))
    return ctx, lee, park


def test_waits_by_doctor_and_by_hour(day_of_waits):
    ctx, lee, park = day_of_waits
    stats = wait_stats(ctx, DAY)
    assert stats.overall == WaitFigures(patients=13, called=12, left_without_being_seen=1, average_wait=47.5,
                                        p90_wait=90.0, average_consultation=15.0)
    assert overall_waits(ctx, DAY, DAY) == stats.overall
    assert [(d.doctor_id, d.doctor_name) for d in stats.by_doctor] == [(lee, "Dr. Lee"), (park, "Dr. Park"),
                                                                        (None, "")]
    lee_figures, park_figures, shared = (d.figures for d in stats.by_doctor)
    assert (lee_figures.average_wait, lee_figures.p90_wait, lee_figures.average_consultation) == (55.0, 90.0, 15.0)
    assert (park_figures.average_wait, park_figures.p90_wait, park_figures.average_consultation) == (10.0, 15.0, None)
    assert (shared.patients, shared.called, shared.left_without_being_seen) == (1, 0, 1)
    assert [(h.hour, h.figures.average_wait, h.figures.p90_wait) for h in stats.by_hour] == [
        (9, 30.0, 50.0), (10, 80.0, 100.0), (14, 10.0, 15.0)]
    assert stats.by_hour[-1].figures.left_without_being_seen == 1
    assert stats.waitlist_expired == 1


def test_a_range_includes_every_day_in_it(day_of_waits):
    ctx, _, _ = day_of_waits
    stats = wait_stats(ctx, DAY - timedelta(days=1), DAY)
    assert stats.overall.patients == 14
    assert stats.by_doctor[0].figures.p90_wait == 100.0
    assert wait_stats(ctx, DAY + timedelta(days=1)).overall.average_wait is None


def test_a_range_backwards_is_refused(ctx):
    with pytest.raises(InvalidInput) as caught:
        wait_stats(ctx, DAY, DAY - timedelta(days=1))
    assert "Last day" in caught.value.message()


def test_nearest_rank_percentile():
    assert percentile_90([]) is None
    assert percentile_90([7.0]) == 7.0
    assert percentile_90([float(v) for v in range(1, 21)]) == 18.0

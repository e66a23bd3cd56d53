"""Several desks at once: the audit chain stays one unbroken line and counters stay gapless."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from app.models.billing import NumberCounter
from app.services import audit
from app.services.numbering import next_number
from tests import builders

WORKERS = 6


@pytest.mark.slow
def test_audit_chain_survives_concurrent_writers(ctx):
    def work(number: int) -> int:
        desk = builders.other_desk(ctx, number)
        for i in range(15):
            builders.add_patient(desk, "Concurrent", f"{number}-{i}", phone=f"010-{number:04d}-{i:04d}")
        return number

    with ThreadPoolExecutor(WORKERS) as pool:
        assert sorted(pool.map(work, range(WORKERS))) == list(range(WORKERS))
    report = audit.verify(ctx.db, ctx.audit_key)
    assert report.ok, report.problems
    assert report.records >= WORKERS * 15


class _Rollback(Exception):
    """Raised on purpose inside a transaction to give its number back."""


@pytest.mark.slow
def test_numbers_stay_gapless_when_some_transactions_fail(ctx):
    def work(seed: int) -> int:
        rng = random.Random(seed)
        kept = 0
        for _ in range(25):
            try:
                with ctx.db.write() as session:
                    next_number(session, "receipt", 2026)
                    if rng.random() < 0.2:
                        raise _Rollback
                kept += 1
            except _Rollback:
                pass
        return kept

    with ThreadPoolExecutor(WORKERS) as pool:
        kept = sum(pool.map(work, range(WORKERS)))
    with ctx.db.read() as session:
        last = session.scalar(select(NumberCounter.last).where(NumberCounter.series == "receipt"))
    assert last == kept

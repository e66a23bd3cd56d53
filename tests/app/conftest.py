"""Fixtures of the model-layer tests: the demo clinic, built once per database kind and copied for each test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.clock import FixedClock
from app.context import Actor, Context
from app.db import Database
from app.demo import DemoSummary, create_demo
from tests.conftest import DatabaseTemplates

SEOUL = ZoneInfo("Asia/Seoul")
DEMO_KEY = b"demo-test-audit-key-0123456789ab"
#: Wednesday 25 November 2026, 14:40 in Seoul: the afternoon of a working day.
DEMO_NOW = datetime(2026, 11, 25, 14, 40, tzinfo=SEOUL)
DEMO_PATIENTS = 300
DEMO_SEED = 7


def build_demo(database: Database, now: datetime, *, patients: int = DEMO_PATIENTS,
               seed: int = DEMO_SEED) -> tuple[Context, DemoSummary]:
    """The demo on an empty migrated database, built at ``now`` (fewer patients than ``--demo`` uses)."""
    ctx = Context(db=database, audit_key=DEMO_KEY, workstation="demo", clock=FixedClock(now))
    return ctx, create_demo(ctx, now.astimezone(SEOUL).date(), patients=patients, seed=seed)


def _demo_template(database: Database) -> tuple[DemoSummary, Actor | None]:
    ctx, summary = build_demo(database, DEMO_NOW)
    return summary, ctx.actor


@pytest.fixture
def demo(copy_database: Callable[[str, Callable[[Database], object]], Database],
         database_templates: DatabaseTemplates) -> tuple[Context, DemoSummary]:
    """A copy of the demo, built once per database kind for the whole session (each build takes seconds), with
    the administrator the build signed in still signed in."""
    database = copy_database("demo", _demo_template)
    summary, actor = database_templates.filled("demo")  # type: ignore[misc]
    return Context(db=database, audit_key=DEMO_KEY, workstation="demo", clock=FixedClock(DEMO_NOW),
                   actor=actor), summary

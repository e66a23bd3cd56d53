"""The demo clinic's complaint log looks like a real clinic's: routed, named in every language, at every step,
one overdue and escalated, months of history for the analysis, and deadlines the clinic's own rules give."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.context import Context
from app.demo import DemoSummary
from app.demo.complaints import CATEGORIES
from app.i18n import LOCALES
from app.models.complaints import Complaint, ComplaintStatus, ComplaintStep
from app.services import complaint_rules, complaints
from app.services.complaint_analysis import PeriodKind, analyse
from tests.app.conftest import DEMO_NOW

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.fixture
def demo_ctx(demo: tuple[Context, DemoSummary]) -> Context:
    return demo[0]


def test_the_demo_complaint_log_looks_like_a_clinics(demo_ctx):
    ctx = demo_ctx
    categories = complaint_rules.list_categories(ctx)
    assert len(categories) == len(CATEGORIES)
    assert all(set(c.names or {}) == set(LOCALES) - {"ko"} for c in categories), "named in every language"

    rows = complaints.open_list(ctx)
    overdue = [r for r in rows if r.overdue]
    assert len(overdue) == 1, "one overdue complaint, escalated to the administrator"
    assert overdue[0].escalated
    assert {r.status for r in rows} == set(ComplaintStatus) - {ComplaintStatus.CLOSED}
    assert all(r.department for r in rows), "every complaint is routed to a department"
    assert all(r.assigned_to for r in rows if r.status is not ComplaintStatus.RECEIVED)
    reopened = next(r for r in rows if r.status is ComplaintStatus.REOPENED)
    steps = [s.step for s in complaints.detail(ctx, reopened.id).timeline]
    assert steps.index(ComplaintStep.REOPENED) > steps.index(ComplaintStep.RESOLVED), "reopening kept its history"

    month = analyse(ctx, PeriodKind.MONTH, DEMO_NOW.date())
    assert month.total > 20
    assert month.previous_total > 20, "October is there to compare with"
    assert len(month.by_channel) >= 8
    assert len(month.by_department) >= 3
    assert month.by_doctor
    assert month.resolution.late >= 1
    quarter = analyse(ctx, PeriodKind.QUARTER, DEMO_NOW.date())
    assert quarter.repeat_complainants
    assert 0.6 < (quarter.hit_rate.category_rate or 0) < 1
    assert quarter.satisfied > quarter.unsatisfied > 0


def test_the_demo_deadlines_are_the_ones_its_rules_give(demo_ctx):
    ctx = demo_ctx
    zone = ctx.clinic().zone
    with ctx.db.read() as session:
        for c in session.scalars(select(Complaint).where(Complaint.status != ComplaintStatus.REOPENED)).all():
            due = complaint_rules.deadlines(session, zone, c.category_id, c.urgency, c.received_at)
            assert (c.acknowledge_due_at, c.resolve_due_at) == (due.acknowledge_due_at, due.resolve_due_at)

"""What the complaints of a week, month or quarter say, beside the period before: the management's view.

Counts come from one scan of both periods (codes and ids only, nothing to parse, names looked up after);
the times against the deadlines and the repeat complainants from the period's own rows. Periods are
clinic-local calendar periods (a week starts on the day the clinic's language starts it), turned into UTC
instants with ``day_bounds``.
"""

from __future__ import annotations

import enum
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import String, case, select, type_coerce
from sqlalchemy.orm import Session

from app.context import Context
from app.i18n import first_weekday
from app.models.clinic import Department
from app.models.complaints import Complaint, ComplaintCategory, ComplaintStatus, FeedbackKind, Urgency
from app.models.patients import Patient
from app.models.staff import Doctor
from app.services.complaint_rules import require_view
from app.services.complaint_suggestion import HitRate, hit_rate_in
from app.services.days import day_bounds

#: How many repeat complainants and highlights the summary lists.
TOP = 10


class PeriodKind(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: date
    #: The first day after the period.
    end: date

    def previous(self) -> Period:
        return period_containing(self.kind, self.start - timedelta(days=1), self._week_start)

    @property
    def _week_start(self) -> int:
        return self.start.weekday() if self.kind is PeriodKind.WEEK else 0


def period_containing(kind: PeriodKind, day: date, week_start: int = 0) -> Period:
    """The week (starting on ``week_start``, 0 = Monday), month or quarter that holds ``day``."""
    if kind is PeriodKind.WEEK:
        start = day - timedelta(days=(day.weekday() - week_start) % 7)
        return Period(kind, start, start + timedelta(days=7))
    first_month = day.month if kind is PeriodKind.MONTH else 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    months = 1 if kind is PeriodKind.MONTH else 3
    year, month = divmod(first_month - 1 + months, 12)
    return Period(kind, start, date(day.year + year, month + 1, 1))


@dataclass(frozen=True)
class Count:
    """One bar of a breakdown: what (an enum member's code or a name), this period and the one before."""

    key: str
    count: int
    previous: int


@dataclass(frozen=True)
class Timeliness:
    """How one kind of deadline was met by the period's complaints."""

    due: int
    met: int
    late: int
    #: Due and still not done (nor late yet, when the deadline is ahead).
    pending: int
    median_hours: float | None


@dataclass(frozen=True)
class Repeat:
    name: str
    count: int


@dataclass(frozen=True)
class Highlight:
    received_at: datetime
    kind: FeedbackKind
    urgency: Urgency
    category: str
    status: ComplaintStatus
    summary: str


@dataclass(frozen=True)
class Analysis:
    period: Period
    previous: Period
    total: int
    previous_total: int
    by_kind: tuple[Count, ...]
    by_channel: tuple[Count, ...]
    by_category: tuple[Count, ...]
    by_department: tuple[Count, ...]
    by_doctor: tuple[Count, ...]
    by_urgency: tuple[Count, ...]
    acknowledgement: Timeliness
    resolution: Timeliness
    overdue_now: int
    answered: int
    satisfied: int
    unsatisfied: int
    repeat_complainants: tuple[Repeat, ...]
    hit_rate: HitRate
    highlights: tuple[Highlight, ...]


def _bounds(ctx: Context, period: Period) -> tuple[datetime, datetime]:
    zone = ctx.clinic().zone
    return day_bounds(zone, period.start)[0], day_bounds(zone, period.end)[0]


def _breakdowns(session: Session, current: tuple[datetime, datetime],
                previous: tuple[datetime, datetime]) -> dict[str, tuple[Count, ...]]:
    """Every breakdown of both periods from one scan: the rows' codes and ids, no times to parse."""
    in_current = case(((Complaint.received_at >= current[0]) & (Complaint.received_at < current[1]), 1), else_=0)
    # Codes as plain strings: SQLAlchemy's enum conversion of every row cost more than the scan itself.
    rows = session.execute(
        select(in_current, type_coerce(Complaint.kind, String), type_coerce(Complaint.channel, String),
               type_coerce(Complaint.urgency, String), Complaint.category_id, Complaint.department_id,
               Complaint.doctor_id)
        .where(Complaint.received_at >= previous[0], Complaint.received_at < current[1])).all()
    names = {
        "category": dict(session.execute(select(ComplaintCategory.id, ComplaintCategory.name)).all()),
        "department": dict(session.execute(select(Department.id, Department.name)).all()),
        "doctor": dict(session.execute(select(Doctor.id, Doctor.full_name)).all()),
    }
    dimensions = ("kind", "channel", "urgency", "category", "department", "doctor")
    tallies: dict[str, dict[str, list[int]]] = {key: {} for key in dimensions}
    for (flag, *values), times in Counter(tuple(row) for row in rows).items():
        slot = 0 if flag else 1
        for dimension, value in zip(dimensions, values, strict=True):
            key = names[dimension].get(value) if dimension in names else value
            if key is not None:
                tallies[dimension].setdefault(key, [0, 0])[slot] += times
    return {dimension: tuple(sorted((Count(key, c, p) for key, (c, p) in counts.items()),
                                    key=lambda r: (-r.count, -r.previous, r.key)))
            for dimension, counts in tallies.items()}


def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def _timeliness(rows: list[tuple[datetime, datetime | None, datetime]], now: datetime) -> Timeliness:
    """Each row: received, done (or None), due."""
    met = sum(1 for _, done, due in rows if done is not None and done <= due)
    late = sum(1 for _, done, due in rows if (done is not None and done > due) or (done is None and due < now))
    durations = [_hours(received, done) for received, done, _ in rows if done is not None]
    return Timeliness(len(rows), met, late, len(rows) - met - late,
                      statistics.median(durations) if durations else None)


def analyse(ctx: Context, kind: PeriodKind, day: date) -> Analysis:
    """The period of ``kind`` holding ``day`` (a clinic-local date), against the period before it."""
    with ctx.db.read() as session:
        require_view(ctx, session)
        week_start = first_weekday(ctx.clinic().default_locale)
        period = period_containing(kind, day, week_start)
        return analyse_in(ctx, session, period)


def analyse_in(ctx: Context, session: Session, period: Period) -> Analysis:
    previous = period.previous()
    current, before = _bounds(ctx, period), _bounds(ctx, previous)
    now = ctx.clock.now()
    breakdowns = _breakdowns(session, current, before)
    by_kind = breakdowns["kind"]
    rows = session.execute(
        select(Complaint.received_at, Complaint.acknowledged_at, Complaint.acknowledge_due_at, Complaint.resolved_at,
               Complaint.resolve_due_at, Complaint.status, Complaint.kind, Complaint.patient_id,
               Complaint.contact_details, Complaint.responded_at, Complaint.patient_satisfied)
        .where(Complaint.received_at >= current[0], Complaint.received_at < current[1])).all()
    complaints_only = [r for r in rows if r.kind is FeedbackKind.COMPLAINT]
    acknowledgement = _timeliness([(r.received_at, r.acknowledged_at, r.acknowledge_due_at)
                                   for r in complaints_only], now)
    resolution = _timeliness([(r.received_at, r.resolved_at, r.resolve_due_at) for r in complaints_only
                              if r.status is not ComplaintStatus.REOPENED or r.resolved_at is not None], now)
    pending = (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS,
               ComplaintStatus.REOPENED)
    overdue_now = sum(1 for r in rows if r.status in pending
                      and (r.resolve_due_at if r.acknowledged_at else r.acknowledge_due_at) < now)
    return Analysis(
        period=period, previous=previous, total=sum(c.count for c in by_kind),
        previous_total=sum(c.previous for c in by_kind), by_kind=by_kind,
        by_channel=breakdowns["channel"], by_category=breakdowns["category"],
        by_department=breakdowns["department"], by_doctor=breakdowns["doctor"], by_urgency=breakdowns["urgency"],
        acknowledgement=acknowledgement, resolution=resolution, overdue_now=overdue_now,
        answered=sum(1 for r in rows if r.responded_at is not None),
        satisfied=sum(1 for r in rows if r.patient_satisfied is True),
        unsatisfied=sum(1 for r in rows if r.patient_satisfied is False),
        repeat_complainants=_repeats(session, complaints_only),
        hit_rate=hit_rate_in(session, *current),
        highlights=_highlights(session, current),
    )


def _repeats(session: Session, rows: list) -> tuple[Repeat, ...]:  # type: ignore[type-arg]
    """Who complained twice or more in the period: a patient by their record, an anonymous one by contact."""
    counts = Counter((r.patient_id, "" if r.patient_id else r.contact_details) for r in rows
                     if r.patient_id is not None or r.contact_details)
    repeated = [(key, n) for key, n in counts.items() if n > 1]
    names = dict(session.execute(select(Patient.id, Patient.display_name).where(
        Patient.id.in_([pid for (pid, _), _ in repeated if pid is not None]))).all())
    result = [Repeat(names.get(pid, "") if pid is not None else contact, n) for (pid, contact), n in repeated]
    return tuple(sorted(result, key=lambda r: (-r.count, r.name))[:TOP])


def _highlights(session: Session, current: tuple[datetime, datetime]) -> tuple[Highlight, ...]:
    """For the opinion summary: the most urgent complaints first, then suggestions and compliments."""
    order = case((Complaint.urgency == Urgency.CRITICAL, 0), (Complaint.urgency == Urgency.HIGH, 1),
                 (Complaint.kind == FeedbackKind.SUGGESTION, 2), (Complaint.kind == FeedbackKind.COMPLIMENT, 3),
                 else_=4)
    rows = session.execute(
        select(Complaint.received_at, Complaint.kind, Complaint.urgency, ComplaintCategory.name, Complaint.status,
               Complaint.subject, Complaint.text)
        .outerjoin(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
        .where(Complaint.received_at >= current[0], Complaint.received_at < current[1],
               Complaint.anonymised_at.is_(None))
        .order_by(order, Complaint.received_at.desc()).limit(TOP)).all()
    return tuple(Highlight(at, kind, urgency, category or "", status,
                           (subject or (text.strip().splitlines() or [""])[0])[:160])
                 for at, kind, urgency, category, status, subject, text in rows)

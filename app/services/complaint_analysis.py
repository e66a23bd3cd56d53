"""What the complaints of a week, month or quarter say, beside the period before: the management's view.

Everything is counted by the database (bench/bench_complaints.py: about 30 times a raw count when every row
was parsed in Python, under 10 times now): the breakdowns of both periods from one materialised scan; the
deadlines, answers, overdue ones and the suggestion's hit rate from one aggregate row; the medians and the
repeat complainants from one read of the period's complaints as durations and ids. Times are compared as
stored (UTC, one text format on SQLite, timestamptz on PostgreSQL), durations by ``MinutesBetween``.
Periods are clinic-local calendar periods (a week starts on the day the clinic's language starts it), turned
into UTC instants with ``day_bounds``.
"""

from __future__ import annotations

import enum
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Row, String, and_, case, cast, func, literal_column, or_, select, union_all
from sqlalchemy.orm import Session

from app.context import Context
from app.i18n import first_weekday
from app.models.clinic import Department
from app.models.complaints import Complaint, ComplaintCategory, ComplaintStatus, FeedbackKind, Urgency
from app.models.patients import Patient
from app.models.staff import Doctor
from app.models.types import MinutesBetween
from app.services.complaint_rules import category_name, require_view
from app.services.complaint_suggestion import HitRate
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


_DIMENSIONS = ("kind", "channel", "urgency", "category", "department", "doctor")


def _breakdowns(session: Session, current: tuple[datetime, datetime], previous: tuple[datetime, datetime],
                locale: str | None) -> dict[str, tuple[Count, ...]]:
    """Every breakdown of both periods from one statement: the periods' codes and ids are read once into a
    materialised set, which one GROUP BY per dimension counts; names are looked up after."""
    rows = (select(case((Complaint.received_at >= current[0], 1), else_=0).label("current"),
                   Complaint.kind, Complaint.channel, Complaint.urgency, Complaint.category_id,
                   Complaint.department_id, Complaint.doctor_id)
            .where(Complaint.received_at >= previous[0], Complaint.received_at < current[1])
            .cte("period_rows").prefix_with("MATERIALIZED"))
    current_count = func.coalesce(func.sum(rows.c.current), 0)
    counted = union_all(*(
        select(literal_column(f"'{dimension}'"), cast(rows.c[column], String), current_count,
               func.count() - current_count).group_by(rows.c[column])
        for dimension, column in zip(_DIMENSIONS, ("kind", "channel", "urgency", "category_id", "department_id",
                                                   "doctor_id"), strict=True)))
    categories = {i: category_name(name, names, locale) for i, name, names in session.execute(
        select(ComplaintCategory.id, ComplaintCategory.name, ComplaintCategory.names)).all()}
    names = {
        "category": categories,
        "department": dict(session.execute(select(Department.id, Department.name)).all()),
        "doctor": dict(session.execute(select(Doctor.id, Doctor.full_name)).all()),
    }
    tallies: dict[str, dict[str, list[int]]] = {key: {} for key in _DIMENSIONS}
    for dimension, value, this, before in session.execute(counted).all():
        if value is None:
            continue
        key = names[dimension].get(int(value)) if dimension in names else value
        if key is not None:
            tally = tallies[dimension].setdefault(key, [0, 0])
            tally[0] += this
            tally[1] += before
    return {dimension: tuple(sorted((Count(key, c, p) for key, (c, p) in counts.items()),
                                    key=lambda r: (-r.count, -r.previous, r.key)))
            for dimension, counts in tallies.items()}


@dataclass(frozen=True)
class _Deadline:
    """One kind of deadline as SQL: the rows it applies to, when it was met (or NULL), when it was due."""

    applies: ColumnElement[bool]
    done: Any
    due: Any

    def counts(self, now: datetime) -> list[ColumnElement[int]]:
        """Due, met, late."""
        done, due = self.done, self.due
        return [func.count().filter(self.applies),
                func.count().filter(self.applies, done.is_not(None), done <= due),
                func.count().filter(self.applies, or_(and_(done.is_not(None), done > due),
                                                      and_(done.is_(None), due < now)))]


def _complaints_read(session: Session, in_period: tuple[ColumnElement[bool], ...],
                     deadlines: tuple[_Deadline, ...]) -> tuple[list[float | None], tuple[Repeat, ...]]:
    """From one read of the period's complaints (no times to parse: durations as the database computes
    them): for each deadline, the median time from receipt to done, and the repeat complainants."""
    durations = [case((and_(d.applies, d.done.is_not(None)), MinutesBetween(Complaint.received_at, d.done)))
                 for d in deadlines]
    rows = session.execute(select(Complaint.patient_id, Complaint.contact_details, *durations)
                           .where(*in_period, Complaint.kind == FeedbackKind.COMPLAINT)).all()
    medians: list[float | None] = []
    for column in range(2, 2 + len(deadlines)):
        minutes = [row[column] for row in rows if row[column] is not None]
        # Rounded to milliseconds, the precision SQLite keeps of a time.
        medians.append(round(statistics.median(minutes) * 60, 3) / 3600 if minutes else None)
    return medians, _repeats(session, rows)


def analyse(ctx: Context, kind: PeriodKind, day: date, locale: str | None = None) -> Analysis:
    """The period of ``kind`` holding ``day`` (a clinic-local date), against the period before it; category
    names in ``locale`` (the interface's by default)."""
    with ctx.db.read() as session:
        require_view(ctx, session)
        week_start = first_weekday(ctx.clinic().default_locale)
        period = period_containing(kind, day, week_start)
        return analyse_in(ctx, session, period, locale)


_PENDING = (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS,
            ComplaintStatus.REOPENED)


def analyse_in(ctx: Context, session: Session, period: Period, locale: str | None = None) -> Analysis:
    previous = period.previous()
    current, before = _bounds(ctx, period), _bounds(ctx, previous)
    now = ctx.clock.now()
    breakdowns = _breakdowns(session, current, before, locale)
    by_kind = breakdowns["kind"]
    c = Complaint
    is_complaint = c.kind == FeedbackKind.COMPLAINT
    acknowledgement = _Deadline(is_complaint, c.acknowledged_at, c.acknowledge_due_at)
    # A reopened complaint not yet resolved again is judged by its new deadline when it is resolved.
    resolution = _Deadline(and_(is_complaint, or_(c.status != ComplaintStatus.REOPENED, c.resolved_at.is_not(None))),
                           c.resolved_at, c.resolve_due_at)
    in_period = (c.received_at >= current[0], c.received_at < current[1])
    figures = session.execute(select(
        *acknowledgement.counts(now), *resolution.counts(now),
        func.count().filter(c.status.in_(_PENDING),
                            case((c.acknowledged_at.is_not(None), c.resolve_due_at),
                                 else_=c.acknowledge_due_at) < now),
        func.count(c.responded_at), func.count().filter(c.patient_satisfied.is_(True)),
        func.count().filter(c.patient_satisfied.is_(False)),
        func.count().filter(c.category_id == c.suggested_category_id),
        func.count().filter(c.suggested_category_id.is_not(None), c.category_id.is_not(None)),
        func.count().filter(c.urgency == c.suggested_urgency), func.count(c.suggested_urgency),
    ).where(*in_period)).one()
    ack_due, ack_met, ack_late, res_due, res_met, res_late = figures[:6]
    (ack_median, res_median), repeats = _complaints_read(session, in_period, (acknowledgement, resolution))
    overdue_now, answered, satisfied, unsatisfied = figures[6:10]
    return Analysis(
        period=period, previous=previous, total=sum(c.count for c in by_kind),
        previous_total=sum(c.previous for c in by_kind), by_kind=by_kind,
        by_channel=breakdowns["channel"], by_category=breakdowns["category"],
        by_department=breakdowns["department"], by_doctor=breakdowns["doctor"], by_urgency=breakdowns["urgency"],
        acknowledgement=Timeliness(ack_due, ack_met, ack_late, ack_due - ack_met - ack_late,
                                   ack_median),
        resolution=Timeliness(res_due, res_met, res_late, res_due - res_met - res_late,
                              res_median),
        overdue_now=overdue_now, answered=answered, satisfied=satisfied, unsatisfied=unsatisfied,
        repeat_complainants=repeats,
        hit_rate=HitRate(*figures[10:14]),
        highlights=_highlights(session, current, locale),
    )


def _repeats(session: Session, rows: Sequence[Row[Any]]) -> tuple[Repeat, ...]:
    """Who complained twice or more in the period: a patient by their record, an anonymous one by contact."""
    counts = Counter((r.patient_id, "" if r.patient_id else r.contact_details) for r in rows
                     if r.patient_id is not None or r.contact_details)
    repeated = [(key, n) for key, n in counts.items() if n > 1]
    names = dict(session.execute(select(Patient.id, Patient.display_name).where(
        Patient.id.in_([pid for (pid, _), _ in repeated if pid is not None]))).all())
    result = [Repeat(names.get(pid, "") if pid is not None else contact, n) for (pid, contact), n in repeated]
    return tuple(sorted(result, key=lambda r: (-r.count, r.name))[:TOP])


def _highlights(session: Session, current: tuple[datetime, datetime], locale: str | None) -> tuple[Highlight, ...]:
    """For the opinion summary: the most urgent complaints first, then suggestions and compliments."""
    order = case((Complaint.urgency == Urgency.CRITICAL, 0), (Complaint.urgency == Urgency.HIGH, 1),
                 (Complaint.kind == FeedbackKind.SUGGESTION, 2), (Complaint.kind == FeedbackKind.COMPLIMENT, 3),
                 else_=4)
    rows = session.execute(
        select(Complaint.received_at, Complaint.kind, Complaint.urgency, ComplaintCategory.name,
               ComplaintCategory.names, Complaint.status, Complaint.subject, Complaint.text)
        .outerjoin(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
        .where(Complaint.received_at >= current[0], Complaint.received_at < current[1],
               Complaint.anonymised_at.is_(None))
        .order_by(order, Complaint.received_at.desc()).limit(TOP)).all()
    return tuple(Highlight(at, kind, urgency, category_name(category, names, locale) if category else "", status,
                           (subject or (text.strip().splitlines() or [""])[0])[:160])
                 for at, kind, urgency, category, names, status, subject, text in rows)

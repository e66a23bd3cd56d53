"""The complaint analysis as a printed report, in the language asked for (not necessarily the interface's)."""

from __future__ import annotations

import enum
from datetime import date

from app.context import Context
from app.documents import complaint_report
from app.documents.complaint_report import Bar, ComplaintReport, DeadlineFigures, HighlightLine
from app.i18n import active_locale
from app.labels import label
from app.models.complaints import ContactChannel, FeedbackKind, Urgency
from app.services.complaint_analysis import Analysis, Count, PeriodKind, Timeliness, analyse
from app.services.printouts import clinic_header

#: The breakdowns whose keys are stored codes, shown by their label.
_CODED: dict[str, type[enum.Enum]] = {"kind": FeedbackKind, "channel": ContactChannel, "urgency": Urgency}


def _bars(counts: tuple[Count, ...], codes: type[enum.Enum] | None, locale: str) -> tuple[Bar, ...]:
    return tuple(Bar(label(codes(c.key), locale) if codes else c.key, c.count, c.previous) for c in counts)


def _figures(t: Timeliness) -> DeadlineFigures:
    return DeadlineFigures(t.due, t.met, t.late, t.pending, t.median_hours)


def report_data(ctx: Context, analysis: Analysis, locale: str) -> ComplaintReport:
    """The analysis as the document draws it, every stored value's label in ``locale``."""
    a = analysis
    breakdowns = {
        "kind": a.by_kind, "channel": a.by_channel, "category": a.by_category, "department": a.by_department,
        "doctor": a.by_doctor, "urgency": a.by_urgency,
    }
    return ComplaintReport(
        clinic=clinic_header(ctx.clinic()), zone=ctx.clinic().time_zone, printed_at=ctx.clock.now(),
        period_kind=str(a.period.kind), start=a.period.start, end=a.period.end, previous_start=a.previous.start,
        previous_end=a.previous.end, total=a.total, previous_total=a.previous_total,
        breakdowns={key: _bars(counts, _CODED.get(key), locale) for key, counts in breakdowns.items()},
        acknowledgement=_figures(a.acknowledgement), resolution=_figures(a.resolution), overdue_now=a.overdue_now,
        answered=a.answered, satisfied=a.satisfied, unsatisfied=a.unsatisfied,
        category_kept=a.hit_rate.category_kept, category_suggested=a.hit_rate.category_suggested,
        urgency_kept=a.hit_rate.urgency_kept, urgency_suggested=a.hit_rate.urgency_suggested,
        repeats=tuple((r.name, r.count) for r in a.repeat_complainants),
        highlights=tuple(HighlightLine(h.received_at, label(h.kind, locale), label(h.urgency, locale), h.category,
                                       label(h.status, locale), h.summary) for h in a.highlights),
    )


def report_pdf(ctx: Context, kind: PeriodKind, day: date, locale: str | None = None) -> bytes:
    """The report for the period of ``kind`` holding ``day``; the weekly one is the service opinion summary."""
    chosen = locale or active_locale()
    return complaint_report.render(report_data(ctx, analyse(ctx, kind, day, chosen), chosen), chosen)

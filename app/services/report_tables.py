"""The reports as tables: one definition of every table the screen, the PDF and the CSV/XLSX files show,
so that all of them hold the same numbers.

A table is plain data: a title and column headers (marked messages), rows of a label (a stored value's
label or a name) and numbers, and the kind of those numbers (a count, money, a share, minutes), which
each output formats its own way (the screen and the PDF in a language, the spreadsheet as numbers).
"""

from __future__ import annotations

import enum

from app.documents.desk_report import Label, ReportTable, ValueKind
from app.i18n import N_, NP_
from app.labels import LABELS
from app.models.calls import CallDirection, CallOutcome
from app.services.desk_reports import Amount, Count, MonthlyAnalysis, ShiftReport


def _label(key: object) -> Label:
    """A stored value's marked label, or the name itself (a service, a doctor, a category)."""
    if isinstance(key, enum.Enum):
        return LABELS[type(key)][key]
    return str(key) if key else NP_("report row", "Not stated")


def _counts(key: str, title: str, what: str, counts: tuple[Count, ...], chart: bool = True) -> ReportTable:
    return ReportTable(key, title, (what, N_("Count")), tuple((_label(c.key), (c.count,)) for c in counts),
                       (ValueKind.COUNT,), chart)


def _amounts(key: str, title: str, what: str, amounts: tuple[Amount, ...]) -> ReportTable:
    return ReportTable(key, title, (what, N_("Amount")), tuple((_label(a.key), (a.amount,)) for a in amounts),
                       (ValueKind.MONEY,), True)


def shift_tables(report: ShiftReport) -> list[ReportTable]:
    summary = ReportTable("summary", N_("The shift in figures"), (N_("What"), N_("Count")), (
        (NP_("report row", "First-visit patients seen"), (report.first_visit_patients,)),
        (NP_("report row", "Repeat patients seen"), (report.repeat_patients,)),
        (NP_("report row", "Incoming calls"), (report.calls_total(CallDirection.INCOMING),)),
        (NP_("report row", "Outgoing calls"), (report.calls_total(CallDirection.OUTGOING),)),
        (NP_("report row", "Bookings made"), (report.bookings_made,)),
        (NP_("report row", "No-shows"), (report.no_shows,)),
        (NP_("report row", "Cancellations"), (report.cancellations,)),
        (NP_("report row", "Tasks done"), (report.tasks_done,)),
        (NP_("report row", "Tasks not done"), (report.tasks_not_done,)),
        (NP_("report row", "Tasks still open"), (report.tasks_open,)),
    ), (ValueKind.COUNT,))
    calls = ReportTable("calls", N_("Calls by outcome"), (N_("Outcome"), N_("Incoming"), N_("Outgoing")), tuple(
        (LABELS[CallOutcome][outcome], tuple(
            sum(c.count for c in report.calls if c.outcome is outcome and c.direction is direction)
            for direction in (CallDirection.INCOMING, CallDirection.OUTGOING)))
        for outcome in CallOutcome if any(c.outcome is outcome for c in report.calls)
    ), (ValueKind.COUNT, ValueKind.COUNT))
    cash = ReportTable("cash", N_("Cash desk"), (N_("Cash shift"), N_("Taken"), N_("Refunded"), N_("Expected cash")),
                       tuple((s.number or s.cashier_name, (s.taken, s.refunded, s.expected_cash))
                             for s in report.cash_shifts), (ValueKind.MONEY,) * 3)
    return [
        summary,
        _counts("channels", N_("Where new patients came from"), N_("Channel"), report.new_patient_channels),
        calls,
        _counts("refusals", N_("Refusals and their reasons"), N_("Reason"), report.refusals),
        cash,
    ]


def monthly_tables(report: MonthlyAnalysis) -> list[ReportTable]:
    funnel = report.funnel
    waits = report.waits
    return [
        ReportTable("funnel", N_("Conversion funnel"), (N_("Stage"), N_("Count")), (
            (NP_("report row", "Contacts"), (funnel.contacts,)), (NP_("report row", "Bookings"), (funnel.bookings,)),
            (NP_("report row", "Visits"), (funnel.visits,)),
            (NP_("report row", "Repeat visits"), (funnel.repeat_visits,)),
        ), (ValueKind.COUNT,), True),
        ReportTable("patients", N_("Patients"), (N_("Patients"), N_("Count")), (
            (NP_("report row", "First visit"), (report.first_visit_patients,)),
            (NP_("report row", "Repeat"), (report.repeat_patients,)),
        ), (ValueKind.COUNT,), True),
        _counts("channels", N_("Acquisition channels of new patients"), N_("Channel"), report.new_patient_channels),
        ReportTable("attendance", N_("Attendance"), (N_("What"), N_("Count"), N_("Share")), (
            (NP_("report row", "Appointments"), (report.appointments, None)),
            (NP_("report row", "No-shows"), (report.no_shows, report.no_show_rate)),
            (NP_("report row", "Late cancellations"), (report.late_cancellations, report.late_cancellation_rate)),
        ), (ValueKind.COUNT, ValueKind.SHARE)),
        ReportTable("waiting", N_("Waiting times"), (N_("What"), N_("Minutes")), (
            (NP_("report row", "Average wait"), (waits.average_wait,)),
            (NP_("report row", "90% waited at most"), (waits.p90_wait,)),
            (NP_("report row", "Average consultation"), (waits.average_consultation,)),
        ), (ValueKind.MINUTES,)),
        _amounts("revenue_services", N_("Revenue by service"), N_("Service"), report.revenue_by_service),
        _amounts("revenue_doctors", N_("Revenue by doctor"), N_("Doctor"), report.revenue_by_doctor),
        _amounts("payments", N_("Payments by method"), N_("Payment method"), report.payments_by_method),
        ReportTable("complaints", N_("Complaints"), (N_("What"), N_("Count")), (
            (NP_("report row", "Received"), (sum(c.count for c in report.complaints_by_status),)),
            (NP_("report row", "Resolved"), (report.complaints_resolved,)),
            (NP_("report row", "Resolved in time"), (report.complaints_resolved_on_time,)),
        ), (ValueKind.COUNT,)),
        _counts("complaints_status", N_("Complaints by status"), N_("Status"), report.complaints_by_status),
        _counts("complaints_category", N_("Complaints by category"), N_("Category"), report.complaints_by_category),
    ]

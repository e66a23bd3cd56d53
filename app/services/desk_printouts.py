"""The desk's reports as PDF documents, in the interface's language or another one."""

from __future__ import annotations

from datetime import date, datetime

from app.context import Context
from app.documents import desk_report
from app.documents.desk_report import ReportDocument, ReportTable
from app.i18n import N_, active_locale, format_date, format_datetime, gettext
from app.services import desk_reports
from app.services.printouts import clinic_header
from app.services.report_tables import monthly_tables, shift_tables

_SHIFT_TITLE = N_("End-of-shift report")
_MONTH_TITLE = N_("Monthly analysis")
_PERIOD = N_("{start} – {end}")


def _document(ctx: Context, title: str, subtitle: str, tables: list[ReportTable]) -> ReportDocument:
    clinic = ctx.clinic()
    return ReportDocument(clinic=clinic_header(clinic), title=title, subtitle=subtitle, currency=clinic.currency,
                          zone=clinic.time_zone, printed_at=ctx.clock.now(), tables=tuple(tables))


def shift_report_pdf(ctx: Context, start: datetime, end: datetime, locale: str | None = None) -> bytes:
    locale = locale or active_locale()
    zone = ctx.clinic().zone
    report = desk_reports.shift_report(ctx, start, end)
    subtitle = gettext(_PERIOD, locale).format(start=format_datetime(start, zone, "short", locale),
                                               end=format_datetime(end, zone, "short", locale))
    return desk_report.render(_document(ctx, gettext(_SHIFT_TITLE, locale), subtitle, shift_tables(report)),
                              locale)


def monthly_pdf(ctx: Context, first_day: date, last_day: date, locale: str | None = None) -> bytes:
    locale = locale or active_locale()
    report = desk_reports.monthly_analysis(ctx, first_day, last_day)
    subtitle = gettext(_PERIOD, locale).format(start=format_date(first_day, "long", locale),
                                               end=format_date(last_day, "long", locale))
    return desk_report.render(_document(ctx, gettext(_MONTH_TITLE, locale), subtitle, monthly_tables(report)),
                              locale)

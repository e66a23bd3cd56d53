"""Printed documents: read what a document shows, hand it to ``app.documents`` as plain data, return the PDF.

Documents never see a session; this module is where the database's rows become a document's data.
"""

from __future__ import annotations

from datetime import date

from app.context import ClinicProfile, Context
from app.documents import daily_list
from app.documents.layout import ClinicHeader
from app.i18n import active_locale
from app.labels import LABELS
from app.models.scheduling import ACTIVE_STATUSES, AppointmentStatus
from app.services.scheduling import AppointmentRow, day_list


def clinic_header(clinic: ClinicProfile) -> ClinicHeader:
    return ClinicHeader(legal_name=clinic.legal_name, address=clinic.address, phone=clinic.phone,
                        tax_id=clinic.tax_id)


def daily_list_pdf(ctx: Context, day: date, locale: str | None = None, *, doctor_id: int | None = None) -> bytes:
    """The day's appointment list (clinic time), of every doctor or of one, in ``locale`` or else the
    interface's language."""
    locale = locale or active_locale()
    rows = day_list(ctx, day, doctor_id=doctor_id, locale=locale)
    clinic = ctx.clinic()
    data = daily_list.DailyList(
        clinic=clinic_header(clinic),
        day=day,
        zone=clinic.time_zone,
        printed_at=ctx.clock.now(),
        rows=tuple(_daily_row(row) for row in rows),
    )
    return daily_list.render(data, locale)


def _daily_row(row: AppointmentRow) -> daily_list.DailyListRow:
    return daily_list.DailyListRow(
        start_at=row.start_at,
        end_at=row.end_at,
        doctor=daily_list.DailyListDoctor(id=row.doctor_id, name=row.doctor_name, specialty=row.specialty),
        patient_name=row.patient_name,
        phone=row.patient_phone,
        service=row.service_name,
        status=LABELS[AppointmentStatus][row.status],
        active=row.status in ACTIVE_STATUSES,
        first_visit=row.first_visit,
    )

"""The clinic's daily appointment list: one section per doctor, rows in time order, A4 landscape.

A pure function of its data and a locale: the caller (``app.services.printouts``) reads the database, this
module only draws. The list may be printed in a language other than the interface's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from app.documents import fonts
from app.documents.layout import (
    BAND,
    HAIRLINE,
    MARGIN_X,
    MUTED,
    RULE,
    ClinicHeader,
    PageSetup,
    TextCell,
    para,
    render_pdf,
    styles,
    table_style,
    tr,
)
from app.i18n import N_, Message, format_date, format_integer, format_time, gettext, translate

_TITLE = N_("Appointments for {date}")
_ZONE = N_("Times in the clinic's time zone, {zone}")
_COLUMNS = (N_("Time"), N_("Patient"), N_("Phone"), N_("Service"), N_("Status"))
_FIRST_VISIT = N_("First visit")
_DOCTOR_TOTAL = N_("Appointments: {count}")
_DOCTOR_TOTAL_WITH_CANCELLED = N_("Appointments: {count} (cancelled or missed: {cancelled})")
_DAY_TOTAL = N_("Appointments for the day: {count}")
_DAY_DOCTORS = N_("Doctors: {count}")
_NOTHING = N_("No appointments on this day.")
#: Each column's share of the table's width, in the order of ``_COLUMNS``.
_SHARES = (0.13, 0.29, 0.15, 0.27, 0.16)
_TIME_SPAN = "{start}–{end}"


@dataclass(frozen=True)
class DailyListDoctor:
    """A section of the list; ``id`` only keeps two doctors with the same name apart."""

    id: int
    name: str
    specialty: str


@dataclass(frozen=True)
class DailyListRow:
    start_at: datetime
    end_at: datetime
    doctor: DailyListDoctor
    patient_name: str
    phone: str
    service: str
    #: The status's label as marked for translation (``app.labels.LABELS``), shown in the document's language.
    status: Message
    #: False for a cancelled or missed appointment: shown greyed and not counted.
    active: bool
    first_visit: bool

    def __post_init__(self) -> None:
        if self.start_at.tzinfo is None or self.end_at.tzinfo is None:
            raise ValueError("appointment times must be timezone-aware")


@dataclass(frozen=True)
class DailyList:
    clinic: ClinicHeader
    day: date
    #: The clinic's IANA time zone: times are shown there, whatever the printing computer's zone.
    zone: str
    printed_at: datetime
    rows: tuple[DailyListRow, ...]


def render(data: DailyList, locale: str) -> bytes:
    """The list as PDF bytes, every word in ``locale``."""
    zone = ZoneInfo(data.zone)
    setup = PageSetup(
        clinic=data.clinic,
        title=tr(_TITLE, locale, date=format_date(data.day, "long", locale)),
        subtitle=tr(_ZONE, locale, zone=data.zone),
        printed_at=data.printed_at,
        zone=zone,
        locale=locale,
        pagesize=landscape(A4),
    )
    width = setup.pagesize[0] - 2 * MARGIN_X
    story: list[Flowable] = []
    sections = _by_doctor(data.rows)
    for doctor, rows in sections:
        story.append(_section(doctor, rows, zone, locale, width))
        story.append(Spacer(1, 5 * mm))
    if sections:
        active = sum(row.active for row in data.rows)
        story.append(para(tr(_DAY_TOTAL, locale, count=format_integer(active, locale)), "total", bold=True))
        story.append(para(tr(_DAY_DOCTORS, locale, count=format_integer(len(sections), locale)), "total", bold=True))
    else:
        story.append(para(gettext(_NOTHING, locale), "cell"))
    return render_pdf(story, setup)


def _by_doctor(rows: Iterable[DailyListRow]) -> list[tuple[DailyListDoctor, list[DailyListRow]]]:
    """Sections in doctors' name order, each section's rows in time order."""
    sections: dict[DailyListDoctor, list[DailyListRow]] = {}
    for row in rows:
        sections.setdefault(row.doctor, []).append(row)
    return [
        (doctor, sorted(sections[doctor], key=lambda row: (row.start_at, row.end_at)))
        for doctor in sorted(sections, key=lambda doctor: (doctor.name.casefold(), doctor.id))
    ]


def _section(doctor: DailyListDoctor, rows: list[DailyListRow], zone: ZoneInfo, locale: str,
             width: float) -> Table:
    """One doctor's table: the doctor's name and the column titles repeat on every page it runs over."""
    heading = Paragraph(
        fonts.markup(doctor.name, bold=True)
        + (f'<font color="{MUTED.hexval()}"> · {fonts.markup(doctor.specialty)}</font>' if doctor.specialty else ""),
        styles()["heading"],
    )
    body: list[list[Flowable | str]] = [
        [heading, "", "", "", ""],
        [para(gettext(column, locale), "column", bold=True) for column in _COLUMNS],
    ]
    body += [_row(row, zone, locale) for row in rows]
    active = sum(row.active for row in rows)
    cancelled = len(rows) - active
    total = (tr(_DOCTOR_TOTAL_WITH_CANCELLED, locale, count=format_integer(active, locale),
                cancelled=format_integer(cancelled, locale)) if cancelled
             else tr(_DOCTOR_TOTAL, locale, count=format_integer(active, locale)))
    body.append([para(total, "total", bold=True), "", "", "", ""])
    last = len(body) - 1
    table = Table(body, colWidths=[width * share for share in _SHARES], repeatRows=2, hAlign="LEFT")
    table.setStyle(table_style(
        ("SPAN", (0, 0), (-1, 0)),
        ("SPAN", (0, last), (-1, last)),
        ("BACKGROUND", (0, 0), (-1, 0), BAND),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("LINEBELOW", (0, 1), (-1, 1), 0.6, RULE),
        ("LINEBELOW", (0, 2), (-1, last - 1), 0.3, HAIRLINE),
        ("LINEABOVE", (0, last), (-1, last), 0.6, RULE),
    ))
    return table


def _row(row: DailyListRow, zone: ZoneInfo, locale: str) -> list[Flowable | list[Flowable]]:
    style = "cell" if row.active else "cell_muted"
    span = _TIME_SPAN.format(start=format_time(row.start_at, zone, locale), end=format_time(row.end_at, zone, locale))
    patient: list[Flowable] = [TextCell(row.patient_name, style)]
    if row.first_visit:
        patient.append(TextCell(gettext(_FIRST_VISIT, locale), "note"))
    return [
        TextCell(span, style),
        patient,
        TextCell(row.phone, style),
        TextCell(row.service, style),
        TextCell(translate(row.status, locale), style),
    ]

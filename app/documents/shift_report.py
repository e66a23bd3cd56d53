"""The X or Z report of a cash shift on the 80 mm roll (or A5/A4): totals by method, and the drawer's cash — float, cash
taken, cash refunded, expected, and (Z) counted with the difference. A pure function of data and locale."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable

from app.documents.layout import ClinicHeader, tr
from app.documents.receipt import Paper, clinic_block, pairs, para_roll, rule, slip_pdf
from app.i18n import N_, Message, format_datetime, format_integer, format_money, gettext, translate

_X_TITLE = N_("Shift report (X)")
_Z_TITLE = N_("Shift closing (Z)")
_SHIFT = N_("Shift {number}")
_OPENED = N_("Opened {when}")
_CLOSED = N_("Closed {when}")
_CASHIER = N_("Cashier: {name}")
_PAYMENTS = N_("{method}: {count}")
_REFUNDED_LINE = N_("refunded")
_FLOAT = N_("Opening float")
_CASH_IN = N_("Cash taken")
_CASH_OUT = N_("Cash refunded")
_EXPECTED = N_("Expected in the drawer")
_COUNTED = N_("Counted cash")
_DIFFERENCE = N_("Difference")
_PRINTED = N_("Printed {when}")


@dataclass(frozen=True)
class MethodLine:
    method: Message | str
    payments: int
    taken: Decimal
    refunded: Decimal


@dataclass(frozen=True)
class ShiftReportData:
    clinic: ClinicHeader
    number: str
    cashier_name: str
    zone: str
    currency: str
    opened_at: datetime
    closed_at: datetime | None
    printed_at: datetime
    opening_float: Decimal
    cash_in: Decimal
    cash_out: Decimal
    expected_cash: Decimal
    counted_cash: Decimal | None
    methods: tuple[MethodLine, ...] = field(hash=False)


def render_shift_report(data: ShiftReportData, locale: str, paper: Paper = "roll80") -> bytes:
    """The X or Z report in ``locale`` on the 80 mm roll (as long as its content) or an A5/A4 page."""
    zone = ZoneInfo(data.zone)
    title = gettext(_Z_TITLE if data.closed_at else _X_TITLE, locale)
    return slip_pdf(lambda width, with_clinic: _story(data, locale, width, with_clinic), paper, clinic=data.clinic,
                    title=title, subtitle=tr(_SHIFT, locale, number=data.number), printed_at=data.printed_at,
                    zone=zone, locale=locale)


def _story(data: ShiftReportData, locale: str, width: float, with_clinic: bool) -> list[Flowable]:
    zone = ZoneInfo(data.zone)

    def money(amount: Decimal) -> str:
        return format_money(amount, data.currency, locale)

    def when(moment: datetime) -> str:
        return format_datetime(moment, zone, "medium", locale)

    title = gettext(_Z_TITLE if data.closed_at else _X_TITLE, locale)
    story: list[Flowable] = []
    if with_clinic:  # on A5/A4 the letterhead carries the clinic, the title and the number
        story += [*clinic_block(data.clinic, locale), para_roll(title, 11, bold=True, align=TA_CENTER),
                  para_roll(tr(_SHIFT, locale, number=data.number), 9, bold=True, align=TA_CENTER)]
    story.append(para_roll(tr(_OPENED, locale, when=when(data.opened_at)), 8, align=TA_CENTER))
    if data.closed_at:
        story.append(para_roll(tr(_CLOSED, locale, when=when(data.closed_at)), 8, align=TA_CENTER))
    story.append(para_roll(tr(_CASHIER, locale, name=data.cashier_name), 8, align=TA_CENTER))
    story.append(rule())
    for line in data.methods:
        count = format_integer(line.payments, locale)
        label = tr(_PAYMENTS, locale, method=translate(line.method, locale), count=count)
        rows = [(label, money(line.taken))]
        if line.refunded:
            rows.append(("  " + gettext(_REFUNDED_LINE, locale), "−" + money(line.refunded)))
        story.append(pairs(rows, width))
    story.append(rule())
    cash = [(gettext(_FLOAT, locale), money(data.opening_float)), (gettext(_CASH_IN, locale), money(data.cash_in)),
            (gettext(_CASH_OUT, locale), "−" + money(data.cash_out))]
    story.append(pairs(cash, width))
    story.append(pairs([(gettext(_EXPECTED, locale), money(data.expected_cash))], width, bold=True, size=9))
    if data.counted_cash is not None:
        story.append(pairs([(gettext(_COUNTED, locale), money(data.counted_cash)),
                            (gettext(_DIFFERENCE, locale), money(data.counted_cash - data.expected_cash))],
                           width, bold=True, size=9))
    story.append(rule())
    story.append(para_roll(tr(_PRINTED, locale, when=when(data.printed_at)), 7, muted=True))
    return story

"""The cash receipt (and the refund receipt and the credit note): 80 mm thermal roll as long as its content, or
A5/A4 with the letterhead.

A pure function of plain data and a locale: ``app.services.receipts`` reads the database, this module only
draws. A reprint says "Copy" under the title. Money is formatted in the receipt's language, with the
clinic's currency and its minor units (KRW has none).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from app.documents import fonts
from app.documents.layout import MUTED, RULE, ClinicHeader, PageSetup, render_pdf, styles, table_style, tr
from app.i18n import N_, Message, format_datetime, format_decimal, format_money, gettext, translate

ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm
Paper = Literal["roll80", "a5", "a4"]

_RECEIPT = N_("Cash receipt")
_REFUND_RECEIPT = N_("Refund receipt")
_CREDIT_NOTE = N_("Credit note")
_CORRECTS = N_("Corrects invoice {number}")
_CREDITED = N_("Total credited")
_COPY = N_("COPY")
_NUMBER = N_("No. {number}")
_PATIENT = N_("Patient: {name}")
_INVOICE = N_("Invoice {number}")
_REFUND_OF = N_("Refund of receipt {number}")
_REASON = N_("Reason: {reason}")
_QUANTITY = N_("{quantity} × {price}")
_DISCOUNT = N_("Discount: {reason}")
_SUBTOTAL = N_("Subtotal")
_DISCOUNTS = N_("Discounts")
_TAX_INCLUDED = N_("Tax included")
_TAX = N_("Tax")
_TOTAL = N_("Total")
_PAID = N_("Paid")
_REFUNDED = N_("Refunded")
_TENDERED = N_("Cash tendered")
_CHANGE = N_("Change")
_TO_DEPOSIT = N_("Kept as deposit")
_DEBT = N_("Still to pay")
_CASHIER = N_("Cashier: {name}")
_TAX_ID = N_("Tax ID: {tax_id}")
_PHONE = N_("Phone: {phone}")


@dataclass(frozen=True)
class ReceiptLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal
    discount_reason: str
    total: Decimal


@dataclass(frozen=True)
class ReceiptPayment:
    """One method's part; ``method`` is its label, translated in the receipt's language."""

    method: Message | str
    amount: Decimal


@dataclass(frozen=True)
class ReceiptData:
    clinic: ClinicHeader
    number: str
    issued_at: datetime
    zone: str
    currency: str
    patient_name: str
    cashier_name: str
    payments: tuple[ReceiptPayment, ...] = field(hash=False)
    lines: tuple[ReceiptLine, ...] = field(default=(), hash=False)
    invoice_number: str = ""
    subtotal: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    tax_included: bool = True
    total: Decimal = Decimal(0)
    tendered: Decimal | None = None
    change: Decimal = Decimal(0)
    to_deposit: Decimal = Decimal(0)
    remaining_debt: Decimal = Decimal(0)
    is_refund: bool = False
    #: A credit note: its lines are what it takes off ``invoice_number``; no money changes hands on it.
    is_credit_note: bool = False
    refund_of: str = ""
    reason: str = ""
    copy: bool = False

    @property
    def title(self) -> str:
        """The document's title, an ``N_()`` msgid."""
        return _CREDIT_NOTE if self.is_credit_note else _REFUND_RECEIPT if self.is_refund else _RECEIPT


@cache
def _style(name: str, size: float, align: int = 0, muted: bool = False) -> ParagraphStyle:
    return ParagraphStyle(f"receipt:{name}", parent=styles()["cell"], fontSize=size, leading=size * 1.25,
                          alignment=align, textColor=MUTED if muted else styles()["cell"].textColor)


def para_roll(text: str, size: float = 8, *, bold: bool = False, align: int = 0, muted: bool = False) -> Paragraph:
    return Paragraph(fonts.markup(text, bold=bold), _style(f"{size}:{align}:{muted}", size, align, muted))


def rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.5, color=RULE, spaceBefore=1.5 * mm, spaceAfter=1.5 * mm, dash=(2, 2))


def pairs(rows: list[tuple[str, str]], width: float, *, bold: bool = False, size: float = 8) -> Table:
    """Label on the left, amount on the right, one row each."""
    left = width * 0.58
    table = Table([[para_roll(a, size, bold=bold), para_roll(b, size, bold=bold, align=TA_RIGHT)] for a, b in rows],
                  colWidths=[left, width - left])
    table.setStyle(table_style(("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.4), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.4),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")))
    return table


def clinic_block(clinic: ClinicHeader, locale: str) -> list[Flowable]:
    story: list[Flowable] = [para_roll(clinic.legal_name, 10, bold=True, align=TA_CENTER)]
    story += [para_roll(text, 7, align=TA_CENTER, muted=True) for text in (
        clinic.address,
        tr(_TAX_ID, locale, tax_id=clinic.tax_id) if clinic.tax_id else "",
        tr(_PHONE, locale, phone=clinic.phone) if clinic.phone else "") if text]
    return [*story, Spacer(1, 2 * mm)]


class _Receipt:
    """Builds the story of one receipt in one language."""

    def __init__(self, data: ReceiptData, locale: str, width: float) -> None:
        self.data, self.locale, self.width = data, locale, width

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.data.currency, self.locale)

    def rule(self) -> HRFlowable:
        return rule()

    def pairs(self, rows: list[tuple[str, str]], *, bold: bool = False, size: float = 8) -> Table:
        return pairs(rows, self.width, bold=bold, size=size)

    def heading(self, *, titled: bool) -> list[Flowable]:
        """``titled``: the title and number head the story (on A5/A4 the letterhead already carries them)."""
        data, locale = self.data, self.locale
        story: list[Flowable] = []
        if titled:
            story.append(para_roll(gettext(data.title, locale), 11, bold=True, align=TA_CENTER))
        if data.copy:
            story.append(para_roll(gettext(_COPY, locale), 9, bold=True, align=TA_CENTER))
        if titled:
            story.append(para_roll(tr(_NUMBER, locale, number=data.number), 9, bold=True, align=TA_CENTER))
        when = format_datetime(data.issued_at, ZoneInfo(data.zone), "medium", locale)
        story.append(para_roll(when, 8, align=TA_CENTER))
        story.append(self.rule())
        story.append(para_roll(tr(_PATIENT, locale, name=data.patient_name), 8.5, bold=True))
        if data.invoice_number:
            story.append(para_roll(tr(_CORRECTS if data.is_credit_note else _INVOICE, locale,
                                      number=data.invoice_number), 7.5, muted=True))
        if data.refund_of:
            story.append(para_roll(tr(_REFUND_OF, locale, number=data.refund_of), 7.5, muted=True))
        if data.reason:
            story.append(para_roll(tr(_REASON, locale, reason=data.reason), 7.5, muted=True))
        return story

    def lines(self) -> list[Flowable]:
        if not self.data.lines:
            return []
        story: list[Flowable] = [self.rule()]
        for line in self.data.lines:
            story.append(para_roll(line.description, 8))
            quantity = tr(_QUANTITY, self.locale, quantity=format_decimal(line.quantity.normalize(), self.locale),
                          price=self.money(line.unit_price))
            story.append(self.pairs([(quantity, self.money(line.total + line.discount))]))
            if line.discount:
                story.append(self.pairs([(tr(_DISCOUNT, self.locale, reason=line.discount_reason),
                                          "−" + self.money(line.discount))], size=7.5))
        return story

    def totals(self) -> list[Flowable]:
        data, locale = self.data, self.locale
        story: list[Flowable] = [self.rule()]
        if data.lines:
            rows = [(gettext(_SUBTOTAL, locale), self.money(data.subtotal))]
            if data.discount:
                rows.append((gettext(_DISCOUNTS, locale), "−" + self.money(data.discount)))
            if data.tax:
                rows.append((gettext(_TAX_INCLUDED if data.tax_included else _TAX, locale), self.money(data.tax)))
            story.append(self.pairs(rows))
            story.append(self.pairs([(gettext(_CREDITED if data.is_credit_note else _TOTAL, locale),
                                      self.money(data.total))], bold=True, size=10))
            story.append(Spacer(1, 1.5 * mm))
        if not data.is_credit_note:
            story += self.payments()
        story.append(self.rule())
        story.append(para_roll(tr(_CASHIER, locale, name=data.cashier_name), 7.5, muted=True))
        return story

    def payments(self) -> list[Flowable]:
        data, locale = self.data, self.locale
        story: list[Flowable] = []
        paid = sum((p.amount for p in data.payments), Decimal(0))
        title = _REFUNDED if data.is_refund else _PAID
        story.append(self.pairs([(gettext(title, locale), self.money(paid))], bold=True, size=10))
        rows = [(f"  {translate(p.method, locale)}", self.money(p.amount)) for p in data.payments]
        if data.tendered is not None:
            rows.append((gettext(_TENDERED, locale), self.money(data.tendered)))
            rows.append((gettext(_CHANGE, locale), self.money(data.change)))
        if data.to_deposit:
            rows.append((gettext(_TO_DEPOSIT, locale), self.money(data.to_deposit)))
        if data.remaining_debt:
            rows.append((gettext(_DEBT, locale), self.money(data.remaining_debt)))
        story.append(self.pairs(rows))
        return story

    def story(self, *, with_clinic: bool) -> list[Flowable]:
        clinic = clinic_block(self.data.clinic, self.locale) if with_clinic else []
        return [*clinic, *self.heading(titled=with_clinic), *self.lines(), *self.totals()]


def render_receipt(data: ReceiptData, locale: str, paper: Paper = "roll80") -> bytes:
    """The receipt as PDF bytes in ``locale``: an 80 mm roll as long as its content, or an A5/A4 page."""
    title = gettext(data.title, locale)
    return slip_pdf(lambda width, with_clinic: _Receipt(data, locale, width).story(with_clinic=with_clinic),
                    paper, clinic=data.clinic, title=title, subtitle=tr(_NUMBER, locale, number=data.number),
                    printed_at=data.issued_at, zone=ZoneInfo(data.zone), locale=locale)


def slip_pdf(story: Callable[[float, bool], list[Flowable]], paper: Paper, *, clinic: ClinicHeader, title: str,
             subtitle: str, printed_at: datetime, zone: ZoneInfo, locale: str) -> bytes:
    """A till slip (receipt, shift report) on ``paper``. ``story(width, with_clinic)`` gives its content for a
    column ``width`` wide; on the roll it carries the clinic's name itself, on A5/A4 the letterhead does."""
    if paper != "roll80":
        setup = PageSetup(clinic=clinic, title=title, subtitle=subtitle, printed_at=printed_at, zone=zone,
                          locale=locale, pagesize=A5 if paper == "a5" else A4)
        return render_pdf(story(min(setup.pagesize[0] - 28 * mm, 110 * mm), False), setup)
    return roll_pdf(story(ROLL_WIDTH - 2 * ROLL_MARGIN, True), f"{title} {subtitle}", clinic.legal_name, locale)


def roll_pdf(story: list[Flowable], title: str, author: str, locale: str) -> bytes:
    """``story`` on one 80 mm page exactly as long as it (thermal printers cut after the content)."""
    width = ROLL_WIDTH - 2 * ROLL_MARGIN
    height = sum(_height(flowable, width) for flowable in story) + 2 * ROLL_MARGIN + 2 * mm
    buffer = io.BytesIO()
    frame = Frame(ROLL_MARGIN, ROLL_MARGIN, width, height - 2 * ROLL_MARGIN, leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0, id="roll")
    document = BaseDocTemplate(buffer, pagesize=(ROLL_WIDTH, height), title=title, author=author,
                               creator="Clinic Desk", invariant=True, lang=locale.replace("_", "-"),
                               initialFontName=fonts.BASE_FONT, pageTemplates=[PageTemplate(id="roll", frames=[frame])])
    document.build(story)
    return buffer.getvalue()


def _height(flowable: Flowable, width: float) -> float:
    _, height = flowable.wrap(width, 10_000 * mm)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()

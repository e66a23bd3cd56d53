"""The desk's reports as PDF: the end-of-shift report and the monthly analysis, each a run of titled
tables, with a bar chart beside the tables whose figures compare (where patients came from, revenue by
service...).

A pure function of plain data and a locale (``app.services.report_tables`` builds the tables): the same
tables the dock shows and the spreadsheets hold. Bars are drawn on ReportLab's canvas with the labels in
fonts that have their characters (Hangul, Han, Cyrillic), like every other text of our documents.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from app.documents import fonts
from app.documents.layout import (
    BAND,
    HAIRLINE,
    MUTED,
    RULE,
    ClinicHeader,
    PageSetup,
    TextCell,
    para,
    render_pdf,
    table_style,
)
from app.i18n import N_, Message, format_decimal, format_integer, format_money, gettext, translate

_NOTHING = N_("Nothing to show for this period.")
BAR_COLOR = colors.HexColor("#1F5FA8")

Label = str | Message
Number = int | Decimal | float | None


class ValueKind(enum.StrEnum):
    COUNT = "count"
    MONEY = "money"
    SHARE = "share"
    MINUTES = "minutes"


Label = str | Message
Number = int | Decimal | float | None


@dataclass(frozen=True)
class ReportTable:
    #: Stable across languages: names the sheet and the CSV file.
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Label, tuple[Number, ...]], ...]
    kinds: tuple[ValueKind, ...]
    #: Draw the first value column as bars (in the dock and the PDF).
    chart: bool = False




def format_value(value: Number, kind: ValueKind, currency: str, locale: str | None = None) -> str:
    """A figure as a person reads it in ``locale``: the screen and the PDF show the same text."""
    if value is None:
        return "—"
    if kind is ValueKind.MONEY:
        return format_money(Decimal(value), currency, locale)
    if kind is ValueKind.SHARE:
        return gettext(N_("{value} %"), locale).format(value=format_decimal(round(Decimal(value) * 100, 1), locale))
    if kind is ValueKind.MINUTES:
        return format_decimal(round(Decimal(value), 1), locale)
    return format_integer(int(value), locale)


@dataclass(frozen=True)
class ReportDocument:
    clinic: ClinicHeader
    #: The title and subtitle, already in the document's language (the period, the shift's hours).
    title: str
    subtitle: str
    currency: str
    zone: str
    printed_at: datetime
    tables: tuple[ReportTable, ...]


def text_of(label: Label, locale: str) -> str:
    return translate(label, locale) if isinstance(label, Message) else label


def render(document: ReportDocument, locale: str) -> bytes:
    setup = PageSetup(clinic=document.clinic, title=document.title, subtitle=document.subtitle,
                      printed_at=document.printed_at, zone=ZoneInfo(document.zone), locale=locale, pagesize=A4)
    width = A4[0] - 2 * 14 * mm
    story: list[Flowable] = []
    for table in document.tables:
        story.append(_section(table, document.currency, locale, width))
        story.append(Spacer(1, 5 * mm))
    if not any(table.rows for table in document.tables):
        story.append(para(gettext(_NOTHING, locale), "cell"))
    return render_pdf(story, setup)


def _section(table: ReportTable, currency: str, locale: str, width: float) -> Flowable:
    heading = para(gettext(table.title, locale), "heading", bold=True)
    if not table.rows:
        return KeepTogether([heading, para(gettext(_NOTHING, locale), "cell_muted")])
    values = len(table.kinds)
    label_share = 0.46 if values == 1 else 0.40
    table_width = width * (0.55 if table.chart else 1.0)
    shares = [label_share] + [(1 - label_share) / values] * values
    body: list[list[Flowable | str]] = [[para(gettext(c, locale), "column", bold=True) for c in table.columns]]
    body += [[TextCell(text_of(label, locale), "cell")]
             + [TextCell(format_value(v, k, currency, locale), "cell") for v, k in zip(row, table.kinds, strict=True)]
             for label, row in table.rows]
    grid = Table(body, colWidths=[table_width * share for share in shares], repeatRows=1, hAlign="LEFT")
    grid.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), BAND),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, HAIRLINE),
    ))
    content: Flowable = grid
    if table.chart:
        bars = Bars([(text_of(label, locale), _number(row[0]), format_value(row[0], table.kinds[0], currency, locale))
                     for label, row in table.rows], width - table_width - 6 * mm)
        content = Table([[grid, bars]], colWidths=[table_width + 6 * mm, width - table_width - 6 * mm],
                        hAlign="LEFT")
        content.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), 0)))
    return KeepTogether([heading, Spacer(1, 1.5 * mm), content])


def _number(value: Number) -> float:
    return float(value) if value is not None else 0.0


class Bars(Flowable):
    """A horizontal bar chart: a label, a bar in proportion to the largest value, and the value's text."""

    ROW = 5.2 * mm
    SIZE = 7.5

    def __init__(self, rows: Sequence[tuple[str, float, str]], width: float) -> None:
        super().__init__()
        self._rows = list(rows)
        self.width = width
        self.height = self.ROW * len(self._rows) + 2 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _text(self, text: str, x: float, y: float, *, right: bool = False, limit: float | None = None) -> float:
        runs = fonts.runs(text)
        total = sum(stringWidth(chunk, font, self.SIZE) for font, chunk in runs)
        while limit is not None and total > limit and len(text) > 1:
            text = text[:-2] + "…"
            runs = fonts.runs(text)
            total = sum(stringWidth(chunk, font, self.SIZE) for font, chunk in runs)
        cursor = x - total if right else x
        for font, chunk in runs:
            self.canv.setFont(font, self.SIZE)
            self.canv.drawString(cursor, y, chunk)
            cursor += stringWidth(chunk, font, self.SIZE)
        return total

    def draw(self) -> None:
        canvas = self.canv
        label_width = self.width * 0.38
        value_width = max((sum(stringWidth(c, f, self.SIZE) for f, c in fonts.runs(t)) for _l, _v, t in self._rows),
                          default=0) + 2 * mm
        bar_width = max(self.width - label_width - value_width - 2 * mm, 10)
        top = max((value for _l, value, _t in self._rows), default=0) or 1.0
        for index, (label, value, text) in enumerate(self._rows):
            y = self.height - (index + 1) * self.ROW
            canvas.setFillColor(MUTED)
            self._text(label, 0, y + 1.2 * mm, limit=label_width - 2 * mm)
            length = max(bar_width * max(value, 0.0) / top, 0.6 if value > 0 else 0)
            canvas.setFillColor(BAR_COLOR)
            canvas.rect(label_width, y + 0.6 * mm, length, self.ROW - 1.8 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
            self._text(text, label_width + length + 1.5 * mm, y + 1.2 * mm)

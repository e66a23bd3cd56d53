"""What every printed document shares: the clinic's letterhead, the footer, styles, and the PDF build.

A document module builds a list of flowables from its plain data and hands it to ``render_pdf`` with a
``PageSetup``. The letterhead (clinic name, address, phone, tax id, and the document's title) is drawn on
every page; the footer says when it was printed, in the clinic's time zone, and "Page X of Y".

Output is reproducible: the same data and locale give the same bytes (ReportLab's invariant mode), and the
PDF's creation date is the document's own print time rather than the moment of rendering.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, TableStyle

from app.documents import fonts
from app.i18n import N_, format_datetime, format_integer, gettext

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#5F6368")
RULE = colors.HexColor("#9AA0A6")
HAIRLINE = colors.HexColor("#D0D4D9")
BAND = colors.HexColor("#E9EEF4")

MARGIN_X = 14 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 10 * mm
FOOTER_HEIGHT = 8 * mm
#: Space between the letterhead's rule and the first line of the body.
HEADER_GAP = 5 * mm
#: How much of the letterhead's width the clinic's block takes; the title has the rest.
CLINIC_SHARE = 0.55

_PHONE = N_("Phone: {phone}")
_TAX_ID = N_("Tax ID: {tax_id}")
_PRINTED = N_("Printed {when}")
_PAGE_OF = N_("Page {page} of {pages}")


@dataclass(frozen=True)
class ClinicHeader:
    """The clinic as its letterhead shows it."""

    legal_name: str
    address: str
    phone: str
    tax_id: str


@dataclass(frozen=True)
class PageSetup:
    """Everything the running letterhead and footer of a document need."""

    clinic: ClinicHeader
    title: str
    subtitle: str
    printed_at: datetime
    zone: ZoneInfo
    locale: str
    pagesize: tuple[float, float] = A4


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The shared paragraph styles; their base font is Noto Sans, and ``para`` switches fonts per run."""
    fonts.register()

    def style(name: str, size: float, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(name, **{"fontName": fonts.BASE_FONT, "fontSize": size, "leading": size * 1.25,
                                       "textColor": INK, **extra})

    return {
        "clinic": style("clinic", 11.5),
        "letterhead": style("letterhead", 8, textColor=MUTED),
        "title": style("title", 14, alignment=TA_RIGHT),
        "subtitle": style("subtitle", 8.5, alignment=TA_RIGHT, textColor=MUTED),
        "heading": style("heading", 10.5, spaceBefore=2),
        "column": style("column", 8, textColor=MUTED),
        "cell": style("cell", 9),
        "cell_muted": style("cell_muted", 9, textColor=MUTED),
        "note": style("note", 7, textColor=MUTED),
        "total": style("total", 8.5, alignment=TA_LEFT),
        "footer": style("footer", 7.5, textColor=MUTED),
        "footer_right": style("footer_right", 7.5, textColor=MUTED, alignment=TA_RIGHT),
    }


def para(text: str, style: str, *, bold: bool = False) -> Paragraph:
    """A paragraph of plain ``text`` in one of ``styles()``, every character in a font that has it.

    Text that one font draws entirely (most cells) gets that font in its style instead of ``<font>`` tags:
    ReportLab lays such a paragraph out on its fast path, which matters for lists of thousands of cells.
    """
    runs = fonts.runs(text, bold=bold)
    if len(runs) == 1 and "\n" not in text:
        font, chunk = runs[0]
        return Paragraph(escape(chunk), _in_font(style, font))
    return Paragraph(fonts.markup(text, bold=bold), styles()[style])


@cache
def _in_font(style: str, font: str) -> ParagraphStyle:
    return ParagraphStyle(f"{style}:{font}", parent=styles()[style], fontName=font)


class TextCell(Flowable):
    """Plain text for a table cell: one line drawn directly when it fits the column, else a wrapping paragraph.

    A day's list holds thousands of cells, nearly all a short single line; laying each out as a Paragraph
    (parsed, then broken into lines again at every page split of its table) took most of the render time.
    The single line is drawn where a Paragraph would put it, so both kinds line up in a row. Left-aligned
    styles only.
    """

    def __init__(self, text: str, style: str, *, bold: bool = False) -> None:
        super().__init__()
        self._text = text
        self._bold = bold
        self._style = styles()[style]
        self._runs = fonts.runs(text, bold=bold)
        self._line_width = (
            sum(stringWidth(chunk, font, self._style.fontSize) for font, chunk in self._runs)
            if "\n" not in text else math.inf
        )
        self._paragraph: Paragraph | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._line_width <= avail_width:
            self._paragraph = None
            self.width, self.height = self._line_width, self._style.leading
        else:
            if self._paragraph is None:
                self._paragraph = Paragraph(fonts.markup(self._text, bold=self._bold), self._style)
            self.width, self.height = self._paragraph.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        if self._paragraph is not None:
            self._paragraph.drawOn(self.canv, 0, 0)
            return
        size = self._style.fontSize
        line = self.canv.beginText(0, self.height - size)
        line.setFillColor(self._style.textColor)
        for font, chunk in self._runs:
            line.setFont(font, size)
            line.textOut(chunk)
        self.canv.drawText(line)


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style whose cells default to Noto Sans: ReportLab's default, Helvetica, would not be embedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.BASE_FONT), *commands])


def tr(message: str, locale: str, **params: Any) -> str:
    """``message`` translated into ``locale``, with its placeholders filled."""
    return gettext(message, locale).format(**params)


class _Letterhead:
    """The clinic's block on the left, the document's title on the right, a rule below; measured once."""

    def __init__(self, setup: PageSetup) -> None:
        clinic, locale = setup.clinic, setup.locale
        contact = " · ".join(
            part for part in (
                tr(_PHONE, locale, phone=clinic.phone) if clinic.phone else "",
                tr(_TAX_ID, locale, tax_id=clinic.tax_id) if clinic.tax_id else "",
            ) if part
        )
        self.left = [para(clinic.legal_name, "clinic", bold=True)]
        self.left += [para(text, "letterhead") for text in (clinic.address, contact) if text]
        self.right = [para(setup.title, "title", bold=True)]
        if setup.subtitle:
            self.right.append(para(setup.subtitle, "subtitle"))
        width = setup.pagesize[0] - 2 * MARGIN_X
        self.left_width = width * CLINIC_SHARE
        self.right_width = width - self.left_width - 6 * mm
        left_height = sum(p.wrap(self.left_width, setup.pagesize[1])[1] for p in self.left)
        right_height = sum(p.wrap(self.right_width, setup.pagesize[1])[1] for p in self.right)
        self.height = max(left_height, right_height) + 2 * mm

    def draw(self, canvas: Canvas, setup: PageSetup) -> None:
        page_width, page_height = setup.pagesize
        top = page_height - MARGIN_TOP
        _stack(canvas, self.left, MARGIN_X, top)
        _stack(canvas, self.right, page_width - MARGIN_X - self.right_width, top)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, top - self.height, page_width - MARGIN_X, top - self.height)
        canvas.restoreState()


def _stack(canvas: Canvas, paragraphs: Sequence[Paragraph], x: float, top: float) -> None:
    """Draw wrapped paragraphs one under another, the first one's top at ``top``."""
    for paragraph in paragraphs:
        top -= paragraph.height
        paragraph.drawOn(canvas, x, top)


def _draw_footer(canvas: Canvas, page: int, pages: int, setup: PageSetup) -> None:
    locale = setup.locale
    page_width = setup.pagesize[0]
    width = (page_width - 2 * MARGIN_X) / 2
    printed = para(tr(_PRINTED, locale, when=format_datetime(setup.printed_at, setup.zone, "medium", locale)),
                   "footer")
    numbering = para(tr(_PAGE_OF, locale, page=format_integer(page, locale), pages=format_integer(pages, locale)),
                     "footer_right")
    canvas.saveState()
    canvas.setStrokeColor(HAIRLINE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, MARGIN_BOTTOM + FOOTER_HEIGHT - 2 * mm, page_width - MARGIN_X,
                MARGIN_BOTTOM + FOOTER_HEIGHT - 2 * mm)
    canvas.restoreState()
    for paragraph, x in ((printed, MARGIN_X), (numbering, MARGIN_X + width)):
        paragraph.wrap(width, FOOTER_HEIGHT)
        paragraph.drawOn(canvas, x, MARGIN_BOTTOM)


class _PagedCanvas(Canvas):
    """Holds every page back until the document is complete, so each footer can say "Page X of Y"."""

    def __init__(self, *args: Any, footer: Callable[[Canvas, int, int], None], created: datetime,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, Any]] = []
        stamp = created.astimezone(UTC)
        self.setDateFormatter(lambda *_: f"D:{stamp:%Y%m%d%H%M%S}+00'00'")

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer(self, number, pages)
            super().showPage()
        super().save()


def render_pdf(story: list[Flowable], setup: PageSetup) -> bytes:
    """Lay ``story`` out on pages with the letterhead and footer, and return the PDF."""
    letterhead = _Letterhead(setup)
    page_width, page_height = setup.pagesize
    frame_bottom = MARGIN_BOTTOM + FOOTER_HEIGHT
    frame_top = page_height - MARGIN_TOP - letterhead.height - HEADER_GAP
    frame = Frame(MARGIN_X, frame_bottom, page_width - 2 * MARGIN_X, frame_top - frame_bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer, pagesize=setup.pagesize, title=setup.title, author=setup.clinic.legal_name,
        creator="Clinic Desk", lang=setup.locale.replace("_", "-"), invariant=True,
        initialFontName=fonts.BASE_FONT, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        pageTemplates=[PageTemplate(id="page", frames=[frame],
                                    onPage=lambda canvas, _doc: letterhead.draw(canvas, setup))],
    )
    document.build(story, canvasmaker=partial(_PagedCanvas, footer=partial(_draw_footer, setup=setup),
                                              created=setup.printed_at))
    return buffer.getvalue()

"""The complaint analysis for management: a week, month or quarter against the period before, A4 portrait.

A pure function of plain data and a locale: ``app.services.complaint_reports`` reads the analysis and
translates the stored values' labels (kinds, channels, statuses) into the document's language; this module
draws the summary, ReportLab bar charts with the previous period beside each bar, the tables, the repeat
complainants and, for a week, the service opinion summary (what patients said that management should read).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

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
    table_style,
    tr,
)
from app.i18n import N_, NP_, format_date, format_datetime, format_decimal, format_integer, gettext, ngettext, translate

_TITLES = {
    "week": N_("Weekly service opinion summary"),
    "month": N_("Monthly complaint analysis"),
    "quarter": N_("Quarterly complaint analysis"),
}
_PERIOD = N_("{start} – {end}, compared with {previous_start} – {previous_end}")
_SUMMARY = N_("Figures for the period")
_TOTAL = N_("Received")
_ACK_ON_TIME = N_("Acknowledged on time")
_RESOLVED_ON_TIME = N_("Resolved on time")
_MEDIAN_ACK = N_("Median time to acknowledge")
_MEDIAN_RESOLVE = N_("Median time to resolve")
_OVERDUE_NOW = N_("Overdue now")
_ANSWERED = N_("Answered")
_SATISFACTION = N_("Satisfied / not satisfied")
_HIT_RATE = N_("Suggestion kept by staff (category / urgency)")
_OF = N_("{part} of {whole}")
_LATE_PENDING = N_("{late} late, {pending} not yet due")
#: A figure that cannot be measured (no complaint was acknowledged, no suggestion made).
_NOT_MEASURED = "—"
_BY = {
    "kind": N_("By kind"), "channel": N_("By channel"), "category": N_("By category"),
    "department": N_("By department"), "doctor": N_("By doctor"), "urgency": N_("By urgency"),
}
_COLUMNS = (N_("Counted item"), N_("This period"), N_("Previous period"),
            NP_("compared with the period before", "Change"))
_REPEATS = N_("Repeat complainants")
_NO_REPEATS = N_("Nobody complained more than once in this period.")
_TIMES = N_("Complaints")
_COMPLAINANT = N_("Complainant")
_HIGHLIGHTS = N_("What patients told us")
_HIGHLIGHT_COLUMNS = (N_("Received"), N_("Kind"), N_("Urgency"), N_("Category"), N_("Status"), N_("Summary"))
_NOTHING = N_("Nothing was received in this period.")
_LEGEND = N_("Dark bars: this period; grey bars: the period before.")
_UNCLASSIFIED = N_("Not classified")
_CURRENT_BAR = colors.HexColor("#1F5FA8")
_PREVIOUS_BAR = colors.HexColor("#B0B6BD")
#: A chart shows at most this many bars; the table below it lists them all.
_CHART_BARS = 8


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    previous: int


@dataclass(frozen=True)
class DeadlineFigures:
    due: int
    met: int
    late: int
    pending: int
    median_hours: float | None


@dataclass(frozen=True)
class HighlightLine:
    received_at: datetime
    kind: str
    urgency: str
    category: str
    status: str
    summary: str


@dataclass(frozen=True)
class ComplaintReport:
    clinic: ClinicHeader
    zone: str
    printed_at: datetime
    #: "week", "month" or "quarter".
    period_kind: str
    start: date
    #: The first day after the period.
    end: date
    previous_start: date
    previous_end: date
    total: int
    previous_total: int
    #: Keyed by "kind", "channel", "category", "department", "doctor", "urgency"; labels in the document's language.
    breakdowns: dict[str, tuple[Bar, ...]]
    acknowledgement: DeadlineFigures
    resolution: DeadlineFigures
    overdue_now: int
    answered: int
    satisfied: int
    unsatisfied: int
    category_kept: int
    category_suggested: int
    urgency_kept: int
    urgency_suggested: int
    repeats: tuple[tuple[str, int], ...]
    highlights: tuple[HighlightLine, ...]


def render(data: ComplaintReport, locale: str) -> bytes:
    """The report as PDF bytes, every word in ``locale``."""
    last = data.end - timedelta(days=1)
    setup = PageSetup(
        clinic=data.clinic, title=gettext(_TITLES[data.period_kind], locale),
        subtitle=tr(_PERIOD, locale, start=format_date(data.start, "medium", locale),
                    end=format_date(last, "medium", locale),
                    previous_start=format_date(data.previous_start, "medium", locale),
                    previous_end=format_date(data.previous_end - timedelta(days=1), "medium", locale)),
        printed_at=data.printed_at, zone=ZoneInfo(data.zone), locale=locale,
    )
    width = setup.pagesize[0] - 2 * MARGIN_X
    story: list[Flowable] = [para(gettext(_SUMMARY, locale), "heading", bold=True), Spacer(1, 1.5 * mm),
                             _summary(data, locale, width), Spacer(1, 5 * mm)]
    if data.total == 0 and data.previous_total == 0:
        story.append(para(gettext(_NOTHING, locale), "cell"))
        return render_pdf(story, setup)
    if data.period_kind == "week":
        story += _highlights(data, locale, width)
    story.append(para(gettext(_LEGEND, locale), "note"))
    story.append(Spacer(1, 2 * mm))
    for key in ("category", "kind", "channel", "department", "doctor", "urgency"):
        bars = data.breakdowns.get(key, ())
        if bars:
            story += _breakdown(gettext(_BY[key], locale), bars, locale, width)
    story += _repeats(data, locale, width)
    if data.period_kind != "week":
        story += _highlights(data, locale, width)
    return render_pdf(story, setup)


def _hours(value: float | None, locale: str) -> str:
    if value is None:
        return _NOT_MEASURED
    if value >= 48:
        days = round(value / 24, 1)
        return ngettext("{count} day", "{count} days", int(days) if days == int(days) else 2, locale).format(
            count=format_decimal(days, locale))
    hours = round(value, 1)
    return ngettext("{count} hour", "{count} hours", int(hours) if hours == int(hours) else 2, locale).format(
        count=format_decimal(hours, locale))


def _change(current: int, previous: int, locale: str) -> str:
    difference = current - previous
    sign = "+" if difference > 0 else ""
    if previous == 0:
        return f"{sign}{format_integer(difference, locale)}"
    percent = round(100 * difference / previous)
    return f"{sign}{format_integer(difference, locale)} ({sign}{format_integer(percent, locale)}%)"


def _of(part: int, whole: int, locale: str) -> str:
    return tr(_OF, locale, part=format_integer(part, locale), whole=format_integer(whole, locale))


def _summary(data: ComplaintReport, locale: str, width: float) -> Table:
    ack, res = data.acknowledgement, data.resolution
    rows = [
        (_TOTAL, f"{format_integer(data.total, locale)}   ({_change(data.total, data.previous_total, locale)})"),
        (_ACK_ON_TIME, f"{_of(ack.met, ack.due, locale)} · "
                       + tr(_LATE_PENDING, locale, late=format_integer(ack.late, locale),
                            pending=format_integer(ack.pending, locale))),
        (_RESOLVED_ON_TIME, f"{_of(res.met, res.due, locale)} · "
                            + tr(_LATE_PENDING, locale, late=format_integer(res.late, locale),
                                 pending=format_integer(res.pending, locale))),
        (_MEDIAN_ACK, _hours(ack.median_hours, locale)),
        (_MEDIAN_RESOLVE, _hours(res.median_hours, locale)),
        (_OVERDUE_NOW, format_integer(data.overdue_now, locale)),
        (_ANSWERED, _of(data.answered, data.total, locale)),
        (_SATISFACTION, f"{format_integer(data.satisfied, locale)} / {format_integer(data.unsatisfied, locale)}"),
        (_HIT_RATE, f"{_rate(data.category_kept, data.category_suggested, locale)} / "
                    f"{_rate(data.urgency_kept, data.urgency_suggested, locale)}"),
    ]
    table = Table([[TextCell(gettext(label, locale), "cell_muted"), TextCell(value, "cell")] for label, value in rows],
                  colWidths=[width * 0.42, width * 0.58])
    table.setStyle(table_style(("LINEBELOW", (0, 0), (-1, -1), 0.25, HAIRLINE), ("VALIGN", (0, 0), (-1, -1), "TOP")))
    return table


def _rate(kept: int, suggested: int, locale: str) -> str:
    if not suggested:
        return _NOT_MEASURED
    return f"{format_integer(round(100 * kept / suggested), locale)}% ({_of(kept, suggested, locale)})"


def _chart_font(labels: list[str]) -> str:
    """One face for all of a chart's labels (a chart label has one font): the one that draws every character."""
    used = {font for label in labels for font, _ in fonts.runs(label)}
    return used.pop() if len(used) == 1 else fonts.WQY_MICRO_HEI.name


def _chart(bars: tuple[Bar, ...], locale: str, width: float) -> Drawing:
    shown = list(reversed(bars[:_CHART_BARS]))  # the chart draws from the bottom up
    labels = [bar.label or gettext(_UNCLASSIFIED, locale) for bar in shown]
    font = _chart_font(labels)
    label_width = min(width * 0.35, max(stringWidth(label, font, 8) for label in labels) + 6)
    row = 6 * mm
    height = row * len(shown) + 10 * mm
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.BASE_FONT  # else ReportLab starts the drawing in Helvetica, not embedded
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width + 4, 7 * mm
    chart.width, chart.height = width - label_width - 20 * mm, row * len(shown)
    chart.data = [[bar.previous for bar in shown], [bar.count for bar in shown]]
    chart.bars[0].fillColor, chart.bars[1].fillColor = _PREVIOUS_BAR, _CURRENT_BAR
    chart.bars.strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0.5, 2.5
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 8
    chart.categoryAxis.labels.boxAnchor, chart.categoryAxis.labels.dx = "e", -3
    chart.categoryAxis.strokeColor = RULE
    peak = max(max(bar.count, bar.previous) for bar in shown)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, max(peak, 1) * 1.1
    chart.valueAxis.valueStep = _step(peak)
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = fonts.BASE_FONT, 7
    chart.valueAxis.labelTextFormat = lambda value: format_integer(int(value), locale)
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, HAIRLINE
    drawing.add(chart)
    for index, bar in enumerate(shown):  # the count at the end of this period's bar
        y = chart.y + chart.height * (index + 0.5) / len(shown)
        x = chart.x + chart.width * bar.count / chart.valueAxis.valueMax + 3
        drawing.add(String(x, y, format_integer(bar.count, locale), fontName=fonts.BASE_FONT, fontSize=7,
                           fillColor=MUTED))
    return drawing


def _step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if peak / step <= 6:
            return step
    return 10000


def _breakdown(title: str, bars: tuple[Bar, ...], locale: str, width: float) -> list[Flowable]:
    header = [TextCell(translate(column, locale), "column") for column in _COLUMNS]
    rows = [[TextCell(bar.label or gettext(_UNCLASSIFIED, locale), "cell"),
             TextCell(format_integer(bar.count, locale), "cell"),
             TextCell(format_integer(bar.previous, locale), "cell_muted"),
             TextCell(_change(bar.count, bar.previous, locale), "cell_muted")] for bar in bars]
    table = Table([header, *rows], colWidths=[width * 0.46, width * 0.16, width * 0.18, width * 0.20],
                  repeatRows=1)
    table.setStyle(table_style(("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.25, HAIRLINE),
                               ("BACKGROUND", (0, 0), (-1, 0), BAND)))
    return [CondPageBreak(50 * mm), KeepTogether([para(title, "heading", bold=True), Spacer(1, 1 * mm),
                                                  _chart(bars, locale, width)]),
            Spacer(1, 1 * mm), table, Spacer(1, 5 * mm)]


def _repeats(data: ComplaintReport, locale: str, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(30 * mm), para(gettext(_REPEATS, locale), "heading", bold=True),
                             Spacer(1, 1.5 * mm)]
    if not data.repeats:
        return [*story, para(gettext(_NO_REPEATS, locale), "cell_muted"), Spacer(1, 5 * mm)]
    rows = [[TextCell(name, "cell"), TextCell(format_integer(count, locale), "cell")] for name, count in data.repeats]
    table = Table([[TextCell(gettext(_COMPLAINANT, locale), "column"), TextCell(gettext(_TIMES, locale), "column")],
                   *rows], colWidths=[width * 0.6, width * 0.4], repeatRows=1)
    table.setStyle(table_style(("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.25, HAIRLINE)))
    return [*story, table, Spacer(1, 5 * mm)]


def _highlights(data: ComplaintReport, locale: str, width: float) -> list[Flowable]:
    if not data.highlights:
        return []
    zone = ZoneInfo(data.zone)
    header = [TextCell(gettext(column, locale), "column") for column in _HIGHLIGHT_COLUMNS]
    rows = [[TextCell(format_datetime(h.received_at, zone, "short", locale), "cell"), TextCell(h.kind, "cell"),
             TextCell(h.urgency, "cell"), TextCell(h.category or gettext(_UNCLASSIFIED, locale), "cell"),
             TextCell(h.status, "cell"), para(h.summary, "cell")] for h in data.highlights]
    shares = (0.15, 0.12, 0.13, 0.15, 0.12, 0.33)
    table = Table([header, *rows], colWidths=[width * s for s in shares], repeatRows=1)
    table.setStyle(table_style(("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.25, HAIRLINE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), BAND)))
    return [CondPageBreak(40 * mm), para(gettext(_HIGHLIGHTS, locale), "heading", bold=True), Spacer(1, 1.5 * mm),
            table, Spacer(1, 5 * mm)]

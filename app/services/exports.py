"""Report tables written as CSV files and as one XLSX workbook (a sheet per table).

Figures are written as numbers (money with the currency's decimals, shares as fractions shown as
percentages), so a spreadsheet can sum them; labels and headers are in the chosen language.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from decimal import Decimal

from app.documents.desk_report import Number, ReportTable, ValueKind, text_of
from app.i18n import currency_digits, gettext

#: Characters a sheet name may not hold, and its longest length (Excel's limits).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_LENGTH = 31


def _cell(value: Number) -> int | float | str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)
    return value


def table_csv(table: ReportTable, locale: str) -> bytes:
    """One table as UTF-8 CSV with a byte-order mark, so Excel opens Hangul and Cyrillic correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([gettext(column, locale) for column in table.columns])
    for label, values in table.rows:
        writer.writerow([text_of(label, locale), *(_cell(v) for v in values)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tables_xlsx(tables: Sequence[ReportTable], locale: str, currency: str) -> bytes:
    from openpyxl import Workbook  # only when exporting: not on the start-up path
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    digits = currency_digits(currency)
    money_format = "#,##0" + ("." + "0" * digits if digits else "")
    formats = {ValueKind.COUNT: "#,##0", ValueKind.MONEY: money_format, ValueKind.SHARE: "0.0%",
               ValueKind.MINUTES: "0.0"}
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(gettext(table.title, locale), used))
        sheet.append([gettext(column, locale) for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for label, values in table.rows:
            sheet.append([text_of(label, locale), *(float(v) if isinstance(v, Decimal) else v for v in values)])
            for cell, kind in zip(sheet[sheet.max_row][1:], table.kinds, strict=True):
                cell.number_format = formats[kind]
        sheet.column_dimensions["A"].width = 36
        for letter in "BCDE"[:len(table.kinds)]:
            sheet.column_dimensions[letter].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:_SHEET_LENGTH] or "Sheet"
    name, number = base, 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name, number = base[:_SHEET_LENGTH - len(suffix)] + suffix, number + 1
    used.add(name.casefold())
    return name

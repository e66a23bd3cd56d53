"""A medical certificate on one A4 page: the statement as the country's clinics phrase it, the details, the
signatures, and a verification block with the code and a QR code.

The wording comes from the catalog of the language it is printed in (not the interface's): a Russian
справка, a Romanian certificat medical, a Korean 소견서/진단서/진료확인서, a Chinese 病假证明/诊断证明书 each
say it their own way, so each statement is one message translated as a whole. A clinic-defined type prints
its own text, as the clinic wrote it. Long texts wrap; the diagnosis is limited to what its box holds
(``diagnosis_fits``), so nothing is ever cut off.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from app.documents import fonts
from app.documents.layout import HAIRLINE, MARGIN_X, RULE, ClinicHeader, PageSetup, render_pdf, styles, table_style
from app.i18n import NP_, Message, format_date, format_time, ngettext, translate

ALERT = colors.HexColor("#B3261E")
DRAFT_INK = colors.HexColor("#1A5FB4")
PAGE_WIDTH = 210 * mm
LABEL_SHARE = 0.3
#: Width of the details table's value column, which the diagnosis box is measured against.
VALUE_WIDTH = (PAGE_WIDTH - 2 * MARGIN_X) * (1 - LABEL_SHARE) - 8
#: How many lines of diagnosis the template holds; longer diagnoses are refused before anything is written.
DIAGNOSIS_LINES = 8
QR_SIZE = 28 * mm



class CertificateKind(enum.StrEnum):
    """Which wording a certificate takes; the same values as the stored kinds (documents know no models)."""

    SICK_LEAVE = "sick_leave"
    ATTENDANCE = "attendance"
    MEDICAL = "medical"
    CUSTOM = "custom"


_TITLES: dict[CertificateKind, Message] = {
    CertificateKind.SICK_LEAVE: NP_("certificate title", "Certificate of temporary incapacity for work"),
    CertificateKind.ATTENDANCE: NP_("certificate title", "Certificate of attendance"),
    CertificateKind.MEDICAL: NP_("certificate title", "Medical certificate"),
}
_NUMBER = NP_("certificate", "No. {number}")
_NO_NUMBER = NP_("certificate", "Draft: no number yet")
_DRAFT_BAND = NP_("certificate", "DRAFT — not valid until issued")
_DUPLICATE_BAND = NP_("certificate", "DUPLICATE — reprinted on {date}")
_SICK_STATEMENT = NP_(
    "certificate",
    "This is to certify that {patient} was examined at our clinic and, for reasons of health, is unfit for "
    "work (study) from {start} to {end} inclusive, {days}.")
_ATTENDANCE_STATEMENT = NP_(
    "certificate",
    "This is to certify that {patient} attended our clinic on {date} at {time} and was seen by the doctor "
    "{doctor}.")
_MEDICAL_STATEMENT = NP_("certificate", "This certificate is issued at the patient's request to be presented "
                                        "where required.")
_CLOSING = NP_("certificate", "Issued at the patient's request.")
_PERIOD = NP_("certificate", "{start} – {end} ({days})")
_SEEN = NP_("certificate", "{date}, {time}")

_PATIENT = NP_("certificate field", "Patient")
_BIRTH = NP_("certificate field", "Date of birth")
_ADDRESSEE = NP_("certificate field", "Employer or school")
_DIAGNOSIS = NP_("certificate field", "Diagnosis")
_ICD10 = NP_("certificate field", "ICD-10 code")
_INCAPACITY = NP_("certificate field", "Unfit for work")
_REGIME = NP_("certificate field", "Treatment regime")
_CONTINUES = NP_("certificate field", "Continues certificate")
_TOTAL = NP_("certificate field", "Whole period of incapacity")
_STATE_FORM = NP_("certificate field", "State sick-leave form")
_SEEN_ON = NP_("certificate field", "Seen on")
_FINDINGS = NP_("certificate field", "Findings")
_RECOMMENDATIONS = NP_("certificate field", "Recommendations")
_PURPOSE = NP_("certificate field", "To be presented to")
_PERIOD_FIELD = NP_("certificate field", "Period")
_ISSUED_ON = NP_("certificate field", "Date of issue")
_DOCTOR = NP_("certificate signature", "Doctor")
_SECOND = NP_("certificate signature", "Head of department")
_SIGNATURE = NP_("certificate signature", "signature")
_STAMP = NP_("certificate signature", "Clinic stamp")
_CODE = NP_("certificate", "Verification code: {code}")
_HOW_TO_VERIFY = NP_("certificate", "To check this certificate, call the clinic on {phone} and give its number "
                                    "and verification code, or scan the QR code at the clinic's desk.")
_HOW_TO_VERIFY_NO_PHONE = NP_("certificate", "To check this certificate, give its number and verification code "
                                             "to the clinic, or scan the QR code at the clinic's desk.")


@dataclass(frozen=True)
class CertificateData:
    """What a certificate shows, already read and chosen: only what is printed is here."""

    clinic: ClinicHeader
    zone: str
    kind: CertificateKind
    #: The clinic's name of the type: the title of a clinic-defined type.
    type_name: str
    #: A clinic-defined type's own text; ``{patient}``, ``{birth_date}``, ``{start}``, ``{end}`` and ``{days}``
    #: are filled in.
    body_template: str
    #: Empty for a draft.
    number: str
    issued_on: date | None
    patient_name: str
    patient_birth_date: date | None
    addressee: str
    diagnosis: str
    #: Empty when the clinic does not print the code for this type.
    icd10: str
    period_from: date | None
    period_to: date | None
    #: The whole sick leave when this certificate continues another.
    chain_from: date | None
    continues_number: str
    regime: Message | None
    seen_at: datetime | None
    doctor_name: str
    second_signer_name: str
    findings: str
    recommendations: str
    purpose: str
    custom: tuple[tuple[str, str], ...]
    external_form: str
    verification_code: str
    qr_payload: str
    #: The day of a reprint: the certificate is marked DUPLICATE with it.
    reprinted_on: date | None
    printed_at: datetime


@cache
def _styles() -> dict[str, ParagraphStyle]:
    base = styles()["cell"]
    return {
        "statement": ParagraphStyle("statement", parent=base, fontSize=11, leading=16),
        "label": ParagraphStyle("label", parent=base, fontSize=9, leading=12, textColor=colors.HexColor("#5F6368")),
        "value": ParagraphStyle("value", parent=base, fontSize=10, leading=13.5),
        "band": ParagraphStyle("band", parent=base, fontSize=12, leading=15, textColor=ALERT),
        "draft": ParagraphStyle("draft", parent=base, fontSize=12, leading=15, textColor=DRAFT_INK),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
    }


def _p(text: str, style: str, *, bold: bool = False) -> Paragraph:
    return Paragraph(fonts.markup(text, bold=bold), _styles()[style])


def diagnosis_fits(text: str) -> bool:
    """Whether ``text`` fits the diagnosis box (``DIAGNOSIS_LINES`` lines of the details table) once wrapped."""
    if not text:
        return True
    style = _styles()["value"]
    _width, height = _p(text, "value").wrap(VALUE_WIDTH, 10_000)
    return height <= DIAGNOSIS_LINES * style.leading + 0.5


def days_text(days: int, locale: str) -> str:
    return ngettext("{count} calendar day", "{count} calendar days", days, locale).format(count=days)


def period_text(first: date, last: date, locale: str) -> str:
    days = (last - first).days + 1
    return _PERIOD.translate(locale).format(start=format_date(first, "long", locale),
                                            end=format_date(last, "long", locale), days=days_text(days, locale))


def title(data: CertificateData, locale: str) -> str:
    message = _TITLES.get(data.kind)
    return message.translate(locale) if message is not None else data.type_name


def render(data: CertificateData, locale: str) -> bytes:
    """The certificate as PDF bytes, every word of ours in ``locale``."""
    setup = PageSetup(
        clinic=data.clinic,
        title=title(data, locale),
        subtitle=_NUMBER.translate(locale).format(number=data.number) if data.number else _NO_NUMBER.translate(locale),
        printed_at=data.printed_at,
        zone=ZoneInfo(data.zone),
        locale=locale,
    )
    story: list[Flowable] = []
    if not data.number:
        story += [_band(_DRAFT_BAND.translate(locale), "draft", DRAFT_INK), Spacer(1, 4 * mm)]
    elif data.reprinted_on is not None:
        text = _DUPLICATE_BAND.translate(locale).format(date=format_date(data.reprinted_on, "long", locale))
        story += [_band(text, "band", ALERT), Spacer(1, 4 * mm)]
    statement = _statement(data, locale)
    if statement:
        story += [_p(statement, "statement"), Spacer(1, 5 * mm)]
    story.append(_details(data, locale))
    closing = _CLOSING.translate(locale) if data.kind is CertificateKind.SICK_LEAVE else ""
    if closing:
        story += [Spacer(1, 3 * mm), _p(closing, "value")]
    story += [Spacer(1, 10 * mm), KeepTogether([_signatures(data, locale), Spacer(1, 8 * mm),
                                                _verification(data, locale)])]
    return render_pdf(story, setup)


class QrCode(Flowable):
    """The QR code drawn as filled squares: ReportLab's graphics renderer would set (and so embed a reference
    to) Helvetica, a font the PDF does not carry."""

    QUIET_ZONE = 4

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(text)
        code.make()
        count = code.getModuleCount()
        self._dark = [(row, column) for row in range(count) for column in range(count) if code.isDark(row, column)]
        self._modules = count + 2 * self.QUIET_ZONE
        self.width = self.height = size

    def draw(self) -> None:
        module = self.width / self._modules
        top = self.height - self.QUIET_ZONE * module
        self.canv.setFillColor(colors.black)
        for row, column in self._dark:
            x = (self.QUIET_ZONE + column) * module
            self.canv.rect(x, top - (row + 1) * module, module, module, stroke=0, fill=1)


def _band(text: str, style: str, ink: colors.Color) -> Table:
    band = Table([[_p(text, style, bold=True)]], colWidths=[PAGE_WIDTH - 2 * MARGIN_X])
    band.setStyle(table_style(("BOX", (0, 0), (-1, -1), 1.2, ink), ("TOPPADDING", (0, 0), (-1, -1), 5),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 8)))
    return band


def _statement(data: CertificateData, locale: str) -> str:
    if data.kind is CertificateKind.SICK_LEAVE and data.period_from and data.period_to:
        days = (data.period_to - data.period_from).days + 1
        return _SICK_STATEMENT.translate(locale).format(
            patient=data.patient_name, start=format_date(data.period_from, "long", locale),
            end=format_date(data.period_to, "long", locale), days=days_text(days, locale))
    if data.kind is CertificateKind.ATTENDANCE and data.seen_at is not None:
        return _ATTENDANCE_STATEMENT.translate(locale).format(
            patient=data.patient_name, date=format_date(data.seen_at.astimezone(ZoneInfo(data.zone)).date(), "long",
                                                        locale),
            time=format_time(data.seen_at, ZoneInfo(data.zone), locale), doctor=data.doctor_name)
    if data.kind is CertificateKind.MEDICAL:
        return _MEDICAL_STATEMENT.translate(locale)
    if data.kind is CertificateKind.CUSTOM and data.body_template:
        return _fill(data.body_template, data, locale)
    return ""


class _Blank(dict[str, str]):
    """Placeholders a clinic's text names but we do not know stay as they were written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, data: CertificateData, locale: str) -> str:
    values = _Blank(patient=data.patient_name,
                    birth_date=format_date(data.patient_birth_date, "long", locale) if data.patient_birth_date else "")
    if data.period_from and data.period_to:
        values.update(start=format_date(data.period_from, "long", locale),
                      end=format_date(data.period_to, "long", locale),
                      days=days_text((data.period_to - data.period_from).days + 1, locale))
    try:
        return template.format_map(values)
    except (ValueError, IndexError):
        return template  # braces the clinic meant literally


def _rows(data: CertificateData, locale: str) -> list[tuple[Message | str, str]]:
    rows: list[tuple[Message | str, str]] = [(_PATIENT, data.patient_name)]
    if data.patient_birth_date:
        rows.append((_BIRTH, format_date(data.patient_birth_date, "long", locale)))
    if data.addressee:
        rows.append((_ADDRESSEE, data.addressee))
    if data.kind is CertificateKind.ATTENDANCE and data.seen_at is not None:
        zone = ZoneInfo(data.zone)
        rows.append((_SEEN_ON, _SEEN.translate(locale).format(
            date=format_date(data.seen_at.astimezone(zone).date(), "long", locale),
            time=format_time(data.seen_at, zone, locale))))
    if data.diagnosis:
        rows.append((_DIAGNOSIS, data.diagnosis))
    if data.icd10:
        rows.append((_ICD10, data.icd10))
    if data.findings:
        rows.append((_FINDINGS, data.findings))
    if data.recommendations:
        rows.append((_RECOMMENDATIONS, data.recommendations))
    if data.purpose:
        rows.append((_PURPOSE, data.purpose))
    rows += list(data.custom)
    if data.period_from and data.period_to:
        label = _INCAPACITY if data.kind is CertificateKind.SICK_LEAVE else _PERIOD_FIELD
        rows.append((label, period_text(data.period_from, data.period_to, locale)))
    if data.regime is not None:
        rows.append((_REGIME, translate(data.regime, locale)))
    if data.continues_number:
        rows.append((_CONTINUES, _NUMBER.translate(locale).format(number=data.continues_number)))
        if data.chain_from and data.period_to:
            rows.append((_TOTAL, period_text(data.chain_from, data.period_to, locale)))
    if data.external_form:
        rows.append((_STATE_FORM, data.external_form))
    if data.issued_on:
        rows.append((_ISSUED_ON, format_date(data.issued_on, "long", locale)))
    return rows


def _details(data: CertificateData, locale: str) -> Table:
    width = PAGE_WIDTH - 2 * MARGIN_X
    body = [[_p(translate(label, locale) if isinstance(label, Message) else label, "label"), _p(value, "value")]
            for label, value in _rows(data, locale)]
    table = Table(body, colWidths=[width * LABEL_SHARE, width * (1 - LABEL_SHARE)], hAlign="LEFT")
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, HAIRLINE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ))
    return table


def _signatures(data: CertificateData, locale: str) -> Table:
    width = PAGE_WIDTH - 2 * MARGIN_X
    signature = _SIGNATURE.translate(locale)
    rows = [[_p(_DOCTOR.translate(locale), "label"), _p(data.doctor_name, "value", bold=True), "",
             _p(signature, "label")]]
    if data.second_signer_name:
        rows.append([_p(_SECOND.translate(locale), "label"), _p(data.second_signer_name, "value", bold=True), "",
                     _p(signature, "label")])
    rows.append([_p(_STAMP.translate(locale), "label"), "", "", ""])
    table = Table(rows, colWidths=[width * 0.25, width * 0.35, width * 0.25, width * 0.15], hAlign="LEFT")
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (2, 0), (2, len(rows) - 2), 0.6, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ))
    return table


def _verification(data: CertificateData, locale: str) -> Table | Spacer:
    if not data.number:
        return Spacer(1, 0)
    drawing = QrCode(data.qr_payload, QR_SIZE)
    phone = data.clinic.phone
    how = (_HOW_TO_VERIFY.translate(locale).format(phone=phone) if phone
           else _HOW_TO_VERIFY_NO_PHONE.translate(locale))
    text = [_p(_NUMBER.translate(locale).format(number=data.number), "value", bold=True),
            _p(_CODE.translate(locale).format(code=data.verification_code), "value", bold=True),
            Spacer(1, 2 * mm), _p(how, "small")]
    width = PAGE_WIDTH - 2 * MARGIN_X
    table = Table([[drawing, text]], colWidths=[QR_SIZE + 6 * mm, width - QR_SIZE - 6 * mm], hAlign="LEFT")
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 6),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 6)))
    return table

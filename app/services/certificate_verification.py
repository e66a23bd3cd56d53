"""Checking a certificate someone shows or reads out: its number and verification code, typed or scanned.

The QR code printed on a certificate holds ``CDV1|<number>|<date of issue>|<code>``; a desk's barcode
scanner types that text into the Verify field, and ``parse_scan`` takes the number and code from it. A
wrong code says the same as an unknown number, so the code cannot be guessed one number at a time.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.context import Context
from app.errors import InvalidInput
from app.i18n import N_
from app.models.certificates import Certificate, CertificateStatus, CertificateType
from app.models.patients import Patient
from app.models.staff import Doctor
from app.services.certificate_types import format_number
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work
from app.services.validation import clean_text

QR_PREFIX = "CDV1"
_NUMBER = re.compile(r"^(?P<prefix>[^\W_]{1,12})-(?:(?P<year>\d{4})-)?(?P<number>\d{1,9})$")


class Outcome(enum.StrEnum):
    VALID = "valid"
    VOID = "void"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Verification:
    outcome: Outcome
    number: str
    type_name: str = ""
    patient_name: str = ""
    doctor_name: str = ""
    issued_at: datetime | None = None
    period_from: date | None = None
    period_to: date | None = None
    voided_at: datetime | None = None
    void_reason: str = ""


def qr_payload(number: str, issued_on: date, code: str) -> str:
    return f"{QR_PREFIX}|{number}|{issued_on.isoformat()}|{code}"


def parse_scan(text: str) -> tuple[str, str] | None:
    """The number and code from a scanned QR text, or None when the text is not one of ours."""
    parts = text.strip().split("|")
    if len(parts) == 4 and parts[0] == QR_PREFIX:
        return parts[1].strip(), parts[3].strip()
    return None


def verify(ctx: Context, number: str, code: str) -> Verification:
    """Whether a certificate with this number and code was issued, to whom, for which period, and if it was
    voided. The lookup is audited: who asked about which certificate."""
    require(ctx, Permission.VIEW_CERTIFICATES)
    scanned = parse_scan(number)
    if scanned is not None:
        number, code = scanned
    text = clean_text(number, N_("Certificate number"), max_length=40, required=True).upper().replace(" ", "")
    key = clean_text(code, N_("Verification code"), max_length=16, required=True).upper().replace(" ", "")
    match = _NUMBER.match(text)
    if match is None:
        raise InvalidInput(N_("{field} is not a certificate number (for example SL-2026-000123)."),
                           field=N_("Certificate number"))
    year = int(match["year"]) if match["year"] else None
    stmt = (select(Certificate, CertificateType, Patient.display_name, Doctor.full_name)
            .join(CertificateType, CertificateType.id == Certificate.type_id)
            .join(Patient, Patient.id == Certificate.patient_id)
            .join(Doctor, Doctor.id == Certificate.doctor_id)
            .where(Certificate.series == match["prefix"], Certificate.number == int(match["number"]),
                   Certificate.status != CertificateStatus.DRAFT, Certificate.verification_code == key))
    if year is not None:
        stmt = stmt.where(Certificate.year == year)
    with unit_of_work(ctx) as uow:
        found = next((row for row in uow.session.execute(stmt).all()
                      if format_number(row[0].series, row[0].year, row[0].number, row[1].number_digits,
                                       row[1].year_in_number) == text), None)
        if found is None:
            uow.record("verify", "certificate", None, {"number": text, "outcome": str(Outcome.NOT_FOUND)})
            return Verification(Outcome.NOT_FOUND, text)
        certificate, kind, patient_name, doctor_name = found
        outcome = Outcome.VOID if certificate.status is CertificateStatus.VOID else Outcome.VALID
        uow.record("verify", "certificate", certificate.id, {"number": text, "outcome": str(outcome)})
        return Verification(
            outcome, text, type_name=kind.name, patient_name=patient_name, doctor_name=doctor_name,
            issued_at=certificate.issued_at, period_from=certificate.period_from, period_to=certificate.period_to,
            voided_at=certificate.voided_at, void_reason=certificate.void_reason,
        )

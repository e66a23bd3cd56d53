"""The certificate register's read side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.context import Context
from app.models.certificates import Certificate, CertificateKind, CertificateStatus, CertificateType
from app.models.patients import Patient
from app.models.staff import Doctor
from app.services.days import day_bounds
from app.services.permissions import Permission, require


@dataclass(frozen=True)
class CertificateRow:
    id: int
    number: str
    type_name: str
    kind: CertificateKind
    patient_name: str
    doctor_name: str
    issued_at: datetime | None
    period_from: date | None
    period_to: date | None
    status: CertificateStatus


def certificate_number(prefix: str, year: int | None, number: int | None, digits: int) -> str:
    """The printed number, for example ``SL-2026-000123``; empty for a draft."""
    if year is None or number is None:
        return ""
    return f"{prefix}-{year}-{number:0{digits}d}"


def register(ctx: Context, first_day: date, last_day: date) -> list[CertificateRow]:
    """Certificates issued (or voided) between the two days inclusive, newest first."""
    require(ctx, Permission.VIEW_CERTIFICATES)
    zone = ctx.clinic().zone
    start, _ = day_bounds(zone, first_day)
    _, end = day_bounds(zone, last_day)
    doctor = aliased(Doctor)
    stmt = (
        select(Certificate, CertificateType, Patient.display_name, doctor.full_name)
        .join(CertificateType, CertificateType.id == Certificate.type_id)
        .join(Patient, Patient.id == Certificate.patient_id)
        .join(doctor, doctor.id == Certificate.doctor_id)
        .where(Certificate.issued_at >= start, Certificate.issued_at < end)
        .order_by(Certificate.issued_at.desc())
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        CertificateRow(
            id=c.id, number=certificate_number(c.series, c.year, c.number, t.number_digits), type_name=t.name,
            kind=t.kind, patient_name=patient, doctor_name=doctor_name, issued_at=c.issued_at,
            period_from=c.period_from, period_to=c.period_to, status=c.status,
        )
        for c, t, patient, doctor_name in rows
    ]

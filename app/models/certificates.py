"""Certificate types with their numbered series, the certificates issued, and every print of them."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class CertificateKind(enum.StrEnum):
    SICK_LEAVE = "sick_leave"
    ATTENDANCE = "attendance"
    MEDICAL = "medical"
    CUSTOM = "custom"


class CertificateType(Base):
    __tablename__ = "certificate_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[CertificateKind]
    name: Mapped[str] = mapped_column(String(120))
    series_prefix: Mapped[str] = mapped_column(String(12))
    number_digits: Mapped[int] = mapped_column(default=6)
    #: Whether the printed number carries the year (``SL-2026-000123``) or not (``SL-000123``); numbers
    #: restart at 1 every year either way.
    year_in_number: Mapped[bool] = mapped_column(default=True)
    print_icd10: Mapped[bool] = mapped_column(default=True)
    requires_second_signer: Mapped[bool] = mapped_column(default=False)
    max_period_days: Mapped[int | None]
    custom_fields: Mapped[dict] = mapped_column(default=dict)
    body_template: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


class CertificateStatus(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    VOID = "void"


class Regime(enum.StrEnum):
    OUTPATIENT = "outpatient"
    INPATIENT = "inpatient"
    HOME = "home"


class Certificate(Base):
    __tablename__ = "certificate"
    __table_args__ = (
        UniqueConstraint("series", "year", "number"),
        CheckConstraint("period_from IS NULL OR period_to IS NULL OR period_from <= period_to", name="period"),
        Index("ix_certificate_issued_at", "issued_at"),
        Index("ix_certificate_type_issued", "type_id", "issued_at"),
        Index("ix_certificate_doctor_issued", "doctor_id", "issued_at"),
        Index("ix_certificate_status_created", "status", "created_at"),
        Index("ix_certificate_continues_id", "continues_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("certificate_type.id"))
    series: Mapped[str] = mapped_column(String(12))
    year: Mapped[int | None]
    number: Mapped[int | None]
    status: Mapped[CertificateStatus] = mapped_column(default=CertificateStatus.DRAFT)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), index=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.id"))
    second_signer_id: Mapped[int | None] = mapped_column(ForeignKey("doctor.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    continues_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    locale: Mapped[str] = mapped_column(String(10))
    addressee: Mapped[str] = mapped_column(String(200), default="")
    diagnosis: Mapped[str] = mapped_column(Text, default="")
    icd10: Mapped[str] = mapped_column(String(10), default="")
    #: When the patient was seen (an attendance certificate states the date and time).
    seen_at: Mapped[datetime | None]
    period_from: Mapped[date | None]
    period_to: Mapped[date | None]
    regime: Mapped[Regime | None]
    fields: Mapped[dict] = mapped_column(default=dict)
    external_series: Mapped[str] = mapped_column(String(20), default="")
    external_number: Mapped[str] = mapped_column(String(40), default="")
    verification_code: Mapped[str] = mapped_column(String(16), default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    issued_at: Mapped[datetime | None]
    void_reason: Mapped[str] = mapped_column(String(400), default="")
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    voided_at: Mapped[datetime | None]


class CertificatePrint(Base):
    __tablename__ = "certificate_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificate.id"), index=True)
    duplicate: Mapped[bool]
    locale: Mapped[str] = mapped_column(String(10))
    printed_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    printed_at: Mapped[datetime]

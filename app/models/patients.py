"""Patients, and the side table of short substrings that makes any-part-of-a-name search fast.

Korean and Chinese names are written family-then-given with no space and are mostly 2-3 characters;
trigram full-text search cannot match 1- and 2-character queries (PITFALLS). So every patient's
casefolded search text is cut into all its 1-, 2- and 3-character substrings, one row each.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Sex(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class NameOrder(enum.StrEnum):
    """How the name is written: family first with no space (Korean, Chinese) or with spaces."""

    FAMILY_FIRST_NO_SPACE = "family_first_no_space"
    FAMILY_FIRST = "family_first"
    GIVEN_FIRST = "given_first"


class AcquisitionChannel(enum.StrEnum):
    WALK_IN = "walk_in"
    REFERRAL_PATIENT = "referral_patient"
    REFERRAL_DOCTOR = "referral_doctor"
    WEBSITE = "website"
    SEARCH_ENGINE = "search_engine"
    SOCIAL_MEDIA = "social_media"
    MESSENGER = "messenger"
    ADVERTISING = "advertising"
    INSURANCE = "insurance"
    OTHER = "other"
    UNKNOWN = "unknown"


class Patient(Base):
    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(80))
    given_name: Mapped[str] = mapped_column(String(80), default="")
    middle_name: Mapped[str] = mapped_column(String(80), default="")
    name_order: Mapped[NameOrder]
    display_name: Mapped[str] = mapped_column(String(250), index=True)
    latin_name: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[date | None]
    sex: Mapped[Sex] = mapped_column(default=Sex.UNKNOWN)
    phone: Mapped[str] = mapped_column(String(32), default="")
    phone2: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    national_id: Mapped[str] = mapped_column(String(40), default="")
    preferred_locale: Mapped[str] = mapped_column(String(10))
    acquisition_channel: Mapped[AcquisitionChannel] = mapped_column(default=AcquisitionChannel.UNKNOWN)
    first_visit_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_data_processing: Mapped[bool] = mapped_column(default=False)
    consent_sms: Mapped[bool] = mapped_column(default=False)
    consent_email: Mapped[bool] = mapped_column(default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class PatientSearchGram(Base):
    """One distinct 1-, 2- or 3-character substring of a patient's casefolded search text."""

    __tablename__ = "patient_search_gram"
    __table_args__ = (Index("ix_patient_search_gram_patient", "patient_id"), {"sqlite_with_rowid": False})

    gram: Mapped[str] = mapped_column(String(3), primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"), primary_key=True)

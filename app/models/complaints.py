"""Complaints (and suggestions, compliments, questions) from every channel, with their timeline."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.staff import Role


class FeedbackKind(enum.StrEnum):
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    COMPLIMENT = "compliment"
    QUESTION = "question"


class ContactChannel(enum.StrEnum):
    PHONE = "phone"
    SMS = "sms"
    MESSENGER = "messenger"
    WEBSITE = "website"
    MOBILE_APP = "mobile_app"
    SOCIAL_NETWORK = "social_network"
    EMAIL = "email"
    FAX = "fax"
    SUGGESTION_BOX = "suggestion_box"
    VISIT = "visit"


class Urgency(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class ComplaintStatus(enum.StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


class ComplaintStep(enum.StrEnum):
    """What happened on a complaint's timeline."""

    RECEIVED = "received"
    ASSIGNED = "assigned"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    NOTE = "note"
    RESOLVED = "resolved"
    RESPONDED = "responded"
    CLOSED = "closed"
    REOPENED = "reopened"
    ESCALATED = "escalated"
    #: Staff changed the category or urgency after intake.
    RECLASSIFIED = "reclassified"
    ANONYMISED = "anonymised"


class ComplaintCategory(Base):
    """What a complaint is about, as the clinic names it; ``keywords`` maps a locale to words that point here."""

    __tablename__ = "complaint_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    #: The name in other languages of the clinic (locale → name); ``name`` stands in for a missing one.
    names: Mapped[dict] = mapped_column(default=dict)
    resolve_days: Mapped[int] = mapped_column(default=7)
    keywords: Mapped[dict] = mapped_column(default=dict)
    active: Mapped[bool] = mapped_column(default=True)


class ComplaintDeadlineRule(Base):
    """The clinic's deadlines for an urgency, in one category or (category None) in every category."""

    __tablename__ = "complaint_deadline_rule"
    __table_args__ = (
        UniqueConstraint("category_id", "urgency"),
        CheckConstraint("acknowledge_hours > 0 AND resolve_days > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("complaint_category.id", ondelete="CASCADE"))
    urgency: Mapped[Urgency]
    acknowledge_hours: Mapped[int]
    #: Calendar days in the clinic's zone: 7 days from Friday 10:00 is the next Friday 10:00, summer time or not.
    resolve_days: Mapped[int]


class UrgencyKeywords(Base):
    """Words that point to an urgency ("allergic", "bleeding" → critical), per locale, as the clinic sets them."""

    __tablename__ = "complaint_urgency_keywords"

    urgency: Mapped[Urgency] = mapped_column(primary_key=True)
    keywords: Mapped[dict] = mapped_column(default=dict)


class ComplaintViewerRole(Base):
    """A role the clinic allows to see complaints (the administrator always may)."""

    __tablename__ = "complaint_viewer_role"

    role: Mapped[Role] = mapped_column(primary_key=True)


class Complaint(Base):
    __tablename__ = "complaint"
    __table_args__ = (Index("ix_complaint_received", "received_at"), Index("ix_complaint_status", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[FeedbackKind] = mapped_column(default=FeedbackKind.COMPLAINT)
    channel: Mapped[ContactChannel]
    received_at: Mapped[datetime]
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"), index=True)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_details: Mapped[str] = mapped_column(String(200), default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("complaint_category.id"))
    suggested_category_id: Mapped[int | None] = mapped_column(ForeignKey("complaint_category.id"))
    urgency: Mapped[Urgency] = mapped_column(default=Urgency.NORMAL)
    suggested_urgency: Mapped[Urgency | None]
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    doctor_id: Mapped[int | None] = mapped_column(ForeignKey("doctor.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    staff_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    subject: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10), default="")
    status: Mapped[ComplaintStatus] = mapped_column(default=ComplaintStatus.RECEIVED)
    assigned_to: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    acknowledge_due_at: Mapped[datetime]
    resolve_due_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    resolution: Mapped[str] = mapped_column(Text, default="")
    response_text: Mapped[str] = mapped_column(Text, default="")
    response_channel: Mapped[ContactChannel | None]
    responded_at: Mapped[datetime | None]
    patient_satisfied: Mapped[bool | None]
    escalated_at: Mapped[datetime | None]
    anonymised_at: Mapped[datetime | None]
    created_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class ComplaintEvent(Base):
    """One step on a complaint's timeline: who did or said what, and how the patient was informed."""

    __tablename__ = "complaint_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    #: A ``ComplaintStep``; indexed: the suggestion's cache counts reclassifications on every suggestion.
    kind: Mapped[str] = mapped_column(String(40), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    informed_via: Mapped[ContactChannel | None]


class ComplaintAttachment(Base):
    __tablename__ = "complaint_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    added_at: Mapped[datetime]

"""Appointments: a doctor, a patient, a time range and a status.

A doctor never holds two overlapping active appointments. The database itself guards that: an
exclusion constraint on PostgreSQL and a trigger on SQLite (created by the migration), so that even a
check that raced another desk cannot double-book.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AppointmentStatus(enum.StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    ARRIVED = "arrived"
    IN_CONSULTATION = "in_consultation"
    COMPLETED = "completed"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


#: Statuses that hold the doctor's time; cancelled and no-show appointments free it.
ACTIVE_STATUSES: tuple[AppointmentStatus, ...] = (
    AppointmentStatus.BOOKED,
    AppointmentStatus.CONFIRMED,
    AppointmentStatus.ARRIVED,
    AppointmentStatus.IN_CONSULTATION,
    AppointmentStatus.COMPLETED,
)

#: The longest appointment; bounds the overlap query from below (PITFALLS: 0.013 ms instead of 2.9 ms).
MAX_APPOINTMENT_MINUTES = 12 * 60


class BookingChannel(enum.StrEnum):
    PHONE = "phone"
    WALK_IN = "walk_in"
    WEBSITE = "website"
    MESSENGER = "messenger"
    REFERRAL = "referral"
    WAITLIST = "waitlist"


class CancelReason(enum.StrEnum):
    BY_PATIENT = "by_patient"
    BY_CLINIC = "by_clinic"
    LATE_CANCELLATION = "late_cancellation"


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("start_at < end_at", name="order"),
        Index("ix_appointment_doctor_start", "doctor_id", "start_at"),
        Index("ix_appointment_start", "start_at"),
        Index("ix_appointment_patient", "patient_id", "start_at"),
        Index("ix_appointment_patient_status", "patient_id", "status", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"))
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    status: Mapped[AppointmentStatus] = mapped_column(default=AppointmentStatus.BOOKED)
    channel: Mapped[BookingChannel] = mapped_column(default=BookingChannel.PHONE)
    first_visit: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[CancelReason | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class WaitingStatus(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    IN_CONSULTATION = "in_consultation"
    DONE = "done"
    LEFT = "left"


class WaitingEntry(Base):
    """A patient in the waiting room today: booked (with an appointment) or walk-in."""

    __tablename__ = "waiting_entry"
    __table_args__ = (Index("ix_waiting_entry_arrived", "arrived_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"), unique=True)
    doctor_id: Mapped[int | None] = mapped_column(ForeignKey("doctor.id"))
    specialty: Mapped[str] = mapped_column(String(80), default="")
    reason: Mapped[str] = mapped_column(String(400), default="")
    ticket: Mapped[str] = mapped_column(String(12))
    urgent: Mapped[bool] = mapped_column(default=False)
    urgent_reason: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[WaitingStatus] = mapped_column(default=WaitingStatus.WAITING)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"))
    arrived_at: Mapped[datetime]
    called_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class TimeOfDay(enum.StrEnum):
    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class WaitlistStatus(enum.StrEnum):
    OPEN = "open"
    BOOKED = "booked"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class WaitlistRequest(Base):
    """A patient who wants an earlier (or any) slot, waiting until one frees up."""

    __tablename__ = "waitlist_request"
    __table_args__ = (
        CheckConstraint("earliest_on <= latest_on", name="window"),
        Index("ix_waitlist_request_open", "status", "earliest_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    doctor_id: Mapped[int | None] = mapped_column(ForeignKey("doctor.id"))
    specialty: Mapped[str] = mapped_column(String(80), default="")
    service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    earliest_on: Mapped[date]
    latest_on: Mapped[date]
    time_of_day: Mapped[TimeOfDay] = mapped_column(default=TimeOfDay.ANY)
    contact: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(400), default="")
    expires_on: Mapped[date]
    status: Mapped[WaitlistStatus] = mapped_column(default=WaitlistStatus.OPEN)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    created_at: Mapped[datetime]

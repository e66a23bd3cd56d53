"""Staff users with roles, doctors with their specialty, working-hours templates and exceptions."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Role(enum.StrEnum):
    ADMINISTRATOR = "administrator"
    RECEPTIONIST = "receptionist"
    CASHIER = "cashier"
    DOCTOR = "doctor"
    CERTIFICATE_CLERK = "certificate_clerk"


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    failed_sign_ins: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_sign_in_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    roles: Mapped[list[StaffRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class StaffRole(Base):
    __tablename__ = "staff_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(primary_key=True)


class UserSetting(Base):
    """Per-user preferences that follow the user between workstations (dock layout, language)."""

    __tablename__ = "user_setting"

    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)


class Doctor(Base):
    __tablename__ = "doctor"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    specialty: Mapped[str] = mapped_column(String(80))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    color: Mapped[str] = mapped_column(String(7), default="#4a90d9")
    active: Mapped[bool] = mapped_column(default=True)


class WorkingHours(Base):
    """One interval of a doctor's weekly template (several a day make breaks between them)."""

    __tablename__ = "working_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("start_time < end_time", name="order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]
    start_time: Mapped[time]
    end_time: Mapped[time]
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"))
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]


class ExceptionKind(enum.StrEnum):
    VACATION = "vacation"
    SICK = "sick"
    ABSENCE = "absence"
    EXTRA_SHIFT = "extra_shift"
    BREAK = "break"


class ScheduleException(Base):
    """A dated change to the template: a day off (no times), a break, or an extra shift."""

    __tablename__ = "schedule_exception"
    __table_args__ = (UniqueConstraint("doctor_id", "day", "start_time"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    kind: Mapped[ExceptionKind]
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    note: Mapped[str] = mapped_column(String(200), default="")

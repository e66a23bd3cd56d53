"""Calls and other contacts, tasks, and shift handovers: the administrator's worklists."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.complaints import ContactChannel
from app.models.staff import Role


class CallDirection(enum.StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class CallPurpose(enum.StrEnum):
    BOOKING = "booking"
    QUESTION = "question"
    COMPLAINT = "complaint"
    REMINDER = "reminder"
    FOLLOW_UP = "follow_up"
    CALLBACK = "callback"


class CallOutcome(enum.StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    ANSWERED = "answered"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"
    CALL_BACK_LATER = "call_back_later"
    WRONG_NUMBER = "wrong_number"


class Call(Base):
    __tablename__ = "call"
    __table_args__ = (Index("ix_call_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[CallDirection]
    channel: Mapped[ContactChannel] = mapped_column(default=ContactChannel.PHONE)
    purpose: Mapped[CallPurpose]
    outcome: Mapped[CallOutcome]
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    phone: Mapped[str] = mapped_column(String(32), default="")
    caller_name: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    decline_reason: Mapped[str] = mapped_column(String(200), default="")
    callback_at: Mapped[datetime | None]
    satisfaction: Mapped[int | None]
    at: Mapped[datetime]
    by_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))


class TaskPriority(enum.StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TaskStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    NOT_DONE = "not_done"


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (Index("ix_task_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[TaskPriority] = mapped_column(default=TaskPriority.NORMAL)
    due_at: Mapped[datetime | None]
    assigned_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    assigned_role: Mapped[Role | None]
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"))
    status: Mapped[TaskStatus] = mapped_column(default=TaskStatus.OPEN)
    result_note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class Handover(Base):
    """An item handed from one shift to the next (or to a named colleague) with a note."""

    __tablename__ = "handover"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    to_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    handed_at: Mapped[datetime]
    seen_at: Mapped[datetime | None]

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
    RECALL = "recall"


class CallOutcome(enum.StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    ANSWERED = "answered"
    DECLINED = "declined"
    NO_ANSWER = "no_answer"
    CALL_BACK_LATER = "call_back_later"
    WRONG_NUMBER = "wrong_number"


class RefusalReason(enum.StrEnum):
    """Why a caller declined (a booking, a reminded appointment, a recall): counted in the reports."""

    PRICE = "price"
    TIME_NOT_SUITABLE = "time_not_suitable"
    DOCTOR_NOT_AVAILABLE = "doctor_not_available"
    WENT_ELSEWHERE = "went_elsewhere"
    NO_LONGER_NEEDED = "no_longer_needed"
    OTHER = "other"


class Call(Base):
    __tablename__ = "call"
    __table_args__ = (Index("ix_call_at", "at"), Index("ix_call_appointment", "appointment_id"),
                      Index("ix_call_answers", "answers_call_id"))

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
    refusal: Mapped[RefusalReason | None]
    callback_at: Mapped[datetime | None]
    satisfaction: Mapped[int | None]
    #: The earlier call whose promised callback this call is.
    answers_call_id: Mapped[int | None] = mapped_column(ForeignKey("call.id"))
    #: The appointment booked during this call (``appointment_id`` is the one the call was about).
    booked_appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"))
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


class WorkKind(enum.StrEnum):
    """The generated worklists of the desk; each item is done by logging its call."""

    REMINDER = "reminder"
    FOLLOW_UP = "follow_up"
    CALLBACK = "callback"
    NO_SHOW = "no_show"
    RECALL = "recall"


class DeskShift(Base):
    """An administrator's closed shift at the desk: the end-of-shift report covers [opened_at, closed_at)."""

    __tablename__ = "desk_shift"
    __table_args__ = (Index("ix_desk_shift_user_closed", "user_id", "closed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    workstation: Mapped[str] = mapped_column(String(80))
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime]


class Handover(Base):
    """An item handed from one shift to the next (``to_user_id`` empty) or to a named colleague, with a note.

    The item is a task or a worklist item (its kind and the appointment, call or patient it is about).
    """

    __tablename__ = "handover"
    __table_args__ = (Index("ix_handover_unseen", "seen_at", "to_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    to_user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("desk_shift.id"))
    work_kind: Mapped[WorkKind | None]
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("call.id"))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    handed_at: Mapped[datetime]
    seen_at: Mapped[datetime | None]
    seen_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

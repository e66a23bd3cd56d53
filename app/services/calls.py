"""Calls and tasks: the day's call log and the open tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.context import Context
from app.models.calls import Call, CallDirection, CallOutcome, CallPurpose, Task, TaskPriority, TaskStatus
from app.models.patients import Patient
from app.models.staff import StaffUser
from app.services.days import day_bounds
from app.services.permissions import Permission, require


@dataclass(frozen=True)
class CallRow:
    id: int
    at: datetime
    direction: CallDirection
    purpose: CallPurpose
    outcome: CallOutcome
    who: str
    phone: str
    note: str
    by: str


@dataclass(frozen=True)
class TaskRow:
    id: int
    title: str
    priority: TaskPriority
    due_at: datetime | None
    assigned_to: str
    patient_name: str
    status: TaskStatus

    def overdue(self, now: datetime) -> bool:
        return self.status is TaskStatus.OPEN and self.due_at is not None and self.due_at < now


def calls_on(ctx: Context, day: date) -> list[CallRow]:
    require(ctx, Permission.VIEW_CALLS)
    start, end = day_bounds(ctx.clinic().zone, day)
    stmt = (
        select(Call, Patient.display_name, StaffUser.full_name)
        .outerjoin(Patient, Patient.id == Call.patient_id)
        .join(StaffUser, StaffUser.id == Call.by_user_id)
        .where(Call.at >= start, Call.at < end)
        .order_by(Call.at.desc())
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        CallRow(c.id, c.at, c.direction, c.purpose, c.outcome, patient or c.caller_name, c.phone, c.note, by)
        for c, patient, by in rows
    ]


def open_tasks(ctx: Context) -> list[TaskRow]:
    require(ctx, Permission.VIEW_CALLS)
    stmt = (
        select(Task, StaffUser.full_name, Patient.display_name)
        .outerjoin(StaffUser, StaffUser.id == Task.assigned_user_id)
        .outerjoin(Patient, Patient.id == Task.patient_id)
        .where(Task.status == TaskStatus.OPEN)
        .order_by(Task.due_at)
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        TaskRow(t.id, t.title, t.priority, t.due_at, assignee or (t.assigned_role or ""), patient or "", t.status)
        for t, assignee, patient in rows
    ]

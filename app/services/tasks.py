"""Tasks at the desk: something to do by a deadline, for a person or for everyone of a role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound
from app.events import Topic
from app.i18n import N_
from app.models.calls import Task, TaskPriority, TaskStatus
from app.models.staff import Role, StaffUser
from app.services.calls import TaskRow, open_tasks
from app.services.patients import live_patient
from app.services.permissions import Permission, require
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_text

#: A deadline a little in the past is a task to do right now, not a typing slip.
DEADLINE_GRACE = timedelta(minutes=5)
MAX_DEADLINE_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class TaskInput:
    title: str
    details: str = ""
    priority: TaskPriority = TaskPriority.NORMAL
    due_at: datetime | None = None
    assigned_user_id: int | None = None
    assigned_role: Role | None = None
    patient_id: int | None = None


def add_in(uow: UnitOfWork, data: TaskInput) -> int:
    """Create the task inside the caller's transaction (a handover of a worklist item makes one)."""
    ctx, session = uow.ctx, uow.session
    actor = require(ctx, Permission.LOG_CALLS)
    title = clean_text(data.title, N_("Task"), max_length=200, required=True)
    details = clean_text(data.details, N_("Details"), max_length=4000, multiline=True)
    now = ctx.clock.now()
    if data.due_at is not None:
        if data.due_at < now - DEADLINE_GRACE:
            raise InvalidInput(N_("{field} has already passed."), field=N_("Deadline"))
        if data.due_at - now > MAX_DEADLINE_AHEAD:
            raise InvalidInput(N_("{field} is too far from today."), field=N_("Deadline"))
    if data.assigned_user_id is not None and data.assigned_role is not None:
        raise InvalidInput(N_("Assign the task to a person or to a role, not both."))
    if data.assigned_user_id is not None:
        user = session.get(StaffUser, data.assigned_user_id)
        if user is None or not user.active:
            raise NotFound(N_("This colleague no longer works here."))
    if data.patient_id is not None:
        live_patient(session, data.patient_id)
    task = Task(title=title, details=details, priority=data.priority, due_at=data.due_at,
                assigned_user_id=data.assigned_user_id, assigned_role=data.assigned_role,
                patient_id=data.patient_id, created_by=actor.user_id, created_at=now)
    session.add(task)
    session.flush()
    uow.record("add", "task", task.id, {
        "title": title, "priority": data.priority.value, "due_at": data.due_at.isoformat() if data.due_at else None,
        "assigned_user_id": data.assigned_user_id,
        "assigned_role": data.assigned_role.value if data.assigned_role else None, "patient_id": data.patient_id,
    })
    uow.emit(Topic.TASKS, task.id)
    return task.id


def add(ctx: Context, data: TaskInput) -> TaskRow:
    require(ctx, Permission.LOG_CALLS)
    with unit_of_work(ctx) as uow:
        task_id = add_in(uow, data)
    return next(row for row in open_tasks(ctx) if row.id == task_id)


def close(ctx: Context, task_id: int, status: TaskStatus, note: str = "") -> None:
    """Done, or not done with the reason why (a note is required then)."""
    require(ctx, Permission.LOG_CALLS)
    if status is TaskStatus.OPEN:
        raise InvalidInput(N_("A task is closed as done or as not done."))
    text = clean_text(note, N_("Note"), max_length=2000, multiline=True, required=status is TaskStatus.NOT_DONE)
    with unit_of_work(ctx) as uow:
        task = uow.session.get(Task, task_id)
        if task is None:
            raise NotFound(N_("This task no longer exists."))
        if task.status is not TaskStatus.OPEN:
            raise Conflict(N_("This task was already closed."))
        task.status, task.result_note, task.closed_at = status, text, ctx.clock.now()
        uow.record("close", "task", task.id, {"status": status.value, "note": text})
        uow.emit(Topic.TASKS, task.id)


def mine(ctx: Context) -> list[TaskRow]:
    """Open tasks for the signed-in user: theirs, their roles', and nobody's in particular."""
    actor = require(ctx, Permission.VIEW_CALLS)
    with ctx.db.read() as session:
        ids = set(session.scalars(select(Task.id).where(
            Task.status == TaskStatus.OPEN,
            or_(Task.assigned_user_id == actor.user_id, Task.assigned_role.in_(actor.roles),
                Task.assigned_user_id.is_(None) & Task.assigned_role.is_(None)))))
    return [row for row in open_tasks(ctx) if row.id in ids]

"""Closing a desk shift: what is unfinished, handing the urgent part over, and receiving it at sign-in.

Urgent items (urgent tasks, tomorrow's reminders not made, callbacks promised for today) cannot be left
behind silently: closing refuses until each is handed to the next shift or to a named colleague with a
note. The next person sees what was handed to them (or to whoever comes next) first when signing in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound
from app.events import Topic
from app.i18n import N_
from app.models.calls import DeskShift, Handover, Task, TaskPriority, WorkKind
from app.models.patients import Patient
from app.models.staff import StaffUser
from app.services import tasks, worklists
from app.services.calls import TaskRow
from app.services.days import day_bounds, today
from app.services.permissions import ROLE_PERMISSIONS, Permission, require
from app.services.staff import list_users
from app.services.uow import unit_of_work
from app.services.validation import clean_text
from app.services.worklists import WorkItem


@dataclass(frozen=True)
class Unfinished:
    """What the closing shift leaves: open tasks and open worklist items, urgent ones flagged."""

    opened_at: datetime
    tasks: list[TaskRow]
    items: list[WorkItem]

    def urgent_tasks(self) -> list[TaskRow]:
        return [task for task in self.tasks if task.priority is TaskPriority.URGENT]

    def urgent_items(self) -> list[WorkItem]:
        return [item for item in self.items if item.urgent]


@dataclass(frozen=True)
class HandoverInput:
    """One task or worklist item handed over: to ``to_user_id``, or to the next shift when None."""

    note: str
    to_user_id: int | None = None
    task_id: int | None = None
    item: WorkItem | None = None


@dataclass(frozen=True)
class ClosedShift:
    id: int
    opened_at: datetime
    closed_at: datetime
    handed_over: int


@dataclass(frozen=True)
class HandoverRow:
    id: int
    from_name: str
    to_name: str
    handed_at: datetime
    note: str
    task_id: int | None
    task_title: str
    work_kind: WorkKind | None
    appointment_id: int | None
    call_id: int | None
    patient_id: int | None
    patient_name: str


@dataclass(frozen=True)
class Colleague:
    id: int
    name: str


def shift_start(ctx: Context) -> datetime:
    """Where the signed-in user's current shift began: the start of the clinic day, or their last close
    today if they closed a shift already."""
    actor = require(ctx, Permission.VIEW_CALLS)
    start = day_bounds(ctx.clinic().zone, today(ctx))[0]
    with ctx.db.read() as session:
        last = session.scalar(select(DeskShift.closed_at).where(
            DeskShift.user_id == actor.user_id, DeskShift.closed_at >= start).order_by(
            DeskShift.closed_at.desc()).limit(1))
    return last or start


def unfinished(ctx: Context) -> Unfinished:
    require(ctx, Permission.VIEW_CALLS)
    lists = worklists.worklists(ctx)
    return Unfinished(shift_start(ctx), tasks.mine(ctx), [item for items in lists.values() for item in items])


def colleagues(ctx: Context) -> list[Colleague]:
    """Active staff who work the desk (may log calls), other than the signed-in user."""
    actor = require(ctx, Permission.VIEW_CALLS)
    return [Colleague(u.id, u.full_name) for u in list_users(ctx)
            if u.active and u.id != actor.user_id
            and any(Permission.LOG_CALLS in ROLE_PERMISSIONS[role] for role in u.roles)]


def close_shift(ctx: Context, handovers: Sequence[HandoverInput]) -> ClosedShift:
    """Close the signed-in user's shift, handing items over; refused while an urgent item is left behind."""
    actor = require(ctx, Permission.LOG_CALLS)
    left = unfinished(ctx)
    notes = [clean_text(h.note, N_("Handover note"), max_length=2000, multiline=True, required=True)
             for h in handovers]
    handed_tasks = {h.task_id for h in handovers if h.task_id is not None}
    handed_items = {h.item.key for h in handovers if h.item is not None}
    for h in handovers:
        if (h.task_id is None) == (h.item is None):
            raise InvalidInput(N_("Each handover is of one task or one worklist item."))
        if h.to_user_id == actor.user_id:
            raise InvalidInput(N_("Hand the item to the next shift or to a colleague, not to yourself."))
    missing = [t for t in left.urgent_tasks() if t.id not in handed_tasks]
    missing_items = [i for i in left.urgent_items() if i.key not in handed_items]
    if missing or missing_items:
        raise Conflict(N_("Urgent items not handed over: {count}. Hand each to the next shift or a colleague "
                          "with a note."), count=len(missing) + len(missing_items))
    now = ctx.clock.now()
    with unit_of_work(ctx) as uow:
        session = uow.session
        shift = DeskShift(user_id=actor.user_id, workstation=ctx.workstation, opened_at=left.opened_at,
                          closed_at=now)
        session.add(shift)
        session.flush()
        for h, note in zip(handovers, notes, strict=True):
            if h.to_user_id is not None:
                user = session.get(StaffUser, h.to_user_id)
                if user is None or not user.active:
                    raise NotFound(N_("This colleague no longer works here."))
            if h.task_id is not None and session.get(Task, h.task_id) is None:
                raise NotFound(N_("This task no longer exists."))
            item = h.item
            session.add(Handover(
                from_user_id=actor.user_id, to_user_id=h.to_user_id, task_id=h.task_id, shift_id=shift.id,
                work_kind=item.kind if item else None, appointment_id=item.appointment_id if item else None,
                call_id=item.call_id if item else None, patient_id=item.patient_id if item else None,
                note=note, handed_at=now))
        uow.record("close", "desk_shift", shift.id, {
            "opened_at": left.opened_at.isoformat(), "handed_over": len(handovers)})
        uow.emit(Topic.TASKS)
        return ClosedShift(shift.id, left.opened_at, now, len(handovers))


def _addressed_to(user_id: int):
    """Handovers for this user: to them by name, or to the next shift from somebody else."""
    return or_(Handover.to_user_id == user_id,
               Handover.to_user_id.is_(None) & (Handover.from_user_id != user_id))


def pending(ctx: Context) -> list[HandoverRow]:
    """What was handed to the signed-in user (or to whoever comes next) and nobody has taken yet."""
    actor = require(ctx, Permission.VIEW_CALLS)
    sender, receiver = aliased(StaffUser), aliased(StaffUser)
    stmt = (
        select(Handover, sender.full_name, receiver.full_name, Task.title, Patient.display_name)
        .join(sender, sender.id == Handover.from_user_id)
        .outerjoin(receiver, receiver.id == Handover.to_user_id)
        .outerjoin(Task, Task.id == Handover.task_id)
        .outerjoin(Patient, Patient.id == func.coalesce(Handover.patient_id, Task.patient_id))
        .where(Handover.seen_at.is_(None), _addressed_to(actor.user_id))
        .order_by(Handover.handed_at, Handover.id)
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [HandoverRow(h.id, sender_name, receiver_name or "", h.handed_at, h.note, h.task_id, title or "",
                        h.work_kind, h.appointment_id, h.call_id, h.patient_id, patient or "")
            for h, sender_name, receiver_name, title, patient in rows]


def acknowledge(ctx: Context, handover_ids: Sequence[int]) -> None:
    """The signed-in user has read these handovers and takes them on."""
    actor = require(ctx, Permission.VIEW_CALLS)
    with unit_of_work(ctx) as uow:
        rows = uow.session.scalars(select(Handover).where(
            Handover.id.in_(list(handover_ids)), Handover.seen_at.is_(None), _addressed_to(actor.user_id))).all()
        now = ctx.clock.now()
        for handover in rows:
            handover.seen_at, handover.seen_by = now, actor.user_id
        if rows:
            uow.record("acknowledge", "handover", None, {"ids": sorted(h.id for h in rows)})
            uow.emit(Topic.TASKS)

"""A complaint's life after intake: routing, acknowledgement, work, resolution, the answer, closing, reopening.

Statuses move only along ``_ALLOWED``; every step is an event on the timeline (who, when, what was said or
done, how the patient was informed), and nothing on the timeline is ever rewritten: reopening adds a step
and keeps the earlier resolution where it was. A complaint is closed only with a resolution text.
Overdue complaints are escalated to the administrator once, by ``escalate_overdue``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Actor, Context
from app.errors import Conflict, NotFound
from app.events import Topic
from app.i18n import N_
from app.labels import LABELS
from app.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintStep,
    ContactChannel,
    Urgency,
)
from app.services.complaint_rules import deadlines, require_view
from app.services.complaints import (
    MAX_TEXT,
    ComplaintRow,
    check_routing,
    check_time,
    due_of,
    is_overdue,
    one_row,
)
from app.services.permissions import Permission, require
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_text

_S = ComplaintStatus
#: For each step, the statuses it may start from, and the status it leads to (None: unchanged).
_ALLOWED: dict[ComplaintStep, tuple[frozenset[ComplaintStatus], ComplaintStatus | None]] = {
    ComplaintStep.ACKNOWLEDGED: (frozenset({_S.RECEIVED}), _S.ACKNOWLEDGED),
    ComplaintStep.IN_PROGRESS: (frozenset({_S.RECEIVED, _S.ACKNOWLEDGED, _S.REOPENED}), _S.IN_PROGRESS),
    ComplaintStep.RESOLVED: (frozenset({_S.RECEIVED, _S.ACKNOWLEDGED, _S.IN_PROGRESS, _S.REOPENED}), _S.RESOLVED),
    ComplaintStep.CLOSED: (frozenset({_S.RESOLVED}), _S.CLOSED),
    ComplaintStep.REOPENED: (frozenset({_S.RESOLVED, _S.CLOSED}), _S.REOPENED),
    ComplaintStep.ASSIGNED: (frozenset(set(_S) - {_S.CLOSED}), None),
    ComplaintStep.NOTE: (frozenset(_S), None),
    ComplaintStep.RESPONDED: (frozenset(set(_S) - {_S.RECEIVED}), None),
    ComplaintStep.RECLASSIFIED: (frozenset(_S), None),
}


@dataclass(frozen=True)
class Response:
    """What the patient was told, how and when, and whether they were satisfied (None: not known yet)."""

    text: str
    channel: ContactChannel
    at: datetime
    satisfied: bool | None = None


class StepRefused(Conflict):
    """The step does not follow from the complaint's status (another desk may have moved it on)."""

    translated_params = frozenset({"status"})




def locked_complaint(session: Session, complaint_id: int) -> Complaint:
    # Locked for the step: two desks acting on one complaint take turns (PostgreSQL; SQLite's
    # BEGIN IMMEDIATE already serialises writers).
    found = session.scalar(select(Complaint).where(Complaint.id == complaint_id).with_for_update())
    if found is None:
        raise NotFound(N_("This complaint no longer exists."))
    return found


def _step(uow: UnitOfWork, actor: Actor, c: Complaint, step: ComplaintStep, text: str = "",
          informed_via: ContactChannel | None = None) -> None:
    sources, target = _ALLOWED[step]
    if c.status not in sources:
        raise StepRefused(N_("This step is not possible for a complaint with the status “{status}”."),
                          status=LABELS[ComplaintStatus][c.status])
    if c.anonymised_at is not None and step is not ComplaintStep.NOTE:
        raise Conflict(N_("This complaint was anonymised; its statistics are kept, but it cannot change."))
    now = uow.ctx.clock.now()
    if target is not None:
        c.status = target
    uow.session.add(ComplaintEvent(complaint_id=c.id, at=now, actor_id=actor.user_id, kind=step, text=text,
                                   informed_via=informed_via))
    uow.record(str(step), "complaint", c.id, {"status": str(c.status), "text": text[:200],
                                               "informed_via": str(informed_via) if informed_via else None})
    uow.emit(Topic.COMPLAINTS, c.id)


def _run(ctx: Context, complaint_id: int, action: Callable[[UnitOfWork, Actor, Complaint], None]) -> ComplaintRow:
    actor = require(ctx, Permission.MANAGE_COMPLAINTS)
    with unit_of_work(ctx) as uow:
        require_view(ctx, uow.session)
        c = locked_complaint(uow.session, complaint_id)
        action(uow, actor, c)
        uow.session.flush()
        return one_row(ctx, uow.session, complaint_id)


def _note_text(text: str, field: str, *, required: bool = False) -> str:
    return clean_text(text, field, max_length=MAX_TEXT, required=required, multiline=True)


def assign(ctx: Context, complaint_id: int, department_id: int | None, assigned_to: int | None,
           note: str = "") -> ComplaintRow:
    """Route the complaint to a department and a person responsible."""
    text = _note_text(note, N_("Note"))

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        check_routing(uow.session, department_id, assigned_to)
        c.department_id, c.assigned_to = department_id, assigned_to
        _step(uow, actor, c, ComplaintStep.ASSIGNED, text)

    return _run(ctx, complaint_id, act)


def reclassify(ctx: Context, complaint_id: int, category_id: int | None, urgency: Urgency,
               note: str = "") -> ComplaintRow:
    """Change what the complaint is about or how urgent it is, after intake (staff know more now).

    The deadlines follow the new category and urgency, counted from receipt as at intake; a reopened
    complaint keeps the resolution deadline its reopening set. The suggestion relearns from the change.
    """
    text = _note_text(note, N_("Note"))

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        if category_id is not None and uow.session.get(ComplaintCategory, category_id) is None:
            raise NotFound(N_("This complaint category no longer exists."))
        if (category_id, urgency) == (c.category_id, c.urgency):
            raise Conflict(N_("The complaint already has this category and urgency."))
        due = deadlines(uow.session, uow.ctx.clinic().zone, category_id, urgency, c.received_at)
        c.category_id, c.urgency = category_id, urgency
        c.acknowledge_due_at = due.acknowledge_due_at
        if c.status is not ComplaintStatus.REOPENED:
            c.resolve_due_at = due.resolve_due_at
        _step(uow, actor, c, ComplaintStep.RECLASSIFIED, text)

    return _run(ctx, complaint_id, act)


def acknowledge(ctx: Context, complaint_id: int, text: str, informed_via: ContactChannel) -> ComplaintRow:
    """Tell the patient the complaint was received and is being looked at (how they were told, and what)."""
    said = _note_text(text, N_("Message to the patient"))

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        c.acknowledged_at = uow.ctx.clock.now()
        _step(uow, actor, c, ComplaintStep.ACKNOWLEDGED, said, informed_via)

    return _run(ctx, complaint_id, act)


def start_work(ctx: Context, complaint_id: int, note: str = "") -> ComplaintRow:
    text = _note_text(note, N_("Note"))

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        if c.acknowledged_at is None:
            c.acknowledged_at = uow.ctx.clock.now()
        _step(uow, actor, c, ComplaintStep.IN_PROGRESS, text)

    return _run(ctx, complaint_id, act)


def add_note(ctx: Context, complaint_id: int, note: str) -> ComplaintRow:
    text = _note_text(note, N_("Note"), required=True)
    return _run(ctx, complaint_id, lambda uow, actor, c: _step(uow, actor, c, ComplaintStep.NOTE, text))


def resolve(ctx: Context, complaint_id: int, resolution: str, resolved_at: datetime | None = None) -> ComplaintRow:
    """Record what was done about it; ``resolved_at`` may be earlier today (entered after the fact)."""
    text = _note_text(resolution, N_("Resolution"), required=True)

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        now = uow.ctx.clock.now()
        at = check_time(resolved_at or now, c.received_at, now, N_("Resolution time"))
        if c.acknowledged_at is None:
            c.acknowledged_at = min(at, now)
        c.resolved_at, c.resolution = at, text
        _step(uow, actor, c, ComplaintStep.RESOLVED, text)

    return _run(ctx, complaint_id, act)


def respond(ctx: Context, complaint_id: int, response: Response) -> ComplaintRow:
    """The answer given to the patient: what, by which channel, when, and whether they were satisfied."""
    text = _note_text(response.text, N_("Response"), required=True)

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        now = uow.ctx.clock.now()
        at = check_time(response.at, c.received_at, now, N_("Answer time"))
        c.response_text, c.response_channel, c.responded_at = text, response.channel, at
        c.patient_satisfied = response.satisfied
        _step(uow, actor, c, ComplaintStep.RESPONDED, text, response.channel)

    return _run(ctx, complaint_id, act)


def close(ctx: Context, complaint_id: int, note: str = "") -> ComplaintRow:
    text = _note_text(note, N_("Note"))

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        if not c.resolution.strip():
            raise Conflict(N_("A complaint is closed only with a resolution: record what was done first."))
        c.closed_at = uow.ctx.clock.now()
        _step(uow, actor, c, ComplaintStep.CLOSED, text)

    return _run(ctx, complaint_id, act)


def reopen(ctx: Context, complaint_id: int, reason: str) -> ComplaintRow:
    """Open a resolved or closed complaint again (the patient came back); the timeline keeps the earlier steps.

    The resolution is due again, counted from now by the same rules; it must be resolved anew before closing.
    """
    text = _note_text(reason, N_("Reason"), required=True)

    def act(uow: UnitOfWork, actor: Actor, c: Complaint) -> None:
        now = uow.ctx.clock.now()
        _step(uow, actor, c, ComplaintStep.REOPENED, text)
        c.resolved_at, c.closed_at, c.escalated_at = None, None, None
        c.resolve_due_at = deadlines(uow.session, uow.ctx.clinic().zone, c.category_id, c.urgency,
                                     now).resolve_due_at

    return _run(ctx, complaint_id, act)


def escalate_overdue(ctx: Context) -> list[int]:
    """Mark every overdue, not yet escalated complaint as escalated to the administrator; their ids.

    Run by the complaint dock as it refreshes: the administrator's view lists escalated ones first.
    """
    actor = require(ctx, Permission.VIEW_COMPLAINTS)
    now = ctx.clock.now()
    with unit_of_work(ctx) as uow:
        candidates = uow.session.scalars(select(Complaint).where(
            Complaint.escalated_at.is_(None), Complaint.anonymised_at.is_(None),
            Complaint.status.in_([_S.RECEIVED, _S.ACKNOWLEDGED, _S.IN_PROGRESS, _S.REOPENED]),
            ((Complaint.acknowledged_at.is_(None) & (Complaint.acknowledge_due_at < now))
             | (Complaint.resolve_due_at < now)))).all()
        escalated = []
        for c in candidates:
            if not is_overdue(c.status, due_of(c), now):
                continue
            c.escalated_at = now
            uow.session.add(ComplaintEvent(complaint_id=c.id, at=now, actor_id=actor.user_id,
                                           kind=ComplaintStep.ESCALATED, text="", informed_via=None))
            uow.record("escalate", "complaint", c.id, {"due_at": due_of(c).isoformat()})
            uow.emit(Topic.COMPLAINTS, c.id)
            escalated.append(c.id)
        return escalated


def check_transition(status: ComplaintStatus, step: ComplaintStep) -> bool:
    """Whether ``step`` may be taken now (the dock enables its buttons by this; the service decides)."""
    return status in _ALLOWED[step][0]

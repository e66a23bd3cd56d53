"""The complaint log's read side: everything not yet closed, the overdue first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.context import Context
from app.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    ContactChannel,
    FeedbackKind,
    Urgency,
)
from app.models.patients import Patient
from app.models.staff import StaffUser
from app.services.permissions import Permission, require


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    received_at: datetime
    kind: FeedbackKind
    channel: ContactChannel
    who: str
    category: str
    urgency: Urgency
    status: ComplaintStatus
    assigned_to: str
    due_at: datetime
    overdue: bool
    summary: str


def open_list(ctx: Context) -> list[ComplaintRow]:
    require(ctx, Permission.VIEW_COMPLAINTS)
    now = ctx.clock.now()
    stmt = (
        select(Complaint, Patient.display_name, ComplaintCategory.name, StaffUser.full_name)
        .outerjoin(Patient, Patient.id == Complaint.patient_id)
        .outerjoin(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
        .outerjoin(StaffUser, StaffUser.id == Complaint.assigned_to)
        .where(Complaint.status != ComplaintStatus.CLOSED)
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    result = []
    for c, patient, category, assignee in rows:
        acknowledged = c.acknowledged_at is not None
        due = c.resolve_due_at if acknowledged else c.acknowledge_due_at
        pending = c.status not in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
        first_line = c.text.strip().splitlines()[0] if c.text.strip() else ""
        result.append(ComplaintRow(
            id=c.id, received_at=c.received_at, kind=c.kind, channel=c.channel,
            who=patient or c.contact_name, category=category or "", urgency=c.urgency, status=c.status,
            assigned_to=assignee or "", due_at=due, overdue=pending and due < now, summary=first_line[:200],
        ))
    result.sort(key=lambda r: (not r.overdue, r.due_at))
    return result

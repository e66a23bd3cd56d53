"""A complainant's rights over their data: a copy of it on request, and anonymisation that keeps the statistics.

The export holds every complaint of the same person (the linked patient, or for an anonymous complainant
the same contact details) with its timeline and attachment names, as JSON a clerk can hand over or print.
Anonymising removes whatever identifies or quotes the person (link, contact, subject, text, notes,
the answer, attachments) and keeps what the analysis counts: kind, channel, times, category, urgency,
department, doctor, status, satisfaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from app.context import Context
from app.errors import Conflict
from app.events import Topic
from app.i18n import N_
from app.models.complaints import Complaint, ComplaintAttachment, ComplaintCategory, ComplaintEvent, ComplaintStep
from app.models.patients import Patient
from app.services.complaint_rules import require_view
from app.services.complaint_workflow import locked_complaint
from app.services.complaints import ComplaintRow, one_row
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work


@dataclass(frozen=True)
class PersonalDataExport:
    file_name: str
    content: bytes
    complaints: int


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export_personal_data(ctx: Context, complaint_id: int) -> PersonalDataExport:
    """Everything the log holds about this complaint's author, as UTF-8 JSON."""
    require(ctx, Permission.MANAGE_COMPLAINTS)
    with unit_of_work(ctx) as uow:
        session = uow.session
        require_view(ctx, session)
        c = locked_complaint(session, complaint_id)
        same_person = (Complaint.patient_id == c.patient_id if c.patient_id is not None
                       else Complaint.id == c.id if not c.contact_details
                       else Complaint.contact_details == c.contact_details)
        found = session.execute(
            select(Complaint, ComplaintCategory.name).outerjoin(ComplaintCategory,
                                                                ComplaintCategory.id == Complaint.category_id)
            .where(same_person, Complaint.anonymised_at.is_(None)).order_by(Complaint.received_at)).all()
        patient = session.get(Patient, c.patient_id) if c.patient_id is not None else None
        items = []
        for complaint, category in found:
            steps = session.scalars(select(ComplaintEvent).where(ComplaintEvent.complaint_id == complaint.id)
                                    .order_by(ComplaintEvent.at, ComplaintEvent.id)).all()
            files = session.scalars(select(ComplaintAttachment.file_name)
                                    .where(ComplaintAttachment.complaint_id == complaint.id)).all()
            items.append({
                "id": complaint.id, "kind": str(complaint.kind), "channel": str(complaint.channel),
                "received_at": _iso(complaint.received_at), "subject": complaint.subject, "text": complaint.text,
                "contact_name": complaint.contact_name, "contact_details": complaint.contact_details,
                "category": category, "status": str(complaint.status), "resolution": complaint.resolution,
                "response": complaint.response_text,
                "response_channel": str(complaint.response_channel) if complaint.response_channel else None,
                "responded_at": _iso(complaint.responded_at), "patient_satisfied": complaint.patient_satisfied,
                "timeline": [{"at": _iso(s.at), "step": s.kind, "text": s.text,
                              "informed_via": str(s.informed_via) if s.informed_via else None} for s in steps],
                "attachments": list(files),
            })
        document = {
            "clinic": ctx.clinic().legal_name, "exported_at": _iso(ctx.clock.now()),
            "patient": {"name": patient.display_name, "phone": patient.phone, "email": patient.email}
            if patient is not None else None,
            "complaints": items,
        }
        uow.record("export", "complaint", c.id, {"complaints": [item["id"] for item in items]})
        stamp = ctx.clock.now().astimezone(ctx.clinic().zone).strftime("%Y%m%d")
        return PersonalDataExport(f"complaints-{c.id}-{stamp}.json",
                                  json.dumps(document, ensure_ascii=False, indent=2).encode(), len(items))


def anonymise(ctx: Context, complaint_id: int) -> ComplaintRow:
    """Remove the person from the complaint for good; its statistics stay."""
    actor = require(ctx, Permission.MANAGE_COMPLAINTS)
    with unit_of_work(ctx) as uow:
        session = uow.session
        require_view(ctx, session)
        c = locked_complaint(session, complaint_id)
        if c.anonymised_at is not None:
            raise Conflict(N_("This complaint is already anonymised."))
        now = ctx.clock.now()
        c.patient_id = c.appointment_id = None
        c.contact_name = c.contact_details = c.subject = c.text = ""
        c.resolution = c.response_text = ""
        c.anonymised_at = now
        session.execute(update(ComplaintEvent).where(ComplaintEvent.complaint_id == c.id).values(text=""))
        session.execute(delete(ComplaintAttachment).where(ComplaintAttachment.complaint_id == c.id))
        session.add(ComplaintEvent(complaint_id=c.id, at=now, actor_id=actor.user_id, kind=ComplaintStep.ANONYMISED,
                                   text="", informed_via=None))
        uow.record("anonymise", "complaint", c.id, {})
        uow.emit(Topic.COMPLAINTS, c.id)
        session.flush()
        return one_row(ctx, session, c.id)

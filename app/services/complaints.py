"""The complaint log: intake from every channel, the list of open ones, one complaint with its timeline.

``log_complaint`` is the one way a complaint enters the log (the complaint dock's dialog, a follow-up call
that turns into a complaint): it validates, suggests a category and urgency from the text, computes the
deadlines from the clinic's rules, and writes the complaint, its attachments and the first timeline step.
The steps after intake (assign, acknowledge, resolve, answer, close, reopen) are in ``complaint_workflow``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import InvalidInput, NotFound
from app.events import Topic
from app.i18n import LOCALES, N_
from app.models.clinic import Department
from app.models.complaints import (
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintStep,
    ContactChannel,
    FeedbackKind,
    Urgency,
)
from app.models.patients import Patient
from app.models.scheduling import Appointment
from app.models.staff import Doctor, StaffUser
from app.services.complaint_rules import category_name, deadlines, require_view
from app.services.complaint_suggestion import suggest_in
from app.services.patients import live_patient
from app.services.permissions import Permission, require
from app.services.staff import active_doctor
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_email, clean_text

MAX_TEXT = 20_000
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
#: A desk clock a minute or two ahead of the server's is not "the future".
CLOCK_TOLERANCE = timedelta(minutes=5)
#: Complaints stop being "open" once closed; resolved ones still wait for the patient's answer or closing.
_PENDING = (ComplaintStatus.RECEIVED, ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.IN_PROGRESS,
            ComplaintStatus.REOPENED)


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes


@dataclass(frozen=True)
class ComplaintInput:
    """What the desk collects at intake.

    ``category_id`` None leaves the complaint unclassified (the suggestion is still kept beside it, for the
    hit rate); ``urgency`` None takes the suggested urgency.
    """

    kind: FeedbackKind
    channel: ContactChannel
    received_at: datetime
    text: str
    subject: str = ""
    patient_id: int | None = None
    #: For a complaint from someone not (or not knowingly) a patient: a name and a phone or address.
    contact_name: str = ""
    contact_details: str = ""
    category_id: int | None = None
    urgency: Urgency | None = None
    department_id: int | None = None
    assigned_to: int | None = None
    doctor_id: int | None = None
    appointment_id: int | None = None
    staff_user_id: int | None = None
    language: str = ""
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    received_at: datetime
    kind: FeedbackKind
    channel: ContactChannel
    patient_id: int | None
    who: str
    subject: str
    category_id: int | None
    category: str
    urgency: Urgency
    status: ComplaintStatus
    department_id: int | None
    department: str
    assigned_to_id: int | None
    assigned_to: str
    doctor: str
    due_at: datetime
    overdue: bool
    escalated: bool
    anonymised: bool
    summary: str

    @property
    def pending(self) -> bool:
        return self.status in _PENDING


@dataclass(frozen=True)
class TimelineStep:
    at: datetime
    step: ComplaintStep
    actor: str
    text: str
    informed_via: ContactChannel | None


@dataclass(frozen=True)
class ComplaintDetail:
    row: ComplaintRow
    text: str
    contact_name: str
    contact_details: str
    language: str
    suggested_category: str
    suggested_urgency: Urgency | None
    acknowledge_due_at: datetime
    resolve_due_at: datetime
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    resolution: str
    response_text: str
    response_channel: ContactChannel | None
    responded_at: datetime | None
    patient_satisfied: bool | None
    attachments: tuple[tuple[int, str, int], ...]
    timeline: tuple[TimelineStep, ...]


def due_of(c: Complaint) -> datetime:
    """The next deadline: the acknowledgement until acknowledged, then the resolution."""
    return c.resolve_due_at if c.acknowledged_at is not None else c.acknowledge_due_at


def is_overdue(status: ComplaintStatus, due_at: datetime, now: datetime) -> bool:
    return status in _PENDING and due_at < now


def _rows(ctx: Context, session: Session, *conditions: ColumnElement[bool]) -> list[ComplaintRow]:
    now = ctx.clock.now()
    stmt = (
        select(Complaint, Patient.display_name, ComplaintCategory.name, ComplaintCategory.names,
               StaffUser.full_name, Department.name, Doctor.full_name)
        .outerjoin(Patient, Patient.id == Complaint.patient_id)
        .outerjoin(ComplaintCategory, ComplaintCategory.id == Complaint.category_id)
        .outerjoin(StaffUser, StaffUser.id == Complaint.assigned_to)
        .outerjoin(Department, Department.id == Complaint.department_id)
        .outerjoin(Doctor, Doctor.id == Complaint.doctor_id)
        .where(*conditions)
    )
    result = []
    for c, patient, category, names, assignee, department, doctor in session.execute(stmt).all():
        due = due_of(c)
        first_line = c.text.strip().splitlines()[0] if c.text.strip() else ""
        result.append(ComplaintRow(
            id=c.id, received_at=c.received_at, kind=c.kind, channel=c.channel, patient_id=c.patient_id,
            who=patient or c.contact_name, subject=c.subject, category_id=c.category_id,
            category=category_name(category, names) if category else "",
            urgency=c.urgency, status=c.status, department_id=c.department_id, department=department or "",
            assigned_to_id=c.assigned_to, assigned_to=assignee or "", doctor=doctor or "", due_at=due,
            overdue=is_overdue(c.status, due, now), escalated=c.escalated_at is not None,
            anonymised=c.anonymised_at is not None, summary=(c.subject or first_line)[:200],
        ))
    return result


def open_list(ctx: Context) -> list[ComplaintRow]:
    """Everything not yet closed, the overdue first, then by the next deadline."""
    with ctx.db.read() as session:
        require_view(ctx, session)
        result = _rows(ctx, session, Complaint.status != ComplaintStatus.CLOSED)
    result.sort(key=lambda r: (not r.overdue, r.due_at))
    return result


def one_row(ctx: Context, session: Session, complaint_id: int) -> ComplaintRow:
    rows = _rows(ctx, session, Complaint.id == complaint_id)
    if not rows:
        raise NotFound(N_("This complaint no longer exists."))
    return rows[0]


def detail(ctx: Context, complaint_id: int) -> ComplaintDetail:
    with ctx.db.read() as session:
        require_view(ctx, session)
        row = one_row(ctx, session, complaint_id)
        c = session.get(Complaint, complaint_id)
        assert c is not None
        suggested = session.get(ComplaintCategory, c.suggested_category_id) if c.suggested_category_id else None
        steps = session.execute(
            select(ComplaintEvent, StaffUser.full_name).join(StaffUser, StaffUser.id == ComplaintEvent.actor_id)
            .where(ComplaintEvent.complaint_id == complaint_id).order_by(ComplaintEvent.at, ComplaintEvent.id)).all()
        files = session.execute(
            select(ComplaintAttachment.id, ComplaintAttachment.file_name, ComplaintAttachment.content)
            .where(ComplaintAttachment.complaint_id == complaint_id).order_by(ComplaintAttachment.id)).all()
        return ComplaintDetail(
            row=row, text=c.text, contact_name=c.contact_name, contact_details=c.contact_details,
            language=c.language,
            suggested_category=category_name(suggested.name, suggested.names) if suggested else "",
            suggested_urgency=c.suggested_urgency, acknowledge_due_at=c.acknowledge_due_at,
            resolve_due_at=c.resolve_due_at, acknowledged_at=c.acknowledged_at, resolved_at=c.resolved_at,
            closed_at=c.closed_at, resolution=c.resolution, response_text=c.response_text,
            response_channel=c.response_channel, responded_at=c.responded_at, patient_satisfied=c.patient_satisfied,
            attachments=tuple((i, name, len(content)) for i, name, content in files),
            timeline=tuple(TimelineStep(e.at, ComplaintStep(e.kind), actor, e.text, e.informed_via)
                           for e, actor in steps),
        )


def attachment(ctx: Context, attachment_id: int) -> Attachment:
    with ctx.db.read() as session:
        require_view(ctx, session)
        found = session.get(ComplaintAttachment, attachment_id)
        if found is None:
            raise NotFound(N_("This attachment no longer exists."))
        return Attachment(found.file_name, found.content)


# -- intake -----------------------------------------------------------------------------------------------


def check_time(value: datetime, received_at: datetime | None, now: datetime, field: str) -> datetime:
    """An aware time, not in the future, not before the complaint was received."""
    if value.tzinfo is None:
        raise ValueError("times are aware")
    if value > now + CLOCK_TOLERANCE:
        raise InvalidInput(N_("{field} cannot be in the future."), field=field)
    if received_at is not None and value < received_at:
        raise InvalidInput(N_("{field} cannot be before the complaint was received."), field=field)
    return value


def _clean_attachments(items: tuple[Attachment, ...]) -> list[Attachment]:
    cleaned = []
    for item in items:
        name = clean_text(item.file_name, N_("Attachment"), max_length=255, required=True)
        if len(item.content) > MAX_ATTACHMENT_BYTES:
            raise InvalidInput(N_("{field} is larger than {limit} MB."), field=N_("Attachment"),
                               limit=MAX_ATTACHMENT_BYTES // (1024 * 1024))
        cleaned.append(Attachment(name, item.content))
    return cleaned


def check_routing(session: Session, department_id: int | None, assigned_to: int | None) -> None:
    """The department and the person responsible exist and are still active."""
    if department_id is not None:
        department = session.get(Department, department_id)
        if department is None or not department.active:
            raise NotFound(N_("This department no longer exists."))
    if assigned_to is not None:
        user = session.get(StaffUser, assigned_to)
        if user is None or not user.active:
            raise NotFound(N_("The user no longer exists."))


def _check_links(session: Session, data: ComplaintInput) -> None:
    if data.patient_id is not None:
        live_patient(session, data.patient_id)
    if data.category_id is not None:
        category = session.get(ComplaintCategory, data.category_id)
        if category is None or not category.active:
            raise NotFound(N_("This complaint category no longer exists."))
    if data.doctor_id is not None:
        active_doctor(session, data.doctor_id)
    if data.appointment_id is not None and session.get(Appointment, data.appointment_id) is None:
        raise NotFound(N_("This appointment no longer exists."))
    if data.staff_user_id is not None and session.get(StaffUser, data.staff_user_id) is None:
        raise NotFound(N_("The user no longer exists."))
    check_routing(session, data.department_id, data.assigned_to)


def _contact_details(value: str) -> str:
    text = clean_text(value, N_("Contact"), max_length=200)
    return clean_email(text, N_("Contact")) if "@" in text else text


def log_complaint(ctx: Context, data: ComplaintInput) -> ComplaintRow:
    """Enter a complaint (or suggestion, compliment, question) into the log, with its first timeline step."""
    require(ctx, Permission.MANAGE_COMPLAINTS)
    with unit_of_work(ctx) as uow:
        return log_complaint_in(uow, data)


def log_complaint_in(uow: UnitOfWork, data: ComplaintInput) -> ComplaintRow:
    """The same inside the caller's transaction (a follow-up call that raises a complaint logs both at once)."""
    ctx = uow.ctx
    actor = require(ctx, Permission.MANAGE_COMPLAINTS)
    now = ctx.clock.now()
    received = check_time(data.received_at, None, now, N_("Received"))
    text = clean_text(data.text, N_("Text"), max_length=MAX_TEXT, required=True, multiline=True)
    subject = clean_text(data.subject, N_("Subject"), max_length=200)
    contact_name = clean_text(data.contact_name, N_("Contact name"), max_length=200)
    contact_details = _contact_details(data.contact_details)
    if data.language and data.language not in LOCALES:
        raise InvalidInput(N_("{field} holds an unknown language."), field=N_("Language"))
    files = _clean_attachments(data.attachments)
    session = uow.session
    _check_links(session, data)
    suggestion = suggest_in(ctx, session, f"{subject}\n{text}")
    category_id = data.category_id
    urgency = data.urgency or suggestion.urgency
    due = deadlines(session, ctx.clinic().zone, category_id, urgency, received)
    complaint = Complaint(
        kind=data.kind, channel=data.channel, received_at=received, patient_id=data.patient_id,
        contact_name=contact_name, contact_details=contact_details, category_id=category_id,
        suggested_category_id=suggestion.category_id, urgency=urgency, suggested_urgency=suggestion.urgency,
        appointment_id=data.appointment_id, doctor_id=data.doctor_id, department_id=data.department_id,
        staff_user_id=data.staff_user_id, subject=subject, text=text, language=data.language,
        status=ComplaintStatus.RECEIVED, assigned_to=data.assigned_to,
        acknowledge_due_at=due.acknowledge_due_at, resolve_due_at=due.resolve_due_at, created_by=actor.user_id,
    )
    session.add(complaint)
    session.flush()
    session.add(ComplaintEvent(complaint_id=complaint.id, at=now, actor_id=actor.user_id,
                               kind=ComplaintStep.RECEIVED, text=subject or text.splitlines()[0][:200],
                               informed_via=None))
    session.add_all([ComplaintAttachment(complaint_id=complaint.id, file_name=f.file_name, content=f.content,
                                         added_by=actor.user_id, added_at=now) for f in files])
    uow.record("create", "complaint", complaint.id, {
        "kind": str(data.kind), "channel": str(data.channel), "received_at": received.isoformat(),
        "category_id": category_id, "urgency": str(urgency), "department_id": data.department_id,
        "assigned_to": data.assigned_to, "attachments": len(files)})
    uow.emit(Topic.COMPLAINTS, complaint.id)
    session.flush()
    return one_row(ctx, session, complaint.id)

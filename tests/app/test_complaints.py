"""The complaint log's services: intake, deadlines, overdue and escalation, status transitions, bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.clock import FixedClock
from app.context import Context
from app.errors import Conflict, DomainError, InvalidInput, NotFound, PermissionDenied
from app.models.audit import AuditRecord
from app.models.complaints import (
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintStep,
    ContactChannel,
    FeedbackKind,
    Urgency,
)
from app.models.staff import Role
from app.services import auth, complaint_rules, complaint_workflow, complaints, staff
from app.services.complaint_workflow import Response
from app.services.complaints import Attachment, ComplaintInput
from tests import builders
from tests.conftest import NOW


def _input(**changes) -> ComplaintInput:
    values = dict(kind=FeedbackKind.COMPLAINT, channel=ContactChannel.PHONE, received_at=NOW - timedelta(hours=1),
                  text="Waited fifty minutes past my appointment time.", urgency=Urgency.NORMAL)
    values.update(changes)
    return ComplaintInput(**values)


def _counts(ctx) -> tuple[int, int, int, int]:
    with ctx.db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(t))
                     for t in (Complaint, ComplaintEvent, ComplaintAttachment, AuditRecord))


def _refused(ctx, call, error_type: type[DomainError] = InvalidInput) -> DomainError:
    before = _counts(ctx)
    with pytest.raises(error_type) as caught:
        call()
    assert _counts(ctx) == before, "nothing is written when a step is refused"
    error = caught.value
    assert "{" not in error.message("en")
    for locale in ("ko", "ru", "ro", "zh_CN"):
        assert error.message(locale) != error.message("en"), f"{error.message_id!r} not translated to {locale}"
    return error


def _category(ctx, code="waiting", days=7, keywords=None):
    return complaint_rules.save_category(ctx, code, code.title(), days, keywords or {})


# -- intake ---------------------------------------------------------------------------------------------


def test_log_a_phone_complaint_with_patient_attachment_and_routing(ctx):
    patient = builders.add_patient(ctx, "김", "민준", phone="010-1234-5678")
    department = staff.create_department(ctx, "Reception")
    nurse = builders.add_user(ctx, "nurse", Role.RECEPTIONIST)
    waiting = _category(ctx, days=3)
    row = complaints.log_complaint(ctx, _input(
        patient_id=patient.id, category_id=waiting.id, department_id=department.id, assigned_to=nurse,
        subject="Long wait", language="en", attachments=(Attachment("letter.pdf", b"%PDF-1.4 scan"),)))
    assert (row.who, row.category, row.department, row.assigned_to) == ("김민준", "Waiting", "Reception", "Nurse")
    assert row.status is ComplaintStatus.RECEIVED
    assert row.subject == "Long wait"
    assert row.due_at == NOW - timedelta(hours=1) + timedelta(hours=24)
    detail = complaints.detail(ctx, row.id)
    assert detail.resolve_due_at == NOW - timedelta(hours=1) + timedelta(days=3)
    assert [s.step for s in detail.timeline] == [ComplaintStep.RECEIVED]
    assert [(name, size) for _, name, size in detail.attachments] == [("letter.pdf", 13)]
    assert complaints.attachment(ctx, detail.attachments[0][0]).content == b"%PDF-1.4 scan"
    assert [r.id for r in complaints.open_list(ctx)] == [row.id]


def test_anonymous_complaint_keeps_its_contact(ctx):
    row = complaints.log_complaint(ctx, _input(contact_name="Olga", contact_details="olga@example.org",
                                               channel=ContactChannel.EMAIL))
    assert row.who == "Olga"
    assert row.patient_id is None
    assert complaints.detail(ctx, row.id).contact_details == "olga@example.org"


def test_suggestion_is_kept_beside_what_staff_chose(ctx):
    _category(ctx, "waiting", keywords={"en": ["wait"], "ko": ["기다"]})
    billing = _category(ctx, "billing", keywords={"en": ["invoice"]})
    row = complaints.log_complaint(ctx, _input(text="I waited an hour", category_id=None, urgency=None))
    assert row.category_id is None, "not classified until staff confirm"
    assert complaints.detail(ctx, row.id).suggested_category == "Waiting"
    assert row.urgency is Urgency.NORMAL
    changed = complaints.log_complaint(ctx, _input(text="기다렸어요", category_id=billing.id))
    detail = complaints.detail(ctx, changed.id)
    assert detail.row.category == "Billing"
    assert detail.suggested_category == "Waiting"


# -- deadlines ------------------------------------------------------------------------------------------


def test_deadlines_follow_category_and_urgency_rules(ctx):
    waiting = _category(ctx, "waiting", days=7)
    billing = _category(ctx, "billing", days=5)
    complaint_rules.set_deadline_rule(ctx, None, Urgency.CRITICAL, 2, 1)
    complaint_rules.set_deadline_rule(ctx, billing.id, Urgency.HIGH, 8, 3)
    received = NOW - timedelta(hours=1)

    def due(category, urgency):
        row = complaints.log_complaint(ctx, _input(category_id=category.id if category else None, urgency=urgency,
                                                   text="x"))
        d = complaints.detail(ctx, row.id)
        return d.acknowledge_due_at - received, d.resolve_due_at - received

    assert due(waiting, Urgency.NORMAL) == (timedelta(hours=24), timedelta(days=7))
    assert due(billing, Urgency.NORMAL) == (timedelta(hours=24), timedelta(days=5))
    assert due(billing, Urgency.HIGH) == (timedelta(hours=8), timedelta(days=3)), "category and urgency rule"
    assert due(waiting, Urgency.HIGH) == (timedelta(hours=24), timedelta(days=7)), "no rule for waiting+high"
    assert due(waiting, Urgency.CRITICAL) == (timedelta(hours=2), timedelta(days=1)), "urgency rule in every category"
    assert due(None, Urgency.NORMAL) == (timedelta(hours=24), timedelta(days=7)), "no category: the default"
    complaint_rules.set_deadline_rule(ctx, None, Urgency.CRITICAL, 1, 1)
    assert due(billing, Urgency.CRITICAL) == (timedelta(hours=1), timedelta(days=1)), "a rule is changed in place"


def test_overdue_across_a_daylight_saving_change(db):
    """Bucharest leaves summer time on Sunday 25 October 2026 at 04:00 (UTC+3 → UTC+2).

    Received Friday 23 October 10:00 local; resolution due in 7 calendar days: Friday 30 October 10:00 local,
    which is 169 hours later, not 168. At 09:30 local on the 30th it is not overdue yet; at 10:30 it is.
    """
    received = datetime(2026, 10, 23, 7, 0, tzinfo=UTC)  # 10:00 in Bucharest (EEST)
    ctx = Context(db=db, audit_key=b"test-audit-key-0123456789abcdef!", workstation="desk-1",
                  clock=FixedClock(received + timedelta(minutes=30)))
    builders.set_up_clinic(ctx, currency="RON", locale="ro", zone="Europe/Bucharest")
    row = complaints.log_complaint(ctx, _input(received_at=received, urgency=Urgency.NORMAL))
    complaint_workflow.acknowledge(ctx, row.id, "We are looking into it.", ContactChannel.PHONE)
    detail = complaints.detail(ctx, row.id)
    assert detail.resolve_due_at == datetime(2026, 10, 30, 8, 0, tzinfo=UTC)  # 10:00 in Bucharest (EET)
    ctx.clock.set(datetime(2026, 10, 30, 7, 30, tzinfo=UTC))  # 09:30 local: 168.5 h after receipt
    assert not complaints.open_list(ctx)[0].overdue
    assert complaint_workflow.escalate_overdue(ctx) == []
    ctx.clock.set(datetime(2026, 10, 30, 8, 30, tzinfo=UTC))  # 10:30 local
    assert complaints.open_list(ctx)[0].overdue
    assert complaint_workflow.escalate_overdue(ctx) == [row.id]
    assert complaint_workflow.escalate_overdue(ctx) == [], "escalated once"
    escalated = complaints.open_list(ctx)[0]
    assert escalated.escalated
    assert complaints.detail(ctx, row.id).timeline[-1].step is ComplaintStep.ESCALATED


def test_unacknowledged_complaint_is_overdue_after_a_day(ctx):
    row = complaints.log_complaint(ctx, _input(received_at=NOW - timedelta(hours=23)))
    assert not complaints.open_list(ctx)[0].overdue
    ctx.clock.advance(timedelta(hours=2))
    assert complaints.open_list(ctx)[0].overdue
    complaint_workflow.acknowledge(ctx, row.id, "", ContactChannel.SMS)
    assert not complaints.open_list(ctx)[0].overdue, "acknowledged: the resolution deadline counts now"


# -- transitions ----------------------------------------------------------------------------------------


def test_full_life_and_reopening_keeps_history(ctx):
    department = staff.create_department(ctx, "Billing office")
    row = complaints.log_complaint(ctx, _input())
    wf = complaint_workflow
    wf.assign(ctx, row.id, department.id, ctx.actor.user_id, "Billing to look at it")
    wf.acknowledge(ctx, row.id, "Thank you, we will call you by Friday.", ContactChannel.PHONE)
    wf.start_work(ctx, row.id, "Checked the schedule")
    _refused(ctx, lambda: wf.close(ctx, row.id), Conflict)
    wf.resolve(ctx, row.id, "Doctor's schedule adjusted; delays announced by text.")
    wf.respond(ctx, row.id, Response("We changed the schedule.", ContactChannel.SMS, NOW, satisfied=True))
    closed = wf.close(ctx, row.id)
    assert closed.status is ComplaintStatus.CLOSED
    assert complaints.open_list(ctx) == []
    reopened = wf.reopen(ctx, row.id, "The patient waited again.")
    assert reopened.status is ComplaintStatus.REOPENED
    _refused(ctx, lambda: wf.close(ctx, row.id), Conflict)
    detail = complaints.detail(ctx, row.id)
    assert [s.step for s in detail.timeline] == [
        ComplaintStep.RECEIVED, ComplaintStep.ASSIGNED, ComplaintStep.ACKNOWLEDGED, ComplaintStep.IN_PROGRESS,
        ComplaintStep.RESOLVED, ComplaintStep.RESPONDED, ComplaintStep.CLOSED, ComplaintStep.REOPENED]
    assert detail.timeline[4].text == "Doctor's schedule adjusted; delays announced by text."
    assert detail.timeline[2].informed_via is ContactChannel.PHONE
    assert detail.resolved_at is None
    assert detail.closed_at is None
    assert detail.response_channel is ContactChannel.SMS
    assert detail.patient_satisfied is True
    wf.resolve(ctx, row.id, "Second fix")
    assert wf.close(ctx, row.id).status is ComplaintStatus.CLOSED


def test_steps_out_of_order_are_refused(ctx):
    row = complaints.log_complaint(ctx, _input())
    wf = complaint_workflow
    _refused(ctx, lambda: wf.reopen(ctx, row.id, "why"), Conflict)
    wf.acknowledge(ctx, row.id, "", ContactChannel.PHONE)
    error = _refused(ctx, lambda: wf.acknowledge(ctx, row.id, "", ContactChannel.PHONE), Conflict)
    assert "Acknowledged" in error.message("en")
    _refused(ctx, lambda: wf.resolve(ctx, row.id, "   "))
    _refused(ctx, lambda: wf.reopen(ctx, row.id, ""))
    _refused(ctx, lambda: wf.reopen(ctx, row.id, "The patient called again"), Conflict)
    _refused(ctx, lambda: wf.add_note(ctx, 9999, "x"), NotFound)


# -- bad input ------------------------------------------------------------------------------------------


BAD_INTAKE = [
    {"received_at": NOW + timedelta(hours=1)},
    {"text": ""},
    {"text": "   \n  "},
    {"text": "x" * 20_001},
    {"subject": "bad\x00subject"},
    {"contact_details": "olga@nowhere"},
    {"language": "de"},
]
UNKNOWN_LINKS = [{"department_id": 9999}, {"assigned_to": 9999}, {"patient_id": 9999}, {"category_id": 9999},
                 {"doctor_id": 9999}]


def test_bad_intake_is_refused(ctx):
    """One database set-up for every case: each is refused with its translated error, nothing written."""
    messages = [_refused(ctx, lambda c=changes: complaints.log_complaint(ctx, _input(**c))).message("en")
                for changes in BAD_INTAKE]
    assert messages[0] == "Received cannot be in the future."
    assert messages[1] == "Text must not be empty."
    for changes in UNKNOWN_LINKS:
        _refused(ctx, lambda c=changes: complaints.log_complaint(ctx, _input(**c)), NotFound)


def test_resolution_before_receipt_is_refused(ctx):
    row = complaints.log_complaint(ctx, _input(received_at=NOW - timedelta(hours=3)))
    error = _refused(ctx, lambda: complaint_workflow.resolve(ctx, row.id, "Fixed", NOW - timedelta(hours=4)))
    assert error.message("en") == "Resolution time cannot be before the complaint was received."
    _refused(ctx, lambda: complaint_workflow.resolve(ctx, row.id, "Fixed", NOW + timedelta(days=1)))
    _refused(ctx, lambda: complaint_workflow.assign(ctx, row.id, 9999, None), NotFound)


def test_roles_the_clinic_does_not_allow_cannot_see_complaints(ctx):
    complaints.log_complaint(ctx, _input())
    builders.add_user(ctx, "cash", Role.CASHIER)
    complaint_rules.set_viewer_roles(ctx, {Role.ADMINISTRATOR, Role.RECEPTIONIST})
    auth.sign_in(ctx, "cash", "staff-password-1")
    _refused(ctx, lambda: complaints.open_list(ctx), PermissionDenied)
    _refused(ctx, lambda: complaints.log_complaint(ctx, _input()), PermissionDenied)
    auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
    assert len(complaints.open_list(ctx)) == 1
    assert complaint_rules.allowed_viewers(ctx) == {Role.ADMINISTRATOR, Role.RECEPTIONIST}

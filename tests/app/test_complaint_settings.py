"""The clinic's complaint settings as services: category names per language, deadline rules removed, who may
see complaints, departments; a complaint reclassified after intake, and the suggestion relearning from it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.errors import Conflict, DomainError, InvalidInput, NotFound
from app.i18n import set_locale
from app.models.audit import AuditRecord
from app.models.clinic import Department
from app.models.complaints import (
    ComplaintCategory,
    ComplaintDeadlineRule,
    ComplaintStep,
    ComplaintViewerRole,
    ContactChannel,
    FeedbackKind,
    Urgency,
)
from app.models.staff import Role
from app.services import complaint_reports, complaint_rules, complaint_suggestion, complaint_workflow, complaints, staff
from app.services.complaint_analysis import PeriodKind
from app.services.complaints import ComplaintInput
from tests.conftest import NOW

_SETTINGS = (ComplaintCategory, ComplaintDeadlineRule, ComplaintViewerRole, Department, AuditRecord)


def _counts(ctx) -> tuple[int, ...]:
    with ctx.db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) for t in _SETTINGS)


def _refused(ctx, call, error_type: type[DomainError] = InvalidInput) -> DomainError:
    before = _counts(ctx)
    with pytest.raises(error_type) as caught:
        call()
    assert _counts(ctx) == before, "nothing is written when a setting is refused"
    error = caught.value
    for locale in ("ko", "ru", "ro", "zh_CN"):
        assert error.message(locale) != error.message("en"), f"{error.message_id!r} not translated to {locale}"
    return error


def test_a_category_is_named_in_each_language_of_the_clinic(ctx):
    saved = complaint_rules.save_category(ctx, "waiting", "Waiting time", 5, {"ko": ["기다"]},
                                          names={"ko": " 대기 시간 ", "ru": "Ожидание", "ro": ""}, new=True)
    assert saved.names == {"ko": "대기 시간", "ru": "Ожидание"}, "trimmed, empty ones dropped"
    row = complaints.log_complaint(ctx, ComplaintInput(
        kind=FeedbackKind.COMPLAINT, channel=ContactChannel.PHONE, received_at=NOW - timedelta(hours=1),
        text="기다렸어요", category_id=saved.id))
    try:
        set_locale("ko")
        assert complaints.open_list(ctx)[0].category == "대기 시간"
        assert [c.name for c in complaint_rules.list_categories(ctx)] == ["대기 시간"]
        set_locale("ro")
        assert complaints.detail(ctx, row.id).row.category == "Waiting time", "no Romanian name: the clinic's own"
    finally:
        set_locale("en")
    error = _refused(ctx, lambda: complaint_rules.save_category(ctx, "WAITING", "Other", 7, {}, new=True), Conflict)
    assert error.message("en") == "A category with the code waiting already exists."
    _refused(ctx, lambda: complaint_rules.save_category(ctx, "late", "  ", 7, {}))
    _refused(ctx, lambda: complaint_rules.save_category(ctx, "late", "Late", 0, {}))
    _refused(ctx, lambda: complaint_rules.save_category(ctx, "late", "Late", 7, {}, names={"xx": "?"}))


def test_a_deadline_rule_is_removed_and_complaints_fall_back(ctx):
    category = complaint_rules.save_category(ctx, "billing", "Billing", 10, {})
    specific = complaint_rules.set_deadline_rule(ctx, category.id, Urgency.HIGH, 4, 2)
    general = complaint_rules.set_deadline_rule(ctx, None, Urgency.HIGH, 8, 3)
    complaint_rules.remove_deadline_rule(ctx, specific.id)
    assert [(r.category_id, r.acknowledge_hours) for r in complaint_rules.list_deadline_rules(ctx)] == [(None, 8)]
    row = complaints.log_complaint(ctx, ComplaintInput(
        kind=FeedbackKind.COMPLAINT, channel=ContactChannel.EMAIL, received_at=NOW - timedelta(hours=1),
        text="Charged twice", category_id=category.id, urgency=Urgency.HIGH))
    detail = complaints.detail(ctx, row.id)
    assert detail.acknowledge_due_at == NOW + timedelta(hours=7), "every category's rule: 8 hours"
    complaint_rules.remove_deadline_rule(ctx, general.id)
    _refused(ctx, lambda: complaint_rules.remove_deadline_rule(ctx, general.id), NotFound)
    _refused(ctx, lambda: complaint_rules.set_deadline_rule(ctx, None, Urgency.LOW, -1, 3))
    _refused(ctx, lambda: complaint_rules.set_deadline_rule(ctx, None, Urgency.LOW, 24, 0))
    _refused(ctx, lambda: complaint_rules.set_deadline_rule(ctx, 9999, Urgency.LOW, 24, 3), NotFound)


def test_the_administrator_cannot_lose_access_to_complaints(ctx):
    complaint_rules.set_viewer_roles(ctx, {Role.ADMINISTRATOR, Role.DOCTOR})
    assert complaint_rules.allowed_viewers(ctx) == {Role.ADMINISTRATOR, Role.DOCTOR}
    error = _refused(ctx, lambda: complaint_rules.set_viewer_roles(ctx, {Role.RECEPTIONIST}))
    assert error.message("en") == "The administrator must keep access to complaints."
    assert complaint_rules.allowed_viewers(ctx) == {Role.ADMINISTRATOR, Role.DOCTOR}


def test_departments_are_renamed_and_retired(ctx):
    front = staff.create_department(ctx, "Front desk")
    lab = staff.create_department(ctx, "Lab")
    staff.update_department(ctx, lab.id, "Laboratory", False)
    assert [d.name for d in staff.list_departments(ctx)] == ["Front desk"]
    assert [(d.name, d.active) for d in staff.list_departments(ctx, include_inactive=True)] == [
        ("Front desk", True), ("Laboratory", False)]
    error = _refused(ctx, lambda: staff.update_department(ctx, lab.id, "Front desk", True), Conflict)
    assert error.message("en") == "A department named Front desk already exists."
    _refused(ctx, lambda: staff.update_department(ctx, front.id, " ", True))
    _refused(ctx, lambda: staff.update_department(ctx, 9999, "X", True), NotFound)


def test_a_reclassified_complaint_moves_its_deadlines_and_is_relearnt(ctx):
    waiting = complaint_rules.save_category(ctx, "waiting", "Waiting", 7, {})
    billing = complaint_rules.save_category(ctx, "billing", "Billing", 2, {})
    complaint_rules.set_deadline_rule(ctx, billing.id, Urgency.HIGH, 4, 1)
    text = "Квитанция и сумма на карте не совпадают"

    def log(words: str, category_id: int) -> int:
        return complaints.log_complaint(ctx, ComplaintInput(
            kind=FeedbackKind.COMPLAINT, channel=ContactChannel.PHONE, received_at=NOW - timedelta(hours=2),
            text=words, category_id=category_id)).id

    log("Долго ждал в очереди у кабинета", waiting.id)
    log("Деньги списали с карты дважды", billing.id)
    old = complaints.detail(ctx, log(text, waiting.id)).row
    assert complaint_suggestion.suggest(ctx, text).category_id == waiting.id, "learnt as it was classified"

    row = complaint_workflow.reclassify(ctx, old.id, billing.id, Urgency.HIGH, "It is about the receipt")
    assert (row.category, row.urgency) == ("Billing", Urgency.HIGH)
    detail = complaints.detail(ctx, old.id)
    assert detail.acknowledge_due_at == NOW + timedelta(hours=2), "4 hours from receipt"
    assert detail.timeline[-1].step is ComplaintStep.RECLASSIFIED
    assert detail.timeline[-1].text == "It is about the receipt"
    assert complaint_suggestion.suggest(ctx, text).category_id == billing.id, "relearnt without a restart"
    error = _refused(ctx, lambda: complaint_workflow.reclassify(ctx, old.id, billing.id, Urgency.HIGH), Conflict)
    assert error.message("en") == "The complaint already has this category and urgency."
    _refused(ctx, lambda: complaint_workflow.reclassify(ctx, old.id, 9999, Urgency.LOW), NotFound)


def test_the_report_names_categories_in_its_own_language(ctx):
    category = complaint_rules.save_category(ctx, "waiting", "Waiting time", 5, {}, names={"ru": "Ожидание"})
    complaints.log_complaint(ctx, ComplaintInput(
        kind=FeedbackKind.COMPLAINT, channel=ContactChannel.PHONE, received_at=NOW - timedelta(hours=1),
        text="Ждал час", category_id=category.id))
    day = NOW.astimezone(ctx.clinic().zone).date()
    pdf = PdfReader(io.BytesIO(complaint_reports.report_pdf(ctx, PeriodKind.MONTH, day, "ru")))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Ожидание" in text
    assert "Waiting time" not in text, "the interface is English, the report Russian"

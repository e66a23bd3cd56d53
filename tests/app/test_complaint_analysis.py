"""The period analysis checked against a hand-built month; privacy: export and anonymisation."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.errors import Conflict
from app.models.complaints import ComplaintStep, ContactChannel, FeedbackKind, Urgency
from app.services import complaint_privacy, complaint_rules, complaint_workflow, complaints, staff
from app.services.complaint_analysis import Count, PeriodKind, analyse, period_containing
from app.services.complaints import Attachment, ComplaintInput
from tests import builders
from tests.conftest import NOW

SEOUL = ZoneInfo("Asia/Seoul")


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=SEOUL)


def _month(ctx):
    """Five items in November 2026 and two in October (Seoul), with their steps at known times."""
    waiting = complaint_rules.save_category(ctx, "waiting", "Waiting", 7, {}).id
    billing = complaint_rules.save_category(ctx, "billing", "Billing", 7, {}).id
    front = staff.create_department(ctx, "Front desk").id
    lab = staff.create_department(ctx, "Laboratory").id
    doctor = builders.add_doctor(ctx, "Dr. Park")
    p1 = builders.add_patient(ctx, "Ivanov", "Ivan").id
    p2 = builders.add_patient(ctx, "Pop", "Ana").id
    clock = ctx.clock

    def log(received, kind, channel, category, **more):
        clock.set(received + timedelta(minutes=1))
        return complaints.log_complaint(ctx, ComplaintInput(
            kind=kind, channel=channel, received_at=received, text=f"{kind} {channel}", category_id=category,
            urgency=Urgency.NORMAL, **more)).id

    def step(at, call, *args):
        clock.set(at)
        call(ctx, *args)

    c1 = log(_at(11, 2), FeedbackKind.COMPLAINT, ContactChannel.PHONE, waiting, department_id=front,
             doctor_id=doctor, patient_id=p1)
    step(_at(11, 2, 11), complaint_workflow.acknowledge, c1, "", ContactChannel.PHONE)  # 2 h: on time
    step(_at(11, 4), complaint_workflow.resolve, c1, "Fixed")  # 48 h: on time
    c2 = log(_at(11, 10), FeedbackKind.COMPLAINT, ContactChannel.EMAIL, waiting, department_id=front,
             doctor_id=doctor, patient_id=p1)
    step(_at(11, 11, 15), complaint_workflow.acknowledge, c2, "", ContactChannel.EMAIL)  # 30 h: late
    step(_at(11, 19), complaint_workflow.resolve, c2, "Fixed")  # 9 days: late
    log(_at(11, 20), FeedbackKind.COMPLAINT, ContactChannel.WEBSITE, billing, department_id=lab,
        contact_name="Anon", contact_details="anon@example.org")  # never acknowledged: overdue now
    log(_at(11, 15), FeedbackKind.COMPLIMENT, ContactChannel.VISIT, None, patient_id=p2)
    log(_at(11, 22), FeedbackKind.SUGGESTION, ContactChannel.SMS, billing)
    log(_at(10, 5), FeedbackKind.COMPLAINT, ContactChannel.PHONE, waiting)
    log(_at(10, 20), FeedbackKind.COMPLAINT, ContactChannel.PHONE, billing)
    clock.set(NOW)  # Monday 23 November, 10:00 in Seoul


def test_month_against_the_hand_built_fixture(ctx):
    _month(ctx)
    result = analyse(ctx, PeriodKind.MONTH, date(2026, 11, 10))
    assert (result.period.start, result.period.end) == (date(2026, 11, 1), date(2026, 12, 1))
    assert (result.previous.start, result.previous.end) == (date(2026, 10, 1), date(2026, 11, 1))
    assert (result.total, result.previous_total) == (5, 2)
    assert set(result.by_kind) == {Count("complaint", 3, 2), Count("compliment", 1, 0), Count("suggestion", 1, 0)}
    assert result.by_kind[0] == Count("complaint", 3, 2), "largest first"
    assert set(result.by_channel) == {Count("phone", 1, 2), Count("email", 1, 0), Count("website", 1, 0),
                                      Count("visit", 1, 0), Count("sms", 1, 0)}
    assert set(result.by_category) == {Count("Waiting", 2, 1), Count("Billing", 2, 1)}
    assert result.by_department == (Count("Front desk", 2, 0), Count("Laboratory", 1, 0))
    assert result.by_doctor == (Count("Dr. Park", 2, 0),)
    ack, res = result.acknowledgement, result.resolution
    assert (ack.due, ack.met, ack.late, ack.pending, ack.median_hours) == (3, 1, 2, 0, 16.0)
    assert (res.due, res.met, res.late, res.pending, res.median_hours) == (3, 1, 1, 1, 132.0)
    assert result.overdue_now == 3, "the anonymous complaint, the compliment and the suggestion: none acknowledged"
    assert [(r.name, r.count) for r in result.repeat_complainants] == [("Ivan Ivanov", 2)]
    week = analyse(ctx, PeriodKind.QUARTER, date(2026, 11, 10))
    assert (week.period.start, week.total, week.previous_total) == (date(2026, 10, 1), 7, 0)


def test_periods():
    assert period_containing(PeriodKind.WEEK, date(2026, 11, 25), 6).start == date(2026, 11, 22)  # Sunday
    assert period_containing(PeriodKind.WEEK, date(2026, 11, 25), 0).start == date(2026, 11, 23)  # Monday
    quarter = period_containing(PeriodKind.QUARTER, date(2026, 12, 31))
    assert (quarter.start, quarter.end) == (date(2026, 10, 1), date(2027, 1, 1))
    assert quarter.previous().start == date(2026, 7, 1)
    assert period_containing(PeriodKind.MONTH, date(2026, 1, 15)).previous().start == date(2025, 12, 1)


def test_export_and_anonymise_keep_the_statistics(ctx):
    patient = builders.add_patient(ctx, "김", "서연", phone="010-9999-0000")
    first = complaints.log_complaint(ctx, ComplaintInput(
        kind=FeedbackKind.COMPLAINT, channel=ContactChannel.PHONE, received_at=NOW - timedelta(hours=2),
        text="김서연: 대기 시간이 너무 깁니다", subject="대기", patient_id=patient.id, urgency=Urgency.HIGH,
        attachments=(Attachment("photo.jpg", b"jpeg"),)))
    complaints.log_complaint(ctx, ComplaintInput(
        kind=FeedbackKind.SUGGESTION, channel=ContactChannel.SMS, received_at=NOW - timedelta(hours=1),
        text="주차 공간을 늘려 주세요", patient_id=patient.id, urgency=Urgency.LOW))
    complaint_workflow.add_note(ctx, first.id, "환자에게 010-9999-0000으로 연락함")
    export = complaint_privacy.export_personal_data(ctx, first.id)
    data = json.loads(export.content)
    assert export.complaints == 2
    assert data["patient"]["name"] == "김서연"
    assert [c["text"] for c in data["complaints"]] == ["김서연: 대기 시간이 너무 깁니다", "주차 공간을 늘려 주세요"]
    assert data["complaints"][0]["attachments"] == ["photo.jpg"]
    assert "010-9999-0000" in data["complaints"][0]["timeline"][1]["text"]

    before = analyse(ctx, PeriodKind.MONTH, date(2026, 11, 23))
    row = complaint_privacy.anonymise(ctx, first.id)
    assert (row.who, row.summary, row.patient_id) == ("", "", None)
    detail = complaints.detail(ctx, first.id)
    assert detail.text == ""
    assert detail.attachments == ()
    assert all(step.text == "" for step in detail.timeline)
    assert detail.timeline[-1].step is ComplaintStep.ANONYMISED
    after = analyse(ctx, PeriodKind.MONTH, date(2026, 11, 23))
    assert (after.total, after.by_kind, after.by_urgency) == (before.total, before.by_kind, before.by_urgency)
    with pytest.raises(Conflict):
        complaint_privacy.anonymise(ctx, first.id)
    with pytest.raises(Conflict):
        complaint_workflow.acknowledge(ctx, first.id, "", ContactChannel.PHONE)

"""The front desk's other work: complaints with their timelines, today's calls, and the task list.

Complaints arrive in the patients' own languages through every channel and stand at every step of
their life (received, acknowledged, in progress, resolved, closed, reopened), some past their due date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.demo.schedule import Visit, Week
from app.demo.staff import Staff
from app.models.calls import Call, CallDirection, CallOutcome, CallPurpose, Task, TaskPriority, TaskStatus
from app.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintStatus,
    ContactChannel,
    FeedbackKind,
    Urgency,
)
from app.models.scheduling import AppointmentStatus, BookingChannel
from app.models.staff import Role
from app.services.patients import PatientInput

# -- complaints ------------------------------------------------------------------------------------------

#: code, name, days to resolve, words that point to the category (for a classifier to learn from).
CATEGORIES: tuple[tuple[str, str, int, dict[str, list[str]]], ...] = (
    ("waiting", "대기 시간 · Waiting time", 3,
     {"ko": ["대기", "기다"], "en": ["wait", "late"], "ru": ["ждал", "очеред"], "ro": ["aștept"], "zh_CN": ["等"]}),
    ("staff", "직원 응대 · Staff attitude", 7,
     {"ko": ["불친절", "친절"], "en": ["rude", "kind"], "ru": ["груб", "вежлив"], "ro": ["nepoliticos"],
      "zh_CN": ["态度"]}),
    ("billing", "수납·비용 · Billing", 5,
     {"ko": ["청구", "영수증"], "en": ["invoice", "charged"], "ru": ["счёт", "оплат"], "ro": ["factur"],
      "zh_CN": ["收据", "金额"]}),
    ("care", "진료 품질 · Quality of care", 14,
     {"ko": ["진료", "처방"], "en": ["doctor", "prescribed"], "ru": ["врач", "назначен"], "ro": ["medic"],
      "zh_CN": ["医生"]}),
    ("booking", "예약 · Booking", 5,
     {"ko": ["예약"], "en": ["appointment", "cancelled"], "ru": ["запис"], "ro": ["programare"], "zh_CN": ["预约"]}),
    ("facility", "시설·청결 · Facilities and cleanliness", 7,
     {"ko": ["화장실", "청결"], "en": ["dirty", "cold"], "ru": ["холодно", "грязн"], "ro": ["frig"],
      "zh_CN": ["卫生"]}),
    ("language", "통역·언어 · Language support", 7,
     {"ko": ["통역"], "en": ["speaks", "language"], "ru": ["переводчик"], "ro": ["limba"], "zh_CN": ["翻译"]}),
)


@dataclass(frozen=True)
class Feedback:
    language: str
    kind: FeedbackKind
    channel: ContactChannel
    category: str
    urgency: Urgency
    status: ComplaintStatus
    days_ago: int
    text: str
    anonymous: bool = False


_K, _C, _U, _ST = FeedbackKind, ContactChannel, Urgency, ComplaintStatus
FEEDBACK: tuple[Feedback, ...] = (
    Feedback("ko", _K.COMPLAINT, _C.PHONE, "waiting", _U.NORMAL, _ST.IN_PROGRESS, 2,
             "예약 시간보다 50분 넘게 기다렸는데 아무도 설명해 주지 않았습니다."),
    Feedback("ko", _K.COMPLAINT, _C.WEBSITE, "billing", _U.NORMAL, _ST.RESOLVED, 9,
             "같은 검사 비용이 영수증에 두 번 청구되었습니다. 확인 부탁드립니다."),
    Feedback("ko", _K.COMPLIMENT, _C.SUGGESTION_BOX, "staff", _U.LOW, _ST.CLOSED, 12,
             "소아과 박지민 선생님께서 아이를 정말 친절하게 진료해 주셨어요. 감사합니다.", anonymous=True),
    Feedback("ko", _K.SUGGESTION, _C.MOBILE_APP, "booking", _U.LOW, _ST.ACKNOWLEDGED, 4,
             "앱에서 예약 변경이 안 됩니다. 변경 기능을 추가해 주세요."),
    Feedback("ko", _K.COMPLAINT, _C.VISIT, "facility", _U.NORMAL, _ST.RECEIVED, 0,
             "2층 화장실에 휴지가 없고 바닥이 젖어 있었습니다."),
    Feedback("ru", _K.COMPLAINT, _C.MESSENGER, "language", _U.HIGH, _ST.IN_PROGRESS, 5,
             "Мне обещали переводчика, но на приёме его не было. Я не понял назначения врача."),
    Feedback("ru", _K.QUESTION, _C.EMAIL, "billing", _U.LOW, _ST.RESOLVED, 8,
             "Можно ли получить счёт на английском языке для страховой компании?"),
    Feedback("ru", _K.COMPLAINT, _C.PHONE, "care", _U.HIGH, _ST.REOPENED, 15,
             "После капельницы у меня была сильная слабость, врач не объяснил, что делать. Прошу разобраться."),
    Feedback("ru", _K.COMPLIMENT, _C.WEBSITE, "staff", _U.LOW, _ST.CLOSED, 18,
             "Спасибо Ольге Викторовне за внимательный приём и понятные объяснения!"),
    Feedback("zh_CN", _K.COMPLAINT, _C.MESSENGER, "waiting", _U.NORMAL, _ST.ACKNOWLEDGED, 1,
             "预约的是上午十点，结果等了一个多小时才看上医生。"),
    Feedback("zh_CN", _K.QUESTION, _C.PHONE, "booking", _U.LOW, _ST.CLOSED, 10,
             "请问周末可以做体检吗？需要提前多久预约？"),
    Feedback("zh_CN", _K.COMPLAINT, _C.EMAIL, "billing", _U.NORMAL, _ST.IN_PROGRESS, 6,
             "收据上的金额和我刷卡的金额不一致，请核实。"),
    Feedback("ro", _K.COMPLAINT, _C.EMAIL, "staff", _U.NORMAL, _ST.RECEIVED, 1,
             "Recepționera a fost nepoliticoasă când am întrebat de rezultatele analizelor."),
    Feedback("ro", _K.SUGGESTION, _C.WEBSITE, "language", _U.LOW, _ST.RESOLVED, 11,
             "Ar fi util să aveți formularele și în limba română sau măcar în engleză."),
    Feedback("en", _K.COMPLAINT, _C.PHONE, "booking", _U.HIGH, _ST.IN_PROGRESS, 3,
             "My appointment was cancelled by text the evening before and nobody offered me a new time."),
    Feedback("en", _K.COMPLAINT, _C.SOCIAL_NETWORK, "care", _U.CRITICAL, _ST.ACKNOWLEDGED, 1,
             "The doctor prescribed a medicine I had told the nurse I am allergic to (penicillin).\n"
             "Please call me today."),
    Feedback("en", _K.COMPLIMENT, _C.VISIT, "staff", _U.LOW, _ST.CLOSED, 16,
             "Dr. Mitchell and the front desk were wonderful with my kids. Thank you!"),
    Feedback("en", _K.QUESTION, _C.EMAIL, "language", _U.LOW, _ST.RECEIVED, 0,
             "Do you have a doctor who speaks French?"),
    Feedback("ko", _K.COMPLAINT, _C.SMS, "booking", _U.NORMAL, _ST.REOPENED, 13,
             "예약 확인 문자를 받고 갔는데 예약이 없다고 했습니다. 다시 확인해 주세요."),
    Feedback("ko", _K.COMPLAINT, _C.FAX, "care", _U.HIGH, _ST.RESOLVED, 20,
             "검사 결과 안내가 늦어져 회사에 제출하지 못했습니다."),
    Feedback("ru", _K.COMPLAINT, _C.SUGGESTION_BOX, "facility", _U.NORMAL, _ST.CLOSED, 19,
             "В зале ожидания слишком холодно, дети мёрзнут.", anonymous=True),
)
RESOLUTIONS = {
    "waiting": "담당 의사 일정 조정, 지연 시 안내 문자 발송 · Delays are now announced by text",
    "staff": "직원 교육 실시 · Staff briefed",
    "billing": "중복 청구 확인 후 환불 · Double charge refunded",
    "care": "담당 의사가 직접 전화로 설명 · The doctor called the patient",
    "booking": "예약 시스템 오류 수정, 사과 연락 · Booking error fixed, apology given",
    "facility": "시설 점검 완료 · Facilities checked and fixed",
    "language": "통역 서비스 일정 확인 절차 도입 · Interpreter now confirmed the day before",
}


def insert_categories(session: Session) -> dict[str, tuple[int, int]]:
    """The categories by code: their id and days to resolve."""
    ids = session.scalars(
        insert(ComplaintCategory).returning(ComplaintCategory.id, sort_by_parameter_order=True),
        [{"code": code, "name": name, "resolve_days": days, "keywords": words, "active": True}
         for code, name, days, words in CATEGORIES],
    )
    return {code: (category_id, days) for (code, _, days, _), category_id in zip(CATEGORIES, ids, strict=True)}


class _Clock:
    """Moves forward from a complaint's arrival, never past the demo's present."""

    def __init__(self, rng: random.Random, start: datetime, now: datetime) -> None:
        self.rng, self.at, self.now = rng, start, now

    def later(self, low_hours: int, high_hours: int) -> datetime:
        step = timedelta(minutes=self.rng.randint(low_hours * 60, high_hours * 60))
        self.at = min(self.at + step, self.now - timedelta(minutes=1))
        return self.at


_REACHED = {  # which steps a complaint in each status has been through
    _ST.RECEIVED: (), _ST.ACKNOWLEDGED: ("acknowledged",), _ST.IN_PROGRESS: ("acknowledged", "note"),
    _ST.RESOLVED: ("acknowledged", "note", "resolved"), _ST.CLOSED: ("acknowledged", "note", "resolved", "closed"),
    _ST.REOPENED: ("acknowledged", "note", "resolved", "reopened"),
}
_STEP_TEXT = {
    "note": "담당자에게 전달, 확인 중 · Passed to the person in charge",
    "reopened": "환자가 결과에 만족하지 않아 재접수 · The patient was not satisfied",
    "closed": "",
}


def _complaint(rng: random.Random, week: Week, item: Feedback, received: datetime,
               category: tuple[int, int]) -> tuple[dict[str, Any], list[tuple[str, datetime, str]]]:
    """The complaint's row and its timeline (kind, time, text)."""
    clock = _Clock(rng, received, week.now)
    steps = [("received", received, item.text.splitlines()[0])]
    row: dict[str, Any] = {"acknowledged_at": None, "resolved_at": None, "closed_at": None, "resolution": "",
                           "response_text": "", "response_channel": None, "responded_at": None,
                           "patient_satisfied": None}
    for step in _REACHED[item.status]:
        at = clock.later(1, 30)
        text = RESOLUTIONS[item.category] if step == "resolved" else _STEP_TEXT.get(step, "")
        steps.append((step, at, text))
        if step == "acknowledged":
            row["acknowledged_at"] = at
        elif step == "resolved":
            row.update(resolved_at=at, resolution=text, response_text=text, response_channel=item.channel,
                       responded_at=at)
        elif step == "closed":
            row.update(closed_at=at, patient_satisfied=True)
        elif step == "reopened":
            row.update(resolved_at=None, patient_satisfied=False)
    row.update(acknowledge_due_at=received + timedelta(days=1), resolve_due_at=received + timedelta(days=category[1]),
               escalated_at=received + timedelta(hours=1) if item.urgency is Urgency.CRITICAL else None)
    return row, steps


def insert_complaints(session: Session, rng: random.Random, week: Week, people: list[PatientInput],
                      patient_ids: list[int], staff: Staff) -> int:
    categories = insert_categories(session)
    by_language: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        by_language.setdefault(person.preferred_locale, []).append(index)
    rows, timelines = [], []
    for item in FEEDBACK:
        received = week.now - timedelta(days=item.days_ago, minutes=rng.randint(30, 600))
        row, steps = _complaint(rng, week, item, received, categories[item.category])
        patient = None if item.anonymous else rng.choice(by_language.get(item.language) or range(len(people)))
        contact = people[patient] if patient is not None else None
        row.update(
            kind=item.kind, channel=item.channel, received_at=received,
            patient_id=patient_ids[patient] if patient is not None else None,
            contact_name="", contact_details=(contact.phone or contact.email) if contact else "",
            category_id=categories[item.category][0], suggested_category_id=None, urgency=item.urgency,
            suggested_urgency=None, appointment_id=None, doctor_id=None, department_id=None,
            staff_user_id=staff.users[Role.RECEPTIONIST] if item.category == "staff" else None, text=item.text,
            language=item.language, status=item.status,
            assigned_to=staff.users[Role.ADMINISTRATOR] if item.status is not _ST.RECEIVED else None,
            anonymised_at=None, created_by=staff.users[Role.RECEPTIONIST],
        )
        rows.append(row)
        timelines.append(steps)
    ids = session.scalars(insert(Complaint).returning(Complaint.id, sort_by_parameter_order=True), rows)
    session.execute(insert(ComplaintEvent), [
        {"complaint_id": complaint_id, "at": at, "kind": kind, "text": text,
         "actor_id": staff.users[Role.RECEPTIONIST if kind == "received" else Role.ADMINISTRATOR],
         "informed_via": item.channel if kind in ("acknowledged", "resolved") else None}
        for complaint_id, steps, item in zip(ids, timelines, FEEDBACK, strict=True) for kind, at, text in steps
    ])
    return len(rows)


# -- calls and tasks -------------------------------------------------------------------------------------

QUESTIONS = ("주차 가능 여부 문의", "Asked whether the clinic is open on Sunday", "Спрашивала, нужен ли полис ОМС",
             "询问体检前是否需要空腹", "Întreba dacă se poate plăti cu cardul")


def _call(at: datetime, direction: CallDirection, purpose: CallPurpose, outcome: CallOutcome, by: int,
          **details: Any) -> dict[str, Any]:
    row = {"direction": direction, "channel": ContactChannel.PHONE, "purpose": purpose, "outcome": outcome,
           "patient_id": None, "appointment_id": None, "phone": "", "caller_name": "", "note": "",
           "decline_reason": "", "callback_at": None, "satisfaction": None, "at": at, "by_user_id": by}
    row.update(details)
    return row


def _reminders(rng: random.Random, week: Week, visits: list[Visit], people: list[PatientInput],
               patient_ids: list[int], by: int) -> list[dict[str, Any]]:
    """This morning's reminder calls for tomorrow's appointments."""
    tomorrow = [v for v in visits if week.day_of(v.start) == week.today + timedelta(days=1)
                and v.status in (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)]
    calls = []
    for index, visit in enumerate(rng.sample(tomorrow, min(8, len(tomorrow)))):
        outcome = CallOutcome.CONFIRMED if visit.status is AppointmentStatus.CONFIRMED else CallOutcome.NO_ANSWER
        at = min(week.at(week.today, time(9, 5 + 4 * index)), week.now - timedelta(minutes=1))
        calls.append(_call(at, CallDirection.OUTGOING, CallPurpose.REMINDER, outcome, by,
                           patient_id=patient_ids[visit.patient], appointment_id=visit.id,
                           phone=people[visit.patient].phone))
    return calls


def _incoming(rng: random.Random, week: Week, people: list[PatientInput], patient_ids: list[int],
              by: int) -> list[dict[str, Any]]:
    """Questions through the morning, a call to come back to, a wrong number and a declined follow-up."""
    calls = []
    opening = week.at(week.today, time(8, 50))
    span = max(1, int((week.now - opening).total_seconds() // 60))
    for question in QUESTIONS:
        patient = rng.randrange(len(people))
        calls.append(_call(opening + timedelta(minutes=rng.randrange(span)), CallDirection.INCOMING,
                           CallPurpose.QUESTION, CallOutcome.ANSWERED, by, patient_id=patient_ids[patient],
                           phone=people[patient].phone, note=question, satisfaction=rng.choice((4, 5, 5))))
    patient = rng.randrange(len(people))
    calls.append(_call(week.now - timedelta(minutes=12), CallDirection.INCOMING, CallPurpose.QUESTION,
                       CallOutcome.CALL_BACK_LATER, by, patient_id=patient_ids[patient], phone=people[patient].phone,
                       note="건강검진 가격 문의, 담당자 회신 요청", callback_at=week.now + timedelta(hours=2)))
    calls.append(_call(opening + timedelta(minutes=20), CallDirection.INCOMING, CallPurpose.QUESTION,
                       CallOutcome.WRONG_NUMBER, by, phone="02-3456-7781", caller_name="—"))
    patient = rng.randrange(len(people))
    calls.append(_call(opening + timedelta(minutes=35), CallDirection.OUTGOING, CallPurpose.FOLLOW_UP,
                       CallOutcome.DECLINED, by, patient_id=patient_ids[patient], phone=people[patient].phone,
                       decline_reason="Feels better, no follow-up needed"))
    return calls


def _bookings(week: Week, visits: list[Visit], people: list[PatientInput], patient_ids: list[int],
              by: int) -> list[dict[str, Any]]:
    """Today's phone bookings: the call that made each appointment booked by phone today."""
    booked_today = [v for v in visits if v.channel is BookingChannel.PHONE and week.day_of(v.created_at) == week.today
                    and v.start > week.now]
    return [_call(v.created_at - timedelta(minutes=2), CallDirection.INCOMING, CallPurpose.BOOKING,
                  CallOutcome.BOOKED, by, patient_id=patient_ids[v.patient], appointment_id=v.id,
                  phone=people[v.patient].phone) for v in booked_today[:10]]


def insert_calls(session: Session, rng: random.Random, week: Week, visits: list[Visit], people: list[PatientInput],
                 patient_ids: list[int], staff: Staff) -> int:
    by = staff.users[Role.RECEPTIONIST]
    calls = (_reminders(rng, week, visits, people, patient_ids, by) + _incoming(rng, week, people, patient_ids, by)
             + _bookings(week, visits, people, patient_ids, by))
    calls.sort(key=lambda c: c["at"])
    session.execute(insert(Call), calls)
    return len(calls)


def insert_tasks(session: Session, week: Week, people: list[PatientInput], patient_ids: list[int],
                 staff: Staff) -> int:
    """The task list: open work for each role, one overdue, and two closed yesterday."""
    users, today = staff.users, week.today

    def first(language: str) -> int | None:
        found = next((i for i, p in enumerate(people) if p.preferred_locale == language), None)
        return patient_ids[found] if found is not None else None

    yesterday = week.at(today - timedelta(days=1), time(17, 30))
    open_ = TaskStatus.OPEN
    tasks = [
        ("검사 결과 안내 전화", TaskPriority.HIGH, week.at(today, time(15)), users[Role.RECEPTIONIST], None,
         first("ko"), open_, ""),
        ("내일 예약 확인 전화 마무리", TaskPriority.NORMAL, week.at(today, time(17)), None, Role.RECEPTIONIST, None,
         open_, ""),
        ("Send a copy of the invoice to the insurer by e-mail", TaskPriority.NORMAL,
         week.at(today + timedelta(days=1), time(12)), users[Role.CASHIER], None, first("en"), open_, ""),
        ("Подготовить копию медицинской карты", TaskPriority.NORMAL, week.at(today + timedelta(days=1), time(12)),
         users[Role.CERTIFICATE_CLERK], None, first("ru"), open_, ""),
        ("Reply to the allergy complaint", TaskPriority.URGENT, week.now - timedelta(minutes=30),
         users[Role.ADMINISTRATOR], None, first("en"), open_, ""),
        ("대기실 안내문 중국어·러시아어 번역본 비치", TaskPriority.LOW, week.at(today + timedelta(days=3), time(18)),
         None, Role.ADMINISTRATOR, None, open_, ""),
        ("Callback: price of the health check-up", TaskPriority.NORMAL, week.now + timedelta(hours=2),
         users[Role.RECEPTIONIST], None, first("zh_CN"), open_, ""),
        ("Order receipt paper for the cash desk", TaskPriority.LOW, yesterday, users[Role.CASHIER], None, None,
         TaskStatus.DONE, "Ordered 5 rolls"),
        ("수액 치료 후 상태 확인 전화", TaskPriority.NORMAL, yesterday, users[Role.RECEPTIONIST], None, first("ko"),
         TaskStatus.NOT_DONE, "연락 안 됨, 문자 남김"),
    ]
    session.execute(insert(Task), [
        {"title": title, "details": "", "priority": priority, "due_at": due, "assigned_user_id": user,
         "assigned_role": role, "patient_id": patient, "status": status, "result_note": note,
         "created_by": users[Role.ADMINISTRATOR], "created_at": week.at(today - timedelta(days=1), time(9)),
         "closed_at": yesterday if status is not open_ else None}
        for title, priority, due, user, role, patient, status, note in tasks
    ])
    return len(tasks)

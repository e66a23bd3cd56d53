"""The demo clinic's complaint log: categories named in every language, deadline rules, and four months of
complaints, suggestions, compliments and questions in the patients' own languages through every channel.

The last three weeks stand at every step of a complaint's life (received, acknowledged, in progress, resolved,
closed, reopened; one overdue and escalated to the administrator); the months before are closed, a few of
them late, so that the analysis has a previous period, a trend and repeat complainants to show.
Each complaint is routed to the department that owns its category and to a person responsible there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.demo.schedule import Week
from app.demo.staff import Staff
from app.models.clinic import Department
from app.models.complaints import (
    Complaint,
    ComplaintCategory,
    ComplaintDeadlineRule,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintStep,
    ContactChannel,
    FeedbackKind,
    Urgency,
)
from app.models.staff import Role
from app.services.complaint_rules import DEFAULT_ACKNOWLEDGE_HOURS, add_days_in_zone
from app.services.patients import PatientInput


@dataclass(frozen=True)
class Category:
    code: str
    #: The clinic's own name (Korean: the clinic's language) and its names in the other languages.
    name: str
    names: dict[str, str]
    days: int
    #: Words that point to the category, per language.
    keywords: dict[str, list[str]]
    #: The department (its name's prefix in ``app.demo.staff.DEPARTMENTS``) and the role responsible there.
    department: str
    responsible: Role


CATEGORIES: tuple[Category, ...] = (
    Category("waiting", "대기 시간", {"en": "Waiting time", "ru": "Время ожидания", "ro": "Timp de așteptare",
                                     "zh_CN": "等候时间"}, 3,
             {"ko": ["대기", "기다"], "en": ["wait", "late"], "ru": ["ждал", "очеред"], "ro": ["aștept"],
              "zh_CN": ["等"]}, "원무과", Role.RECEPTIONIST),
    Category("staff", "직원 응대", {"en": "Staff attitude", "ru": "Отношение персонала",
                                 "ro": "Atitudinea personalului", "zh_CN": "服务态度"}, 7,
             {"ko": ["불친절", "친절"], "en": ["rude", "kind"], "ru": ["груб", "вежлив"], "ro": ["nepoliticos"],
              "zh_CN": ["态度"]}, "원무과", Role.ADMINISTRATOR),
    Category("billing", "수납·비용", {"en": "Billing", "ru": "Оплата и счета", "ro": "Facturare",
                                  "zh_CN": "收费"}, 5,
             {"ko": ["청구", "영수증"], "en": ["invoice", "charged"], "ru": ["счёт", "оплат"], "ro": ["factur"],
              "zh_CN": ["收据", "金额"]}, "원무과", Role.CASHIER),
    Category("care", "진료 품질", {"en": "Quality of care", "ru": "Качество лечения",
                                "ro": "Calitatea îngrijirii", "zh_CN": "诊疗质量"}, 14,
             {"ko": ["진료", "처방"], "en": ["doctor", "prescribed"], "ru": ["врач", "назначен"], "ro": ["medic"],
              "zh_CN": ["医生"]}, "일차진료", Role.DOCTOR),
    Category("booking", "예약", {"en": "Booking", "ru": "Запись на приём", "ro": "Programări", "zh_CN": "预约"}, 5,
             {"ko": ["예약"], "en": ["appointment", "cancelled"], "ru": ["запис"], "ro": ["programare"],
              "zh_CN": ["预约"]}, "원무과", Role.RECEPTIONIST),
    Category("facility", "시설·청결", {"en": "Facilities and cleanliness", "ru": "Помещения и чистота",
                                   "ro": "Spații și curățenie", "zh_CN": "设施与卫生"}, 7,
             {"ko": ["화장실", "청결"], "en": ["dirty", "cold"], "ru": ["холодно", "грязн"], "ro": ["frig"],
              "zh_CN": ["卫生"]}, "원무과", Role.ADMINISTRATOR),
    Category("language", "통역·언어", {"en": "Language support", "ru": "Переводчик и язык",
                                   "ro": "Sprijin lingvistic", "zh_CN": "翻译与语言"}, 7,
             {"ko": ["통역"], "en": ["speaks", "language"], "ru": ["переводчик"], "ro": ["limba"],
              "zh_CN": ["翻译"]}, "국제진료센터", Role.ADMINISTRATOR),
)
_BY_CODE = {c.code: c for c in CATEGORIES}
#: In every category: urgency → hours to acknowledge, calendar days to resolve.
DEADLINE_RULES = {Urgency.CRITICAL: (4, 2), Urgency.HIGH: (12, 5)}


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
    #: The suggestion staff overrode at intake (another category's code), if they did.
    suggested: str | None = None
    #: Resolved after its deadline (the past months' late ones).
    late: bool = False


_K, _C, _U, _ST = FeedbackKind, ContactChannel, Urgency, ComplaintStatus
#: The last three weeks, one complaint at each step (the zh_CN billing one is overdue and escalated).
RECENT: tuple[Feedback, ...] = (
    Feedback("ko", _K.COMPLAINT, _C.PHONE, "waiting", _U.NORMAL, _ST.IN_PROGRESS, 2,
             "예약 시간보다 50분 넘게 기다렸는데 아무도 설명해 주지 않았습니다."),
    Feedback("ko", _K.COMPLAINT, _C.WEBSITE, "billing", _U.NORMAL, _ST.RESOLVED, 9,
             "같은 검사 비용이 영수증에 두 번 청구되었습니다. 확인 부탁드립니다."),
    Feedback("ko", _K.COMPLIMENT, _C.SUGGESTION_BOX, "staff", _U.LOW, _ST.CLOSED, 12,
             "소아과 박지민 선생님께서 아이를 정말 친절하게 진료해 주셨어요. 감사합니다.", anonymous=True,
             suggested="care"),
    Feedback("ko", _K.SUGGESTION, _C.MOBILE_APP, "booking", _U.LOW, _ST.ACKNOWLEDGED, 4,
             "앱에서 예약 변경이 안 됩니다. 변경 기능을 추가해 주세요."),
    Feedback("ko", _K.COMPLAINT, _C.VISIT, "facility", _U.NORMAL, _ST.RECEIVED, 0,
             "2층 화장실에 휴지가 없고 바닥이 젖어 있었습니다."),
    Feedback("ru", _K.COMPLAINT, _C.MESSENGER, "language", _U.HIGH, _ST.IN_PROGRESS, 3,
             "Мне обещали переводчика, но на приёме его не было. Я не понял назначения врача.", suggested="care"),
    Feedback("ru", _K.QUESTION, _C.EMAIL, "billing", _U.LOW, _ST.RESOLVED, 8,
             "Можно ли получить счёт на английском языке для страховой компании?"),
    Feedback("ru", _K.COMPLAINT, _C.PHONE, "care", _U.NORMAL, _ST.REOPENED, 10,
             "После капельницы у меня была сильная слабость, врач не объяснил, что делать. Прошу разобраться."),
    Feedback("ru", _K.COMPLIMENT, _C.WEBSITE, "staff", _U.LOW, _ST.CLOSED, 18,
             "Спасибо Ольге Викторовне за внимательный приём и понятные объяснения!"),
    Feedback("zh_CN", _K.COMPLAINT, _C.MESSENGER, "waiting", _U.NORMAL, _ST.ACKNOWLEDGED, 1,
             "预约的是上午十点，结果等了一个多小时才看上医生。"),
    Feedback("zh_CN", _K.QUESTION, _C.PHONE, "booking", _U.LOW, _ST.CLOSED, 10,
             "请问周末可以做体检吗？需要提前多久预约？"),
    Feedback("zh_CN", _K.COMPLAINT, _C.EMAIL, "billing", _U.NORMAL, _ST.IN_PROGRESS, 7,
             "收据上的金额和我刷卡的金额不一致，请核实。"),
    Feedback("ro", _K.COMPLAINT, _C.EMAIL, "staff", _U.NORMAL, _ST.RECEIVED, 0,
             "Recepționera a fost nepoliticoasă când am întrebat de rezultatele analizelor."),
    Feedback("ro", _K.SUGGESTION, _C.WEBSITE, "language", _U.LOW, _ST.RESOLVED, 11,
             "Ar fi util să aveți formularele și în limba română sau măcar în engleză."),
    Feedback("en", _K.COMPLAINT, _C.PHONE, "booking", _U.HIGH, _ST.IN_PROGRESS, 2,
             "My appointment was cancelled by text the evening before and nobody offered me a new time."),
    Feedback("en", _K.COMPLAINT, _C.SOCIAL_NETWORK, "care", _U.CRITICAL, _ST.ACKNOWLEDGED, 1,
             "The doctor prescribed a medicine I had told the nurse I am allergic to (penicillin).\n"
             "Please call me today."),
    Feedback("en", _K.COMPLIMENT, _C.VISIT, "staff", _U.LOW, _ST.CLOSED, 16,
             "Dr. Mitchell and the front desk were wonderful with my kids. Thank you!"),
    Feedback("en", _K.QUESTION, _C.EMAIL, "language", _U.LOW, _ST.RECEIVED, 0,
             "Do you have a doctor who speaks French?"),
    Feedback("ko", _K.COMPLAINT, _C.SMS, "booking", _U.NORMAL, _ST.REOPENED, 5,
             "예약 확인 문자를 받고 갔는데 예약이 없다고 했습니다. 다시 확인해 주세요."),
    Feedback("ko", _K.COMPLAINT, _C.FAX, "care", _U.HIGH, _ST.RESOLVED, 20,
             "검사 결과 안내가 늦어져 회사에 제출하지 못했습니다.", suggested="waiting"),
    Feedback("ru", _K.COMPLAINT, _C.SUGGESTION_BOX, "facility", _U.NORMAL, _ST.CLOSED, 19,
             "В зале ожидания слишком холодно, дети мёрзнут.", anonymous=True),
)
#: What the months before said, drawn again and again (language, kind, channel, category, urgency, text).
EARLIER: tuple[tuple[str, FeedbackKind, ContactChannel, str, Urgency, str], ...] = (
    ("ko", _K.COMPLAINT, _C.PHONE, "waiting", _U.NORMAL, "접수하고 40분을 기다렸습니다."),
    ("ko", _K.COMPLAINT, _C.MOBILE_APP, "booking", _U.NORMAL, "앱 예약이 두 번 잡혀 있었습니다."),
    ("ko", _K.COMPLAINT, _C.VISIT, "billing", _U.NORMAL, "실손보험 서류 발급 비용 안내가 없었습니다."),
    ("ko", _K.COMPLIMENT, _C.WEBSITE, "care", _U.LOW, "진료 설명이 자세해서 안심이 되었습니다."),
    ("ko", _K.SUGGESTION, _C.SUGGESTION_BOX, "facility", _U.LOW, "대기실에 아이 놀이 공간이 있으면 좋겠습니다."),
    ("ko", _K.COMPLAINT, _C.SMS, "staff", _U.NORMAL, "전화 응대가 불친절했습니다."),
    ("en", _K.COMPLAINT, _C.EMAIL, "waiting", _U.NORMAL, "I waited an hour past my appointment time."),
    ("en", _K.QUESTION, _C.WEBSITE, "language", _U.LOW, "Is there an English-speaking pediatrician?"),
    ("en", _K.COMPLAINT, _C.PHONE, "care", _U.HIGH, "Nobody called me back with my blood test results."),
    ("ru", _K.COMPLAINT, _C.MESSENGER, "waiting", _U.NORMAL, "Ждал в очереди больше часа, хотя был записан."),
    ("ru", _K.COMPLAINT, _C.PHONE, "billing", _U.NORMAL, "С карты списали оплату дважды."),
    ("ru", _K.SUGGESTION, _C.EMAIL, "language", _U.LOW, "Сделайте, пожалуйста, памятки для пациентов на русском."),
    ("zh_CN", _K.COMPLAINT, _C.MESSENGER, "booking", _U.NORMAL, "网上预约成功了，到医院却说没有预约。"),
    ("zh_CN", _K.COMPLIMENT, _C.SOCIAL_NETWORK, "staff", _U.LOW, "前台服务态度很好，非常耐心。"),
    ("zh_CN", _K.COMPLAINT, _C.EMAIL, "facility", _U.NORMAL, "卫生间不太干净。"),
    ("ro", _K.COMPLAINT, _C.PHONE, "care", _U.NORMAL, "Medicul nu mi-a explicat tratamentul."),
    ("ro", _K.QUESTION, _C.EMAIL, "billing", _U.LOW, "Pot primi factura pe numele firmei?"),
)
#: How many days back the earlier complaints reach, and how many there are.
EARLIER_FROM, EARLIER_TO, EARLIER_COUNT = 21, 120, 95
RESOLUTIONS = {
    "waiting": "담당 의사 일정 조정, 지연 시 안내 문자 발송 · Delays are now announced by text",
    "staff": "직원 교육 실시 · Staff briefed",
    "billing": "중복 청구 확인 후 환불 · Double charge refunded",
    "care": "담당 의사가 직접 전화로 설명 · The doctor called the patient",
    "booking": "예약 시스템 오류 수정, 사과 연락 · Booking error fixed, apology given",
    "facility": "시설 점검 완료 · Facilities checked and fixed",
    "language": "통역 서비스 일정 확인 절차 도입 · Interpreter now confirmed the day before",
}
_ACKNOWLEDGED = "접수 확인, 담당 부서 전달 · Received, passed to the department"
_NOTE = "담당자 확인 중 · The person in charge is looking into it"
_REOPENED = "환자가 결과에 만족하지 않아 재접수 · The patient was not satisfied"
_REACHED = {  # which steps a complaint in each status has been through
    _ST.RECEIVED: (), _ST.ACKNOWLEDGED: ("acknowledged",), _ST.IN_PROGRESS: ("acknowledged", "in_progress"),
    _ST.RESOLVED: ("acknowledged", "in_progress", "resolved"),
    _ST.CLOSED: ("acknowledged", "in_progress", "resolved", "closed"),
    _ST.REOPENED: ("acknowledged", "in_progress", "resolved", "reopened"),
}
_PENDING = (_ST.RECEIVED, _ST.ACKNOWLEDGED, _ST.IN_PROGRESS, _ST.REOPENED)


def _earlier(rng: random.Random) -> list[Feedback]:
    result = []
    for _ in range(EARLIER_COUNT):
        language, kind, channel, category, urgency, text = rng.choice(EARLIER)
        result.append(Feedback(language, kind, channel, category, urgency, _ST.CLOSED,
                               rng.randint(EARLIER_FROM, EARLIER_TO), text, late=rng.random() < 0.2,
                               suggested=rng.choice(CATEGORIES).code if rng.random() < 0.15 else None))
    return result


@dataclass(frozen=True)
class _Routing:
    categories: dict[str, int]
    departments: dict[str, int]
    users: dict[Role, int]
    doctors: tuple[int, ...]


def _insert_settings(session: Session) -> dict[str, int]:
    """The categories (their ids by code) and the deadline rules."""
    ids = session.scalars(
        insert(ComplaintCategory).returning(ComplaintCategory.id, sort_by_parameter_order=True),
        [{"code": c.code, "name": c.name, "names": c.names, "resolve_days": c.days, "keywords": c.keywords,
          "active": True} for c in CATEGORIES])
    session.execute(insert(ComplaintDeadlineRule), [
        {"category_id": None, "urgency": urgency, "acknowledge_hours": hours, "resolve_days": days}
        for urgency, (hours, days) in DEADLINE_RULES.items()])
    return {c.code: category_id for c, category_id in zip(CATEGORIES, ids, strict=True)}


def _deadline(item: Feedback) -> tuple[int, int]:
    """Hours to acknowledge and days to resolve, as ``complaint_rules.deadlines`` finds them for the demo."""
    return DEADLINE_RULES.get(item.urgency, (DEFAULT_ACKNOWLEDGE_HOURS, _BY_CODE[item.category].days))


class _Clock:
    """Moves forward from a complaint's arrival, never past the demo's present."""

    def __init__(self, rng: random.Random, start: datetime, now: datetime) -> None:
        self.rng, self.at, self.now = rng, start, now

    def later(self, low_hours: float, high_hours: float) -> datetime:
        step = timedelta(minutes=self.rng.randint(int(low_hours * 60), int(high_hours * 60)))
        self.at = min(self.at + step, self.now - timedelta(minutes=1))
        return self.at


def _complaint(rng: random.Random, week: Week, item: Feedback, received: datetime,
               routing: _Routing) -> tuple[dict[str, Any], list[tuple[str, datetime, str, int]]]:
    """The complaint's row and its timeline (step, time, text, who)."""
    category = _BY_CODE[item.category]
    hours, days = _deadline(item)
    responsible = routing.users[category.responsible]
    desk, admin = routing.users[Role.RECEPTIONIST], routing.users[Role.ADMINISTRATOR]
    clock = _Clock(rng, received, week.now)
    steps = [(ComplaintStep.RECEIVED.value, received, item.text.splitlines()[0], desk)]
    row: dict[str, Any] = {"acknowledged_at": None, "resolved_at": None, "closed_at": None, "resolution": "",
                           "response_text": "", "response_channel": None, "responded_at": None,
                           "patient_satisfied": None, "escalated_at": None,
                           "acknowledge_due_at": received + timedelta(hours=hours),
                           "resolve_due_at": add_days_in_zone(received, days, week.zone)}
    if item.status is not _ST.RECEIVED:
        steps.append((ComplaintStep.ASSIGNED.value, clock.later(0.1, 1), "", desk))
    for step in _REACHED[item.status]:
        if step == "resolved":
            at = clock.later(24 * days + 2, 24 * days + 60) if item.late else clock.later(4, 24 * min(days, 3))
        else:
            at = clock.later(0.5, min(hours - 1, 20))
        if step == "acknowledged":
            row["acknowledged_at"] = at
            steps.append((step, at, _ACKNOWLEDGED, responsible))
        elif step == "in_progress":
            steps.append((step, at, _NOTE, responsible))
        elif step == "resolved":
            text = RESOLUTIONS[item.category]
            row.update(resolved_at=at, resolution=text, response_text=text, response_channel=item.channel,
                       responded_at=at)
            steps += [(step, at, text, responsible), ("responded", at, text, responsible)]
        elif step == "closed":
            row.update(closed_at=at, patient_satisfied=not item.late)
            steps.append((step, at, "", admin))
        elif step == "reopened":
            row.update(resolved_at=None, patient_satisfied=False,
                       resolve_due_at=add_days_in_zone(at, days, week.zone))
            steps.append((step, at, _REOPENED, admin))
    due = row["resolve_due_at"] if row["acknowledged_at"] else row["acknowledge_due_at"]
    if item.status in _PENDING and due < week.now:
        # What the dock's refresh does for the administrator: escalated once, when it fell overdue.
        row["escalated_at"] = min(due + timedelta(minutes=15), week.now - timedelta(minutes=1))
        steps.append((ComplaintStep.ESCALATED.value, row["escalated_at"], "", admin))
    return row, steps


def _routing(session: Session, staff: Staff, categories: dict[str, int]) -> _Routing:
    departments = {name.split(" · ")[0]: department_id
                   for department_id, name in session.execute(select(Department.id, Department.name))}
    return _Routing(categories, departments, staff.users, staff.doctors)


def insert_complaints(session: Session, rng: random.Random, week: Week, people: list[PatientInput],
                      patient_ids: list[int], staff: Staff) -> int:
    routing = _routing(session, staff, _insert_settings(session))
    by_language: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        by_language.setdefault(person.preferred_locale, []).append(index)
    #: A few patients who complain again and again (repeat complainants in the analysis).
    regulars = {language: rng.sample(indexes, min(2, len(indexes))) for language, indexes in by_language.items()}
    items = [*RECENT, *_earlier(rng)]
    rows, timelines = [], []
    for item in items:
        received = week.now - timedelta(days=item.days_ago, minutes=rng.randint(30, 600))
        row, steps = _complaint(rng, week, item, received, routing)
        pool = regulars.get(item.language) if item.kind is _K.COMPLAINT and rng.random() < 0.25 else None
        patient = None if item.anonymous else rng.choice(pool or by_language.get(item.language) or range(len(people)))
        contact = people[patient] if patient is not None else None
        category = _BY_CODE[item.category]
        row.update(
            kind=item.kind, channel=item.channel, received_at=received,
            patient_id=patient_ids[patient] if patient is not None else None,
            contact_name="", contact_details=(contact.phone or contact.email) if contact else "",
            category_id=routing.categories[item.category],
            suggested_category_id=routing.categories[item.suggested or item.category], urgency=item.urgency,
            suggested_urgency=_U.NORMAL if item.urgency is _U.CRITICAL else item.urgency, appointment_id=None,
            doctor_id=rng.choice(routing.doctors[:4]) if item.category == "care" else None,
            department_id=routing.departments[category.department],
            staff_user_id=staff.users[Role.RECEPTIONIST] if item.category == "staff" else None, subject="",
            text=item.text, language=item.language, status=item.status,
            assigned_to=routing.users[category.responsible] if item.status is not _ST.RECEIVED else None,
            anonymised_at=None, created_by=staff.users[Role.RECEPTIONIST],
        )
        rows.append(row)
        timelines.append(steps)
    ids = session.scalars(insert(Complaint).returning(Complaint.id, sort_by_parameter_order=True), rows)
    session.execute(insert(ComplaintEvent), [
        {"complaint_id": complaint_id, "at": at, "kind": kind, "text": text, "actor_id": actor,
         "informed_via": item.channel if kind in ("acknowledged", "responded") else None}
        for complaint_id, steps, item in zip(ids, timelines, items, strict=True) for kind, at, text, actor in steps
    ])
    return len(rows)

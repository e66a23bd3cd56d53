"""The front desk's other work: today's calls and the task list (complaints: ``app.demo.complaints``)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.demo.schedule import Visit, Week
from app.demo.staff import Staff
from app.models.calls import Call, CallDirection, CallOutcome, CallPurpose, Task, TaskPriority, TaskStatus
from app.models.complaints import (
    ContactChannel,
)
from app.models.scheduling import AppointmentStatus, BookingChannel
from app.models.staff import Role
from app.services.patients import PatientInput

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

"""A week of appointments around today, the doctors' working hours, and today's waiting room.

The week is planned in memory first (who sees whom, when, and how it went), then written in one go. Each
doctor's day is filled slot after slot inside their working hours, so two active appointments of one
doctor never overlap; a cancelled slot is sometimes given to another patient, as a desk would. Past days
are done (completed, no-show, cancelled); today is split at the demo's "now": behind it completed, at it
in consultation, just after it arrived, later confirmed or booked; the coming days are booked.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.demo.catalog import PricedService
from app.demo.names import age_on, weighted
from app.demo.staff import DOCTORS, DoctorPlan, Staff, weekly_hours
from app.models.patients import Sex
from app.models.scheduling import (
    Appointment,
    AppointmentStatus,
    BookingChannel,
    CancelReason,
    WaitingEntry,
    WaitingStatus,
)
from app.models.staff import Role, WorkingHours
from app.services.patients import PatientInput

_S = AppointmentStatus
DAYS_BEFORE = 3
DAYS_AFTER = 3
SLOT = timedelta(minutes=15)
#: How full each day of the week is, by its distance from today.
FILL = {-3: 0.82, -2: 0.84, -1: 0.86, 0: 0.9, 1: 0.75, 2: 0.6, 3: 0.45}
ADULT_AGE = 18
ATTENDED = frozenset({_S.ARRIVED, _S.IN_CONSULTATION, _S.COMPLETED})
_CHANNELS = ((BookingChannel.PHONE, 45), (BookingChannel.WEBSITE, 20), (BookingChannel.MESSENGER, 15),
             (BookingChannel.WALK_IN, 10), (BookingChannel.REFERRAL, 5), (BookingChannel.WAITLIST, 5))
_CANCEL_REASONS = ((CancelReason.BY_PATIENT, 70), (CancelReason.LATE_CANCELLATION, 20), (CancelReason.BY_CLINIC, 10))
APPOINTMENT_NOTES = ("통역 필요 (러시아어)", "Interpreter: Chinese", "이전 검사 결과 지참", "Bring vaccination record",
                     "Просит перезвонить накануне", "Pacientul vine cu copilul", "보호자 동반", "需要开具发票")
#: Walk-ins: what brings them (in their language), whether it is urgent and why.
WALK_IN_REASONS = (("ko", "39.5도 고열, 기침", True, "소아 고열 · High fever in a child"),
                   ("en", "Sore throat since yesterday", False, ""), ("ru", "Болит спина после падения", False, ""),
                   ("zh_CN", "复诊开药", False, ""))


@dataclass(frozen=True)
class Week:
    """Today in the clinic's zone, and the demo's present moment (UTC) on it."""

    today: date
    zone: ZoneInfo
    now: datetime

    @property
    def days(self) -> list[date]:
        return [self.today + timedelta(days=d) for d in range(-DAYS_BEFORE, DAYS_AFTER + 1)]

    def at(self, day: date, clock: time) -> datetime:
        return datetime.combine(day, clock, tzinfo=self.zone).astimezone(UTC)

    def day_of(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()


@dataclass(slots=True)
class Visit:
    doctor: int
    patient: int
    service: PricedService
    start: datetime
    end: datetime
    status: AppointmentStatus
    channel: BookingChannel
    created_at: datetime
    updated_at: datetime
    cancel_reason: CancelReason | None = None
    notes: str = ""
    first_visit: bool = False
    arrived_at: datetime | None = None
    id: int = 0


@dataclass(frozen=True)
class Registration:
    """When a patient registered and first came (None: not yet), as the week's visits make it."""

    created_at: datetime
    first_visit_on: date | None


class PatientPicker:
    """Chooses the patient of each appointment: a child for the pediatrician, a woman for the gynecologist,
    often someone of the doctor's language, and never one who already has an appointment that day."""

    def __init__(self, rng: random.Random, people: list[PatientInput], today: date) -> None:
        self.rng = rng
        self.busy: dict[date, set[int]] = defaultdict(set)
        self.pools: dict[str, list[int]] = defaultdict(list)
        for index, person in enumerate(people):
            child = age_on(person.birth_date, today) < ADULT_AGE
            groups = ["all", "children" if child else "adults"]
            if not child and person.sex is Sex.FEMALE:
                groups.append("women")
            for group in groups:
                self.pools[group].append(index)
                self.pools[f"{group}:{person.preferred_locale}"].append(index)

    def pick(self, plan: DoctorPlan, day: date) -> int | None:
        """A patient for the doctor on ``day``; None when every fitting patient is already booked that day."""
        pool = self.pools[plan.patients]
        own = self.pools[f"{plan.patients}:{plan.language}"]
        if plan.language and own and self.rng.random() < 0.7:
            pool = own
        busy = self.busy[day]
        for _ in range(40):
            index = self.rng.choice(pool)
            if index not in busy:
                busy.add(index)
                return index
        return None


def _status(rng: random.Random, week: Week, offset: int, start: datetime, end: datetime,
            allow_cancel: bool = True) -> AppointmentStatus:
    cancel = 1 if allow_cancel else 0
    if offset < 0 or (offset == 0 and end <= week.now):
        return rng.choices((_S.COMPLETED, _S.NO_SHOW, _S.CANCELLED), weights=(86, 6, 8 * cancel))[0]
    if offset == 0 and start <= week.now:
        return _S.IN_CONSULTATION
    if offset == 0 and start - week.now <= timedelta(minutes=40):
        return rng.choices((_S.ARRIVED, _S.CONFIRMED, _S.BOOKED), weights=(60, 30, 10))[0]
    if offset <= 1:
        return rng.choices((_S.CONFIRMED, _S.BOOKED, _S.CANCELLED), weights=(50, 40, 10 * cancel))[0]
    return rng.choices((_S.CONFIRMED, _S.BOOKED, _S.CANCELLED), weights=(20, 72, 8 * cancel))[0]


def _arrival(rng: random.Random, week: Week, start: datetime) -> datetime:
    opening = week.at(week.today, time(8, 40))
    return max(opening, min(start - timedelta(minutes=rng.randint(3, 25)), week.now - timedelta(minutes=1)))


def _times(rng: random.Random, week: Week, visit: Visit) -> None:
    """When the visit was booked and last changed, and when the patient came in (today)."""
    if visit.channel is BookingChannel.WALK_IN:
        booked = visit.start - timedelta(minutes=rng.randint(10, 40))
    else:
        booked_on = min(week.day_of(visit.start) - timedelta(days=rng.randint(1, 14)), week.today)
        booked = week.at(booked_on, time(9)) + timedelta(minutes=rng.randint(0, 540))
        if booked >= week.now:  # booked today: some time this morning
            opening = week.at(week.today, time(9))
            booked = opening + timedelta(minutes=rng.randint(0, int((week.now - opening).total_seconds() // 60)))
    visit.created_at = min(booked, week.now - timedelta(minutes=2))
    if visit.status in ATTENDED and week.day_of(visit.start) == week.today:
        visit.arrived_at = _arrival(rng, week, visit.start)
        visit.created_at = min(visit.created_at, visit.arrived_at)
    changed = {
        _S.COMPLETED: visit.end, _S.NO_SHOW: visit.end, _S.IN_CONSULTATION: visit.start,
        _S.ARRIVED: visit.arrived_at, _S.CONFIRMED: visit.start - timedelta(days=1),
    }.get(visit.status)
    if visit.status is _S.CANCELLED:
        span = int((min(visit.start, week.now) - visit.created_at).total_seconds() // 60)
        changed = visit.created_at + timedelta(minutes=rng.randint(0, max(0, span)))
    visit.updated_at = min(max(changed or visit.created_at, visit.created_at), week.now)


def _visit(rng: random.Random, week: Week, patient: int, doctor: int, service: PricedService, start: datetime,
           status: AppointmentStatus) -> Visit:
    channel = weighted(rng, _CHANNELS)
    if channel is BookingChannel.WALK_IN and week.day_of(start) > week.today:
        channel = BookingChannel.PHONE
    visit = Visit(
        doctor=doctor, patient=patient, service=service, start=start,
        end=start + timedelta(minutes=service.item.minutes), status=status, channel=channel,
        created_at=start, updated_at=start,
        cancel_reason=weighted(rng, _CANCEL_REASONS) if status is _S.CANCELLED else None,
        notes=rng.choice(APPOINTMENT_NOTES) if rng.random() < 0.06 else "",
    )
    _times(rng, week, visit)
    return visit


def _doctor_day(rng: random.Random, week: Week, picker: PatientPicker, services: dict[str, PricedService],
                doctor: int, day: date) -> list[Visit]:
    plan, offset, visits = DOCTORS[doctor], (day - week.today).days, []
    for opens, closes in weekly_hours(plan, day.weekday()):
        cursor, end = week.at(day, opens), week.at(day, closes)
        while cursor < end:
            service = services[rng.choice(plan.services)]
            finish = cursor + timedelta(minutes=service.item.minutes)
            patient = picker.pick(plan, day) if rng.random() <= FILL[offset] and finish <= end else None
            if patient is None:
                cursor += SLOT
                continue
            status = _status(rng, week, offset, cursor, finish)
            visits.append(_visit(rng, week, patient, doctor, service, cursor, status))
            if status is _S.CANCELLED and rng.random() < 0.5 and (again := picker.pick(plan, day)) is not None:
                again_status = _status(rng, week, offset, cursor, finish, allow_cancel=False)
                visits.append(_visit(rng, week, again, doctor, service, cursor, again_status))
            cursor = finish
    return visits


def plan_week(rng: random.Random, week: Week, people: list[PatientInput],
              services: dict[str, PricedService]) -> list[Visit]:
    """Every appointment of the week, in time order (first visits are settled by ``register``)."""
    picker = PatientPicker(rng, people, week.today)
    visits = [visit for day in week.days for doctor in range(len(DOCTORS))
              for visit in _doctor_day(rng, week, picker, services, doctor, day)]
    visits.sort(key=lambda v: (v.start, v.doctor, v.status is not _S.CANCELLED))
    return visits


def _past_first_visit(rng: random.Random, week: Week, born: date | None) -> date:
    first_possible = max(born or date.min, week.today - timedelta(days=8 * 365))
    last_possible = week.today - timedelta(days=DAYS_BEFORE + 7)
    return first_possible + timedelta(days=rng.randint(0, max(0, (last_possible - first_possible).days)))


def register(rng: random.Random, week: Week, people: list[PatientInput], visits: list[Visit]) -> list[Registration]:
    """Who is new this week and who came before; sets each visit's ``first_visit`` to match.

    A patient's visit is a first visit when they have not been seen before it (the rule booking follows);
    their first-visit date is the day they were first seen (arrived, in consultation or completed).
    """
    by_patient: dict[int, list[Visit]] = defaultdict(list)
    for visit in visits:
        by_patient[visit.patient].append(visit)
    result = []
    for index, person in enumerate(people):
        own = by_patient.get(index, [])
        if own and rng.random() < 0.12:
            seen: date | None = None
            for visit in own:
                visit.first_visit = seen is None
                if seen is None and visit.status in ATTENDED:
                    seen = week.day_of(visit.start)
            created = min(v.created_at for v in own) - timedelta(minutes=rng.randint(1, 30))
            result.append(Registration(created, seen))
            continue
        first = None if not own and rng.random() < 0.03 else _past_first_visit(rng, week, person.birth_date)
        signed_up = first or week.today - timedelta(days=rng.randint(1, 60))
        result.append(Registration(week.at(signed_up, time(9, rng.randint(0, 59))), first))
    return result


def insert_working_hours(session: Session, staff: Staff) -> int:
    rows = [
        {"doctor_id": doctor_id, "weekday": weekday, "start_time": opens, "end_time": closes,
         "room_id": None, "valid_from": None, "valid_to": None}
        for doctor_id, plan in zip(staff.doctors, DOCTORS, strict=True)
        for weekday in range(7) for opens, closes in weekly_hours(plan, weekday)
    ]
    session.execute(insert(WorkingHours), rows)
    return len(rows)


def insert_visits(session: Session, staff: Staff, patient_ids: list[int], visits: list[Visit]) -> None:
    """Write the appointments (the database's overlap guard checks each one) and note their ids."""
    rows = [
        {"doctor_id": staff.doctors[v.doctor], "patient_id": patient_ids[v.patient], "service_id": v.service.id,
         "room_id": staff.rooms[v.doctor], "start_at": v.start, "end_at": v.end, "status": v.status,
         "channel": v.channel, "first_visit": v.first_visit, "notes": v.notes, "cancel_reason": v.cancel_reason,
         "created_by": staff.users[Role.RECEPTIONIST], "created_at": v.created_at, "updated_at": v.updated_at}
        for v in visits
    ]
    ids = session.scalars(insert(Appointment).returning(Appointment.id, sort_by_parameter_order=True), rows)
    for visit, appointment_id in zip(visits, ids, strict=True):
        visit.id = appointment_id


def _booked_entry(visit: Visit, patient_id: int, staff: Staff, week: Week, called_next: set[int]) -> dict[str, Any]:
    arrived = visit.arrived_at or visit.start
    called = started = finished = None
    status = WaitingStatus.WAITING
    if visit.status in (_S.IN_CONSULTATION, _S.COMPLETED):
        called = min(max(arrived, visit.start), week.now - timedelta(minutes=1))
        started = called + timedelta(minutes=1)
        status = WaitingStatus.IN_CONSULTATION
    if visit.status is _S.COMPLETED:
        finished, status = visit.end, WaitingStatus.DONE
    if visit.id in called_next:
        called, status = max(arrived, week.now - timedelta(minutes=2)), WaitingStatus.CALLED
    return {"patient_id": patient_id, "appointment_id": visit.id, "doctor_id": staff.doctors[visit.doctor],
            "specialty": DOCTORS[visit.doctor].specialty, "reason": "", "urgent": False, "urgent_reason": "",
            "room_id": staff.rooms[visit.doctor], "arrived_at": arrived, "called_at": called, "started_at": started,
            "finished_at": finished, "status": status}


def _walk_in(patient_id: int, arrived: datetime, reason: str, urgent: bool, urgent_reason: str,
             left_at: datetime | None = None) -> dict[str, Any]:
    return {"patient_id": patient_id, "appointment_id": None, "doctor_id": None, "specialty": DOCTORS[0].specialty,
            "reason": reason, "urgent": urgent, "urgent_reason": urgent_reason, "room_id": None,
            "arrived_at": arrived, "called_at": None, "started_at": None, "finished_at": left_at,
            "status": WaitingStatus.LEFT if left_at else WaitingStatus.WAITING}


def _called_next(today: list[Visit]) -> set[int]:
    """For each doctor with nobody inside, the first patient waiting has just been called."""
    busy = {v.doctor for v in today if v.status is _S.IN_CONSULTATION}
    called: dict[int, Visit] = {}
    for visit in today:
        if visit.status is _S.ARRIVED and visit.doctor not in busy and visit.doctor not in called:
            called[visit.doctor] = visit
    return {v.id for v in called.values()}


def _free_patient(rng: random.Random, week: Week, people: list[PatientInput], taken: set[int], language: str,
                  child: bool) -> int | None:
    """Someone of ``language`` (a child or an adult) with no appointment today, if there is one."""
    fits = [i for i, p in enumerate(people) if i not in taken and p.preferred_locale == language
            and (age_on(p.birth_date, week.today) < ADULT_AGE) == child]
    if not fits:
        return None
    chosen = rng.choice(fits)
    taken.add(chosen)
    return chosen


def waiting_room(rng: random.Random, week: Week, staff: Staff, people: list[PatientInput], patient_ids: list[int],
                 visits: list[Visit]) -> list[dict[str, Any]]:
    """Today's waiting-room entries with their tickets: everyone who came for an appointment (A001...),
    a few walk-ins (W001...), one of whom gave up waiting."""
    today = [v for v in visits if v.arrived_at is not None]
    called_next = _called_next(today)
    entries = [_booked_entry(v, patient_ids[v.patient], staff, week, called_next) for v in today]
    booked_today = {v.patient for v in visits if week.day_of(v.start) == week.today}
    for language, reason, urgent, urgent_reason in WALK_IN_REASONS:
        patient = _free_patient(rng, week, people, booked_today, language, child=urgent)
        if patient is not None:
            arrived = week.now - timedelta(minutes=rng.randint(4, 35))
            entries.append(_walk_in(patient_ids[patient], arrived, reason, urgent, urgent_reason))
    gone = _free_patient(rng, week, people, booked_today, "ro", child=False)
    if gone is not None:
        entries.append(_walk_in(patient_ids[gone], week.now - timedelta(minutes=95), "Erupție pe ambele brațe",
                                False, "", left_at=week.now - timedelta(minutes=40)))
    entries.sort(key=lambda entry: entry["arrived_at"])
    counters = {"A": 0, "W": 0}
    for entry in entries:
        prefix = "A" if entry["appointment_id"] else "W"
        counters[prefix] += 1
        entry["ticket"] = f"{prefix}{counters[prefix]:03d}"
    return entries


def insert_waiting(session: Session, entries: list[dict[str, Any]]) -> None:
    if entries:
        session.execute(insert(WaitingEntry), entries)

"""A day at a small clinic for the window's tests and screenshots: doctors, patients in five scripts,
appointments, a waiting room, payments, certificates, complaints, calls and tasks.

Scheduling and the waiting room go through their services. Payments, certificates, complaints, calls and
tasks have no writing services yet, so they are written with the ORM here and announced on the bus, as
their services will do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from app.clock import FixedClock
from app.context import Context
from app.events import Changed, Topic
from app.models.billing import CashShift, Payment, PaymentMethod
from app.models.calls import Call, CallDirection, CallOutcome, CallPurpose, Task, TaskPriority
from app.models.catalog import Service
from app.models.certificates import Certificate, CertificateKind, CertificateStatus, CertificateType
from app.models.complaints import Complaint, ComplaintCategory, ComplaintStatus, ContactChannel, FeedbackKind, Urgency
from app.models.patients import NameOrder
from app.models.scheduling import AppointmentStatus, BookingChannel, CancelReason
from app.models.staff import Role
from app.services import scheduling, staff, waiting, waitlist, working_time
from app.services.numbering import next_number
from app.services.scheduling import BookingRequest
from app.services.waitlist import WaitlistInput
from app.services.working_time import TemplateSlot
from tests import builders

SEOUL = ZoneInfo("Asia/Seoul")
TODAY = date(2026, 11, 23)

PEOPLE = [
    ("김", "민준", "010-2345-6789", NameOrder.FAMILY_FIRST_NO_SPACE, "ko"),
    ("王", "秀英", "010-3456-7890", NameOrder.FAMILY_FIRST_NO_SPACE, "zh_CN"),
    ("Иванова", "Мария", "+7 912 345-67-89", NameOrder.GIVEN_FIRST, "ru"),
    ("Popescu", "Ion", "+40 721 234 567", NameOrder.GIVEN_FIRST, "ro"),
    ("Smith", "Emily", "+1 212 555 0147", NameOrder.GIVEN_FIRST, "en"),
    ("박", "서연", "010-4567-8901", NameOrder.FAMILY_FIRST_NO_SPACE, "ko"),
    ("李", "伟", "010-5678-9012", NameOrder.FAMILY_FIRST_NO_SPACE, "zh_CN"),
    ("Ionescu", "Maria", "+40 722 111 222", NameOrder.GIVEN_FIRST, "ro"),
]


@dataclass(frozen=True)
class ClinicDay:
    doctors: list[int]
    patients: list[int]
    appointments: list[int]
    cashier_id: int
    shift_id: int


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SEOUL)


def fill(ctx: Context) -> ClinicDay:
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    now = clock.now()
    rooms = [staff.create_room(ctx, name) for name in ("101", "102", "205")]
    doctors = [
        staff.create_doctor(ctx, "이수진", "가정의학과", room_id=rooms[0]).id,
        staff.create_doctor(ctx, "Dr. Anna Petrova", "Dermatology", room_id=rooms[1]).id,
        staff.create_doctor(ctx, "Dr. Chen Wei", "Pediatrics", room_id=rooms[2]).id,
    ]
    for doctor in doctors:
        working_time.set_template(ctx, doctor, [TemplateSlot(d, time(9), time(18)) for d in range(7)])
    patients = [
        builders.add_patient(ctx, family, given, phone=phone, order=order, locale=locale).id
        for family, given, phone, order, locale in PEOPLE
    ]
    services = _services(ctx)
    plan = [  # (doctor, patient, service, hour, minute, minutes, channel)
        (0, 0, 0, 9, 0, 30, BookingChannel.PHONE), (0, 1, 1, 9, 30, 30, BookingChannel.WEBSITE),
        (0, 2, 0, 10, 0, 30, BookingChannel.PHONE), (0, 3, 1, 10, 30, 30, BookingChannel.MESSENGER),
        (1, 4, 2, 9, 15, 45, BookingChannel.REFERRAL), (1, 5, 2, 10, 15, 30, BookingChannel.PHONE),
        (1, 6, 2, 11, 0, 30, BookingChannel.WEBSITE), (2, 7, 3, 9, 45, 30, BookingChannel.PHONE),
        (2, 0, 3, 14, 0, 30, BookingChannel.PHONE), (2, 2, 1, 15, 0, 60, BookingChannel.MESSENGER),
    ]
    appointments = [
        scheduling.book(ctx, BookingRequest(patients[p], doctors[d], at(h, m), minutes, service_id=services[s],
                                            channel=channel)).appointment.id
        for d, p, s, h, m, minutes, channel in plan
    ]
    # The morning so far: arrivals at different times, so the waiting room shows different waits.
    for index, arrived in ((0, at(8, 50)), (4, at(9, 5)), (1, at(9, 31)), (7, at(9, 40)), (2, at(9, 52))):
        clock.set(arrived)
        scheduling.set_status(ctx, appointments[index], AppointmentStatus.ARRIVED)
    clock.set(at(9, 35))
    walk_in = builders.add_patient(ctx, "Kuznetsov", "Pavel", phone="+7 903 000-11-22").id
    waiting.walk_in(ctx, walk_in, doctor_id=doctors[1], reason="Rash", urgent=True, urgent_reason="Swelling")
    clock.set(at(9, 55))
    waiting.start_consultation(ctx, waiting.call_next(ctx, doctors[0]).id)
    clock.set(now)
    waiting.call_next(ctx, doctors[1])
    scheduling.set_status(ctx, appointments[5], AppointmentStatus.CONFIRMED)
    scheduling.set_status(ctx, appointments[6], AppointmentStatus.CANCELLED,
                          reason=CancelReason.BY_PATIENT)
    # Tomorrow's first booking, for the reminder calls of today.
    scheduling.book(ctx, BookingRequest(patients[6], doctors[2], at(11, day=TODAY + timedelta(days=1)), 30,
                                        service_id=services[3]))
    # Someone waits for an earlier dermatology slot: the cancellation above freed one.
    waitlist.add_request(ctx, WaitlistInput(patients[3], TODAY, TODAY + timedelta(days=7), specialty="Dermatology",
                                            contact="+40 721 234 567", note="Prefers mornings"))

    cashier_id = builders.add_user(ctx, "cashier", Role.CASHIER)
    shift_id = _till(ctx, cashier_id, patients, now)
    _certificates(ctx, patients, doctors, now)
    _complaints(ctx, patients, now)
    _calls_and_tasks(ctx, patients, now)
    for topic in (Topic.PAYMENTS, Topic.CERTIFICATES, Topic.COMPLAINTS, Topic.CALLS, Topic.TASKS):
        ctx.bus.publish(Changed(topic))
    return ClinicDay(doctors, patients, appointments, cashier_id, shift_id)


def _services(ctx: Context) -> list[int]:
    names = [("C1", "초진 진찰", 20000), ("C2", "재진 진찰", 12000), ("D1", "Skin check", 35000),
             ("V1", "Vaccination", 25000)]
    with ctx.db.write() as session:
        rows = [Service(code=code, name=name, price=Decimal(price), duration_minutes=30) for code, name, price in names]
        session.add_all(rows)
        session.flush()
        ids = [row.id for row in rows]
    ctx.bus.publish(Changed(Topic.SERVICES))
    return ids


def _till(ctx: Context, cashier_id: int, patients: list[int], now: datetime) -> int:
    with ctx.db.write() as session:
        shift = CashShift(year=2026, number=1, cashier_id=cashier_id, workstation=ctx.workstation,
                          opening_float=Decimal(100000), opened_at=now - timedelta(hours=2))
        session.add(shift)
        session.flush()
        payments = [
            (0, PaymentMethod.CARD, Decimal(35000), Decimal(0), 25),
            (4, PaymentMethod.CASH, Decimal(12500), Decimal(0), 40),
            (1, PaymentMethod.MOBILE, Decimal(48000), Decimal(8000), 55),
            (7, PaymentMethod.INSURANCE, Decimal(150000), Decimal(0), 70),
        ]
        for patient, method, amount, refunded, minutes_ago in payments:
            session.add(Payment(patient_id=patients[patient], shift_id=shift.id, method=method, amount=amount,
                                refunded=refunded, receipt_year=2026,
                                receipt_number=next_number(session, "receipt", 2026),
                                taken_by=cashier_id, taken_at=now - timedelta(minutes=minutes_ago)))
        return shift.id


def add_payment(ctx: Context, day: ClinicDay, amount: Decimal) -> None:
    """One more payment, written like the cashier service will and announced on the bus."""
    with ctx.db.write() as session:
        session.add(Payment(patient_id=day.patients[3], shift_id=day.shift_id, method=PaymentMethod.CARD,
                            amount=amount, receipt_year=2026, receipt_number=next_number(session, "receipt", 2026),
                            taken_by=day.cashier_id,
                            taken_at=ctx.clock.now()))
    ctx.bus.publish(Changed(Topic.PAYMENTS))


def _certificates(ctx: Context, patients: list[int], doctors: list[int], now: datetime) -> None:
    assert ctx.actor is not None
    with ctx.db.write() as session:
        kinds = [
            CertificateType(code="SL", kind=CertificateKind.SICK_LEAVE, name="병가 진단서", series_prefix="SL"),
            CertificateType(code="AT", kind=CertificateKind.ATTENDANCE, name="진료 확인서", series_prefix="AT"),
        ]
        session.add_all(kinds)
        session.flush()
        issued = [
            (kinds[0], 2, 0, 1, CertificateStatus.ISSUED, (TODAY - timedelta(days=1), TODAY + timedelta(days=4))),
            (kinds[1], 0, 0, 2, CertificateStatus.ISSUED, (TODAY, TODAY)),
            (kinds[0], 3, 1, 5, CertificateStatus.VOID, (TODAY - timedelta(days=5), TODAY - timedelta(days=2))),
            (kinds[1], 4, 2, 12, CertificateStatus.ISSUED, (None, None)),
        ]
        for number, (kind, patient, doctor, days_ago, status, (first, last)) in enumerate(issued, start=1):
            moment = now - timedelta(days=days_ago, hours=1)
            session.add(Certificate(
                type_id=kind.id, series=kind.series_prefix, year=2026, number=number, status=status,
                patient_id=patients[patient], doctor_id=doctors[doctor], locale="ko", period_from=first,
                period_to=last, created_by=ctx.actor.user_id, created_at=moment, issued_by=ctx.actor.user_id,
                issued_at=moment,
            ))


def _complaints(ctx: Context, patients: list[int], now: datetime) -> None:
    assert ctx.actor is not None
    rows = [
        (FeedbackKind.COMPLAINT, ContactChannel.PHONE, patients[2], "", Urgency.HIGH, ComplaintStatus.RECEIVED,
         timedelta(days=3), "Waited 50 minutes past the appointment time."),
        (FeedbackKind.SUGGESTION, ContactChannel.WEBSITE, None, "Chen Jie", Urgency.NORMAL,
         ComplaintStatus.ACKNOWLEDGED, timedelta(hours=5), "Please add evening hours on Fridays."),
        (FeedbackKind.COMPLAINT, ContactChannel.VISIT, patients[5], "", Urgency.CRITICAL,
         ComplaintStatus.IN_PROGRESS, timedelta(days=1), "Billing error on the last visit."),
    ]
    with ctx.db.write() as session:
        waiting_time = ComplaintCategory(code="waiting", name="Waiting time", resolve_days=7)
        billing = ComplaintCategory(code="billing", name="Billing", resolve_days=5)
        session.add_all([waiting_time, billing])
        session.flush()
        categories = [waiting_time.id, None, billing.id]
        for (kind, channel, patient, name, urgency, status, ago, text), category in zip(rows, categories, strict=True):
            received = now - ago
            session.add(Complaint(
                kind=kind, channel=channel, received_at=received, patient_id=patient, contact_name=name,
                category_id=category,
                urgency=urgency, text=text, status=status, created_by=ctx.actor.user_id,
                acknowledge_due_at=received + timedelta(days=1), resolve_due_at=received + timedelta(days=7),
                acknowledged_at=received + timedelta(hours=2) if status is not ComplaintStatus.RECEIVED else None,
            ))


def _calls_and_tasks(ctx: Context, patients: list[int], now: datetime) -> None:
    assert ctx.actor is not None
    with ctx.db.write() as session:
        calls = [
            (CallDirection.INCOMING, CallPurpose.BOOKING, CallOutcome.BOOKED, patients[0], "", "010-2345-6789", 50),
            (CallDirection.OUTGOING, CallPurpose.REMINDER, CallOutcome.CONFIRMED, patients[5], "", "010-4567-8901",
             35),
            (CallDirection.INCOMING, CallPurpose.QUESTION, CallOutcome.ANSWERED, None, "Olga Smirnova",
             "+7 916 555-44-33", 10),
        ]
        for direction, purpose, outcome, patient, name, phone, minutes_ago in calls:
            session.add(Call(direction=direction, purpose=purpose, outcome=outcome, patient_id=patient,
                             caller_name=name, phone=phone, note="", at=now - timedelta(minutes=minutes_ago),
                             by_user_id=ctx.actor.user_id))
        session.add_all([
            Task(title="Call back about test results", priority=TaskPriority.HIGH, due_at=now - timedelta(hours=1),
                 assigned_user_id=ctx.actor.user_id, patient_id=patients[2], created_by=ctx.actor.user_id,
                 created_at=now - timedelta(days=1)),
            Task(title="Order printer paper", priority=TaskPriority.LOW, due_at=now + timedelta(days=2),
                 created_by=ctx.actor.user_id, created_at=now - timedelta(hours=3)),
        ])

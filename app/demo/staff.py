"""The demo clinic's profile, sign-in users, rooms and doctors, set up through the ordinary services.

Going through ``clinic.set_up`` and ``staff.*`` (rather than inserting rows) means the demo's people have
real argon2 password hashes and every step sits in the audit chain like a clinic's own first day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from app.context import Context
from app.models.staff import Role
from app.services import auth, clinic, staff
from app.services.clinic import ClinicDetails

CLINIC = ClinicDetails(
    legal_name="의료법인 한빛의료재단 한빛국제의원",
    short_name="한빛국제의원 Hanbit International Clinic",
    address="서울특별시 강남구 테헤란로 427, 5층 (06159)",
    tax_id="214-86-39175",
    phone="+82 2-555-0142",
    email="desk@hanbit-clinic.example",
    currency="KRW",
    default_locale="ko",
    time_zone="Asia/Seoul",
    slot_minutes=15,
    idle_lock_minutes=15,
    wait_warning_minutes=20,
)

#: (user name, password, roles, full name): one sign-in for each role; the README lists them.
DEMO_USERS: tuple[tuple[str, str, tuple[Role, ...], str], ...] = (
    ("admin", "admin-demo", (Role.ADMINISTRATOR,), "박정민"),
    ("reception", "reception-demo", (Role.RECEPTIONIST,), "이수빈"),
    ("cashier", "cashier-demo", (Role.CASHIER,), "최유나"),
    ("doctor", "doctor-demo", (Role.DOCTOR,), "김서연"),
    ("certificates", "certificates-demo", (Role.CERTIFICATE_CLERK,), "Ким Елена"),
)

ROOMS = ("101호 진료실", "102호 진료실", "103호 진료실", "104호 진료실", "105호 진료실", "106호 진료실",
         "201호 진료실", "202호 진료실", "203호 진료실", "204호 진료실", "205호 진료실", "206호 진료실",
         "처치실 Treatment room", "채혈실 Blood draw", "영상실 X-ray", "초음파실 Ultrasound")

DEPARTMENTS = ("일차진료 · Primary care", "국제진료센터 · International patients", "소아청소년과 · Pediatrics",
               "외과계 · Surgery and orthopedics", "감각기 · Skin, ENT and eyes", "여성의학 · Women's health",
               "건강검진센터 · Health check-ups", "원무과 · Front desk")

WEEKDAY_HOURS = ((time(9), time(13)), (time(14), time(18)))
SATURDAY_HOURS = ((time(9), time(14)),)
SUNDAY_HOURS = ((time(10), time(13)), (time(14), time(16)))


@dataclass(frozen=True)
class DoctorPlan:
    """A doctor of the demo: who, what they do, where, which services they book, whom they see."""

    name: str
    specialty: str
    department: int
    services: tuple[str, ...]
    color: str
    language: str = ""
    patients: str = "all"
    saturday: bool = True
    sunday: bool = False


_FAMILY = ("C101", "C102", "C102", "C102", "D201", "D203", "D208", "V401", "A501", "A503")
_INTERNAL = ("C101", "C102", "C102", "D202", "D204", "D206", "P303", "D201")
DOCTORS: tuple[DoctorPlan, ...] = (
    DoctorPlan("김서연", "가정의학과 · Family medicine", 0, _FAMILY, "#4a90d9", sunday=True),
    DoctorPlan("이준호", "내과 · Internal medicine", 0, _INTERNAL, "#50a371"),
    DoctorPlan("박지민", "소아청소년과 · Pediatrics", 2, ("C104", "C104", "C102", "D208", "V401", "V403"),
               "#e39b3b", patients="children", sunday=True),
    DoctorPlan("최민혁", "정형외과 · Orthopedics", 3, ("C103", "C102", "C102", "D205", "P306", "P307", "P301", "P302"),
               "#8b6bd1", saturday=False),
    DoctorPlan("정하은", "피부과 · Dermatology", 4, ("C103", "C102", "C102", "P305", "D209"), "#d1618b"),
    DoctorPlan("강동현", "이비인후과 · ENT", 4, ("C103", "C102", "C102", "D210", "P304", "D208"), "#3ba8a8",
               saturday=False),
    DoctorPlan("윤수진", "산부인과 · Obstetrics and gynecology", 5, ("C103", "C102", "C102", "V404", "D206"),
               "#c75c5c", patients="women"),
    DoctorPlan("Смирнова Ольга Викторовна", "가정의학과 · Family medicine", 1, (*_FAMILY, "C105"), "#6d8fbf",
               language="ru"),
    DoctorPlan("王丽华", "내과 · Internal medicine", 1, (*_INTERNAL, "C105"), "#b0884a", language="zh_CN",
               saturday=False),
    DoctorPlan("Sarah Mitchell", "가정의학과 · Family medicine", 1, (*_FAMILY, "C105"), "#5fa35a", language="en",
               sunday=True),
    DoctorPlan("한상훈", "안과 · Ophthalmology", 4, ("C103", "C102", "C102", "D211"), "#7a7a7a"),
    DoctorPlan("Andrei Popescu", "건강검진 · Health check-ups", 6,
               ("H601", "H602", "H603", "H604", "H604", "D205", "D204", "D202"), "#a05fb0", language="ro",
               saturday=False),
)


@dataclass(frozen=True)
class Staff:
    users: dict[Role, int]
    rooms: tuple[int, ...]
    doctors: tuple[int, ...]


def set_up_clinic(ctx: Context) -> None:
    """The clinic and its first administrator (DEMO_USERS[0]), who is then signed in on ``ctx``."""
    username, password, _, full_name = DEMO_USERS[0]
    clinic.set_up(ctx, CLINIC, username, full_name, password)
    auth.sign_in(ctx, username, password)


def hire(ctx: Context) -> Staff:
    """The other sign-in users, the rooms and the doctors; the doctor user is the first doctor."""
    users = {Role.ADMINISTRATOR: ctx.actor.user_id} if ctx.actor else {}
    for username, password, roles, full_name in DEMO_USERS[1:]:
        users[roles[0]] = staff.create_user(ctx, username, full_name, password, set(roles)).id
    rooms = tuple(staff.create_room(ctx, name) for name in ROOMS)
    doctors = tuple(
        staff.create_doctor(ctx, plan.name, plan.specialty, room_id=rooms[index], color=plan.color,
                            user_id=users[Role.DOCTOR] if index == 0 else None).id
        for index, plan in enumerate(DOCTORS)
    )
    return Staff(users, rooms, doctors)


def weekly_hours(plan: DoctorPlan, weekday: int) -> tuple[tuple[time, time], ...]:
    """The doctor's template for one weekday (0 = Monday): lunch from 13:00 to 14:00 on weekdays."""
    if weekday < 5:
        return WEEKDAY_HOURS
    if weekday == 5:
        return SATURDAY_HOURS if plan.saturday else ()
    return SUNDAY_HOURS if plan.sunday else ()

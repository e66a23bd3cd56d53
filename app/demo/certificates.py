"""Certificate types and the week's certificates: numbered per series and year, one voided, one draft.

Each certificate is written in its patient's language (the diagnosis too), as the clerk would print it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.demo.schedule import Visit, Week
from app.demo.staff import Staff
from app.models.certificates import Certificate, CertificateKind, CertificateStatus, CertificateType, Regime
from app.models.scheduling import AppointmentStatus
from app.models.staff import Role
from app.services.certificate_types import counter_series
from app.services.numbering import next_number
from app.services.patients import PatientInput


@dataclass(frozen=True)
class TypePlan:
    prefix: str
    kind: CertificateKind
    name: str
    print_icd10: bool
    max_period_days: int | None
    share: int


TYPES = (
    TypePlan("SL", CertificateKind.SICK_LEAVE, "병가 확인서 · Sick leave", True, 30, 45),
    TypePlan("AT", CertificateKind.ATTENDANCE, "진료확인서 · Attendance", False, None, 35),
    TypePlan("MC", CertificateKind.MEDICAL, "진단서 · Medical certificate", True, None, 20),
)
DIAGNOSES: tuple[tuple[str, dict[str, str]], ...] = (
    ("J06.9", {"en": "Acute upper respiratory infection", "ko": "급성 상기도 감염",
               "ru": "Острая инфекция верхних дыхательных путей",
               "ro": "Infecție acută a căilor respiratorii superioare", "zh_CN": "急性上呼吸道感染"}),
    ("J20.9", {"en": "Acute bronchitis", "ko": "급성 기관지염", "ru": "Острый бронхит", "ro": "Bronșită acută",
               "zh_CN": "急性支气管炎"}),
    ("A09", {"en": "Infectious gastroenteritis", "ko": "감염성 위장염", "ru": "Инфекционный гастроэнтерит",
             "ro": "Gastroenterită infecțioasă", "zh_CN": "感染性胃肠炎"}),
    ("M54.5", {"en": "Low back pain", "ko": "요통", "ru": "Боль внизу спины", "ro": "Durere lombară",
               "zh_CN": "腰痛"}),
    ("J02.9", {"en": "Acute pharyngitis", "ko": "급성 인두염", "ru": "Острый фарингит", "ro": "Faringită acută",
               "zh_CN": "急性咽炎"}),
    ("J11.1", {"en": "Influenza", "ko": "인플루엔자", "ru": "Грипп", "ro": "Gripă", "zh_CN": "流行性感冒"}),
    ("S93.4", {"en": "Sprain of ankle", "ko": "발목 염좌", "ru": "Растяжение связок голеностопного сустава",
               "ro": "Entorsă de gleznă", "zh_CN": "踝关节扭伤"}),
)
ADDRESSEES = {"en": "For the employer", "ko": "직장 제출용", "ru": "Для предъявления по месту работы",
              "ro": "Pentru angajator", "zh_CN": "提交给工作单位"}
VOID_REASON = "기간 오기재로 재발급 · Wrong period, reissued"
_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


#: The clinic's own type: a school absence note with its own fields and text (no certificates yet).
SCHOOL_NOTE = {
    "code": "SN", "kind": CertificateKind.CUSTOM, "name": "등교중지 확인서 · School absence note",
    "series_prefix": "SN", "number_digits": 5, "year_in_number": True, "print_icd10": False,
    "requires_second_signer": False, "max_period_days": 14,
    "custom_fields": {"labels": ["학교 · School", "학년/반 · Class"]},
    "body_template": "상기 학생은 {start}부터 {end}까지({days}) 질병으로 등교하지 못하였음을 확인합니다.",
    "active": True,
}


def insert_types(session: Session) -> list[int]:
    ids = list(session.scalars(
        insert(CertificateType).returning(CertificateType.id, sort_by_parameter_order=True),
        [{"code": t.prefix, "kind": t.kind, "name": t.name, "series_prefix": t.prefix, "number_digits": 6,
          "print_icd10": t.print_icd10, "requires_second_signer": False, "max_period_days": t.max_period_days,
          "custom_fields": {}, "body_template": "", "active": True} for t in TYPES],
    ))
    session.execute(insert(CertificateType), [SCHOOL_NOTE])
    return ids


def _period(rng: random.Random, plan: TypePlan, day: date) -> tuple[date | None, date | None]:
    """Sick leave runs some days from the visit; attendance is the visit's day; a medical one has none."""
    if plan.kind is CertificateKind.SICK_LEAVE:
        return day, day + timedelta(days=rng.randint(2, 6))
    if plan.kind is CertificateKind.ATTENDANCE:
        return day, day
    return None, None


def _certificate(rng: random.Random, week: Week, visit: Visit, person: PatientInput, type_index: int,
                 type_id: int, patient_id: int, staff: Staff) -> dict[str, Any]:
    plan, locale = TYPES[type_index], person.preferred_locale
    icd10, names = rng.choice(DIAGNOSES)
    day = week.day_of(visit.start)
    sick = plan.kind is CertificateKind.SICK_LEAVE
    issued = min(visit.end + timedelta(minutes=rng.randint(5, 25)), week.now - timedelta(minutes=1))
    period_from, period_to = _period(rng, plan, day)
    return {
        "type_id": type_id, "series": plan.prefix, "status": CertificateStatus.ISSUED, "patient_id": patient_id,
        "doctor_id": staff.doctors[visit.doctor], "second_signer_id": None, "appointment_id": visit.id,
        "continues_id": None, "locale": locale, "addressee": ADDRESSEES[locale] if sick else "",
        "diagnosis": names[locale] if plan.print_icd10 else "", "icd10": icd10 if plan.print_icd10 else "",
        "period_from": period_from, "period_to": period_to,
        "seen_at": visit.start if plan.kind is CertificateKind.ATTENDANCE else None,
        "regime": (Regime.HOME if rng.random() < 0.2 else Regime.OUTPATIENT) if sick else None, "fields": {},
        "external_series": "", "external_number": "",
        "verification_code": "".join(rng.choice(_CODE_LETTERS) for _ in range(8)),
        "created_by": staff.users[Role.CERTIFICATE_CLERK], "created_at": issued - timedelta(minutes=3),
        "issued_by": staff.users[Role.CERTIFICATE_CLERK], "issued_at": issued,
        "void_reason": "", "voided_by": None, "voided_at": None,
    }


def _number(session: Session, week: Week, rows: list[dict[str, Any]]) -> None:
    """Issued certificates take their series' next number in the order they were issued."""
    for row in sorted(rows, key=lambda r: r["issued_at"]):
        row["year"] = week.day_of(row["issued_at"]).year
        row["number"] = next_number(session, counter_series(row["series"]), row["year"])


def _void_one(week: Week, rows: list[dict[str, Any]], staff: Staff) -> None:
    voidable = [r for r in rows if r["series"] == "SL"] or rows
    row = min(voidable, key=lambda r: r["issued_at"])
    row.update(status=CertificateStatus.VOID, void_reason=VOID_REASON, voided_by=staff.users[Role.ADMINISTRATOR],
               voided_at=min(row["issued_at"] + timedelta(hours=2), week.now))


def _draft(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "status": CertificateStatus.DRAFT, "year": None, "number": None, "issued_by": None,
            "issued_at": None, "verification_code": ""}


def insert_certificates(session: Session, rng: random.Random, week: Week, visits: list[Visit],
                        people: list[PatientInput], patient_ids: list[int], staff: Staff) -> int:
    """Certificates for about one completed visit in eight; the number written."""
    type_ids = insert_types(session)
    rows = []
    for visit in visits:
        if visit.status is not AppointmentStatus.COMPLETED or rng.random() > 0.12:
            continue
        type_index = rng.choices(range(len(TYPES)), weights=[t.share for t in TYPES])[0]
        rows.append(_certificate(rng, week, visit, people[visit.patient], type_index, type_ids[type_index],
                                 patient_ids[visit.patient], staff))
    if not rows:
        return 0
    _number(session, week, rows)
    _void_one(week, rows, staff)
    latest = max(rows, key=lambda r: r["issued_at"])
    rows.append(_draft(latest))
    session.execute(insert(Certificate), rows)
    return len(rows)

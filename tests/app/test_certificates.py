"""Certificates on both databases: gapless numbers at issue, continuations, void, duplicates, verification,
permissions, and bad input refused with a translated message and nothing written."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.context import Context
from app.errors import Conflict, DomainError, InvalidInput, PermissionDenied
from app.models.audit import AuditRecord
from app.models.certificates import Certificate, CertificateKind, CertificatePrint, CertificateStatus, Regime
from app.models.staff import Role
from app.services import auth, certificate_printing, certificate_types, certificates, scheduling
from app.services.certificate_types import TypeInput
from app.services.certificate_verification import Outcome, parse_scan, verify
from app.services.certificates import CertificateInput, RegisterFilter
from tests import builders
from tests.conftest import NOW

TODAY = date(2026, 11, 23)


def _types(ctx: Context) -> dict[str, int]:
    made = [
        TypeInput("SL", CertificateKind.SICK_LEAVE, "Sick leave", "SL", max_period_days=15),
        TypeInput("AT", CertificateKind.ATTENDANCE, "Attendance", "AT", year_in_number=False, number_digits=4),
        TypeInput("MC", CertificateKind.MEDICAL, "Medical", "MC", print_icd10=False),
        TypeInput("SN", CertificateKind.CUSTOM, "School note", "SN", field_labels=("School", "Class"),
                  body_template="{patient} missed school from {start} to {end}."),
    ]
    return {t.code: certificate_types.create_type(ctx, t).id for t in made}


@pytest.fixture
def clinic(ctx: Context) -> dict[str, int]:
    ids = _types(ctx)
    ids["doctor"] = builders.add_doctor(ctx)
    ids["other_doctor"] = builders.add_doctor(ctx, "Dr. Park Min-ho", "Internal medicine")
    ids["patient"] = builders.add_patient(ctx, "Иванов", "Пётр", locale="ru").id
    return ids


def _sick(ids: dict[str, int], first: date = TODAY, days: int = 5, **extra: object) -> CertificateInput:
    values: dict[str, object] = {
        "type_id": ids["SL"], "patient_id": ids["patient"], "doctor_id": ids["doctor"], "period_from": first,
        "period_to": first + timedelta(days=days - 1), "diagnosis": "Острый бронхит", "icd10": "J20.9",
        "addressee": "ООО «Ромашка»", **extra,
    }
    return CertificateInput(**values)  # type: ignore[arg-type]


def _count(ctx: Context, model: type = Certificate) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_draft_has_no_number_and_issuing_gives_the_next_one(ctx, clinic):
    draft = certificates.save_draft(ctx, _sick(clinic))
    assert draft.status is CertificateStatus.DRAFT
    assert draft.number == ""
    first = certificates.issue(ctx, _sick(clinic, TODAY - timedelta(days=10)))
    issued = certificates.issue_draft(ctx, draft.id)
    assert first.number == "SL-2026-000001"
    assert issued.number == "SL-2026-000002"
    assert len(issued.verification_code) == certificates.CODE_LENGTH
    assert issued.issued_at == NOW
    attendance = certificates.issue(ctx, CertificateInput(type_id=clinic["AT"], patient_id=clinic["patient"],
                                                          doctor_id=clinic["doctor"], seen_at=NOW - timedelta(hours=1)))
    assert attendance.number == "AT-0001"
    with pytest.raises(Conflict):
        certificates.issue_draft(ctx, draft.id)


def test_numbers_stay_gapless_when_desks_issue_at_once_and_some_fail(ctx, clinic):
    workers, per_worker = 4, 6

    def work(seed: int) -> int:
        rng = random.Random(seed)
        desk = builders.other_desk(ctx, seed + 2)
        kept = 0
        for i in range(per_worker):
            fail = rng.random() < 0.3
            data = _sick(clinic, TODAY - timedelta(days=100 + seed * 10 + i), days=1)
            try:
                if fail:
                    _issue_then_fail(desk, data)
                else:
                    certificates.issue(desk, data)
                    kept += 1
            except _Rollback:
                pass
        return kept

    with ThreadPoolExecutor(workers) as pool:
        kept = sum(pool.map(work, range(workers)))
    with ctx.db.read() as session:
        numbers = sorted(session.scalars(select(Certificate.number).where(Certificate.series == "SL")))
    assert numbers == list(range(1, kept + 1))


class _Rollback(Exception):
    """Raised on purpose after the number was taken, so that the issuing transaction rolls back."""


def _issue_then_fail(ctx: Context, data: CertificateInput) -> None:
    from app.services.uow import unit_of_work

    with unit_of_work(ctx) as uow:
        checked = certificates._check(uow.session, ctx, data)
        certificate = Certificate(**checked.values, status=CertificateStatus.DRAFT, created_by=ctx.actor.user_id,
                                  created_at=ctx.clock.now())
        uow.session.add(certificate)
        uow.session.flush()
        certificates._issue_in(uow, certificate)
        assert certificate.number is not None
        raise _Rollback


def test_continuation_is_linked_and_keeps_the_whole_period(ctx, clinic):
    first = certificates.issue(ctx, _sick(clinic, TODAY - timedelta(days=9), days=5))
    second = certificates.issue(ctx, _sick(clinic, TODAY - timedelta(days=4), days=5, continues_id=first.id))
    assert second.continues_id == first.id
    assert second.continues_number == first.number
    assert second.chain_from == first.period_from
    assert second.days == 5
    assert second.total_days == 10
    assert [c.id for c in certificates.continuable(ctx, clinic["patient"])] == [second.id]
    with pytest.raises(Conflict):
        certificates.issue(ctx, _sick(clinic, TODAY + timedelta(days=1), days=2, continues_id=first.id))
    with pytest.raises(InvalidInput) as gap:
        certificates.issue(ctx, _sick(clinic, TODAY + timedelta(days=2), days=2, continues_id=second.id))
    assert "day after" in gap.value.message("en")


def test_the_maximum_applies_to_the_whole_sick_leave_unless_an_administrator_approves(ctx, clinic):
    first = certificates.issue(ctx, _sick(clinic, TODAY - timedelta(days=9), days=10))
    clerk = builders.add_user(ctx, "clerk", Role.CERTIFICATE_CLERK)
    assert clerk
    auth.sign_in(ctx, "clerk", "staff-password-1")
    before = _count(ctx)
    with pytest.raises(InvalidInput) as refused:
        certificates.issue(ctx, _sick(clinic, TODAY + timedelta(days=1), days=6, continues_id=first.id))
    assert refused.value.message("ru") == (
        "Период длиннее, чем клиника разрешает без согласования администратора (дней: 16, не больше: 15).")
    assert _count(ctx) == before
    auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
    approved = certificates.issue(ctx, _sick(clinic, TODAY + timedelta(days=1), days=6, continues_id=first.id))
    assert approved.total_days == 16


def test_void_keeps_the_number_and_stays_in_the_register(ctx, clinic):
    issued = certificates.issue(ctx, _sick(clinic))
    voided = certificates.void(ctx, issued.id, "Wrong period")
    assert voided.number == issued.number
    assert voided.status is CertificateStatus.VOID
    assert voided.void_reason == "Wrong period"
    assert voided.voided_by_name == "Kim Admin"
    assert voided.voided_at == NOW
    after = certificates.issue(ctx, _sick(clinic))
    assert after.number == "SL-2026-000002"
    register = certificates.register(ctx, RegisterFilter(TODAY, TODAY))
    assert {r.number: r.status for r in register.rows} == {issued.number: CertificateStatus.VOID,
                                                           after.number: CertificateStatus.ISSUED}
    with pytest.raises(Conflict):
        certificates.void(ctx, issued.id, "again")
    with pytest.raises(Conflict):
        certificate_printing.print_certificate(ctx, issued.id)


def test_only_an_administrator_voids_and_a_doctor_issues_in_their_own_name(ctx, clinic):
    issued = certificates.issue(ctx, _sick(clinic))
    user = builders.add_user(ctx, "leesoojin", Role.DOCTOR)
    own = builders.staff.create_doctor(ctx, "Dr. Own", "Family medicine", user_id=user).id
    builders.add_user(ctx, "clerk", Role.CERTIFICATE_CLERK)
    auth.sign_in(ctx, "leesoojin", "staff-password-1")
    with pytest.raises(PermissionDenied):
        certificates.void(ctx, issued.id, "no")
    with pytest.raises(PermissionDenied):
        certificates.issue(ctx, _sick(clinic))  # another doctor's name
    assert certificates.issue(ctx, _sick(clinic, doctor_id=own)).doctor_id == own
    auth.sign_in(ctx, "clerk", "staff-password-1")
    assert certificates.issue(ctx, _sick(clinic)).doctor_id == clinic["doctor"]
    with pytest.raises(PermissionDenied):
        certificates.void(ctx, issued.id, "no")
    with ctx.db.read() as session:
        actions = list(session.scalars(select(AuditRecord.action).where(AuditRecord.entity == "certificate")))
    assert actions.count("issue") == 3


def test_reprints_are_duplicates_and_every_print_is_logged(ctx, clinic):
    issued = certificates.issue(ctx, _sick(clinic))
    original = certificate_printing.print_certificate(ctx, issued.id)
    again = certificate_printing.print_certificate(ctx, issued.id, "ko")
    assert not original.duplicate
    assert again.duplicate
    assert original.file_name == "SL-2026-000001.pdf"
    with ctx.db.read() as session:
        logged = session.execute(select(CertificatePrint.duplicate, CertificatePrint.locale)
                                 .order_by(CertificatePrint.id)).all()
    assert [tuple(row) for row in logged] == [(False, "ru"), (True, "ko")]
    assert certificates.get(ctx, issued.id).prints == 2
    draft = certificates.save_draft(ctx, _sick(clinic))
    with pytest.raises(Conflict):
        certificate_printing.print_certificate(ctx, draft.id)
    assert certificate_printing.preview(ctx, draft.id).pdf.startswith(b"%PDF")
    assert _count(ctx, CertificatePrint) == 2
    certificates.delete_draft(ctx, draft.id)
    with pytest.raises(Conflict):
        certificates.delete_draft(ctx, issued.id)
    assert [r.id for r in certificates.register(ctx, RegisterFilter(TODAY, TODAY)).rows] == [issued.id]


def test_verification_says_valid_void_or_unknown(ctx, clinic):
    issued = certificates.issue(ctx, _sick(clinic))
    valid = verify(ctx, issued.number, issued.verification_code.lower())
    assert valid.outcome is Outcome.VALID
    assert valid.patient_name == "Иванов Пётр"
    assert (valid.period_from, valid.period_to) == (issued.period_from, issued.period_to)
    scanned = f"CDV1|{issued.number}|2026-11-23|{issued.verification_code}"
    assert parse_scan(scanned) == (issued.number, issued.verification_code)
    assert verify(ctx, scanned, "").outcome is Outcome.VALID
    forged = "ABCDEFGH" if issued.verification_code != "ABCDEFGH" else "HGFEDCBA"
    assert verify(ctx, issued.number, forged) == certificate_verification_not_found(issued.number)
    assert verify(ctx, "SL-2026-000999", issued.verification_code).outcome is Outcome.NOT_FOUND
    certificates.void(ctx, issued.id, "Issued by mistake")
    voided = verify(ctx, issued.number, issued.verification_code)
    assert voided.outcome is Outcome.VOID
    assert voided.voided_at == NOW
    with pytest.raises(InvalidInput):
        verify(ctx, "not a number", "X")


def certificate_verification_not_found(number: str):
    from app.services.certificate_verification import Verification

    return Verification(Outcome.NOT_FOUND, number)


def test_register_filters_and_totals(ctx, clinic):
    other_patient = builders.add_patient(ctx, "김민준", locale="ko").id
    a = certificates.issue(ctx, _sick(clinic))
    b = certificates.issue(ctx, _sick(clinic, doctor_id=clinic["other_doctor"], patient_id=other_patient, days=3))
    c = certificates.issue(ctx, CertificateInput(type_id=clinic["MC"], patient_id=other_patient,
                                                 doctor_id=clinic["doctor"], diagnosis="급성 인두염", purpose="회사"))
    certificates.void(ctx, b.id, "wrong")
    draft = certificates.save_draft(ctx, _sick(clinic))
    everything = certificates.register(ctx, RegisterFilter(TODAY, TODAY))
    assert {r.id for r in everything.rows} == {a.id, b.id, c.id, draft.id}
    assert (everything.totals.issued, everything.totals.void, everything.totals.drafts) == (2, 1, 1)
    assert everything.totals.sick_leave_days == 5
    assert {(t.type_name, t.issued, t.void) for t in everything.totals.by_type} == {("Sick leave", 1, 1),
                                                                                    ("Medical", 1, 0)}

    def ids(**kw: object) -> set[int]:
        return {r.id for r in certificates.register(ctx, RegisterFilter(TODAY, TODAY, **kw)).rows}  # type: ignore[arg-type]

    assert ids(type_id=clinic["MC"]) == {c.id}
    assert ids(doctor_id=clinic["other_doctor"]) == {b.id}
    assert ids(patient_id=other_patient) == {b.id, c.id}
    assert ids(status=CertificateStatus.VOID) == {b.id}
    assert ids(status=CertificateStatus.DRAFT) == {draft.id}
    assert certificates.register(ctx, RegisterFilter(TODAY - timedelta(days=3), TODAY - timedelta(days=1))).rows == ()


def test_custom_and_medical_types_keep_their_own_fields(ctx, clinic):
    note = certificates.issue(ctx, CertificateInput(
        type_id=clinic["SN"], patient_id=clinic["patient"], doctor_id=clinic["doctor"],
        period_from=TODAY - timedelta(days=2), period_to=TODAY, custom={"School": "Школа № 5", "Class": "3Б"}))
    assert note.custom == (("School", "Школа № 5"), ("Class", "3Б"))
    assert note.number == "SN-2026-000001"
    medical = certificates.issue(ctx, CertificateInput(
        type_id=clinic["MC"], patient_id=clinic["patient"], doctor_id=clinic["doctor"], diagnosis="Здоров",
        findings="Без патологии", recommendations="Нет", purpose="В бассейн"))
    assert (medical.findings, medical.recommendations, medical.purpose) == ("Без патологии", "Нет", "В бассейн")
    with pytest.raises(InvalidInput):
        certificates.issue(ctx, CertificateInput(type_id=clinic["SN"], patient_id=clinic["patient"],
                                                 doctor_id=clinic["doctor"], custom={"Grade": "3"}))


def _visit(ctx: Context, clinic: dict[str, int], start: datetime) -> int:
    from app.services.scheduling import BookingRequest

    return scheduling.book(ctx, BookingRequest(patient_id=clinic["patient"], doctor_id=clinic["doctor"],
                                               start_at=start, duration_minutes=20, outside_hours=True)).appointment.id


BAD_INPUT = [
    ("ends before it starts", lambda ids: _sick(ids, period_to=TODAY - timedelta(days=1)),
     "Период заканчивается раньше, чем начинается."),
    ("longer than the maximum", lambda ids: _sick(ids, days=16),
     "Период длиннее, чем клиника разрешает без согласования администратора (дней: 16, не больше: 15)."),
    ("no doctor", lambda ids: _sick(ids, doctor_id=None), "Выберите врача, который выдаёт справку."),
    ("diagnosis too long for the template", lambda ids: _sick(ids, diagnosis="очень длинный диагноз " * 40),
     "Диагноз не помещается в справку (не больше 8 строк); сократите его."),
    ("wrong ICD-10 code", lambda ids: _sick(ids, icd10="bronchitis"),
     "В поле «Код МКБ-10» указан не код МКБ-10 (например, J06.9)."),
]


@pytest.mark.parametrize(("case", "make", "russian"), BAD_INPUT, ids=[case[0] for case in BAD_INPUT])
def test_bad_input_is_refused_in_the_users_language_and_nothing_is_written(ctx, clinic, case, make, russian):
    builders.add_user(ctx, "clerk", Role.CERTIFICATE_CLERK)
    auth.sign_in(ctx, "clerk", "staff-password-1")
    before = (_count(ctx), _count(ctx, AuditRecord))
    with pytest.raises(DomainError) as refused:
        certificates.issue(ctx, make(clinic))
    assert refused.value.message("ru") == russian
    assert (_count(ctx), _count(ctx, AuditRecord)) == before


def test_a_certificate_for_a_future_visit_is_refused(ctx, clinic):
    visit = _visit(ctx, clinic, NOW + timedelta(hours=2))
    before = _count(ctx)
    with pytest.raises(InvalidInput) as refused:
        certificates.issue(ctx, _sick(clinic, appointment_id=visit))
    assert refused.value.message("ko") == "아직 진료하지 않은 방문에 대해서는 증명서를 발급할 수 없습니다."
    assert _count(ctx) == before
    past = _visit(ctx, clinic, NOW - timedelta(hours=2))
    attendance = certificates.issue(ctx, CertificateInput(type_id=clinic["AT"], patient_id=clinic["patient"],
                                                          doctor_id=clinic["doctor"], appointment_id=past))
    assert attendance.seen_at == NOW - timedelta(hours=2)
    assert attendance.regime is None
    assert certificates.issue(ctx, _sick(clinic, appointment_id=past)).regime is Regime.OUTPATIENT

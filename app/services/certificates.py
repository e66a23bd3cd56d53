"""Certificates: drafts, issuing with a gapless number, voiding, and the register.

A draft has no number. Issuing takes the type's next number for the year from its counter row in the same
transaction (``numbering.next_number``), so a failed issue gives the number back and numbers stay exactly
1..N per series and year; a unique constraint stands behind it. A void certificate keeps its number and stays
in the register with the reason, who voided it and when.

Who issues: a doctor in their own name, or a certificate clerk (or an administrator) for a named doctor.
Only an administrator voids. Every change is audited.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from app.context import Context
from app.documents import certificate as certificate_document
from app.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from app.events import Topic
from app.i18n import LOCALES, N_
from app.models.certificates import (
    Certificate,
    CertificateKind,
    CertificatePrint,
    CertificateStatus,
    CertificateType,
    Regime,
)
from app.models.patients import Patient
from app.models.scheduling import Appointment
from app.models.staff import Doctor, Role, StaffUser
from app.services.certificate_types import (
    CertificateTypeView,
    counter_series,
    format_number,
    get_type,
    view_of,
)
from app.services.days import day_bounds
from app.services.numbering import next_number
from app.services.patients import live_patient
from app.services.permissions import Permission, can, require
from app.services.staff import active_doctor
from app.services.uow import UnitOfWork, unit_of_work
from app.services.validation import clean_text

#: Unambiguous when read aloud or typed from paper: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_DIAGNOSIS = 1000
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
#: The keys under which a general medical certificate keeps its texts in ``Certificate.fields``.
FINDINGS, RECOMMENDATIONS, PURPOSE = "findings", "recommendations", "purpose"


@dataclass(frozen=True)
class CertificateInput:
    """What the person issuing fills in; which fields count depends on the type's kind."""

    type_id: int
    patient_id: int
    doctor_id: int | None
    #: The language it is printed in; empty means the patient's preferred language.
    locale: str = ""
    appointment_id: int | None = None
    second_signer_id: int | None = None
    continues_id: int | None = None
    #: The employer or school it is for.
    addressee: str = ""
    diagnosis: str = ""
    icd10: str = ""
    period_from: date | None = None
    period_to: date | None = None
    regime: Regime | None = None
    seen_at: datetime | None = None
    findings: str = ""
    recommendations: str = ""
    purpose: str = ""
    #: A clinic-defined type's own fields, by their names.
    custom: dict[str, str] = field(default_factory=dict)
    external_series: str = ""
    external_number: str = ""


@dataclass(frozen=True)
class CertificateView:
    id: int
    type: CertificateTypeView
    number: str
    status: CertificateStatus
    patient_id: int
    patient_name: str
    patient_birth_date: date | None
    patient_locale: str
    doctor_id: int
    doctor_name: str
    doctor_specialty: str
    second_signer_id: int | None
    second_signer_name: str
    appointment_id: int | None
    continues_id: int | None
    continues_number: str
    #: The first day of the whole sick leave when this certificate continues another (else its own start).
    chain_from: date | None
    locale: str
    addressee: str
    diagnosis: str
    icd10: str
    period_from: date | None
    period_to: date | None
    regime: Regime | None
    seen_at: datetime | None
    findings: str
    recommendations: str
    purpose: str
    custom: tuple[tuple[str, str], ...]
    external_series: str
    external_number: str
    verification_code: str
    created_at: datetime
    issued_at: datetime | None
    issued_by_name: str
    void_reason: str
    voided_at: datetime | None
    voided_by_name: str
    prints: int

    @property
    def days(self) -> int | None:
        return period_days(self.period_from, self.period_to)

    @property
    def total_days(self) -> int | None:
        """Days of the whole sick leave, this certificate and those it continues."""
        return period_days(self.chain_from, self.period_to)


def period_days(first: date | None, last: date | None) -> int | None:
    """Calendar days from ``first`` to ``last``, both counted."""
    if first is None or last is None:
        return None
    return (last - first).days + 1


# -- validation -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    values: dict[str, object]
    chain_from: date | None


def _today(ctx: Context) -> date:
    return ctx.clock.now().astimezone(ctx.clinic().zone).date()


def _doctor_for(session: Session, ctx: Context, doctor_id: int | None) -> Doctor:
    """The issuing doctor: a doctor issues in their own name; a clerk or an administrator names one."""
    if doctor_id is None:
        raise InvalidInput(N_("Choose the doctor who issues the certificate."), field=N_("Doctor"))
    doctor = active_doctor(session, doctor_id)
    actor = ctx.actor
    assert actor is not None
    acts_for_others = bool(actor.roles & {Role.ADMINISTRATOR, Role.CERTIFICATE_CLERK})
    if not acts_for_others and doctor.user_id != actor.user_id:
        raise PermissionDenied(N_("A doctor issues certificates in their own name only."))
    return doctor


def _check_period(session: Session, ctx: Context, kind: CertificateType, data: CertificateInput,
                  certificate_id: int | None) -> date | None:
    """The period's rules; returns the first day of the whole sick leave (continuations included)."""
    first, last = data.period_from, data.period_to
    if kind.kind is CertificateKind.SICK_LEAVE and (first is None or last is None):
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Period"))
    if (first is None) != (last is None):
        raise InvalidInput(N_("Give both the first and the last day of the period."), field=N_("Period"))
    if first is None or last is None:
        if data.continues_id is not None:
            raise InvalidInput(N_("Only a sick-leave certificate can continue another."))
        return None
    if last < first:
        raise InvalidInput(N_("The period ends before it starts."), field=N_("Period"))
    chain_from = first
    if data.continues_id is not None:
        chain_from = _check_continuation(session, kind, data, first, certificate_id)
    total = period_days(chain_from, last)
    assert total is not None
    if kind.max_period_days is not None and total > kind.max_period_days \
            and not can(ctx.actor, Permission.LONG_SICK_LEAVE):
        raise InvalidInput(
            N_("The period is longer than the clinic allows without an administrator's approval (days: {days}, "
               "at most: {limit})."), field=N_("Period"), days=total, limit=kind.max_period_days)
    return chain_from


def _check_continuation(session: Session, kind: CertificateType, data: CertificateInput, first: date,
                        certificate_id: int | None) -> date:
    if kind.kind is not CertificateKind.SICK_LEAVE:
        raise InvalidInput(N_("Only a sick-leave certificate can continue another."))
    previous = session.get(Certificate, data.continues_id)
    if previous is None or previous.patient_id != data.patient_id or previous.type_id != kind.id:
        raise InvalidInput(N_("The certificate it continues is not this patient's sick leave."))
    if previous.status is not CertificateStatus.ISSUED:
        raise InvalidInput(N_("Only an issued, valid certificate can be continued."))
    other = session.scalar(select(Certificate.id).where(
        Certificate.continues_id == previous.id, Certificate.status != CertificateStatus.VOID,
        Certificate.id != (certificate_id or 0)))
    if other is not None:
        raise Conflict(N_("That certificate has already been continued."))
    assert previous.period_to is not None
    if first != previous.period_to + timedelta(days=1):
        raise InvalidInput(N_("A continuation starts the day after the certificate it continues ends."),
                           field=N_("Period"))
    return _chain_from(session, previous)


def _chain_from(session: Session, certificate: Certificate) -> date | None:
    """The first day of the sick leave that ``certificate`` is part of (walking back its continuations)."""
    first = certificate.period_from
    seen = {certificate.id}
    while certificate.continues_id is not None and certificate.continues_id not in seen:
        seen.add(certificate.continues_id)
        previous = session.get(Certificate, certificate.continues_id)
        if previous is None:
            break
        certificate, first = previous, previous.period_from
    return first


def _check_visit(session: Session, ctx: Context, data: CertificateInput) -> datetime | None:
    """The visit it is for: this patient's, and one that has taken place; returns when the patient was seen."""
    now = ctx.clock.now()
    seen_at = data.seen_at
    if data.appointment_id is not None:
        visit = session.get(Appointment, data.appointment_id)
        if visit is None or visit.patient_id != data.patient_id:
            raise NotFound(N_("This visit no longer exists."))
        if visit.start_at > now:
            raise InvalidInput(N_("A certificate cannot be issued for a visit that has not taken place yet."))
        seen_at = seen_at or visit.start_at
    if seen_at is not None and seen_at > now:
        raise InvalidInput(N_("{field} cannot be in the future."), field=N_("Seen at"))
    return seen_at


def _check(session: Session, ctx: Context, data: CertificateInput, certificate_id: int | None = None) -> _Checked:
    kind = get_type(session, data.type_id)
    if not kind.active:
        raise InvalidInput(N_("This certificate type is no longer in use."))
    patient = live_patient(session, data.patient_id)
    doctor = _doctor_for(session, ctx, data.doctor_id)
    locale = data.locale or patient.preferred_locale
    if locale not in LOCALES:
        raise InvalidInput(N_("{field} is not a language Clinic Desk prints in."), field=N_("Language"))
    signer = data.second_signer_id
    if signer is not None:
        active_doctor(session, signer)
        if signer == doctor.id:
            raise InvalidInput(N_("The second signature must be another doctor's."), field=N_("Second signature"))
    elif kind.requires_second_signer:
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Second signature"))
    diagnosis = clean_text(data.diagnosis, N_("Diagnosis"), max_length=MAX_DIAGNOSIS, multiline=True)
    if not certificate_document.diagnosis_fits(diagnosis):
        raise InvalidInput(N_("The diagnosis does not fit on the certificate (at most {lines} lines); shorten it."),
                           field=N_("Diagnosis"), lines=certificate_document.DIAGNOSIS_LINES)
    icd10 = clean_text(data.icd10, N_("ICD-10 code"), max_length=10).upper()
    if icd10 and not _ICD10.match(icd10):
        raise InvalidInput(N_("{field} is not an ICD-10 code (for example J06.9)."), field=N_("ICD-10 code"))
    seen_at = _check_visit(session, ctx, data)
    if kind.kind is CertificateKind.ATTENDANCE and seen_at is None:
        raise InvalidInput(N_("{field} must not be empty."), field=N_("Seen at"))
    chain_from = _check_period(session, ctx, kind, data, certificate_id)
    fields: dict[str, str] = {}
    if kind.kind is CertificateKind.MEDICAL:
        fields = {
            FINDINGS: clean_text(data.findings, N_("Findings"), max_length=1000, multiline=True),
            RECOMMENDATIONS: clean_text(data.recommendations, N_("Recommendations"), max_length=1000,
                                        multiline=True),
            PURPOSE: clean_text(data.purpose, N_("Purpose"), max_length=200),
        }
        if not diagnosis and not fields[FINDINGS]:
            raise InvalidInput(N_("{field} must not be empty."), field=N_("Diagnosis"))
    elif kind.kind is CertificateKind.CUSTOM:
        labels = view_of(kind).field_labels
        unknown = set(data.custom) - set(labels)
        if unknown:
            raise InvalidInput(N_("This certificate type has no field named {name}."), name=sorted(unknown)[0])
        fields = {label: clean_text(data.custom.get(label, ""), N_("Field value"), max_length=400) for label in labels}
    regime = data.regime
    if kind.kind is CertificateKind.SICK_LEAVE:
        regime = regime or Regime.OUTPATIENT
    values: dict[str, object] = {
        "type_id": kind.id, "series": kind.series_prefix, "patient_id": patient.id, "doctor_id": doctor.id,
        "second_signer_id": signer, "appointment_id": data.appointment_id, "continues_id": data.continues_id,
        "locale": locale, "addressee": clean_text(data.addressee, N_("Employer or school"), max_length=200),
        "diagnosis": diagnosis, "icd10": icd10, "period_from": data.period_from, "period_to": data.period_to,
        "regime": regime if kind.kind is CertificateKind.SICK_LEAVE else None, "seen_at": seen_at,
        "fields": fields,
        "external_series": clean_text(data.external_series, N_("State form series"), max_length=20),
        "external_number": clean_text(data.external_number, N_("State form number"), max_length=40),
    }
    return _Checked(values, chain_from)


# -- writing ----------------------------------------------------------------------------------------------


def _audit_values(values: dict[str, object]) -> dict[str, object]:
    """What the audit record keeps: everything but the diagnosis text itself (the code is enough)."""
    return {k: (str(v) if isinstance(v, date | datetime | Regime) else v) for k, v in values.items()
            if k not in ("diagnosis", "fields")}


def _issue_in(uow: UnitOfWork, certificate: Certificate, values: dict[str, object] | None = None) -> None:
    """Give the certificate its number, code and time: the counter row is locked until the commit.

    The counter is locked before the audit chain's head (the audit record comes after), in that order in
    every transaction that numbers something, so two desks issuing at once never deadlock.
    """
    ctx = uow.ctx
    now = ctx.clock.now()
    year = now.astimezone(ctx.clinic().zone).year
    certificate.year = year
    certificate.number = next_number(uow.session, counter_series(certificate.series), year)
    certificate.status = CertificateStatus.ISSUED
    certificate.verification_code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    certificate.issued_at = now
    certificate.issued_by = ctx.actor.user_id if ctx.actor else None
    uow.session.flush()
    uow.record("issue", "certificate", certificate.id, {
        **_audit_values(values or {}), "series": certificate.series, "year": year, "number": certificate.number,
    })


def save_draft(ctx: Context, data: CertificateInput, draft_id: int | None = None) -> CertificateView:
    """A new draft, or the draft ``draft_id`` changed: no number yet."""
    actor = require(ctx, Permission.ISSUE_CERTIFICATE)
    with unit_of_work(ctx) as uow:
        checked = _check(uow.session, ctx, data, draft_id)
        if draft_id is None:
            certificate = Certificate(**checked.values, status=CertificateStatus.DRAFT, created_by=actor.user_id,
                                      created_at=ctx.clock.now())
            uow.session.add(certificate)
            uow.session.flush()
            uow.record("draft", "certificate", certificate.id, _audit_values(checked.values))
        else:
            certificate = _draft(uow.session, draft_id)
            for name, value in checked.values.items():
                setattr(certificate, name, value)
            uow.record("update", "certificate", certificate.id, _audit_values(checked.values))
        uow.emit(Topic.CERTIFICATES, certificate.id)
        return _view(uow.session, certificate)


def issue(ctx: Context, data: CertificateInput) -> CertificateView:
    """A new certificate, issued at once with its number."""
    actor = require(ctx, Permission.ISSUE_CERTIFICATE)
    with unit_of_work(ctx) as uow:
        checked = _check(uow.session, ctx, data)
        certificate = Certificate(**checked.values, status=CertificateStatus.DRAFT, created_by=actor.user_id,
                                  created_at=ctx.clock.now())
        uow.session.add(certificate)
        uow.session.flush()
        _issue_in(uow, certificate, checked.values)
        uow.emit(Topic.CERTIFICATES, certificate.id)
        return _view(uow.session, certificate)


def issue_draft(ctx: Context, draft_id: int) -> CertificateView:
    """Issue a draft as it stands, checked again now (the visit, the doctor and the period may have changed)."""
    require(ctx, Permission.ISSUE_CERTIFICATE)
    with unit_of_work(ctx) as uow:
        certificate = _draft(uow.session, draft_id)
        _check(uow.session, ctx, input_of(certificate), draft_id)
        _issue_in(uow, certificate)
        uow.emit(Topic.CERTIFICATES, certificate.id)
        return _view(uow.session, certificate)


def void(ctx: Context, certificate_id: int, reason: str) -> CertificateView:
    """Void an issued certificate: it keeps its number and stays in the register with the reason."""
    actor = require(ctx, Permission.VOID_CERTIFICATE)
    text = clean_text(reason, N_("Reason"), max_length=400, required=True)
    with unit_of_work(ctx) as uow:
        certificate = _certificate(uow.session, certificate_id)
        if certificate.status is not CertificateStatus.ISSUED:
            raise Conflict(N_("Only an issued certificate can be voided."))
        certificate.status = CertificateStatus.VOID
        certificate.void_reason = text
        certificate.voided_by = actor.user_id
        certificate.voided_at = ctx.clock.now()
        uow.record("void", "certificate", certificate.id, {"reason": text})
        uow.emit(Topic.CERTIFICATES, certificate.id)
        return _view(uow.session, certificate)


def delete_draft(ctx: Context, draft_id: int) -> None:
    """Throw a draft away; it never had a number, so nothing is missing from the register."""
    require(ctx, Permission.ISSUE_CERTIFICATE)
    with unit_of_work(ctx) as uow:
        certificate = _draft(uow.session, draft_id)
        uow.session.delete(certificate)
        uow.record("delete", "certificate", draft_id, {})
        uow.emit(Topic.CERTIFICATES, draft_id)


def _certificate(session: Session, certificate_id: int) -> Certificate:
    certificate = session.get(Certificate, certificate_id)
    if certificate is None:
        raise NotFound(N_("This certificate no longer exists."))
    return certificate


def _draft(session: Session, draft_id: int) -> Certificate:
    certificate = _certificate(session, draft_id)
    if certificate.status is not CertificateStatus.DRAFT:
        raise Conflict(N_("This certificate has been issued already; it can no longer be changed."))
    return certificate


def input_of(certificate: Certificate) -> CertificateInput:
    """The input that makes this stored certificate again (to check a draft anew before issuing it)."""
    fields = dict(certificate.fields or {})
    return CertificateInput(
        type_id=certificate.type_id, patient_id=certificate.patient_id, doctor_id=certificate.doctor_id,
        locale=certificate.locale, appointment_id=certificate.appointment_id,
        second_signer_id=certificate.second_signer_id, continues_id=certificate.continues_id,
        addressee=certificate.addressee, diagnosis=certificate.diagnosis, icd10=certificate.icd10,
        period_from=certificate.period_from, period_to=certificate.period_to, regime=certificate.regime,
        seen_at=certificate.seen_at, findings=fields.pop(FINDINGS, ""),
        recommendations=fields.pop(RECOMMENDATIONS, ""), purpose=fields.pop(PURPOSE, ""), custom=fields,
        external_series=certificate.external_series, external_number=certificate.external_number,
    )


# -- reading ----------------------------------------------------------------------------------------------


def _view(session: Session, c: Certificate) -> CertificateView:
    kind = view_of(get_type(session, c.type_id))
    patient = session.get(Patient, c.patient_id)
    doctor = session.get(Doctor, c.doctor_id)
    assert patient is not None
    assert doctor is not None
    signer = session.get(Doctor, c.second_signer_id) if c.second_signer_id else None
    previous = session.get(Certificate, c.continues_id) if c.continues_id else None
    previous_number = ""
    if previous is not None:
        previous_number = format_number(previous.series, previous.year, previous.number, kind.number_digits,
                                        kind.year_in_number)
    fields = dict(c.fields or {})
    findings, recommendations, purpose = (fields.pop(key, "") for key in (FINDINGS, RECOMMENDATIONS, PURPOSE))
    if kind.kind is not CertificateKind.CUSTOM:
        fields = {}
    prints = session.scalar(select(func.count()).select_from(CertificatePrint)
                            .where(CertificatePrint.certificate_id == c.id)) or 0
    return CertificateView(
        id=c.id, type=kind, number=format_number(c.series, c.year, c.number, kind.number_digits, kind.year_in_number),
        status=c.status, patient_id=patient.id, patient_name=patient.display_name,
        patient_birth_date=patient.birth_date, patient_locale=patient.preferred_locale, doctor_id=doctor.id,
        doctor_name=doctor.full_name, doctor_specialty=doctor.specialty, second_signer_id=c.second_signer_id,
        second_signer_name=signer.full_name if signer else "", appointment_id=c.appointment_id,
        continues_id=c.continues_id, continues_number=previous_number,
        chain_from=_chain_from(session, c) if c.period_from else None, locale=c.locale, addressee=c.addressee,
        diagnosis=c.diagnosis, icd10=c.icd10, period_from=c.period_from, period_to=c.period_to, regime=c.regime,
        seen_at=c.seen_at, findings=findings, recommendations=recommendations, purpose=purpose,
        custom=tuple(fields.items()), external_series=c.external_series, external_number=c.external_number,
        verification_code=c.verification_code, created_at=c.created_at, issued_at=c.issued_at,
        issued_by_name=_user_name(session, c.issued_by), void_reason=c.void_reason, voided_at=c.voided_at,
        voided_by_name=_user_name(session, c.voided_by), prints=prints,
    )


def _user_name(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    return session.scalar(select(StaffUser.full_name).where(StaffUser.id == user_id)) or ""


def get(ctx: Context, certificate_id: int) -> CertificateView:
    require(ctx, Permission.VIEW_CERTIFICATES)
    with ctx.db.read() as session:
        return _view(session, _certificate(session, certificate_id))


def draft_view(ctx: Context, data: CertificateInput) -> CertificateView:
    """The certificate ``data`` would make, checked as issuing checks it, without writing anything."""
    actor = require(ctx, Permission.ISSUE_CERTIFICATE)
    with ctx.db.read() as session:
        checked = _check(session, ctx, data)
        transient = Certificate(**checked.values, id=0, status=CertificateStatus.DRAFT, created_by=actor.user_id,
                                created_at=ctx.clock.now(), void_reason="", verification_code="")
        return _view(session, transient)


def own_doctor(ctx: Context) -> int | None:
    """The doctor record of the signed-in user, when they are a doctor."""
    if ctx.actor is None:
        return None
    with ctx.db.read() as session:
        return session.scalar(select(Doctor.id).where(Doctor.user_id == ctx.actor.user_id, Doctor.active.is_(True)))


def continuable(ctx: Context, patient_id: int) -> list[CertificateView]:
    """The patient's issued sick-leave certificates that no valid certificate continues yet, newest first."""
    require(ctx, Permission.VIEW_CERTIFICATES)
    continuation = aliased(Certificate)
    taken = select(continuation.id).where(continuation.continues_id == Certificate.id,
                                          continuation.status != CertificateStatus.VOID).exists()
    stmt = (select(Certificate).join(CertificateType, CertificateType.id == Certificate.type_id)
            .where(Certificate.patient_id == patient_id, Certificate.status == CertificateStatus.ISSUED,
                   CertificateType.kind == CertificateKind.SICK_LEAVE, ~taken)
            .order_by(Certificate.period_to.desc()))
    with ctx.db.read() as session:
        return [_view(session, c) for c in session.scalars(stmt)]


@dataclass(frozen=True)
class RegisterFilter:
    """The register's filters; a day range is required, the rest narrow it when set."""

    first_day: date
    last_day: date
    type_id: int | None = None
    doctor_id: int | None = None
    patient_id: int | None = None
    status: CertificateStatus | None = None


@dataclass(frozen=True)
class CertificateRow:
    id: int
    number: str
    type_id: int
    type_name: str
    kind: CertificateKind
    patient_id: int
    patient_name: str
    doctor_id: int
    doctor_name: str
    #: When it was issued; a draft's row shows when it was made instead.
    issued_at: datetime | None
    created_at: datetime
    period_from: date | None
    period_to: date | None
    status: CertificateStatus
    external_number: str
    continues: bool
    void_reason: str

    @property
    def days(self) -> int | None:
        return period_days(self.period_from, self.period_to)


@dataclass(frozen=True)
class TypeTotal:
    type_name: str
    issued: int
    void: int


@dataclass(frozen=True)
class RegisterTotals:
    issued: int
    void: int
    drafts: int
    #: Days of sick leave on valid certificates.
    sick_leave_days: int
    by_type: tuple[TypeTotal, ...]


@dataclass(frozen=True)
class Register:
    rows: tuple[CertificateRow, ...]
    totals: RegisterTotals


def _register_query(flt: RegisterFilter, start: datetime, end: datetime, drafts: bool) -> Select:  # type: ignore[type-arg]
    when = Certificate.created_at if drafts else Certificate.issued_at
    stmt = (
        select(Certificate.id, Certificate.series, Certificate.year, Certificate.number, CertificateType.number_digits,
               CertificateType.year_in_number, CertificateType.id, CertificateType.name, CertificateType.kind,
               Patient.id, Patient.display_name, Doctor.id, Doctor.full_name, Certificate.issued_at,
               Certificate.created_at, Certificate.period_from, Certificate.period_to, Certificate.status,
               Certificate.external_series, Certificate.external_number, Certificate.continues_id,
               Certificate.void_reason)
        .join(CertificateType, CertificateType.id == Certificate.type_id)
        .join(Patient, Patient.id == Certificate.patient_id)
        .join(Doctor, Doctor.id == Certificate.doctor_id)
        .where(when >= start, when < end)
        .order_by(when.desc(), Certificate.id.desc())
    )
    if drafts:
        stmt = stmt.where(Certificate.status == CertificateStatus.DRAFT)
    elif flt.status is not None:
        stmt = stmt.where(Certificate.status == flt.status)
    if flt.type_id is not None:
        stmt = stmt.where(Certificate.type_id == flt.type_id)
    if flt.doctor_id is not None:
        stmt = stmt.where(Certificate.doctor_id == flt.doctor_id)
    if flt.patient_id is not None:
        stmt = stmt.where(Certificate.patient_id == flt.patient_id)
    return stmt


def register(ctx: Context, flt: RegisterFilter) -> Register:
    """Certificates issued (valid or void) in the day range, newest first, then the drafts made in it; totals."""
    require(ctx, Permission.VIEW_CERTIFICATES)
    if flt.last_day < flt.first_day:
        raise InvalidInput(N_("The period ends before it starts."), field=N_("Period"))
    zone = ctx.clinic().zone
    start, _ = day_bounds(zone, flt.first_day)
    _, end = day_bounds(zone, flt.last_day)
    queries = []
    if flt.status is not CertificateStatus.DRAFT:
        queries.append(_register_query(flt, start, end, drafts=False))
    if flt.status in (None, CertificateStatus.DRAFT):
        queries.append(_register_query(flt, start, end, drafts=True))
    with ctx.db.read() as session:
        results = [session.execute(query).all() for query in queries]
    rows = tuple(
        CertificateRow(
            id=cid, number=format_number(series, year, number, digits, with_year), type_id=type_id,
            type_name=type_name, kind=kind, patient_id=patient_id, patient_name=patient, doctor_id=doctor_id,
            doctor_name=doctor_name, issued_at=issued_at, created_at=created_at, period_from=period_from,
            period_to=period_to, status=status,
            external_number=" ".join(part for part in (ext_series, ext_number) if part),
            continues=continues_id is not None, void_reason=void_reason,
        )
        for result in results
        for (cid, series, year, number, digits, with_year, type_id, type_name, kind, patient_id, patient,
             doctor_id, doctor_name, issued_at, created_at, period_from, period_to, status, ext_series, ext_number,
             continues_id, void_reason) in result
    )
    return Register(rows, totals_of(rows))


def totals_of(rows: tuple[CertificateRow, ...]) -> RegisterTotals:
    by_type: dict[str, list[int]] = {}
    for row in rows:
        if row.status is not CertificateStatus.DRAFT:
            counts = by_type.setdefault(row.type_name, [0, 0])
            counts[row.status is CertificateStatus.VOID] += 1
    return RegisterTotals(
        issued=sum(row.status is CertificateStatus.ISSUED for row in rows),
        void=sum(row.status is CertificateStatus.VOID for row in rows),
        drafts=sum(row.status is CertificateStatus.DRAFT for row in rows),
        sick_leave_days=sum(row.days or 0 for row in rows
                            if row.kind is CertificateKind.SICK_LEAVE and row.status is CertificateStatus.ISSUED),
        by_type=tuple(TypeTotal(name, issued, voided) for name, (issued, voided) in sorted(by_type.items())),
    )

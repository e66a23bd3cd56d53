"""A certificate as a PDF: previewed (a draft too), or printed, each print logged.

The first print of an issued certificate is the original; every later print is marked DUPLICATE with the
day it was reprinted. A print is logged (who, when, which language, duplicate or not) in its own short
transaction before the PDF is drawn, so the DUPLICATE mark follows the log even when two desks print at once.
A void certificate is not printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.context import Context
from app.documents import certificate as document
from app.errors import Conflict
from app.events import Topic
from app.i18n import LOCALES, N_
from app.labels import LABELS
from app.models.certificates import Certificate, CertificatePrint, CertificateStatus
from app.models.certificates import Regime as RegimeKind
from app.services.certificate_verification import qr_payload
from app.services.certificates import CertificateInput, CertificateView, draft_view, get
from app.services.permissions import Permission, require
from app.services.printouts import clinic_header
from app.services.uow import unit_of_work


@dataclass(frozen=True)
class PrintedCertificate:
    pdf: bytes
    duplicate: bool
    #: A file name to save it under, for example ``SL-2026-000123.pdf``.
    file_name: str
    title: str


def _locale(view: CertificateView, locale: str | None) -> str:
    chosen = locale or view.locale or view.patient_locale
    if chosen not in LOCALES:
        raise Conflict(N_("{field} is not a language Clinic Desk prints in."), field=N_("Language"))
    return chosen


def _data(ctx: Context, view: CertificateView, reprint: bool) -> document.CertificateData:
    clinic = ctx.clinic()
    now = ctx.clock.now()
    issued_on = view.issued_at.astimezone(clinic.zone).date() if view.issued_at else None
    return document.CertificateData(
        clinic=clinic_header(clinic), zone=clinic.time_zone, kind=document.CertificateKind(view.type.kind.value),
        type_name=view.type.name, body_template=view.type.body_template, number=view.number, issued_on=issued_on,
        patient_name=view.patient_name, patient_birth_date=view.patient_birth_date, addressee=view.addressee,
        diagnosis=view.diagnosis, icd10=view.icd10 if view.type.print_icd10 else "",
        period_from=view.period_from, period_to=view.period_to, chain_from=view.chain_from,
        continues_number=view.continues_number,
        regime=LABELS[RegimeKind][view.regime] if view.regime is not None else None, seen_at=view.seen_at,
        doctor_name=view.doctor_name, second_signer_name=view.second_signer_name, findings=view.findings,
        recommendations=view.recommendations, purpose=view.purpose, custom=view.custom,
        external_form=" ".join(part for part in (view.external_series, view.external_number) if part),
        verification_code=view.verification_code,
        qr_payload=qr_payload(view.number, issued_on, view.verification_code) if issued_on else "",
        reprinted_on=now.astimezone(clinic.zone).date() if reprint else None,
        printed_at=now,
    )


def _printed(ctx: Context, view: CertificateView, locale: str, duplicate: bool) -> PrintedCertificate:
    data = _data(ctx, view, duplicate)
    title = f"{document.title(data, locale)} {view.number}".strip()
    return PrintedCertificate(document.render(data, locale), duplicate, f"{view.number or 'draft'}.pdf", title)


def preview(ctx: Context, certificate_id: int, locale: str | None = None) -> PrintedCertificate:
    """The certificate as the next print will look (a draft marked as such); nothing is logged."""
    view = get(ctx, certificate_id)
    if view.status is CertificateStatus.VOID:
        raise Conflict(N_("This certificate is void; it is not printed."))
    return _printed(ctx, view, _locale(view, locale), view.prints > 0)


def preview_unsaved(ctx: Context, data: CertificateInput) -> PrintedCertificate:
    """What the form's input would print, marked as a draft; checked as issuing checks it, nothing written."""
    view = draft_view(ctx, data)
    return _printed(ctx, view, _locale(view, data.locale or None), False)


def print_certificate(ctx: Context, certificate_id: int, locale: str | None = None) -> PrintedCertificate:
    """Log a print of an issued certificate and return its PDF: the original first, DUPLICATE after."""
    actor = require(ctx, Permission.ISSUE_CERTIFICATE)
    view = get(ctx, certificate_id)
    chosen = _locale(view, locale)
    with unit_of_work(ctx) as uow:
        status = uow.session.scalar(select(Certificate.status).where(Certificate.id == certificate_id))
        if status is CertificateStatus.DRAFT:
            raise Conflict(N_("A draft is printed only after it is issued."))
        if status is not CertificateStatus.ISSUED:
            raise Conflict(N_("This certificate is void; it is not printed."))
        earlier = uow.session.scalar(select(func.count()).select_from(CertificatePrint)
                                     .where(CertificatePrint.certificate_id == certificate_id)) or 0
        log = CertificatePrint(certificate_id=certificate_id, duplicate=earlier > 0, locale=chosen,
                               printed_by=actor.user_id, printed_at=ctx.clock.now())
        uow.session.add(log)
        uow.session.flush()
        uow.record("print", "certificate", certificate_id, {"duplicate": earlier > 0, "locale": chosen})
        uow.emit(Topic.CERTIFICATES, certificate_id)
    return _printed(ctx, view, chosen, earlier > 0)


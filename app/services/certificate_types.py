"""Certificate types: the built-in kinds and the clinic's own, each with its numbered series and its rules.

A type's series format is the clinic's: a prefix, whether the year is part of the number, and how many
digits the number is padded to (``SL-2026-000123`` or ``SL-000123``). Numbers restart at 1 each year in
either form. A clinic-defined type (kind ``custom``) lists its own fields and the text printed above them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.context import Context
from app.errors import Conflict, InvalidInput, NotFound
from app.events import Topic
from app.i18n import N_
from app.models.certificates import CertificateKind, CertificateType
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work
from app.services.validation import clean_text

#: Letters and digits only: the hyphen separates the prefix, the year and the number when a number is read.
_PREFIX = re.compile(r"^[^\W_]{1,12}$")
MAX_CUSTOM_FIELDS = 8
MIN_DIGITS, MAX_DIGITS = 3, 9
MAX_PERIOD_LIMIT = 366


@dataclass(frozen=True)
class CertificateTypeView:
    id: int
    code: str
    kind: CertificateKind
    name: str
    series_prefix: str
    number_digits: int
    year_in_number: bool
    print_icd10: bool
    requires_second_signer: bool
    max_period_days: int | None
    field_labels: tuple[str, ...]
    body_template: str
    active: bool

    def format_number(self, year: int, number: int) -> str:
        return format_number(self.series_prefix, year, number, self.number_digits, self.year_in_number)


@dataclass(frozen=True)
class TypeInput:
    """A type as the clinic defines it; ``field_labels`` and ``body_template`` serve its own (custom) types."""

    code: str
    kind: CertificateKind
    name: str
    series_prefix: str
    number_digits: int = 6
    year_in_number: bool = True
    print_icd10: bool = True
    requires_second_signer: bool = False
    max_period_days: int | None = None
    field_labels: tuple[str, ...] = ()
    body_template: str = ""


def format_number(prefix: str, year: int | None, number: int | None, digits: int, with_year: bool = True) -> str:
    """The printed number, for example ``SL-2026-000123``; empty for a draft, which has none yet."""
    if year is None or number is None:
        return ""
    return f"{prefix}-{year}-{number:0{digits}d}" if with_year else f"{prefix}-{number:0{digits}d}"


def counter_series(prefix: str) -> str:
    """The number counter's series for a certificate prefix (kept apart from receipts, shifts, tickets)."""
    return f"certificate-{prefix}"


def view_of(row: CertificateType) -> CertificateTypeView:
    labels = row.custom_fields.get("labels", []) if isinstance(row.custom_fields, dict) else []
    return CertificateTypeView(
        id=row.id, code=row.code, kind=row.kind, name=row.name, series_prefix=row.series_prefix,
        number_digits=row.number_digits, year_in_number=row.year_in_number, print_icd10=row.print_icd10,
        requires_second_signer=row.requires_second_signer, max_period_days=row.max_period_days,
        field_labels=tuple(str(label) for label in labels), body_template=row.body_template, active=row.active,
    )


def list_types(ctx: Context, *, include_inactive: bool = False) -> list[CertificateTypeView]:
    require(ctx, Permission.VIEW_CERTIFICATES)
    stmt = select(CertificateType).order_by(CertificateType.id)
    if not include_inactive:
        stmt = stmt.where(CertificateType.active.is_(True))
    with ctx.db.read() as session:
        return [view_of(row) for row in session.scalars(stmt)]


def get_type(session: Session, type_id: int) -> CertificateType:
    row = session.get(CertificateType, type_id)
    if row is None:
        raise NotFound(N_("This certificate type no longer exists."))
    return row


def _clean(data: TypeInput) -> dict[str, object]:
    code = clean_text(data.code, N_("Code"), max_length=20, required=True).upper()
    prefix = clean_text(data.series_prefix, N_("Number prefix"), max_length=12, required=True).upper()
    if not _PREFIX.match(prefix):
        raise InvalidInput(N_("{field} may hold only letters and digits."), field=N_("Number prefix"))
    if not MIN_DIGITS <= data.number_digits <= MAX_DIGITS:
        raise InvalidInput(N_("{field} must be between {low} and {high}."), field=N_("Digits in the number"),
                           low=MIN_DIGITS, high=MAX_DIGITS)
    if data.max_period_days is not None and not 1 <= data.max_period_days <= MAX_PERIOD_LIMIT:
        raise InvalidInput(N_("{field} must be between {low} and {high}."), field=N_("Longest period (days)"),
                           low=1, high=MAX_PERIOD_LIMIT)
    labels = [clean_text(label, N_("Field name"), max_length=60, required=True) for label in data.field_labels]
    if len(labels) > MAX_CUSTOM_FIELDS:
        raise InvalidInput(N_("A certificate type has at most {limit} fields of its own."), limit=MAX_CUSTOM_FIELDS)
    if len(set(labels)) != len(labels):
        raise InvalidInput(N_("Two fields of this certificate type have the same name."))
    return {
        "code": code, "kind": data.kind,
        "name": clean_text(data.name, N_("Name"), max_length=120, required=True),
        "series_prefix": prefix, "number_digits": data.number_digits, "year_in_number": data.year_in_number,
        "print_icd10": data.print_icd10, "requires_second_signer": data.requires_second_signer,
        "max_period_days": data.max_period_days, "custom_fields": {"labels": labels},
        "body_template": clean_text(data.body_template, N_("Text"), max_length=2000, multiline=True),
    }


def create_type(ctx: Context, data: TypeInput) -> CertificateTypeView:
    """A new certificate type with its own series; the code and the prefix are the clinic's to choose once."""
    require(ctx, Permission.MANAGE_CLINIC)
    values = _clean(data)
    with unit_of_work(ctx) as uow:
        taken = uow.session.scalar(select(func.count()).select_from(CertificateType).where(
            (CertificateType.code == values["code"]) | (CertificateType.series_prefix == values["series_prefix"])))
        if taken:
            raise Conflict(N_("Another certificate type already uses this code or number prefix."))
        row = CertificateType(**values, active=True)
        uow.session.add(row)
        uow.session.flush()
        uow.record("create", "certificate_type", row.id, {k: v for k, v in values.items() if k != "kind"}
                   | {"kind": str(data.kind)})
        uow.emit(Topic.CERTIFICATES, None)
        return view_of(row)

"""Small functions that build what a test needs: a clinic, staff, doctors, patients. No shared state."""

from __future__ import annotations

from app.context import Context
from app.models.patients import NameOrder
from app.models.staff import Role
from app.services import auth, clinic, patients, staff
from app.services.clinic import ClinicDetails
from app.services.patients import PatientInput, PatientView

ADMIN_PASSWORD = "admin-password-1"


def set_up_clinic(ctx: Context, *, currency: str = "KRW", locale: str = "ko", zone: str = "Asia/Seoul") -> None:
    """A clinic with one administrator (admin / ADMIN_PASSWORD), signed in on ``ctx``."""
    clinic.set_up(
        ctx,
        ClinicDetails(
            legal_name="서울 가정의학과 의원", short_name="Seoul Family Clinic", address="서울특별시 강남구 테헤란로 1",
            tax_id="123-45-67890", phone="+82 2 555 0100", email="desk@seoul-clinic.example", currency=currency,
            default_locale=locale, time_zone=zone,
        ),
        "admin", "Kim Admin", ADMIN_PASSWORD,
    )
    auth.sign_in(ctx, "admin", ADMIN_PASSWORD)


def add_user(ctx: Context, username: str, *roles: Role, password: str = "staff-password-1") -> int:
    return staff.create_user(ctx, username, username.title(), password, set(roles)).id


def add_doctor(ctx: Context, name: str = "Dr. Lee Soo-jin", specialty: str = "Family medicine") -> int:
    return staff.create_doctor(ctx, name, specialty).id


def add_patient(ctx: Context, family: str, given: str = "", *, phone: str = "", middle: str = "",
                order: NameOrder | None = None, locale: str = "") -> PatientView:
    return patients.create(ctx, PatientInput(family_name=family, given_name=given, middle_name=middle, phone=phone,
                                             name_order=order, preferred_locale=locale))


def other_desk(ctx: Context, number: int) -> Context:
    """Another workstation on the same database, signed in as the same user (for races between desks)."""
    return Context(db=ctx.db, audit_key=ctx.audit_key, workstation=f"desk-{number}", clock=ctx.clock,
                   actor=ctx.actor)

"""The clinic's profile: first-time setup, reading it, and changing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import list_currencies
from sqlalchemy import select

from app.context import ClinicProfile, Context, profile_of
from app.db import Database
from app.errors import Conflict, InvalidInput
from app.events import Topic
from app.i18n import LOCALES, N_
from app.models.clinic import CallDisplay, Clinic
from app.models.staff import Role, StaffRole, StaffUser
from app.services.auth import hash_password
from app.services.permissions import Permission, require
from app.services.uow import unit_of_work
from app.services.validation import clean_email, clean_phone, clean_text


@dataclass(frozen=True)
class ClinicDetails:
    legal_name: str
    short_name: str
    address: str
    tax_id: str
    phone: str
    email: str
    currency: str
    default_locale: str
    time_zone: str
    slot_minutes: int = 15
    idle_lock_minutes: int = 10
    wait_warning_minutes: int = 20


SLOT_SIZES = (5, 10, 15, 20, 30)


def _validated(details: ClinicDetails) -> ClinicDetails:
    currency = details.currency.strip().upper()
    if currency not in list_currencies():
        raise InvalidInput(N_("{field} is not a known currency code."), field=N_("Currency"))
    if details.default_locale not in LOCALES:
        raise InvalidInput(N_("{field} is not one of the supported languages."), field=N_("Language"))
    try:
        ZoneInfo(details.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(N_("{field} is not a known time zone."), field=N_("Time zone")) from None
    if details.slot_minutes not in SLOT_SIZES:
        raise InvalidInput(N_("{field} must be 5, 10, 15, 20 or 30 minutes."), field=N_("Slot size"))
    if not 1 <= details.idle_lock_minutes <= 240:
        raise InvalidInput(N_("{field} must be between 1 and 240 minutes."), field=N_("Lock after idle"))
    if not 1 <= details.wait_warning_minutes <= 600:
        raise InvalidInput(N_("{field} must be between 1 and 600 minutes."), field=N_("Waiting warning"))
    return ClinicDetails(
        legal_name=clean_text(details.legal_name, N_("Legal name"), max_length=200, required=True),
        short_name=clean_text(details.short_name, N_("Short name"), max_length=80, required=True),
        address=clean_text(details.address, N_("Address"), max_length=400, multiline=True),
        tax_id=clean_text(details.tax_id, N_("Tax or registration number"), max_length=40),
        phone=clean_phone(details.phone, N_("Phone")),
        email=clean_email(details.email, N_("E-mail")),
        currency=currency,
        default_locale=details.default_locale,
        time_zone=details.time_zone,
        slot_minutes=details.slot_minutes,
        idle_lock_minutes=details.idle_lock_minutes,
        wait_warning_minutes=details.wait_warning_minutes,
    )


def is_set_up(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(Clinic.id).limit(1)) is not None


def set_up(ctx: Context, details: ClinicDetails, admin_username: str, admin_full_name: str,
           admin_password: str) -> ClinicProfile:
    """First start: the clinic's profile and its first administrator, in one transaction."""
    clean = _validated(details)
    username = clean_text(admin_username, N_("User name"), max_length=64, required=True).casefold()
    full_name = clean_text(admin_full_name, N_("Full name"), max_length=120, required=True)
    password_hash = hash_password(admin_password)
    now = ctx.clock.now()
    with unit_of_work(ctx) as uow:
        if uow.session.scalar(select(Clinic.id).limit(1)) is not None:
            raise Conflict(N_("This database already holds a clinic."))
        clinic = Clinic(
            legal_name=clean.legal_name, short_name=clean.short_name, address=clean.address, tax_id=clean.tax_id,
            phone=clean.phone, email=clean.email, currency=clean.currency, default_locale=clean.default_locale,
            display_locale=clean.default_locale, time_zone=clean.time_zone, slot_minutes=clean.slot_minutes,
            idle_lock_minutes=clean.idle_lock_minutes, wait_warning_minutes=clean.wait_warning_minutes,
            created_at=now,
        )
        admin = StaffUser(username=username, full_name=full_name, password_hash=password_hash, created_at=now,
                          locale=clean.default_locale)
        admin.roles.append(StaffRole(role=Role.ADMINISTRATOR))
        uow.session.add_all([clinic, admin])
        uow.session.flush()
        uow.record("set_up", "clinic", clinic.id, {"legal_name": clean.legal_name, "admin": username})
        uow.emit(Topic.CLINIC, clinic.id)
        profile = profile_of(clinic)
    ctx.forget_clinic()
    return profile


def _apply(clinic: Clinic, values: ClinicDetails | WaitingRoomSettings) -> dict[str, list[Any]]:
    """Set the clinic's fields to ``values``; returns what changed, old and new, for the audit record."""
    changes: dict[str, list[Any]] = {}
    for name in type(values).__dataclass_fields__:
        new = getattr(values, name)
        if getattr(clinic, name) != new:
            changes[name] = [getattr(clinic, name), new]
            setattr(clinic, name, new)
    return changes


def update(ctx: Context, details: ClinicDetails) -> ClinicProfile:
    require(ctx, Permission.MANAGE_CLINIC)
    clean = _validated(details)
    with unit_of_work(ctx) as uow:
        clinic = uow.session.scalars(select(Clinic).limit(1)).one()
        changes = _apply(clinic, clean)
        if changes:
            uow.record("update", "clinic", clinic.id, changes)
            uow.emit(Topic.CLINIC, clinic.id)
        profile = profile_of(clinic)
    ctx.forget_clinic()
    return profile


@dataclass(frozen=True)
class WaitingRoomSettings:
    """How the waiting room works: when a wait turns the warning colour, and what the "now calling"
    screen shows (ticket numbers or shortened names) in which language (independent of any desk's)."""

    wait_warning_minutes: int
    call_display: CallDisplay
    display_locale: str


def update_waiting_room(ctx: Context, settings: WaitingRoomSettings) -> ClinicProfile:
    require(ctx, Permission.MANAGE_CLINIC)
    if not 1 <= settings.wait_warning_minutes <= 600:
        raise InvalidInput(N_("{field} must be between 1 and 600 minutes."), field=N_("Waiting warning"))
    if settings.display_locale not in LOCALES:
        raise InvalidInput(N_("{field} is not one of the supported languages."), field=N_("Screen language"))
    with unit_of_work(ctx) as uow:
        clinic = uow.session.scalars(select(Clinic).limit(1)).one()
        changes = _apply(clinic, settings)
        if changes:
            uow.record("update", "clinic", clinic.id, changes)
            uow.emit(Topic.CLINIC, clinic.id)
        profile = profile_of(clinic)
    ctx.forget_clinic()
    return profile

"""Who may do what. Checked by the services on every call, not only by hiding buttons."""

from __future__ import annotations

import enum

from app.context import Actor, Context
from app.errors import PermissionDenied
from app.i18n import N_
from app.models.staff import Role


class Permission(enum.StrEnum):
    VIEW_SCHEDULE = "view_schedule"
    BOOK = "book"
    BOOK_IN_PAST = "book_in_past"
    BOOK_OUTSIDE_HOURS = "book_outside_hours"
    MANAGE_WORKING_HOURS = "manage_working_hours"
    VIEW_WAITING = "view_waiting"
    MANAGE_WAITING = "manage_waiting"
    MANAGE_PATIENTS = "manage_patients"
    VIEW_CASHIER = "view_cashier"
    TAKE_PAYMENT = "take_payment"
    REFUND = "refund"
    LARGE_DISCOUNT = "large_discount"
    MANAGE_PRICES = "manage_prices"
    VIEW_CERTIFICATES = "view_certificates"
    ISSUE_CERTIFICATE = "issue_certificate"
    VOID_CERTIFICATE = "void_certificate"
    #: A sick leave longer than its certificate type's maximum (a medical commission's decision).
    LONG_SICK_LEAVE = "long_sick_leave"
    VIEW_COMPLAINTS = "view_complaints"
    MANAGE_COMPLAINTS = "manage_complaints"
    VIEW_CALLS = "view_calls"
    LOG_CALLS = "log_calls"
    VIEW_REPORTS = "view_reports"
    MANAGE_STAFF = "manage_staff"
    MANAGE_CLINIC = "manage_clinic"
    BACKUP = "backup"


_P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMINISTRATOR: frozenset(Permission),
    Role.RECEPTIONIST: frozenset({
        _P.VIEW_SCHEDULE, _P.BOOK, _P.VIEW_WAITING, _P.MANAGE_WAITING, _P.MANAGE_PATIENTS, _P.VIEW_CASHIER,
        _P.VIEW_COMPLAINTS, _P.MANAGE_COMPLAINTS, _P.VIEW_CALLS, _P.LOG_CALLS, _P.VIEW_CERTIFICATES,
    }),
    Role.CASHIER: frozenset({
        _P.VIEW_SCHEDULE, _P.VIEW_WAITING, _P.VIEW_CASHIER, _P.TAKE_PAYMENT, _P.MANAGE_PATIENTS,
        _P.VIEW_COMPLAINTS, _P.VIEW_CALLS,
    }),
    Role.DOCTOR: frozenset({
        _P.VIEW_SCHEDULE, _P.VIEW_WAITING, _P.MANAGE_WAITING, _P.VIEW_CERTIFICATES, _P.ISSUE_CERTIFICATE,
        _P.VIEW_COMPLAINTS,
    }),
    Role.CERTIFICATE_CLERK: frozenset({
        _P.VIEW_SCHEDULE, _P.VIEW_WAITING, _P.VIEW_CERTIFICATES, _P.ISSUE_CERTIFICATE, _P.MANAGE_PATIENTS,
    }),
}

def can(actor: Actor | None, permission: Permission) -> bool:
    return actor is not None and any(permission in ROLE_PERMISSIONS[role] for role in actor.roles)


def require(ctx: Context, permission: Permission) -> Actor:
    """The signed-in actor, if they hold ``permission``; otherwise a translated refusal."""
    if ctx.actor is None:
        raise PermissionDenied(N_("Please sign in first."))
    if not can(ctx.actor, permission):
        raise PermissionDenied(N_("Your role does not allow this action."))
    return ctx.actor

"""Sign-in: right and wrong passwords, slowing repeated failures, a lock, and permissions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import AuthenticationFailed, PermissionDenied
from app.models.staff import Role
from app.services import auth, staff
from app.services.permissions import Permission, can
from tests import builders


def test_sign_in_sets_the_actor_with_roles(ctx):
    builders.add_user(ctx, "mina", Role.CASHIER, Role.RECEPTIONIST)
    actor = auth.sign_in(ctx, "  MINA ", "staff-password-1")
    assert ctx.actor == actor
    assert actor.roles == {Role.CASHIER, Role.RECEPTIONIST}
    assert can(actor, Permission.TAKE_PAYMENT)
    assert not can(actor, Permission.VOID_CERTIFICATE)


def test_wrong_password_and_unknown_user_say_the_same(ctx):
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.sign_in(ctx, "admin", "nope")
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.sign_in(ctx, "nobody", "nope")
    assert wrong.value.message() == unknown.value.message()


def test_repeated_failures_are_slowed_then_locked(ctx):
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(AuthenticationFailed):
            auth.sign_in(ctx, "admin", "wrong")
    with pytest.raises(AuthenticationFailed) as waiting:
        auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
    assert waiting.value.message_id.startswith("Too many failed attempts")
    ctx.clock.advance(timedelta(seconds=3))
    auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)

    for attempt in range(auth.LOCK_AFTER):
        ctx.clock.advance(timedelta(minutes=2))
        with pytest.raises(AuthenticationFailed):
            auth.sign_in(ctx, "admin", f"wrong {attempt}")
    ctx.clock.advance(timedelta(minutes=auth.LOCK_MINUTES - 1))
    with pytest.raises(AuthenticationFailed):
        auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
    ctx.clock.advance(timedelta(minutes=2))
    assert auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD).username == "admin"


def test_services_check_permissions_not_only_the_buttons(ctx):
    builders.add_user(ctx, "cash", Role.CASHIER)
    auth.sign_in(ctx, "cash", "staff-password-1")
    with pytest.raises(PermissionDenied):
        staff.create_user(ctx, "other", "Other", "password-123", {Role.ADMINISTRATOR})
    auth.sign_out(ctx)
    with pytest.raises(PermissionDenied):
        staff.create_room(ctx, "Room 9")


def test_check_password_for_unlocking(ctx):
    assert auth.check_password(ctx, builders.ADMIN_PASSWORD)
    assert not auth.check_password(ctx, "wrong")
    assert ctx.actor is not None

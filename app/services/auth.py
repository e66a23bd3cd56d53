"""Passwords and sign-in.

Passwords are hashed with argon2id at OWASP's parameters (19 MiB, t=2, p=1). Repeated failures are
slowed down first and locked for a while after that (NIST SP 800-63B prefers slowing to hard locks).
"""

from __future__ import annotations

from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from app.context import Actor, Context
from app.errors import AuthenticationFailed, InvalidInput
from app.i18n import N_
from app.models.staff import StaffUser
from app.services.uow import unit_of_work
from app.services.validation import clean_text

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
#: Failures allowed before each further attempt has to wait.
FREE_ATTEMPTS = 3
#: Failures after which the account waits LOCK_MINUTES.
LOCK_AFTER = 10
LOCK_MINUTES = 15
MAX_DELAY_SECONDS = 60
MIN_PASSWORD_LENGTH = 8
_DUMMY_HASH = _hasher.hash("not a password of anyone's")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            N_("{field} must have at least {minimum} characters."), field=N_("Password"), minimum=MIN_PASSWORD_LENGTH
        )
    clean_text(password, N_("Password"), max_length=200)
    return _hasher.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def delay_after(failures: int) -> timedelta:
    """How long the next attempt must wait after ``failures`` consecutive failures."""
    if failures >= LOCK_AFTER:
        return timedelta(minutes=LOCK_MINUTES)
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return timedelta(seconds=min(2 ** (failures - FREE_ATTEMPTS + 1), MAX_DELAY_SECONDS))


def actor_of(user: StaffUser) -> Actor:
    return Actor(user.id, user.username, user.full_name, frozenset(r.role for r in user.roles))


def sign_in(ctx: Context, username: str, password: str) -> Actor:
    """Check the password; on success the Context's actor is the user. Failures are counted and slowed."""
    name = username.strip().casefold()
    now = ctx.clock.now()
    failure: AuthenticationFailed | None = None
    with unit_of_work(ctx) as uow:
        user = uow.session.scalars(
            select(StaffUser).where(func.lower(StaffUser.username) == name, StaffUser.active.is_(True))
        ).one_or_none()
        if user is None:
            _verify(_DUMMY_HASH, password)  # same time as a real check: do not reveal which usernames exist
            failure = AuthenticationFailed(N_("The user name or password is wrong."))
        elif user.next_attempt_at is not None and user.next_attempt_at > now:
            wait = int((user.next_attempt_at - now).total_seconds()) + 1
            failure = AuthenticationFailed(
                N_("Too many failed attempts. Please wait {seconds} seconds and try again."), seconds=wait
            )
        elif not _verify(user.password_hash, password):
            user.failed_sign_ins += 1
            delay = delay_after(user.failed_sign_ins)
            user.next_attempt_at = now + delay if delay else None
            uow.record("sign_in_failed", "staff_user", user.id, {"failures": user.failed_sign_ins})
            failure = AuthenticationFailed(N_("The user name or password is wrong."))
        else:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            user.failed_sign_ins = 0
            user.next_attempt_at = None
            user.last_sign_in_at = now
            actor = actor_of(user)
            ctx.actor = actor
            uow.record("sign_in", "staff_user", user.id, {})
    if failure is not None:
        raise failure
    return actor


def sign_out(ctx: Context) -> None:
    if ctx.actor is None:
        return
    with unit_of_work(ctx) as uow:
        uow.record("sign_out", "staff_user", ctx.actor.user_id, {})
    ctx.actor = None


def check_password(ctx: Context, password: str) -> bool:
    """Re-check the signed-in user's password (unlocking an idle-locked window)."""
    if ctx.actor is None:
        return False
    try:
        sign_in(ctx, ctx.actor.username, password)
    except AuthenticationFailed:
        return False
    return True

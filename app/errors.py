"""Domain errors: a message id plus parameters, translated only when shown.

Services raise these for anything a person did wrong; nothing is written when they do.
"""

from __future__ import annotations

from typing import Any

from app.i18n import gettext


class DomainError(Exception):
    """Something the user can correct. ``message_id`` is an English msgid marked with N_()."""

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params

    def message(self) -> str:
        """The message in the active language, with its parameters filled in."""
        return gettext(self.message_id).format(**self.params)

    def __str__(self) -> str:
        return self.message_id.format(**self.params)


class InvalidInput(DomainError):
    """A value that breaks a rule: too long, empty, in the future, too many decimals..."""

    def __init__(self, message_id: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(message_id, **params)
        self.field = field


class NotFound(DomainError):
    pass


class PermissionDenied(DomainError):
    pass


class Conflict(DomainError):
    """Another desk changed the same thing first, or a rule about existing data forbids it."""


class AuthenticationFailed(DomainError):
    pass


class DatabaseBusy(DomainError):
    """Another workstation holds a lock too long; the user may try again."""

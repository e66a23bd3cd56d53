"""Domain errors: a message id plus parameters, translated only when shown.

Services raise these for anything a person did wrong; nothing is written when they do.
"""

from __future__ import annotations

from typing import Any

from app.i18n import gettext, translate


class DomainError(Exception):
    """Something the user can correct. ``message_id`` is an English msgid marked with N_().

    Parameters named in ``translated_params`` are themselves msgids (a field's label) and are
    translated along with the message.
    """

    translated_params: frozenset[str] = frozenset()

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params

    def message(self, locale: str | None = None) -> str:
        """The message in the active language (or ``locale``), with its parameters filled in."""
        params = {
            name: translate(value, locale) if name in self.translated_params else value
            for name, value in self.params.items()
        }
        return gettext(self.message_id, locale).format(**params)

    def __str__(self) -> str:
        return self.message_id.format(**self.params)


class InvalidInput(DomainError):
    """A value that breaks a rule: too long, empty, in the future, too many decimals...

    ``field`` is the field's label as an N_() msgid; the message shows it translated.
    """

    translated_params = frozenset({"field"})

    def __init__(self, message_id: str, *, field: str = "", **params: Any) -> None:
        super().__init__(message_id, field=field, **params)
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


class Notice:
    """A warning that does not stop the action (for example: the patient has another appointment then)."""

    def __init__(self, message_id: str, **params: Any) -> None:
        self.message_id = message_id
        self.params = params

    def message(self, locale: str | None = None) -> str:
        return gettext(self.message_id, locale).format(**self.params)

    def __repr__(self) -> str:
        return f"Notice({self.message_id!r}, {self.params!r})"

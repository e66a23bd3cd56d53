"""Domain errors: a message id plus parameters, translated only when shown.

Services raise these for anything a person did wrong; nothing is written when they do.
"""

from __future__ import annotations

from typing import Any

from app.i18n import gettext, translate


class Notice:
    """A message for a person: an English msgid marked with N_() and its parameters, translated when shown.

    Parameters named in ``translated_params`` are themselves marked messages (a field's label, a status)
    and are translated along with the message. A Notice alone is a warning that does not stop the action
    (the patient has another appointment at that time); DomainError adds the refusal.
    """

    translated_params: frozenset[str] = frozenset()

    def __init__(self, message_id: str, **params: Any) -> None:
        self.message_id = message_id
        self.params = params

    def message(self, locale: str | None = None) -> str:
        """The message in the active language (or ``locale``), with its parameters filled in."""
        params = {
            name: translate(value, locale) if name in self.translated_params else value
            for name, value in self.params.items()
        }
        return gettext(self.message_id, locale).format(**params)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message_id!r}, {self.params!r})"


class DomainError(Notice, Exception):
    """Something the user can correct; services raise it and nothing is written."""

    def __init__(self, message_id: str, **params: Any) -> None:
        Notice.__init__(self, message_id, **params)
        Exception.__init__(self, message_id)

    def __str__(self) -> str:
        return self.message_id.format(**self.params)

    def detached(self) -> Notice:
        """The same message without the exception, for keeping after the ``except`` block: a kept exception
        keeps its traceback's frames and their locals alive (a dialog among them, in a cycle that outlives
        the QApplication and crashes the interpreter at exit)."""
        notice = Notice(self.message_id, **self.params)
        notice.translated_params = self.translated_params
        return notice


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


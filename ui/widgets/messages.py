"""The one way the interface tells a person that something could not be done.

A :class:`~app.errors.DomainError` is something the user can correct: it is shown with its translated
message and nothing else happens. Anything else is a bug: it goes to the global exception hook, which logs
it with its traceback and shows a generic translated message (:func:`show_unexpected_error`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import DomainError
from app.i18n import _


def show_domain_error(parent: QWidget | None, error: DomainError) -> None:
    """Tell the user why the action was refused, in the active language."""
    QMessageBox.warning(parent, _("Clinic Desk"), error.message())


@contextmanager
def reporting_domain_errors(parent: QWidget | None) -> Iterator[None]:
    """Around a service call from a slot: a DomainError is shown to the user; other errors propagate."""
    try:
        yield
    except DomainError as error:
        show_domain_error(parent, error)


def show_unexpected_error(parent: QWidget | None) -> None:
    QMessageBox.critical(
        parent, _("Clinic Desk"),
        _("Something went wrong and the action was not completed. The details were written to the log; "
          "please tell your administrator."),
    )


def show_information(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, _("Clinic Desk"), text)

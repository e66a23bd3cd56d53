"""The in-process event bus: services publish after commit, views listen (DESIGN rule 5).

An event names the kind of data that changed (a topic) and, where known, the row. Changes made on
another workstation arrive through :mod:`app.services.change_feed` as the same events, so a listener
never needs to know where a change came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Topic(StrEnum):
    CLINIC = "clinic"
    STAFF = "staff"
    PATIENTS = "patients"
    SERVICES = "services"
    APPOINTMENTS = "appointments"
    WAITING = "waiting"
    WAITLIST = "waitlist"
    INVOICES = "invoices"
    PAYMENTS = "payments"
    SHIFTS = "shifts"
    CERTIFICATES = "certificates"
    COMPLAINTS = "complaints"
    CALLS = "calls"
    TASKS = "tasks"


@dataclass(frozen=True, slots=True)
class Changed:
    """Rows of ``topic`` changed; ``entity_id`` is the row when one is known."""

    topic: Topic
    entity_id: int | None = None
    remote: bool = False


Listener = Callable[[Changed], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[tuple[frozenset[Topic] | None, Listener]] = []

    def subscribe(self, listener: Listener, topics: set[Topic] | None = None) -> Callable[[], None]:
        """Call ``listener`` for events of ``topics`` (all when None). Returns the unsubscribe call."""
        entry = (frozenset(topics) if topics is not None else None, listener)
        self._listeners.append(entry)

        def unsubscribe() -> None:
            if entry in self._listeners:
                self._listeners.remove(entry)

        return unsubscribe

    def publish(self, event: Changed) -> None:
        for topics, listener in list(self._listeners):
            if topics is None or event.topic in topics:
                listener(event)

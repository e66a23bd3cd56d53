"""The unit of work around each service call: one transaction, its audit records, then its events.

Events are published only after the commit succeeded, so a view never refreshes to data that was rolled
back (DESIGN rule 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.context import Context
from app.events import Changed, Topic
from app.services import audit


@dataclass
class UnitOfWork:
    session: Session
    ctx: Context
    events: list[Changed] = field(default_factory=list)

    def record(self, action: str, entity: str, entity_id: int | None, changes: dict[str, Any]) -> None:
        """Append an audit record for this change, in this transaction."""
        audit.append(self.session, self.ctx, action, entity, entity_id, changes)

    def emit(self, topic: Topic, entity_id: int | None = None) -> None:
        event = Changed(topic, entity_id)
        if event not in self.events:
            self.events.append(event)


@contextmanager
def unit_of_work(ctx: Context) -> Iterator[UnitOfWork]:
    ctx.prepare()
    with ctx.db.write() as session:
        uow = UnitOfWork(session, ctx)
        yield uow
    for event in uow.events:
        ctx.bus.publish(event)

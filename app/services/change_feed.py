"""Changes made on other workstations, read from the audit log and published as ordinary events.

Every change writes an audit record in its own transaction, so the log is also a reliable change feed:
polling for records newer than the last one seen works the same on SQLite and PostgreSQL, and a view
refreshes the same way whichever desk made the change (DESIGN rule 5).
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.context import Context
from app.events import Changed, Topic
from app.models.audit import AuditRecord

ENTITY_TOPICS: dict[str, Topic] = {
    "clinic": Topic.CLINIC,
    "room": Topic.STAFF,
    "staff_user": Topic.STAFF,
    "doctor": Topic.STAFF,
    "working_hours": Topic.STAFF,
    "patient": Topic.PATIENTS,
    "service": Topic.SERVICES,
    "appointment": Topic.APPOINTMENTS,
    "waiting_entry": Topic.WAITING,
    "waitlist_request": Topic.WAITLIST,
    "invoice": Topic.INVOICES,
    "payment": Topic.PAYMENTS,
    "refund": Topic.PAYMENTS,
    "cash_shift": Topic.SHIFTS,
    "certificate": Topic.CERTIFICATES,
    "complaint": Topic.COMPLAINTS,
    "call": Topic.CALLS,
    "task": Topic.TASKS,
}
#: Records that change no data another desk shows.
_IGNORED_ACTIONS = {"sign_in", "sign_in_failed", "sign_out"}


class ChangeFeed:
    """Remembers the newest audit record seen; ``poll`` returns what other desks changed since."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        with ctx.db.read() as session:
            self._last_seq = session.scalar(select(func.coalesce(func.max(AuditRecord.seq), 0))) or 0

    def poll(self, limit: int = 500) -> list[Changed]:
        with self._ctx.db.read() as session:
            rows = session.execute(
                select(AuditRecord.seq, AuditRecord.entity, AuditRecord.entity_id, AuditRecord.workstation,
                       AuditRecord.action)
                .where(AuditRecord.seq > self._last_seq)
                .order_by(AuditRecord.seq)
                .limit(limit)
            ).all()
        events: list[Changed] = []
        for seq, entity, entity_id, workstation, action in rows:
            self._last_seq = seq
            topic = ENTITY_TOPICS.get(entity)
            if topic is None or workstation == self._ctx.workstation or action in _IGNORED_ACTIONS:
                continue
            event = Changed(topic, entity_id, remote=True)
            if event not in events:
                events.append(event)
        return events

    def publish_new(self) -> int:
        """Poll and publish on the context's bus; returns how many events went out."""
        events = self.poll()
        for event in events:
            self._ctx.bus.publish(event)
        return len(events)

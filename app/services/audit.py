"""The tamper-evident audit chain: append in the changing transaction, verify on demand.

Each record's HMAC covers its content and the previous record's HMAC, keyed by a secret kept outside the
database (app.settings.audit_key). Editing a record breaks its own HMAC; deleting or reordering breaks
the link to the next; deleting the newest records is caught by the chain's head row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.models.audit import AuditHead, AuditRecord

if TYPE_CHECKING:
    from app.context import Context

SYSTEM_ACTOR = "system"


def _json_default(value: Any) -> str:
    return str(value)


def canonical_changes(changes: dict[str, Any]) -> str:
    return json.dumps(changes, ensure_ascii=False, sort_keys=True, default=_json_default)


def _mac(key: bytes, record: AuditRecord, previous_mac: str) -> str:
    body = json.dumps(
        [
            record.seq,
            record.at.isoformat(),
            record.actor_id,
            record.actor_name,
            record.workstation,
            record.action,
            record.entity,
            record.entity_id,
            record.changes,
            previous_mac,
        ],
        ensure_ascii=False,
    )
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


def append(
    session: Session, ctx: Context, action: str, entity: str, entity_id: int | None, changes: dict[str, Any]
) -> AuditRecord:
    """Append one record. The head row's update serialises concurrent writers on PostgreSQL."""
    seq, previous_mac = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(last_seq=AuditHead.last_seq + 1)
        .returning(AuditHead.last_seq, AuditHead.last_mac)
    ).one()
    actor = ctx.actor
    record = AuditRecord(
        seq=seq,
        at=ctx.clock.now().astimezone(UTC),
        actor_id=actor.user_id if actor else None,
        actor_name=actor.username if actor else SYSTEM_ACTOR,
        workstation=ctx.workstation,
        action=action,
        entity=entity,
        entity_id=entity_id,
        changes=canonical_changes(changes),
    )
    record.mac = _mac(ctx.audit_key, record, previous_mac)
    session.add(record)
    session.flush()
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_mac=record.mac))
    return record


@dataclass(frozen=True)
class AuditProblem:
    seq: int | None
    reason: str


@dataclass(frozen=True)
class VerifyReport:
    records: int
    problems: tuple[AuditProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _records(db: Database, batch: int = 5000) -> Iterator[AuditRecord]:
    last = 0
    while True:
        with db.read() as session:
            rows = session.scalars(
                select(AuditRecord).where(AuditRecord.seq > last).order_by(AuditRecord.seq).limit(batch)
            ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify(db: Database, key: bytes) -> VerifyReport:
    """Walk the whole chain and report every break: edited, deleted, reordered or truncated records."""
    problems: list[AuditProblem] = []
    previous_mac, expected_seq, count = "", 1, 0
    for record in _records(db):
        count += 1
        if record.seq != expected_seq:
            problems.append(AuditProblem(record.seq, f"records {expected_seq}..{record.seq - 1} are missing"))
        if not hmac.compare_digest(_mac(key, record, previous_mac), record.mac):
            problems.append(AuditProblem(record.seq, "content or order does not match its HMAC"))
        previous_mac, expected_seq = record.mac, record.seq + 1
    with db.read() as session:
        head = session.get(AuditHead, 1)
    if head is None or head.last_seq != expected_seq - 1 or head.last_mac != previous_mac:
        problems.append(AuditProblem(None, "the newest records were removed (the chain's head does not match)"))
    return VerifyReport(count, tuple(problems))


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor_name: str
    workstation: str
    action: str
    entity: str
    entity_id: int | None
    changes: dict[str, Any]


def history(db: Database, entity: str, entity_id: int) -> list[AuditEntry]:
    """Every recorded change of one row, oldest first (an appointment's history, a certificate's...)."""
    with db.read() as session:
        rows = session.scalars(
            select(AuditRecord)
            .where(AuditRecord.entity == entity, AuditRecord.entity_id == entity_id)
            .order_by(AuditRecord.seq)
        ).all()
    return [
        AuditEntry(r.seq, r.at, r.actor_name, r.workstation, r.action, r.entity, r.entity_id, json.loads(r.changes))
        for r in rows
    ]

"""An appointment's history as people read it: who did what and when, from the audit log.

The audit log keeps each change as data (ids, times, codes); this module tells it in the active language
with names and clinic times, so the history reads the same however long ago it was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.context import Context
from app.i18n import _, format_datetime, format_time
from app.labels import label
from app.models.scheduling import AppointmentStatus, BookingChannel, CancelReason
from app.models.staff import Doctor
from app.services import audit
from app.services.permissions import Permission, require


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    actor_name: str
    workstation: str
    what: str


def appointment_history(ctx: Context, appointment_id: int) -> list[HistoryLine]:
    """Every recorded change of the appointment, oldest first, described in the active language."""
    require(ctx, Permission.VIEW_SCHEDULE)
    entries = audit.history(ctx.db, "appointment", appointment_id)
    doctor_ids = {int(i) for e in entries for i in _doctor_ids(e.changes)}
    with ctx.db.read() as session:
        doctors = dict(session.execute(select(Doctor.id, Doctor.full_name).where(Doctor.id.in_(doctor_ids))).all())
    zone = ctx.clinic().zone
    return [HistoryLine(e.at, e.actor_name, e.workstation, _describe(e.action, e.changes, doctors, zone))
            for e in entries]


def _doctor_ids(changes: dict[str, Any]) -> list[int]:
    found = [changes.get("doctor_id")]
    found += [part.get("doctor_id") for part in (changes.get("before"), changes.get("after")) if part]
    return [i for i in found if i is not None]


def _when(start: str, end: str, zone: ZoneInfo) -> str:
    begins, ends = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return _("{start}–{end}").format(start=format_datetime(begins, zone), end=format_time(ends, zone))


def _describe(action: str, changes: dict[str, Any], doctors: dict[int, str], zone: ZoneInfo) -> str:
    if action == "book":
        return _("Booked for {when} with {doctor} ({channel})").format(
            when=_when(changes["start_at"], changes["end_at"], zone), doctor=doctors.get(changes["doctor_id"], "?"),
            channel=label(BookingChannel(changes["channel"])))
    if action == "move":
        before, after = changes["before"], changes["after"]
        return _("Moved from {before} ({old_doctor}) to {after} ({new_doctor})").format(
            before=_when(before["start_at"], before["end_at"], zone), old_doctor=doctors.get(before["doctor_id"], "?"),
            after=_when(after["start_at"], after["end_at"], zone), new_doctor=doctors.get(after["doctor_id"], "?"))
    if action == "status":
        text = _("Status changed from “{old}” to “{new}”").format(
            old=label(AppointmentStatus(changes["from"])), new=label(AppointmentStatus(changes["to"])))
        if changes.get("reason"):
            text += " · " + label(CancelReason(changes["reason"]))
        return text
    return action

"""The waiting room: who is waiting, called, with the doctor, done or gone today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, select

from app.context import Context
from app.models.clinic import Room
from app.models.patients import Patient
from app.models.scheduling import WaitingEntry, WaitingStatus
from app.models.staff import Doctor
from app.services.days import day_bounds
from app.services.permissions import Permission, require


@dataclass(frozen=True)
class WaitingRow:
    id: int
    ticket: str
    patient_name: str
    doctor_name: str
    specialty: str
    room_name: str
    status: WaitingStatus
    urgent: bool
    walk_in: bool
    arrived_at: datetime
    called_at: datetime | None
    reason: str


_STATUS_ORDER = case(
    {WaitingStatus.CALLED: 0, WaitingStatus.WAITING: 1, WaitingStatus.IN_CONSULTATION: 2,
     WaitingStatus.DONE: 3, WaitingStatus.LEFT: 4},
    value=WaitingEntry.status,
)


def room_list(ctx: Context, day: date) -> list[WaitingRow]:
    """Today's waiting room: called and waiting first (urgent first, then by arrival), then the rest."""
    require(ctx, Permission.VIEW_WAITING)
    start, end = day_bounds(ctx.clinic().zone, day)
    stmt = (
        select(WaitingEntry, Patient.display_name, Doctor.full_name, Doctor.specialty, Room.name)
        .join(Patient, Patient.id == WaitingEntry.patient_id)
        .outerjoin(Doctor, Doctor.id == WaitingEntry.doctor_id)
        .outerjoin(Room, Room.id == WaitingEntry.room_id)
        .where(WaitingEntry.arrived_at >= start, WaitingEntry.arrived_at < end)
        .order_by(_STATUS_ORDER, WaitingEntry.urgent.desc(), WaitingEntry.arrived_at)
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        WaitingRow(
            id=w.id, ticket=w.ticket, patient_name=patient, doctor_name=doctor or "",
            specialty=specialty or w.specialty, room_name=room or "", status=w.status, urgent=w.urgent,
            walk_in=w.appointment_id is None, arrived_at=w.arrived_at, called_at=w.called_at, reason=w.reason,
        )
        for w, patient, doctor, specialty, room in rows
    ]

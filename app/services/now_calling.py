"""What the waiting room's "now calling" screen shows: who was called to which room, named as the clinic
chose for privacy (a ticket number, or a shortened name such as 김*준, Иванов И., Smith J.), in the
clinic's screen language.

The full name never leaves this module for the screen: shortening is a privacy rule, so it lives here and
not in the window that draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select

from app.context import Context
from app.models.clinic import CallDisplay, Room
from app.models.patients import NameOrder, Patient
from app.models.scheduling import WaitingEntry, WaitingStatus
from app.models.staff import Doctor
from app.services.days import day_bounds, today
from app.services.permissions import Permission, require

#: Calls shown at most; the newest is the one being announced.
SHOWN_CALLS = 6
#: How long a patient who has gone in stays on the screen (so the next one called does not stand alone).
RECENT = timedelta(minutes=10)


@dataclass(frozen=True)
class CallShown:
    entry_id: int
    #: What the screen writes for the patient: the ticket number or the shortened name.
    shown_as: str
    room_name: str
    doctor_name: str
    called_at: datetime
    #: Still being called (not yet with the doctor).
    calling: bool


@dataclass(frozen=True)
class NowCalling:
    """The screen's contents: its language, the clinic's name, and the calls, newest first."""

    locale: str
    mode: CallDisplay
    clinic_name: str
    calls: tuple[CallShown, ...]


def short_name(family: str, given: str, order: NameOrder) -> str:
    """The name as a waiting room may see it: 김*준, 王*英, 李*, Иванов И., Smith J."""
    if order is NameOrder.FAMILY_FIRST_NO_SPACE:
        whole = f"{family}{given}"
        if len(whole) <= 2:
            return whole[:1] + "*"
        return whole[0] + "*" * (len(whole) - 2) + whole[-1]
    family, given = family.strip(), given.strip()
    if not family:
        return f"{given[:1]}." if given else ""
    return f"{family} {given[0]}." if given else family


def now_calling(ctx: Context, limit: int = SHOWN_CALLS) -> NowCalling:
    """Today's calls still being answered, and those who went in during the last few minutes."""
    require(ctx, Permission.VIEW_WAITING)
    clinic = ctx.clinic()
    now = ctx.clock.now()
    start, end = day_bounds(clinic.zone, today(ctx))
    stmt = (
        select(WaitingEntry.id, WaitingEntry.ticket, WaitingEntry.status, WaitingEntry.called_at,
               Patient.family_name, Patient.given_name, Patient.name_order, Room.name, Doctor.full_name)
        .join(Patient, Patient.id == WaitingEntry.patient_id)
        .outerjoin(Room, Room.id == WaitingEntry.room_id)
        .outerjoin(Doctor, Doctor.id == WaitingEntry.doctor_id)
        .where(WaitingEntry.arrived_at >= start, WaitingEntry.arrived_at < end,
               WaitingEntry.called_at.is_not(None),
               or_(WaitingEntry.status == WaitingStatus.CALLED,
                   (WaitingEntry.status.in_((WaitingStatus.IN_CONSULTATION, WaitingStatus.DONE)))
                   & (WaitingEntry.called_at >= now - RECENT)))
        .order_by(WaitingEntry.called_at.desc(), WaitingEntry.id.desc())
        .limit(limit)
    )
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    calls = tuple(
        CallShown(
            entry_id=entry_id,
            shown_as=ticket if clinic.call_display is CallDisplay.TICKET else short_name(family, given, order),
            room_name=room or "", doctor_name=doctor or "", called_at=called_at,
            calling=status is WaitingStatus.CALLED,
        )
        for entry_id, ticket, status, called_at, family, given, order, room, doctor in rows
    )
    return NowCalling(clinic.display_locale, clinic.call_display, clinic.short_name, calls)

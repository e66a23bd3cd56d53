"""Appointments: the day's list (the schedule dock and the printed daily list)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app.context import Context
from app.models.catalog import Service
from app.models.clinic import Room
from app.models.patients import Patient
from app.models.scheduling import Appointment, AppointmentStatus, BookingChannel
from app.models.staff import Doctor
from app.services.days import day_bounds
from app.services.permissions import Permission, require


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    start_at: datetime
    end_at: datetime
    doctor_id: int
    doctor_name: str
    specialty: str
    room_name: str
    patient_id: int
    patient_name: str
    patient_phone: str
    service_name: str
    status: AppointmentStatus
    channel: BookingChannel
    first_visit: bool
    notes: str


def day_list(ctx: Context, day: date, doctor_id: int | None = None) -> list[AppointmentRow]:
    """Every appointment starting on ``day`` (clinic time), by time then doctor."""
    require(ctx, Permission.VIEW_SCHEDULE)
    start, end = day_bounds(ctx.clinic().zone, day)
    stmt = (
        select(Appointment, Doctor, Patient, Service.name, Room.name)
        .join(Doctor, Doctor.id == Appointment.doctor_id)
        .join(Patient, Patient.id == Appointment.patient_id)
        .outerjoin(Service, Service.id == Appointment.service_id)
        .outerjoin(Room, Room.id == Appointment.room_id)
        .where(Appointment.start_at >= start, Appointment.start_at < end)
        .order_by(Appointment.start_at, Doctor.full_name)
    )
    if doctor_id is not None:
        stmt = stmt.where(Appointment.doctor_id == doctor_id)
    with ctx.db.read() as session:
        rows = session.execute(stmt).all()
    return [
        AppointmentRow(
            id=a.id, start_at=a.start_at, end_at=a.end_at, doctor_id=d.id, doctor_name=d.full_name,
            specialty=d.specialty, room_name=room or "", patient_id=p.id, patient_name=p.display_name,
            patient_phone=p.phone, service_name=service or "", status=a.status, channel=a.channel,
            first_visit=a.first_visit, notes=a.notes,
        )
        for a, d, p, service, room in rows
    ]

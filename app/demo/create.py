"""Building the whole demo clinic on an empty, migrated database.

The clinic and its staff go through the services (real password hashes, one audit record each); the
rest (price list, patients, a week of work) is planned in memory from one seeded ``Random`` and written
in a single transaction with bulk inserts, closed by one audit record that summarises the import.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.context import Context
from app.demo import billing, certificates, complaints, desk, names, schedule
from app.demo.bulk import NewPatient, insert_patients
from app.demo.catalog import insert_price_list
from app.demo.moment import demo_now
from app.demo.schedule import Registration, Visit, Week
from app.demo.staff import DEPARTMENTS, DOCTORS, Staff, hire, set_up_clinic
from app.models.clinic import Clinic, Department
from app.models.staff import Doctor
from app.services import audit
from app.services.patients import PatientInput


@dataclass(frozen=True)
class DemoSummary:
    """How much of each thing the demo clinic holds."""

    users: int
    doctors: int
    rooms: int
    departments: int
    services: int
    patients: int
    working_hours: int
    appointments: int
    waiting_entries: int
    shifts: int
    invoices: int
    payments: int
    refunds: int
    certificates: int
    complaints: int
    calls: int
    tasks: int


def create_demo(ctx: Context, today: date, *, patients: int = 3000, seed: int = 2026) -> DemoSummary:
    """Fill the empty database behind ``ctx`` with the demo clinic, its week centred on ``today``.

    The same seed, day and clock give the same clinic. ``ctx`` is left signed in as the administrator.
    """
    set_up_clinic(ctx)
    staff = hire(ctx)
    zone = ctx.clinic().zone
    week = Week(today, zone, demo_now(ctx.clock.now(), today, zone))
    rng = random.Random(seed)
    with ctx.db.write() as session:
        summary = _fill(session, rng, week, staff, names.patients(rng, patients, today))
        clinic_id = session.scalar(select(Clinic.id))
        audit.append(session, ctx, "demo_import", "clinic", clinic_id, {"seed": seed, **asdict(summary)})
    return summary


def _departments(session: Session, staff: Staff) -> int:
    ids = list(session.scalars(insert(Department).returning(Department.id, sort_by_parameter_order=True),
                               [{"name": name, "active": True} for name in DEPARTMENTS]))
    for doctor_id, plan in zip(staff.doctors, DOCTORS, strict=True):
        session.execute(update(Doctor).where(Doctor.id == doctor_id).values(department_id=ids[plan.department]))
    return len(ids)


def _registered(people: list[PatientInput], registrations: list[Registration]) -> list[NewPatient]:
    return [NewPatient(person, r.created_at, r.first_visit_on)
            for person, r in zip(people, registrations, strict=True)]


def _fill(session: Session, rng: random.Random, week: Week, staff: Staff, people: list[PatientInput]) -> DemoSummary:
    departments = _departments(session, staff)
    services = insert_price_list(session)
    working_hours = schedule.insert_working_hours(session, staff)
    visits: list[Visit] = schedule.plan_week(rng, week, people, services)
    registrations = schedule.register(rng, week, people, visits)
    patient_ids = insert_patients(session, _registered(people, registrations))
    schedule.insert_visits(session, staff, patient_ids, visits)
    waiting = schedule.waiting_room(rng, week, staff, people, patient_ids, visits)
    schedule.insert_waiting(session, waiting)
    till = billing.plan_till(rng, week, visits, people, patient_ids, services)
    payments = billing.insert_till(session, week, till, staff.users)
    issued = certificates.insert_certificates(session, rng, week, visits, people, patient_ids, staff)
    logged = complaints.insert_complaints(session, rng, week, people, patient_ids, staff)
    calls = desk.insert_calls(session, rng, week, visits, people, patient_ids, staff)
    tasks = desk.insert_tasks(session, week, people, patient_ids, staff)
    return DemoSummary(
        users=len(staff.users), doctors=len(staff.doctors), rooms=len(staff.rooms), departments=departments,
        services=len(services), patients=len(patient_ids), working_hours=working_hours, appointments=len(visits),
        waiting_entries=len(waiting), shifts=len(till.shifts), invoices=len(till.bills), payments=payments,
        refunds=len(till.refunds), certificates=issued, complaints=logged, calls=calls, tasks=tasks,
    )


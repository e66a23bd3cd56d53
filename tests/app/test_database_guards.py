"""What the database refuses by itself, whatever a service checked: a double-booked doctor, audit edits."""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.models.scheduling import Appointment, AppointmentStatus
from tests import builders
from tests.conftest import NOW


def _appointment(ctx, doctor_id, patient_id, start_minutes, length, status=AppointmentStatus.BOOKED):
    start = NOW + timedelta(days=1, minutes=start_minutes)
    with ctx.db.write() as session:
        session.add(Appointment(doctor_id=doctor_id, patient_id=patient_id, start_at=start,
                                end_at=start + timedelta(minutes=length), status=status, created_at=NOW,
                                updated_at=NOW))


@pytest.fixture
def doctor_and_patient(ctx):
    return builders.add_doctor(ctx), builders.add_patient(ctx, "김", "민준").id


def test_overlapping_active_appointments_are_refused(ctx, doctor_and_patient):
    doctor, patient = doctor_and_patient
    _appointment(ctx, doctor, patient, 0, 30)
    with pytest.raises(IntegrityError):
        _appointment(ctx, doctor, patient, 15, 30)
    with pytest.raises(IntegrityError):
        _appointment(ctx, doctor, patient, -10, 200)


def test_touching_appointments_and_other_doctors_are_allowed(ctx, doctor_and_patient):
    doctor, patient = doctor_and_patient
    other = builders.add_doctor(ctx, "Dr. Park", "Dermatology")
    _appointment(ctx, doctor, patient, 0, 30)
    _appointment(ctx, doctor, patient, 30, 30)
    _appointment(ctx, doctor, patient, -30, 30)
    _appointment(ctx, other, patient, 0, 30)


def test_cancelled_and_no_show_appointments_free_their_time(ctx, doctor_and_patient):
    doctor, patient = doctor_and_patient
    _appointment(ctx, doctor, patient, 0, 30, AppointmentStatus.CANCELLED)
    _appointment(ctx, doctor, patient, 0, 30, AppointmentStatus.NO_SHOW)
    _appointment(ctx, doctor, patient, 0, 30)


def test_moving_onto_another_appointment_is_refused(ctx, doctor_and_patient):
    doctor, patient = doctor_and_patient
    _appointment(ctx, doctor, patient, 0, 30)
    _appointment(ctx, doctor, patient, 60, 30)
    with pytest.raises(IntegrityError), ctx.db.write() as session:
        session.execute(text("UPDATE appointment SET start_at = (SELECT start_at FROM appointment ORDER BY id "
                             "LIMIT 1) WHERE id = (SELECT max(id) FROM appointment)"))


def test_audit_log_is_append_only(ctx):
    with pytest.raises(DBAPIError), ctx.db.write() as session:
        session.execute(text("UPDATE audit_log SET action = 'nothing' WHERE seq = 1"))
    with pytest.raises(DBAPIError), ctx.db.write() as session:
        session.execute(text("DELETE FROM audit_log WHERE seq = 1"))

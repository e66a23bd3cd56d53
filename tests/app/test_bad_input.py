"""Every service rejects wrong input with a translated DomainError and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import DomainError, InvalidInput, NotFound
from app.models.audit import AuditRecord
from app.models.patients import Patient
from app.services import clinic, patients, staff
from app.services.clinic import ClinicDetails
from app.services.patients import PatientInput


def _counts(ctx) -> tuple[int, int]:
    with ctx.db.read() as session:
        return (session.scalar(select(func.count()).select_from(Patient)),
                session.scalar(select(func.count()).select_from(AuditRecord)))


def _assert_refused(ctx, call, error_type: type[DomainError] = InvalidInput) -> DomainError:
    before = _counts(ctx)
    with pytest.raises(error_type) as caught:
        call()
    assert _counts(ctx) == before
    error = caught.value
    assert error.message("en")
    assert "{" not in error.message("en")
    for locale in ("ko", "ru", "ro", "zh_CN"):
        assert error.message(locale) != error.message("en"), f"{error.message_id!r} is not translated to {locale}"
    return error


TOMORROW = date(2026, 11, 24)


@pytest.mark.parametrize(
    "data",
    [
        PatientInput(family_name=""),
        PatientInput(family_name="   "),
        PatientInput(family_name="x" * 81),
        PatientInput(family_name="Kim\x00"),
        PatientInput(family_name="Kim", given_name="Min\x1bjun"),
        PatientInput(family_name="Kim", birth_date=TOMORROW),
        PatientInput(family_name="Kim", birth_date=date(1850, 1, 1)),
        PatientInput(family_name="Kim", phone="call me"),
        PatientInput(family_name="Kim", email="not-an-address"),
        PatientInput(family_name="Kim", preferred_locale="de"),
        PatientInput(family_name="Kim", notes="n" * 4001),
    ],
)
def test_patient_bad_input(ctx, data):
    _assert_refused(ctx, lambda: patients.create(ctx, data))


def test_unknown_patient(ctx):
    _assert_refused(ctx, lambda: patients.update(ctx, 999_999, PatientInput(family_name="Kim")), NotFound)


def test_deleted_patient_cannot_be_changed(ctx):
    patient = patients.create(ctx, PatientInput(family_name="Kim", given_name="Minjun"))
    patients.delete_patient(ctx, patient.id)
    _assert_refused(ctx, lambda: patients.update(ctx, patient.id, PatientInput(family_name="Lee")), NotFound)
    assert patients.search(ctx, "minjun") == []


def test_field_name_is_translated_in_the_message(ctx):
    error = _assert_refused(ctx, lambda: patients.create(ctx, PatientInput(family_name="")))
    assert "Family name" in error.message("en")


def _details(**changes) -> ClinicDetails:
    base = dict(legal_name="Clinic", short_name="C", address="", tax_id="", phone="", email="", currency="KRW",
                default_locale="ko", time_zone="Asia/Seoul")
    base.update(changes)
    return ClinicDetails(**base)


@pytest.mark.parametrize(
    "details",
    [_details(currency="XYZ"), _details(currency="KRWW"), _details(time_zone="Mars/Olympus"),
     _details(default_locale="fr"), _details(legal_name=""), _details(slot_minutes=7), _details(phone="abc")],
)
def test_clinic_profile_bad_input(ctx, details):
    _assert_refused(ctx, lambda: clinic.update(ctx, details))


def test_staff_bad_input(ctx):
    _assert_refused(ctx, lambda: staff.create_user(ctx, "", "Name", "long-enough-1", {staff.Role.CASHIER}))
    _assert_refused(ctx, lambda: staff.create_user(ctx, "anna", "Anna", "short", {staff.Role.CASHIER}))
    _assert_refused(ctx, lambda: staff.create_user(ctx, "anna", "Anna", "long-enough-1", set()))
    _assert_refused(ctx, lambda: staff.create_doctor(ctx, "Dr. X", "", room_id=None))
    _assert_refused(ctx, lambda: staff.create_doctor(ctx, "Dr. X", "GP", room_id=12345), NotFound)


def test_birth_date_today_is_fine(ctx):
    today = date(2026, 11, 23)
    assert patients.create(ctx, PatientInput(family_name="Baby", birth_date=today)).birth_date == today
    assert patients.create(ctx, PatientInput(family_name="Old", birth_date=today - timedelta(days=365 * 100)))

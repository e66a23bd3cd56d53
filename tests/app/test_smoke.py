from app.services import patients
from tests import builders


def test_patient_found_by_given_name(ctx):
    builders.add_patient(ctx, "김", "민준", phone="010-1234-5678")
    assert [p.display_name for p in patients.search(ctx, "민준")] == ["김민준"]

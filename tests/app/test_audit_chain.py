"""The audit chain detects an edited, deleted, reordered or truncated record, as an attacker with
database access would leave it (the append-only guard dropped first)."""

import json

import pytest
from sqlalchemy import text

from app.services import audit
from tests import builders


def _disable_guard(session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
    else:
        session.execute(text("DROP TRIGGER audit_log_no_update"))
        session.execute(text("DROP TRIGGER audit_log_no_delete"))


@pytest.fixture
def busy_ctx(ctx):
    for family, given in [("김", "민준"), ("王", "秀英"), ("Иванов", "Иван"), ("Popescu", "Ion")]:
        builders.add_patient(ctx, family, given)
    assert audit.verify(ctx.db, ctx.audit_key).ok
    return ctx


def _tamper(ctx, *statements: str) -> None:
    with ctx.db.write() as session:
        _disable_guard(session)
        for statement in statements:
            session.execute(text(statement))


def test_intact_chain_verifies(busy_ctx):
    report = audit.verify(busy_ctx.db, busy_ctx.audit_key)
    assert report.ok
    assert report.records >= 6


def test_edited_record_is_detected(busy_ctx):
    _tamper(busy_ctx, "UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 3")
    report = audit.verify(busy_ctx.db, busy_ctx.audit_key)
    assert not report.ok
    assert [p.seq for p in report.problems] == [3]


def test_edited_changes_are_detected(busy_ctx):
    _tamper(busy_ctx, "UPDATE audit_log SET changes = '{}' WHERE seq = 4")
    assert [p.seq for p in audit.verify(busy_ctx.db, busy_ctx.audit_key).problems] == [4]


def test_deleted_record_is_detected(busy_ctx):
    _tamper(busy_ctx, "DELETE FROM audit_log WHERE seq = 2")
    report = audit.verify(busy_ctx.db, busy_ctx.audit_key)
    assert not report.ok
    assert report.problems[0].seq == 3


def test_deleted_newest_record_is_detected(busy_ctx):
    _tamper(busy_ctx, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    report = audit.verify(busy_ctx.db, busy_ctx.audit_key)
    assert not report.ok
    assert report.problems[-1].seq is None


def test_reordered_records_are_detected(busy_ctx):
    swap = (
        "UPDATE audit_log SET seq = CASE seq WHEN 3 THEN -4 WHEN 4 THEN -3 END WHERE seq IN (3, 4)",
        "UPDATE audit_log SET seq = -seq WHERE seq < 0",
    )
    _tamper(busy_ctx, *swap)
    assert not audit.verify(busy_ctx.db, busy_ctx.audit_key).ok


def test_a_different_key_fails_everything(busy_ctx):
    assert not audit.verify(busy_ctx.db, b"another key").ok


def test_history_lists_one_rows_changes(busy_ctx):
    from app.services import patients
    from app.services.patients import PatientInput

    patient = builders.add_patient(busy_ctx, "Smith", "John")
    patients.update(busy_ctx, patient.id, PatientInput(family_name="Smith", given_name="Jonathan"))
    entries = audit.history(busy_ctx.db, "patient", patient.id)
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["given_name"] == ["John", "Jonathan"]
    assert entries[1].actor_name == "admin"
    assert entries[1].workstation == "desk-1"
    assert json.dumps(entries[0].changes)

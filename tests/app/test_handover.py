"""Tasks and the shift handover on both databases: urgent items cannot be left behind, and they reach
the next shift (or the named colleague) first at sign-in."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.context import Context
from app.errors import Conflict, DomainError, InvalidInput
from app.models.audit import AuditRecord
from app.models.calls import DeskShift, Handover, Task, TaskPriority, TaskStatus, WorkKind
from app.models.staff import Role
from app.services import auth, handover, scheduling, tasks, working_time
from app.services.handover import HandoverInput
from app.services.scheduling import BookingRequest
from app.services.tasks import TaskInput
from app.services.working_time import TemplateSlot
from tests import builders

SEOUL = ZoneInfo("Asia/Seoul")
TOMORROW = date(2026, 11, 24)


def counts(ctx: Context) -> tuple[int, ...]:
    with ctx.db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(t))
                     for t in (Task, Handover, DeskShift, AuditRecord))


@pytest.fixture
def desk(ctx: Context):
    builders.add_user(ctx, "reception", Role.RECEPTIONIST, password="reception-pass-1")
    builders.add_user(ctx, "evening", Role.RECEPTIONIST, password="evening-pass-1")
    doctor = builders.add_doctor(ctx)
    working_time.set_template(ctx, doctor, [TemplateSlot(d, time(9), time(18)) for d in range(7)])
    patient = builders.add_patient(ctx, "Popescu", "Ion", phone="0722 123 456").id
    auth.sign_in(ctx, "reception", "reception-pass-1")
    return ctx, doctor, patient


def test_tasks_are_added_and_closed_with_a_note(desk):
    ctx, _doctor, patient = desk
    row = tasks.add(ctx, TaskInput("Send the lab results", "By e-mail", TaskPriority.HIGH,
                                   ctx.clock.now() + timedelta(hours=3), assigned_role=Role.RECEPTIONIST,
                                   patient_id=patient))
    assert (row.title, row.priority, row.patient_name, row.assigned_role) == (
        "Send the lab results", TaskPriority.HIGH, "Ion Popescu", Role.RECEPTIONIST)
    assert [t.id for t in tasks.mine(ctx)] == [row.id]
    before = counts(ctx)
    with pytest.raises(InvalidInput) as caught:
        tasks.close(ctx, row.id, TaskStatus.NOT_DONE, "  ")
    assert "Note" in caught.value.message()
    assert counts(ctx) == before
    tasks.close(ctx, row.id, TaskStatus.NOT_DONE, "The patient's e-mail bounces")
    with ctx.db.read() as session:
        stored = session.get(Task, row.id)
        assert (stored.status, stored.result_note) == (TaskStatus.NOT_DONE, "The patient's e-mail bounces")
    assert tasks.mine(ctx) == []


@pytest.mark.parametrize(("data", "part"), [
    (TaskInput(""), "Task must not be empty"),
    (TaskInput("Call the lab", due_at=datetime(2026, 11, 22, tzinfo=SEOUL)), "Deadline has already passed"),
    (TaskInput("Call the lab", assigned_user_id=1, assigned_role=Role.CASHIER), "not both"),
])
def test_bad_tasks_are_refused(desk, data, part):
    ctx = desk[0]
    before = counts(ctx)
    with pytest.raises(DomainError) as caught:
        tasks.add(ctx, data)
    assert part in caught.value.message()
    assert counts(ctx) == before


def test_closing_a_shift_needs_urgent_items_handed_over(desk):
    ctx, doctor, patient = desk
    scheduling.book(ctx, BookingRequest(patient, doctor, datetime.combine(TOMORROW, time(10), SEOUL), 30))
    urgent = tasks.add(ctx, TaskInput("Call the insurer back", priority=TaskPriority.URGENT))
    calm = tasks.add(ctx, TaskInput("Order printer paper", priority=TaskPriority.LOW))
    left = handover.unfinished(ctx)
    assert [t.id for t in left.urgent_tasks()] == [urgent.id]
    assert {t.id for t in left.tasks} == {urgent.id, calm.id}
    [reminder] = left.urgent_items()
    assert reminder.kind is WorkKind.REMINDER

    before = counts(ctx)
    with pytest.raises(Conflict) as caught:
        handover.close_shift(ctx, [HandoverInput("Insurer expects our call", task_id=urgent.id)])
    assert "Urgent items not handed over: 1" in caught.value.message()
    with pytest.raises(InvalidInput):
        handover.close_shift(ctx, [HandoverInput("", task_id=urgent.id), HandoverInput("x", item=reminder)])
    assert counts(ctx) == before

    evening = next(c.id for c in handover.colleagues(ctx) if c.name == "Evening")
    closed = handover.close_shift(ctx, [
        HandoverInput("Insurer expects our call", task_id=urgent.id),
        HandoverInput("Not reached at 17:00, try after 19:00", to_user_id=evening, item=reminder)])
    assert closed.handed_over == 2
    assert closed.opened_at == datetime(2026, 11, 23, 0, tzinfo=SEOUL)  # the clinic day began at midnight Seoul

    # The admin (another person) signs in next: sees the next-shift item, not the one for Evening.
    auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
    [for_anyone] = handover.pending(ctx)
    assert (for_anyone.task_title, for_anyone.note, for_anyone.from_name) == (
        "Call the insurer back", "Insurer expects our call", "Reception")
    auth.sign_in(ctx, "evening", "evening-pass-1")
    pending = handover.pending(ctx)
    assert [(h.work_kind, h.patient_name, h.to_name) for h in pending] == [
        (None, "", ""), (WorkKind.REMINDER, "Ion Popescu", "Evening")]
    handover.acknowledge(ctx, [h.id for h in pending])
    assert handover.pending(ctx) == []
    auth.sign_in(ctx, "admin", builders.ADMIN_PASSWORD)
    assert handover.pending(ctx) == []  # the next shift's item was taken by Evening


def test_the_next_shift_starts_where_the_last_one_closed(desk):
    ctx = desk[0]
    first = handover.close_shift(ctx, [])
    ctx.clock.advance(timedelta(hours=2))
    assert handover.shift_start(ctx) == first.closed_at
    second = handover.close_shift(ctx, [])
    assert (second.opened_at, second.closed_at) == (first.closed_at, first.closed_at + timedelta(hours=2))

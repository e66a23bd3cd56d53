"""The "now calling" screen's contents and the waiting room's settings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.errors import InvalidInput, PermissionDenied
from app.models.audit import AuditRecord
from app.models.clinic import CallDisplay
from app.models.patients import NameOrder
from app.models.staff import Role
from app.services import auth, clinic, now_calling, staff, waiting
from app.services.clinic import WaitingRoomSettings
from app.services.now_calling import short_name
from tests import builders


@pytest.mark.parametrize(("family", "given", "order", "shown"), [
    ("김", "민준", NameOrder.FAMILY_FIRST_NO_SPACE, "김*준"),
    ("王", "秀英", NameOrder.FAMILY_FIRST_NO_SPACE, "王*英"),
    ("李", "伟", NameOrder.FAMILY_FIRST_NO_SPACE, "李*"),
    ("남궁", "민수", NameOrder.FAMILY_FIRST_NO_SPACE, "남**수"),
    ("Иванов", "Иван", NameOrder.FAMILY_FIRST, "Иванов И."),
    ("Smith", "John", NameOrder.GIVEN_FIRST, "Smith J."),
    ("Ștefănescu", "", NameOrder.GIVEN_FIRST, "Ștefănescu"),
])
def test_short_names_hide_enough(family, given, order, shown):
    assert short_name(family, given, order) == shown


def test_the_screen_shows_the_latest_calls_as_the_clinic_chose(ctx):
    room = staff.create_room(ctx, "101")
    lee = staff.create_doctor(ctx, "Dr. Lee", "Family medicine", room_id=room).id
    kim = builders.add_patient(ctx, "김", "민준").id
    ivanov = builders.add_patient(ctx, "Иванов", "Иван").id
    first = waiting.walk_in(ctx, kim, doctor_id=lee)
    second = waiting.walk_in(ctx, ivanov, doctor_id=lee)
    assert now_calling.now_calling(ctx).calls == ()

    waiting.call_next(ctx, lee)
    ctx.clock.advance(timedelta(minutes=1))
    waiting.start_consultation(ctx, first.id)
    waiting.call_next(ctx, lee)
    screen = now_calling.now_calling(ctx)
    assert (screen.locale, screen.mode) == ("ko", CallDisplay.TICKET)
    assert [(c.shown_as, c.room_name, c.calling) for c in screen.calls] == [("002", "101", True),
                                                                           ("001", "101", False)]
    clinic.update_waiting_room(ctx, WaitingRoomSettings(25, CallDisplay.SHORT_NAME, "ru"))
    screen = now_calling.now_calling(ctx)
    assert screen.locale == "ru"
    assert [c.shown_as for c in screen.calls] == ["Иванов И.", "김*준"]
    assert all("민준" not in c.shown_as for c in screen.calls)

    ctx.clock.advance(now_calling.RECENT)
    waiting.send_back(ctx, second.id)
    assert now_calling.now_calling(ctx).calls == ()


def test_waiting_room_settings_are_checked_audited_and_need_the_right_role(ctx):
    def audit_count() -> int:
        with ctx.db.read() as session:
            return session.scalar(select(func.count()).select_from(AuditRecord))

    before = audit_count()
    with pytest.raises(InvalidInput) as caught:
        clinic.update_waiting_room(ctx, WaitingRoomSettings(0, CallDisplay.TICKET, "ko"))
    assert "Waiting warning" in caught.value.message()
    with pytest.raises(InvalidInput):
        clinic.update_waiting_room(ctx, WaitingRoomSettings(20, CallDisplay.TICKET, "xx"))
    assert audit_count() == before
    profile = clinic.update_waiting_room(ctx, WaitingRoomSettings(35, CallDisplay.SHORT_NAME, "zh_CN"))
    assert (profile.wait_warning_minutes, profile.call_display, profile.display_locale) == (
        35, CallDisplay.SHORT_NAME, "zh_CN")
    assert ctx.clinic().call_display is CallDisplay.SHORT_NAME
    assert audit_count() == before + 1

    builders.add_user(ctx, "desk", Role.RECEPTIONIST, password="staff-password-1")
    auth.sign_in(ctx, "desk", "staff-password-1")
    with pytest.raises(PermissionDenied):
        clinic.update_waiting_room(ctx, WaitingRoomSettings(20, CallDisplay.TICKET, "ko"))

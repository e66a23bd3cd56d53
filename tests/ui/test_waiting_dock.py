"""The waiting dock as the front desk uses it: a walk-in joins the queue, "Call next" calls the first
patient and the "now calling" screen shows it, a cancellation offers its slot to the waitlist and "Book"
takes it; refused input shows the translated reason and writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import func, select

from app.context import Context
from app.models.audit import AuditRecord
from app.models.clinic import CallDisplay
from app.models.scheduling import AppointmentStatus, CancelReason, WaitingStatus, WaitlistRequest
from app.services import clinic, patients, scheduling, waiting, waitlist
from app.services.clinic import WaitingRoomSettings
from app.services.scheduling import BookingRequest
from app.services.waitlist import WaitlistInput
from tests.ui import clinic_data
from tests.ui.conftest import OpenWindow
from ui import qt_i18n
from ui.dialogs.waitlist_request import WaitlistRequestDialog
from ui.dialogs.walk_in import WalkInDialog
from ui.display.now_calling import NowCallingWindow
from ui.docks.waiting import WaitingDock
from ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)\(\)")
TOMORROW = clinic_data.TODAY + timedelta(days=1)


def _audit_count(ctx: Context) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditRecord))


def _dock(qtbot, window: MainWindow) -> WaitingDock:
    dock = window.docks["waiting_dock"]
    assert isinstance(dock, WaitingDock)
    qtbot.waitUntil(lambda: dock.model.rowCount() == 6)
    return dock


def _in_dialog(act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the modal dialog the next action opens (as the user would fill it in); a dialog that
    refused its input is closed so that the test fails instead of waiting forever."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        act(dialog)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, run)


def test_walk_in_joins_the_chosen_doctors_queue(qtbot, open_window: OpenWindow, sqlite_ctx: Context,
                                               clinic_day: clinic_data.ClinicDay):
    window = open_window()
    dock = _dock(qtbot, window)
    newcomer = patients.get(sqlite_ctx, clinic_day.patients[5])
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, WalkInDialog)
        seen["doctor"] = dialog.doctor.currentText()
        dialog.picker.set_patient(newcomer)
        dialog.reason.setText("Sore throat")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    dock.choose_doctor(clinic_day.doctors[2])
    _in_dialog(fill)
    dock.walk_in_action.trigger()
    assert seen["doctor"] == "Dr. Chen Wei (Pediatrics)"
    row = next(r for r in waiting.room_list(sqlite_ctx, clinic_data.TODAY) if r.patient_id == newcomer.id)
    assert (row.doctor_name, row.reason, row.walk_in, row.status) == ("Dr. Chen Wei", "Sore throat", True,
                                                                      WaitingStatus.WAITING)
    assert dock.selected() is not None
    assert dock.selected().id == row.id


def test_the_same_patient_twice_is_refused_in_the_dialog_and_nothing_is_written(qtbot, sqlite_ctx: Context,
                                                                                clinic_day: clinic_data.ClinicDay):
    qt_i18n.switch_language("ru")
    dialog = WalkInDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.error.text() == "Сначала найдите пациента или зарегистрируйте нового."
    before = (len(waiting.room_list(sqlite_ctx, clinic_data.TODAY)), _audit_count(sqlite_ctx))
    dialog.picker.set_patient(patients.get(sqlite_ctx, clinic_day.patients[0]))  # already in the waiting room
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.error.text() == "Этот пациент уже в очереди."
    assert (len(waiting.room_list(sqlite_ctx, clinic_data.TODAY)), _audit_count(sqlite_ctx)) == before
    dialog.reject()


def test_call_next_with_f9_and_the_screen_shows_it_within_a_second(qtbot, open_window: OpenWindow,
                                                                   sqlite_ctx: Context,
                                                                   clinic_day: clinic_data.ClinicDay):
    clinic.update_waiting_room(sqlite_ctx, WaitingRoomSettings(20, CallDisplay.SHORT_NAME, "ru"))
    window = open_window()
    dock = _dock(qtbot, window)
    screen = NowCallingWindow(sqlite_ctx)
    qtbot.addWidget(screen)
    window.bridge.changed.connect(screen.on_changed)
    screen.resize(800, 450)
    screen.show()
    before = screen.lines()
    assert before == ["Kuznetsov P.  →  Кабинет 102", "김*준  →  Кабинет 101"]

    dock.choose_doctor(clinic_day.doctors[0])
    assert [r.patient_name for r in dock.model.rows() if r.still_waiting] == ["王秀英", "Мария Иванова"]
    sqlite_ctx.clock.advance(timedelta(minutes=1))
    qtbot.keyClick(window, Qt.Key.Key_F9)
    called = next(r for r in waiting.room_list(sqlite_ctx, clinic_data.TODAY) if r.patient_name == "王秀英")
    assert called.status is WaitingStatus.CALLED
    assert dock.selected().id == called.id
    qtbot.waitUntil(lambda: screen.lines() != before, timeout=1000)
    assert screen.lines()[0] == "王*英  →  Кабинет 101"
    assert screen.grab().toImage().pixelColor(5, 5).name() == "#0d2a4a"

    dock.start_action.trigger()
    assert next(r for r in waiting.room_list(sqlite_ctx, clinic_data.TODAY)
                if r.id == called.id).status is WaitingStatus.IN_CONSULTATION
    dock.finish_action.trigger()
    assert next(r for r in waiting.room_list(sqlite_ctx, clinic_data.TODAY)
                if r.id == called.id).status is WaitingStatus.DONE


def test_calling_from_an_empty_queue_says_so_and_writes_nothing(qtbot, open_window: OpenWindow,
                                                               sqlite_ctx: Context,
                                                               clinic_day: clinic_data.ClinicDay,
                                                               monkeypatch: pytest.MonkeyPatch):
    window = open_window()
    dock = _dock(qtbot, window)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    for _ in range(2):  # Dr. Chen Wei's one waiting patient, then nobody
        dock.choose_doctor(clinic_day.doctors[2])
        qtbot.keyClick(window, Qt.Key.Key_F9)
        dock.start_action.trigger()
    assert shown == ["No one is waiting for Dr. Chen Wei."]
    statuses = [r.status for r in waiting.room_list(sqlite_ctx, clinic_data.TODAY) if r.doctor_name == "Dr. Chen Wei"]
    assert statuses == [WaitingStatus.IN_CONSULTATION]


def test_a_cancelled_slot_is_booked_from_the_waitlist_in_one_action(qtbot, open_window: OpenWindow,
                                                                   sqlite_ctx: Context,
                                                                   clinic_day: clinic_data.ClinicDay):
    lee = clinic_day.doctors[0]
    request = waitlist.add_request(sqlite_ctx, WaitlistInput(clinic_day.patients[5], clinic_data.TODAY, TOMORROW,
                                                             doctor_id=lee, contact="010-4567-8901"))
    other = waitlist.add_request(sqlite_ctx, WaitlistInput(clinic_day.patients[6], clinic_data.TODAY, TOMORROW,
                                                           specialty="가정의학과"))
    window = open_window()
    dock = _dock(qtbot, window)
    panel = dock.waitlist
    assert [r.id for r in panel.requests.rows()][-2:] == [request.id, other.id]
    # The day's data already freed Dr. Petrova's 11:00 today, and a Romanian patient waits for it.
    assert [(s.doctor_name, s.start_at) for s in panel.slots.rows()] == [("Dr. Anna Petrova", clinic_data.at(11))]
    assert [r.patient_name for r in panel.matches.rows()] == ["Ion Popescu"]
    slot = clinic_data.at(11, 30, TOMORROW)
    appointment = scheduling.book(sqlite_ctx, BookingRequest(clinic_day.patients[4], lee, slot, 30)).appointment
    scheduling.set_status(sqlite_ctx, appointment.id, AppointmentStatus.CANCELLED, CancelReason.BY_PATIENT)
    qtbot.waitUntil(lambda: panel.slots.rowCount() == 2)
    assert "slot freed" in dock.tabs.tabText(1)
    panel.slot_table.view.selectRow(1)
    assert panel.selected_slot().start_at == slot
    assert [r.id for r in panel.matches.rows()] == [request.id, other.id]  # the doctor's own request first
    dock.tabs.setCurrentIndex(1)
    panel.book_button.click()
    booked = [a for a in scheduling.day_list(sqlite_ctx, TOMORROW)
              if a.status is AppointmentStatus.BOOKED and a.start_at == slot]
    assert [a.patient_id for a in booked] == [clinic_day.patients[5]]
    with sqlite_ctx.db.read() as session:
        assert session.get(WaitlistRequest, request.id).appointment_id == booked[0].id
    assert [s.start_at for s in panel.slots.rows()] == [clinic_data.at(11)]
    assert "010-4567-8901" in panel.booked.text()
    qtbot.waitUntil(lambda: request.id not in [r.id for r in panel.requests.rows()])
    assert other.id in [r.id for r in panel.requests.rows()]


def test_a_waitlist_request_ending_before_it_starts_is_refused(qtbot, sqlite_ctx: Context,
                                                              clinic_day: clinic_data.ClinicDay):
    qt_i18n.switch_language("ko")
    dialog = WaitlistRequestDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.picker.set_patient(patients.get(sqlite_ctx, clinic_day.patients[0]))
    dialog.earliest.setDate(dialog.earliest.date().addDays(5))
    dialog.latest.setDate(dialog.earliest.date().addDays(-2))
    before = (len(waitlist.open_requests(sqlite_ctx)), _audit_count(sqlite_ctx))
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.error.text() == "‘희망 종료일’ 항목이 희망 시작일보다 이전입니다."
    assert (len(waitlist.open_requests(sqlite_ctx)), _audit_count(sqlite_ctx)) == before
    dialog.reject()


@pytest.mark.parametrize(("screen_locale", "room"), [("ko", "진료실: 102"), ("ru", "Кабинет 102")])
def test_the_screen_speaks_the_clinics_language_whatever_the_desks(qtbot, sqlite_ctx: Context, artifacts_dir,
                                                                   clinic_day: clinic_data.ClinicDay,
                                                                   screen_locale: str, room: str):
    """The desk works in English; the waiting room reads Korean or Russian. Screenshots for a person to look at."""
    clinic.update_waiting_room(sqlite_ctx, WaitingRoomSettings(20, CallDisplay.SHORT_NAME, screen_locale))
    screen = NowCallingWindow(sqlite_ctx)
    qtbot.addWidget(screen)
    screen.resize(1280, 720)
    screen.show()
    assert screen.lines()[0] == f"Kuznetsov P.  →  {room}"
    assert screen.windowTitle() == {"ko": "지금 호출 중", "ru": "Приглашаются"}[screen_locale]
    folder = artifacts_dir / "screenshots"
    folder.mkdir(exist_ok=True)
    assert screen.grab().save(str(folder / f"now-calling-{screen_locale}.png"))
    screen.close()

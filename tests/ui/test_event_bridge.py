"""The bridge: bus events reach the GUI thread as a Qt signal, and other workstations' changes arrive too."""

from __future__ import annotations

import threading

import pytest

from app.context import Context
from app.events import Changed, Topic
from app.services import auth
from tests import builders
from ui.event_bridge import EventBridge
from ui.widgets.idle import IdleWatch


def test_events_from_any_thread_arrive_in_the_gui_thread(qtbot, sqlite_ctx: Context):
    bridge = EventBridge(sqlite_ctx, poll=False)
    received: list[tuple[Changed, bool]] = []
    in_gui_thread = threading.current_thread
    bridge.changed.connect(lambda event: received.append((event, in_gui_thread() is threading.main_thread())))
    worker = threading.Thread(target=lambda: sqlite_ctx.bus.publish(Changed(Topic.PAYMENTS, 7)))
    with qtbot.waitSignal(bridge.changed):
        worker.start()
        worker.join()
    assert received == [(Changed(Topic.PAYMENTS, 7), True)]
    bridge.close()
    sqlite_ctx.bus.publish(Changed(Topic.PAYMENTS, 8))
    qtbot.wait(20)
    assert len(received) == 1  # closed: no longer listening


def test_another_workstations_change_arrives_through_the_feed(qtbot, sqlite_ctx: Context):
    bridge = EventBridge(sqlite_ctx)
    other = Context(db=sqlite_ctx.db, audit_key=sqlite_ctx.audit_key, workstation="desk-2", clock=sqlite_ctx.clock)
    auth.sign_in(other, "admin", builders.ADMIN_PASSWORD)
    with qtbot.waitSignal(bridge.changed, timeout=3000,
                          check_params_cb=lambda event: event.topic is Topic.PATIENTS) as blocker:
        builders.add_patient(other, "Popescu", "Ana")
    assert blocker.args[0].remote
    bridge.close()


def test_a_clinic_change_refreshes_the_cached_profile(qtbot, sqlite_ctx: Context):
    bridge = EventBridge(sqlite_ctx, poll=False)
    sqlite_ctx.clinic()
    with qtbot.waitSignal(bridge.changed):
        sqlite_ctx.bus.publish(Changed(Topic.CLINIC, 1, remote=True))
    assert sqlite_ctx._clinic is None  # read again on next use
    bridge.close()


@pytest.mark.parametrize(("quiet", "fires"), [(59.0, False), (60.0, True)])
def test_idle_watch_fires_once_after_the_limit(qapp, quiet: float, fires: bool):
    now = [1000.0]
    watch = IdleWatch(lambda: 60.0, clock=lambda: now[0])
    fired: list[bool] = []
    watch.idle.connect(lambda: fired.append(True))
    now[0] += quiet
    watch.check()
    watch.check()
    assert fired == ([True] if fires else [])
    watch.restart()
    assert watch.idle_seconds() == 0
    watch.stop()

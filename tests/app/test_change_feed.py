"""Another workstation's changes arrive as ordinary events; a desk's own changes are not echoed back."""

from app.events import Changed, Topic
from app.services.change_feed import ChangeFeed
from tests import builders


def test_other_desks_changes_arrive_and_own_do_not(ctx):
    other_desk = builders.other_desk(ctx, 2)
    feed = ChangeFeed(ctx)
    received: list[Changed] = []
    ctx.bus.subscribe(received.append, {Topic.PATIENTS})

    builders.add_patient(ctx, "김", "민준")
    assert feed.poll() == []
    received.clear()

    patient = builders.add_patient(other_desk, "王", "秀英")
    assert feed.publish_new() == 1
    assert received == [Changed(Topic.PATIENTS, patient.id, remote=True)]
    assert feed.poll() == []


def test_local_events_are_published_after_commit(ctx):
    received: list[Changed] = []
    ctx.bus.subscribe(received.append)
    patient = builders.add_patient(ctx, "Popescu", "Ion")
    assert received == [Changed(Topic.PATIENTS, patient.id)]

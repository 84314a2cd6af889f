"""Events for a batch of changes in one insert: the same rows `record_event` writes one at a
time (`ecte.events.record`), for services that change many teachers at once."""

from django.utils import timezone

from ecte.events.models import Event
from ecte.events.record import Actor, record_event


def _event(*, event_type, heading, by: Actor, body="", before=None, after=None, **links):
    from ecte.events.record import _jsonable  # one JSON form for events, however written

    return Event(
        event_type=event_type,
        heading=heading,
        body=body,
        happened_at=timezone.now(),
        author=by.user,
        author_name=by.name,
        author_role=by.role_label,
        before=_jsonable(before),
        after=_jsonable(after),
        **links,
    )


def record_events(events: list[dict]) -> list[Event]:
    """Append several events in one query; each dict holds `record_event`'s arguments."""
    if len(events) == 1:
        return [record_event(**events[0])]
    return Event.objects.bulk_create([_event(**event) for event in events])

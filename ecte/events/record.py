"""Named helpers that write events. Services call them inside their transaction."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ecte.events.models import Event


@dataclass(frozen=True)
class Actor:
    """Who did something, and in which role: stamped on every event."""

    user: object | None
    role_label: str

    @classmethod
    def system(cls, what: str = "Manage early career teacher induction") -> "Actor":
        return cls(user=None, role_label=what)

    @classmethod
    def for_membership(cls, membership) -> "Actor":
        return cls(user=membership.user, role_label=membership.label)

    @property
    def name(self) -> str:
        if self.user is None:
            return self.role_label
        return self.user.full_name or self.user.email


def _jsonable(values: dict | None) -> dict:
    if not values:
        return {}
    result = {}
    for key, value in values.items():
        if isinstance(value, datetime.date | datetime.datetime):
            result[key] = value.isoformat()
        elif isinstance(value, Decimal) or hasattr(value, "pk"):
            result[key] = str(value)
        else:
            result[key] = value
    return result


def _event(
    *,
    event_type: str,
    heading: str,
    by: Actor,
    body: str = "",
    before: dict | None = None,
    after: dict | None = None,
    happened_at: datetime.datetime | None = None,
    **links,
) -> Event:
    return Event(
        event_type=event_type,
        heading=heading,
        body=body,
        happened_at=happened_at or timezone.now(),
        author=by.user,
        author_name=by.name,
        author_role=by.role_label,
        before=_jsonable(before),
        after=_jsonable(after),
        **links,
    )


def record_event(
    *,
    event_type: str,
    heading: str,
    by: Actor,
    body: str = "",
    before: dict | None = None,
    after: dict | None = None,
    happened_at: datetime.datetime | None = None,
    **links,
) -> Event:
    """Append one event. `links` name the records involved (teacher=, school=, ...)."""
    event = _event(
        event_type=event_type,
        heading=heading,
        by=by,
        body=body,
        before=before,
        after=after,
        happened_at=happened_at,
        **links,
    )
    event.save(force_insert=True)
    return event


def record_events(events: Iterable[dict]) -> list[Event]:
    """Append many events in one insert, for a service that changes many records at once.

    Each dict holds `record_event`'s keyword arguments; the rows are the ones
    `record_event` would write one at a time (same JSON form of `before` and `after`,
    same author fields), in the order given. An empty batch writes nothing.
    """
    return Event.objects.bulk_create([_event(**event) for event in events])

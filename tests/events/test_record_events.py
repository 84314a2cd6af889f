"""`record_events`: many events in one insert, written as `record_event` writes one."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecte.events.models import Event
from ecte.events.record import Actor, record_event, record_events
from tests.factories import MembershipFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def test_a_batch_of_events_is_written_in_one_insert():
    teachers = TeacherFactory.create_batch(3)
    by = Actor.system()
    with CaptureQueriesContext(connection) as queries:
        events = record_events(
            {
                "event_type": "ect_registered",
                "heading": f"Registered {t.trn}",
                "by": by,
                "teacher": t,
            }
            for t in teachers
        )
    assert len(queries) == 1
    assert [e.heading for e in Event.objects.order_by("id")] == [
        f"Registered {t.trn}" for t in teachers
    ]
    assert all(e.pk for e in events)


def test_a_batch_event_is_the_same_row_as_one_written_alone():
    membership = MembershipFactory()
    teacher = TeacherFactory()
    arguments = {
        "event_type": "induction_passed",
        "heading": "Passed induction",
        "by": Actor.for_membership(membership),
        "teacher": teacher,
        "before": {"finished_on": None},
        "after": {
            "finished_on": datetime.date(2027, 7, 16),
            "number_of_terms": Decimal("3.0"),
            "teacher": teacher,
        },
    }
    alone = record_event(**arguments)
    (batched,) = record_events([arguments])
    alone.refresh_from_db()
    batched.refresh_from_db()
    fields = ["event_type", "heading", "author", "author_name", "author_role", "before", "after"]
    assert {f: getattr(batched, f) for f in fields} == {f: getattr(alone, f) for f in fields}
    assert batched.after == {
        "finished_on": "2027-07-16",
        "number_of_terms": "3.0",
        "teacher": str(teacher),
    }


def test_an_empty_batch_writes_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert record_events([]) == []
    assert len(queries) == 0
    assert not Event.objects.exists()

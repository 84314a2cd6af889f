import pytest
from django.db import DatabaseError, connection, transaction

from ecte.events.models import Event, EventIsAppendOnly
from ecte.events.record import Actor, record_event
from tests.factories import MembershipFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def make_event():
    return record_event(
        event_type="ect_registered",
        heading="Registered",
        by=Actor.system(),
        teacher=TeacherFactory(),
    )


def test_an_event_records_who_did_it_and_in_which_role():
    membership = MembershipFactory()
    teacher = TeacherFactory()
    event = record_event(
        event_type="mentor_assigned",
        heading="Mentor assigned",
        by=Actor.for_membership(membership),
        teacher=teacher,
        before={"mentor": None},
        after={"mentor": "Ann Smith"},
    )
    event.refresh_from_db()
    assert event.author == membership.user
    assert event.author_role == f"Induction tutor at {membership.school.name}"
    assert event.author_name == membership.user.full_name
    assert event.after == {"mentor": "Ann Smith"}
    assert event.teacher == teacher


def test_an_event_cannot_be_changed_through_the_model():
    event = make_event()
    event.heading = "Changed"
    with pytest.raises(EventIsAppendOnly):
        event.save()


def test_an_event_cannot_be_deleted_through_the_model():
    with pytest.raises(EventIsAppendOnly):
        make_event().delete()


def test_the_database_refuses_to_update_an_event():
    event = make_event()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(heading="Rewritten history")
    assert Event.objects.get(pk=event.pk).heading == "Registered"


def test_the_database_refuses_to_delete_an_event():
    event = make_event()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM events_event WHERE id = %s", [event.pk])
    assert Event.objects.filter(pk=event.pk).exists()

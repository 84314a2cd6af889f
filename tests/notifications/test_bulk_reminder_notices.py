"""notify_many(): what a reminder sweep tells many people at once, with notify()'s rules
(once per recipient, kind and key; not to inactive users; not to users who turned a
non-statutory kind off) in a fixed number of statements however many are told."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecte.notifications.models import Notification, OutboxMessage
from ecte.notifications.services import Notice, notify_many
from tests.factories import UserFactory
from tests.notifications.factories import NotificationOptOutFactory

pytestmark = pytest.mark.django_db


def _notice(user, key="ect-period:1:no-mentor"):
    return Notice(
        recipient_id=user.pk,
        key=key,
        subject="Assign a mentor to Amara Okafor",
        body="They do not have a mentor yet.",
        link="/school/ects/1/",
    )


def test_each_recipient_is_told_once_and_emailed_after_the_commit(commit):
    tutor = UserFactory(first_name="Priya", last_name="Shah", email="priya@school.example.org")
    with commit():
        assert notify_many(kind="ect_without_mentor", notices=[_notice(tutor)] * 2) == 1
        assert mail.outbox == []  # nothing is sent before the sweep commits
    with commit():
        assert notify_many(kind="ect_without_mentor", notices=[_notice(tutor)]) == 0
    notification = Notification.objects.get()
    assert (notification.recipient, notification.statutory) == (tutor, True)
    assert notification.link == "/school/ects/1/"
    assert [email.to for email in mail.outbox] == [["priya@school.example.org"]]
    assert mail.outbox[0].subject == "Assign a mentor to Amara Okafor"
    assert mail.outbox[0].body.startswith("Dear Priya Shah,\n\nThey do not have a mentor yet.")
    assert OutboxMessage.objects.get().done_at is not None


def test_a_new_occasion_or_a_new_recipient_is_told(commit):
    tutor, new_tutor = UserFactory(), UserFactory()
    with commit():
        notify_many(kind="assessment_report_due", notices=[_notice(tutor, "assessment:1:due")])
        told = notify_many(
            kind="assessment_report_due",
            notices=[
                _notice(tutor, "assessment:1:due"),
                _notice(tutor, "assessment:1:late"),
                _notice(new_tutor, "assessment:1:due"),
            ],
        )
    assert told == 2
    assert Notification.objects.count() == 3


def test_inactive_users_and_users_who_turned_the_kind_off_are_not_told(commit):
    tutor, inactive, opted_out = UserFactory(), UserFactory(is_active=False), UserFactory()
    NotificationOptOutFactory(
        user=opted_out, kind="start_of_term_check", until=datetime.date(2099, 12, 31)
    )
    notices = [_notice(user, "school:1:term:2026-1:check") for user in (tutor, inactive, opted_out)]
    with commit():
        assert notify_many(kind="start_of_term_check", notices=notices) == 1
        # A statutory kind cannot be turned off, so the opt-out of another kind is no matter.
        assert notify_many(kind="ect_without_mentor", notices=[_notice(opted_out)]) == 1
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        [tutor.pk, opted_out.pk]
    )
    non_statutory = Notification.objects.get(kind="start_of_term_check")
    assert non_statutory.statutory is False
    assert "You can stop start of term reminders" in mail.outbox[0].body


def test_an_opt_out_that_has_ended_stops_nothing(commit):
    tutor = UserFactory()
    NotificationOptOutFactory(
        user=tutor, kind="start_of_term_check", until=datetime.date(2020, 7, 22)
    )
    with commit():
        assert notify_many(kind="start_of_term_check", notices=[_notice(tutor, "x")]) == 1


def test_telling_many_takes_the_same_statements_as_telling_one():
    users = UserFactory.create_batch(30)

    def statements(notices):
        with CaptureQueriesContext(connection) as queries:
            notify_many(kind="ect_without_mentor", notices=notices)
        return len(queries)

    one = statements([_notice(users[0], "one")])
    many = statements([_notice(user, f"many:{n}") for user in users for n in range(10)])
    assert many == one
    assert Notification.objects.count() == 301
    assert OutboxMessage.objects.count() == 301


def test_telling_nobody_reads_and_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert notify_many(kind="ect_without_mentor", notices=[]) == 0


def test_many_schools_tutors_are_found_the_same_way_as_a_few(monkeypatch):
    from ecte.notifications import recipients
    from tests.factories import MembershipFactory, SchoolFactory

    schools = SchoolFactory.create_batch(3)
    tutors = {school.pk: MembershipFactory(school=school).user.pk for school in schools}
    MembershipFactory(school=SchoolFactory())  # another school's tutor
    MembershipFactory(school=schools[0], user__is_active=False)
    wanted = [school.pk for school in schools[:2]]
    few = recipients.induction_tutor_ids_by_school(wanted)
    monkeypatch.setattr(recipients, "MANY_ORGANISATIONS", 1)
    many = recipients.induction_tutor_ids_by_school(wanted)
    assert dict(few) == dict(many) == {pk: [tutors[pk]] for pk in wanted}

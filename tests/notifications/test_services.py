"""notify(): the in-service notification, its email after the commit, once per key."""

import datetime

import pytest
import time_machine
from django.core import mail

from ecte.notifications import services
from ecte.notifications.models import Notification, OutboxMessage
from tests.factories import UserFactory
from tests.notifications.factories import NotificationOptOutFactory

pytestmark = pytest.mark.django_db


def _notify(recipients, *, kind="ect_without_mentor", key="ect-period:1:no-mentor"):
    return services.notify(
        recipients=recipients,
        kind=kind,
        subject="Assign a mentor to Amara Okafor",
        body="They do not have a mentor yet.",
        link="/school/ects/1/",
        key=key,
    )


def test_notify_creates_a_notification_and_emails_it_after_the_commit(commit):
    user = UserFactory(first_name="Priya", last_name="Shah", email="priya@school.example.org")
    with commit():
        created = _notify([user])
        assert mail.outbox == []  # nothing is sent before the change commits
    assert [n.recipient for n in created] == [user]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["priya@school.example.org"]
    assert email.subject == "Assign a mentor to Amara Okafor"
    assert email.body.startswith("Dear Priya Shah,\n\nThey do not have a mentor yet.")
    assert "http://127.0.0.1:8000/school/ects/1/" in email.body
    assert email.body.rstrip().endswith("Department for Education")
    assert "stop" not in email.body.lower()  # statutory: no opt-out link
    notification = Notification.objects.get()
    assert notification.emailed_at is not None
    assert OutboxMessage.objects.get().done_at is not None


def test_notifying_twice_with_the_same_key_tells_each_recipient_once(commit):
    user = UserFactory()
    with commit():
        _notify([user])
    with commit():
        assert _notify([user]) == []
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_different_occasion_is_a_new_notification(commit):
    user = UserFactory()
    with commit():
        _notify([user], key="assessment:1:report-due")
        _notify([user], key="assessment:1:report-late")
    assert Notification.objects.count() == 2


def test_nothing_is_emailed_when_the_change_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([user])
    # The callbacks only run on commit; a rollback discards them with the rows.
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_inactive_users_and_duplicates_are_not_notified(commit):
    user = UserFactory()
    inactive = UserFactory(is_active=False)
    with commit():
        created = _notify([user, user, inactive, None])
    assert [n.recipient for n in created] == [user]


def test_non_statutory_emails_carry_a_signed_opt_out_link(commit):
    user = UserFactory()
    with commit():
        _notify([user], kind="start_of_term_check", key="school:1:term:2026-1:check")
    body = mail.outbox[0].body
    assert "You can stop start of term reminders to check and report changes" in body
    link = next(line for line in body.splitlines() if "/notifications/stop/" in line)
    token = link.rsplit("/stop/", 1)[1].strip("/")
    assert services.read_opt_out_token(token) == (user.pk, "start_of_term_check")


def test_a_user_who_opted_out_is_not_sent_that_kind_until_the_end_of_term(commit):
    user = UserFactory()
    NotificationOptOutFactory(user=user, kind="start_of_term_check")
    with commit():
        assert _notify([user], kind="start_of_term_check", key="x") == []
        # Statutory kinds are always sent.
        assert len(_notify([user], kind="ect_without_mentor", key="y")) == 1


def test_a_tampered_opt_out_token_is_refused():
    token = services.opt_out_token(user_id=1, kind="start_of_term_check")
    with pytest.raises(services.OptOutLinkInvalid):
        services.read_opt_out_token(token[:-2] + "xx")


def test_opting_out_lasts_until_the_end_of_the_current_term():
    user = UserFactory()
    # Wednesday 14 October 2026 is in the autumn term, which ends on Friday 18 December.
    with time_machine.travel(datetime.datetime(2026, 10, 14, 9, tzinfo=datetime.UTC)):
        opt_out = services.opt_out(user_id=user.pk, kind="start_of_term_check")
    assert opt_out.until == datetime.date(2026, 12, 18)


def test_opting_out_in_the_holidays_lasts_until_the_end_of_the_next_term():
    user = UserFactory()
    # 28 December 2026 is in the Christmas holidays: the spring term ends before Easter 2027.
    with time_machine.travel(datetime.datetime(2026, 12, 28, 9, tzinfo=datetime.UTC)):
        opt_out = services.opt_out(user_id=user.pk, kind="start_of_term_check")
    assert opt_out.until == datetime.date(2027, 3, 19)


def test_statutory_notifications_cannot_be_turned_off():
    user = UserFactory()
    with pytest.raises(services.NotificationError):
        services.opt_out(user_id=user.pk, kind="assessment_report_due")


def test_an_email_is_sent_once_even_if_its_task_runs_twice(commit):
    user = UserFactory()
    with commit():
        notification = _notify([user])[0]
    assert services.send_notification_email(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_marking_read_and_mark_all_read():
    user = UserFactory()
    first, second = (
        Notification.objects.create(recipient=user, kind="k", key=k, subject="s", body="b")
        for k in ("a", "b")
    )
    services.mark_read(notification=first)
    first.refresh_from_db()
    assert first.read_at is not None
    assert services.mark_all_read(user=user) == 1
    second.refresh_from_db()
    assert second.read_at is not None

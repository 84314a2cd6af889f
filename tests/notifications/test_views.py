"""The notifications pages: the list with the unread count in the header, opening one,
marking read, and the opt-out link from an email."""

import pytest
from django.urls import reverse

from ecte.notifications import services
from ecte.notifications.models import NotificationOptOut
from tests.factories import MembershipFactory, UserFactory
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(client):
    user = MembershipFactory().user
    client.force_login(user)
    return user


def test_the_header_shows_the_unread_count(client, user):
    NotificationFactory.create_batch(2, recipient=user)
    NotificationFactory(recipient=user, read=True)
    NotificationFactory()  # someone else's
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Notifications (2 unread)" in page
    assert "You have 2 unread notifications." in page


def test_the_list_shows_only_the_users_own_notifications(client, user):
    mine = NotificationFactory(recipient=user, subject="Assign a mentor to Amara Okafor")
    theirs = NotificationFactory(subject="Someone else's reminder")
    page = client.get(reverse("notifications:list")).content.decode()
    assert mine.subject in page
    assert "Someone else" not in page
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("notifications:mark_read", args=[theirs.pk]))
    assert response.status_code == 404


def test_the_list_takes_a_constant_number_of_queries(client, user, django_assert_max_num_queries):
    NotificationFactory.create_batch(2, recipient=user)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("notifications:list"))
    NotificationFactory.create_batch(15, recipient=user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("notifications:list"))


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, user):
    notification = NotificationFactory(recipient=user, link="/school/ects/4/")
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == "/school/ects/4/"
    notification.refresh_from_db()
    assert notification.is_read


def test_a_link_to_another_site_is_never_followed(client, user):
    notification = NotificationFactory(recipient=user, link="https://evil.example.com/")
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == reverse("notifications:list")


def test_mark_as_read_and_mark_all_as_read(client, user):
    first, second, third = NotificationFactory.create_batch(3, recipient=user)
    client.post(reverse("notifications:mark_read", args=[first.pk]))
    first.refresh_from_db()
    assert first.is_read
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "All notifications marked as read" in response.content.decode()
    assert not user.notifications.unread().exists()


def test_the_list_is_paginated(client, user):
    NotificationFactory.create_batch(25, recipient=user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "govuk-pagination" in page
    assert client.get(reverse("notifications:list") + "?page=2").status_code == 200


def test_signed_out_users_are_asked_to_sign_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert "login" in response.url


def test_the_opt_out_link_works_without_signing_in_and_only_on_post(client):
    person = UserFactory()
    token = services.opt_out_token(user_id=person.pk, kind="start_of_term_check")
    url = reverse("notifications:opt_out", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop start of term reminders" in page.content.decode()
    assert not NotificationOptOut.objects.exists()  # a mail scanner's GET changes nothing
    done = client.post(url)
    assert "Notifications stopped" in done.content.decode()
    assert NotificationOptOut.objects.get().user == person


def test_a_changed_or_statutory_opt_out_link_does_not_work(client):
    person = UserFactory()
    token = services.opt_out_token(user_id=person.pk, kind="start_of_term_check")
    assert client.get(reverse("notifications:opt_out", args=[token + "x"])).status_code == 404
    statutory = services.opt_out_token(user_id=person.pk, kind="decision_due")
    assert client.post(reverse("notifications:opt_out", args=[statutory])).status_code == 404
    assert not NotificationOptOut.objects.exists()


def test_an_opt_out_link_for_a_deleted_account_does_not_work(client):
    token = services.opt_out_token(user_id=999_999, kind="start_of_term_check")
    assert client.post(reverse("notifications:opt_out", args=[token])).status_code == 404
    assert not NotificationOptOut.objects.exists()

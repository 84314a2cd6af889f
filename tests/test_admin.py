"""DfE admin: every model is registered, searchable, and opens; events stay read-only."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib import admin
from django.urls import reverse

from ecte.accounts.models import User
from ecte.events.record import Actor, record_event
from tests.factories import (
    MembershipFactory,
    MentorshipFactory,
    TeacherFactory,
    TrainingPeriodFactory,
)

pytestmark = pytest.mark.django_db

OUR_APPS = {
    "accounts",
    "academic_calendar",
    "events",
    "schools",
    "participants",
    "induction",
    "programmes",
}


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user(
        "staff@education.gov.uk", password="a-long-staff-password", is_staff=True, is_superuser=True
    )
    MembershipFactory(user=user, dfe_staff=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-staff-password"})
    client.post(
        "/accounts/2fa/authenticate/",
        {"code": format_hotp_value(hotp_value(secret, int(time.time()) // 30))},
    )
    return client


def test_every_model_of_the_service_is_registered_in_admin():
    from django.apps import apps

    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            assert admin.site.is_registered(model), f"{model.__name__} is not in the admin"


def test_every_admin_list_opens_and_searches(staff_client):
    MentorshipFactory()
    TrainingPeriodFactory()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert staff_client.get(url).status_code == 200, url
        if model_admin.search_fields:
            assert staff_client.get(url, {"q": "1234567"}).status_code == 200, url


def test_a_teachers_admin_page_shows_their_timeline_read_only(staff_client):
    teacher = TeacherFactory()
    event = record_event(
        event_type="ect_registered",
        heading="Registered at Oakfield",
        by=Actor.system(),
        teacher=teacher,
    )
    page = staff_client.get(
        reverse("admin:participants_teacher_change", args=[teacher.pk])
    ).content.decode()
    assert "Registered at Oakfield" in page
    assert (
        staff_client.get(reverse("admin:events_event_change", args=[event.pk])).status_code == 200
    )
    assert (
        staff_client.post(
            reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert staff_client.get(reverse("admin:events_event_add")).status_code == 403


def test_search_finds_a_teacher_by_trn(staff_client):
    teacher = TeacherFactory(trn="7654321")
    TeacherFactory(trn="1111111")
    page = staff_client.get(
        reverse("admin:participants_teacher_changelist"), {"q": "7654321"}
    ).content.decode()
    assert teacher.last_name in page
    assert "1111111" not in page

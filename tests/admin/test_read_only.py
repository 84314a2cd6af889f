"""Induction data is read-only in admin: a raw save would skip the services' rules and events,
so the change forms refuse a POST, and nothing can be added or deleted there."""

import pytest
from django.urls import reverse

from tests.factories import (
    ECTAtSchoolPeriodFactory,
    ExtensionFactory,
    InductionPeriodFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    TeacherFactory,
    TeacherRecordFactory,
    TrainingPeriodFactory,
)
from tests.induction.factories import ReductionFactory

pytestmark = pytest.mark.django_db

# (factory, a field a raw edit would change, the value it would try)
READ_ONLY = [
    (InductionPeriodFactory, "outcome", "pass"),
    (ExtensionFactory, "number_of_terms", "9"),
    (ReductionFactory, "terms_required", "1"),
    (ECTAtSchoolPeriodFactory, "finished_on", "2026-10-01"),
    (MentorAtSchoolPeriodFactory, "finished_on", "2026-10-01"),
    (MentorshipFactory, "finished_on", "2026-10-01"),
    (TrainingPeriodFactory, "finished_on", "2026-10-01"),
    (TeacherFactory, "last_name", "Changed"),
    (TeacherRecordFactory, "last_name", "Changed"),
]


def urls(obj) -> dict[str, str]:
    prefix = f"admin:{obj._meta.app_label}_{obj._meta.model_name}"
    return {
        "change": reverse(f"{prefix}_change", args=[obj.pk]),
        "add": reverse(f"{prefix}_add"),
        "delete": reverse(f"{prefix}_delete", args=[obj.pk]),
    }


@pytest.mark.parametrize(
    ("factory", "field", "value"), READ_ONLY, ids=[f.__name__ for f, _, _ in READ_ONLY]
)
def test_induction_data_cannot_be_edited_by_posting_the_change_form(
    staff_client, factory, field, value
):
    obj = factory()
    before = getattr(obj, field)
    page = urls(obj)
    assert staff_client.get(page["change"]).status_code == 200
    assert staff_client.post(page["change"], {field: value, "_save": "Save"}).status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, field) == before


@pytest.mark.parametrize(
    ("factory", "field", "value"), READ_ONLY, ids=[f.__name__ for f, _, _ in READ_ONLY]
)
def test_induction_data_cannot_be_added_or_deleted_in_admin(staff_client, factory, field, value):
    obj = factory()
    page = urls(obj)
    assert staff_client.get(page["add"]).status_code == 403
    assert staff_client.post(page["delete"], {"post": "yes"}).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_read_only_page_has_no_save_button(staff_client):
    period = InductionPeriodFactory(released=True)
    page = staff_client.get(
        reverse("admin:induction_inductionperiod_change", args=[period.pk])
    ).content.decode()
    assert 'name="_save"' not in page
    assert "18 Dec 2026" in page

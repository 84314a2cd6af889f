"""DfE staff see in admin that mentoring happened (when, how long, who logged it), never what
was said: meeting notes are for the mentor, the ECT and the induction tutor only (issue 5,
item 11), and only the mentor changes a log, through the service that keeps each version."""

import pytest
from django.urls import reverse

from programmes.models import Action, LogRevision
from programmes.services import mentoring
from tests.admin.conftest import signed_in_staff_client, staff_user  # noqa: F401
from tests.programmes.test_mentoring import (  # noqa: F401
    LAST_WEEK,
    by,
    log_drop_in,
    six_steps,
    year_1,
)

pytestmark = pytest.mark.django_db

PRIVATE = [
    "Calm start",
    "Routines at the door were consistent",
    "Transitions lost time",
    "Use the countdown in period 3",
    "Rehearsed the countdown script twice",
    "Use a 5-second countdown for every transition",
    "Edited after the meeting",
]


@pytest.fixture
def logs(year_1):  # noqa: F811
    mentorship, mentor = year_1
    drop_in = log_drop_in(mentorship, mentor)
    meeting = mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **six_steps())
    # A change keeps the version before as a LogRevision, whose content is private too.
    mentoring.drop_in_change(
        drop_in=drop_in,
        held_on=LAST_WEEK,
        minutes=10,
        mode="in_person",
        notes="Edited after the meeting",
        by=by(mentor),
    )
    assert LogRevision.objects.count() == 1
    return drop_in, meeting


def admin_pages(drop_in, meeting) -> list[str]:
    action = Action.objects.get(set_in=meeting)
    pages = [
        reverse("admin:programmes_lessondropin_changelist"),
        reverse("admin:programmes_lessondropin_change", args=[drop_in.pk]),
        reverse("admin:programmes_mentormeeting_changelist"),
        reverse("admin:programmes_mentormeeting_change", args=[meeting.pk]),
        reverse("admin:programmes_action_changelist"),
        reverse("admin:programmes_action_change", args=[action.pk]),
        reverse("admin:programmes_logrevision_changelist"),
    ]
    pages += [
        reverse("admin:programmes_logrevision_change", args=[revision.pk])
        for revision in LogRevision.objects.all()
    ]
    return pages


def test_admin_shows_mentoring_logs_without_what_was_said(logs, staff_user):  # noqa: F811
    client = signed_in_staff_client(staff_user)
    for url in admin_pages(*logs):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for text in PRIVATE:
            assert text not in page, (url, text)
    meeting_page = client.get(admin_pages(*logs)[3]).content.decode()
    assert "50" in meeting_page  # the minutes: that it happened is visible


def test_admin_cannot_change_or_delete_a_mentoring_log(logs, staff_user):  # noqa: F811
    drop_in, meeting = logs
    client = signed_in_staff_client(staff_user)
    change = reverse("admin:programmes_mentormeeting_change", args=[meeting.pk])
    response = client.post(change, {"praise": "Rewritten by someone else", "_save": "Save"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.praise == "Routines at the door were consistent"
    delete = reverse("admin:programmes_lessondropin_delete", args=[drop_in.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:programmes_action_add")).status_code == 403

"""Lead providers: participants, partnerships, seminar registers and self-study uploads
(issue 5, item 10); they see engagement and never meeting content (item 11)."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from ecte.events.models import Event
from ecte.events.record import Actor
from programmes.errors import ProgrammeError
from programmes.models import Session, SessionAttendance, StudyRecord
from programmes.services import lead_providers as services
from programmes.services import mentoring
from tests.factories import (
    MembershipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TrainingPeriodFactory,
)
from tests.programmes.factories import ect_on_programme

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def lp(niot, on):
    on(MONDAY)
    return MembershipFactory(lead_provider_user=True, lead_provider=niot.lead_provider)


def upload(client, text: str):
    return client.post(
        "/lead-provider/self-study/",
        {"file": SimpleUploadedFile("completions.csv", text.encode(), "text/csv")},
    )


# --- participants -------------------------------------------------------------------------


def test_participants_lists_ects_and_mentors_at_partnered_schools_only(client, lp, niot, bpn):
    mine = ect_on_programme(niot)
    theirs = ect_on_programme(bpn)
    client.force_login(lp.user)
    page = client.get("/lead-provider/").content.decode()
    assert mine.ect_at_school_period.teacher.full_name in page
    assert "ECT, year 1" in page
    assert mine.ect_at_school_period.school.name in page
    assert theirs.ect_at_school_period.teacher.full_name not in page


def test_participants_issues_a_constant_number_of_queries(
    client, lp, niot, django_assert_max_num_queries
):
    ect_on_programme(niot)
    client.force_login(lp.user)
    client.get("/lead-provider/")
    with django_assert_max_num_queries(20) as few:
        client.get("/lead-provider/")
    for _ in range(4):
        ect_on_programme(niot)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "5 participants in training" in client.get("/lead-provider/").content.decode()


# --- partnerships -------------------------------------------------------------------------


@pytest.fixture
def waiting(lp):
    school = SchoolFactory(name="Moorside Primary")
    MembershipFactory(school=school, user__email="tutor@moorside.example.org")
    return SchoolPartnershipFactory(school=school, lead_provider=lp.lead_provider)


def test_confirming_a_partnership_tells_the_school(
    client, lp, waiting, django_capture_on_commit_callbacks
):
    client.force_login(lp.user)
    assert "Moorside Primary" in client.get("/lead-provider/partnerships/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/lead-provider/partnerships/{waiting.pk}/confirm/")
    assert response["Location"] == "/lead-provider/partnerships/"
    waiting.refresh_from_db()
    assert waiting.confirmed_at is not None and waiting.responded_by == lp.user
    assert Event.objects.get(event_type="partnership_confirmed").school == waiting.school
    assert mail.outbox[0].to == ["tutor@moorside.example.org"]
    assert "confirmed your partnership" in mail.outbox[0].subject


def test_declining_needs_a_reason_and_tells_the_school_why(
    client, lp, waiting, django_capture_on_commit_callbacks
):
    client.force_login(lp.user)
    url = f"/lead-provider/partnerships/{waiting.pk}/decline/"
    page = client.post(url, {"reason": ""}).content.decode()
    assert "Enter why you are declining the partnership" in page
    waiting.refresh_from_db()
    assert waiting.declined_at is None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "No delivery partner covers Wakefield this year"})
    waiting.refresh_from_db()
    assert waiting.declined_at is not None
    assert "No delivery partner covers Wakefield this year" in mail.outbox[0].body


def test_a_partnership_is_answered_once(lp, waiting):
    services.partnership_confirm(partnership=waiting, by=Actor.for_membership(lp))
    with pytest.raises(ProgrammeError) as refused:
        services.partnership_decline(
            partnership=waiting, reason="Changed our mind", by=Actor.for_membership(lp)
        )
    assert str(refused.value) == "You have already confirmed this partnership"
    waiting.refresh_from_db()
    assert waiting.declined_at is None


def test_another_providers_partnership_is_not_found(client, lp):
    other = SchoolPartnershipFactory()
    client.force_login(lp.user)
    assert client.post(f"/lead-provider/partnerships/{other.pk}/confirm/").status_code == 404
    assert client.get(f"/lead-provider/partnerships/{other.pk}/decline/").status_code == 404
    other.refresh_from_db()
    assert other.confirmed_at is None
    assert other.school.name not in client.get("/lead-provider/partnerships/").content.decode()


# --- seminar registers --------------------------------------------------------------------


def test_recording_a_seminar_register(client, lp, niot):
    present = ect_on_programme(niot).ect_at_school_period.teacher
    absent = ect_on_programme(niot).ect_at_school_period.teacher
    year_2 = ect_on_programme(
        niot, started_on=datetime.date(2025, 9, 1)
    ).ect_at_school_period.teacher
    seminar = Session.objects.get(programme=niot, code="Y1-SEM-B")
    client.force_login(lp.user)
    page = client.get(f"/lead-provider/seminars/{seminar.pk}/register/").content.decode()
    assert present.full_name in page and absent.full_name in page
    assert year_2.full_name not in page  # a year 1 seminar
    response = client.post(
        f"/lead-provider/seminars/{seminar.pk}/register/", {"attended": [str(present.pk)]}
    )
    assert response["Location"] == "/lead-provider/seminars/"
    assert dict(SessionAttendance.objects.values_list("teacher_id", "attended")) == {
        present.pk: True,
        absent.pk: False,
    }
    assert "1 attended, 2 of 2 recorded" in client.get("/lead-provider/seminars/").content.decode()


def test_a_register_cannot_name_someone_who_is_not_on_it(client, lp, niot, bpn):
    ect_on_programme(niot)
    outsider = ect_on_programme(bpn).ect_at_school_period.teacher
    seminar = Session.objects.get(programme=niot, code="Y1-SEM-B")
    client.force_login(lp.user)
    page = client.post(
        f"/lead-provider/seminars/{seminar.pk}/register/", {"attended": [str(outsider.pk)]}
    ).content.decode()
    assert "Everyone on a register must be one of your participants on this session" in page
    assert not SessionAttendance.objects.exists()


def test_another_providers_seminar_is_not_found(client, lp, bpn):
    client.force_login(lp.user)
    other = Session.objects.filter(programme=bpn).first()
    assert client.get(f"/lead-provider/seminars/{other.pk}/register/").status_code == 404


# --- self-study uploads -------------------------------------------------------------------


def test_a_good_upload_records_every_completion(client, lp, niot):
    teacher = ect_on_programme(niot).ect_at_school_period.teacher
    client.force_login(lp.user)
    response = upload(
        client,
        "trn,activity_code,completed_on\n"
        f"{teacher.trn},Y1-A-CORE,2026-09-20\n"
        f"{teacher.trn},y1-a-e2,21/09/2026\n",
    )
    assert response["Location"] == "/lead-provider/self-study/"
    records = {r.item.code: r for r in StudyRecord.objects.filter(teacher=teacher)}
    assert set(records) == {"Y1-A-CORE", "Y1-A-E2"}
    assert records["Y1-A-E2"].completion_source == "lead_provider"
    assert records["Y1-A-E2"].chosen_at is not None  # completing an elective chose it
    assert (
        "Recorded 2 self-study completions for 1 participant"
        in client.get(response["Location"]).content.decode()
    )


def test_a_bad_upload_reports_each_bad_row_and_saves_nothing(client, lp, niot, bpn):
    teacher = ect_on_programme(niot).ect_at_school_period.teacher
    outsider = ect_on_programme(bpn).ect_at_school_period.teacher
    client.force_login(lp.user)
    response = upload(
        client,
        "trn,activity_code,completed_on\n"
        f"{teacher.trn},Y1-A-CORE,2026-09-20\n"  # row 2: fine
        "12345,Y1-A-CORE,2026-09-20\n"  # row 3
        f"{outsider.trn},Y1-A-CORE,2026-09-20\n"  # row 4
        f"{teacher.trn},Y1-Z-E9,2026-09-20\n"  # row 5
        f"{teacher.trn},Y2-A-DIAG,2026-09-20\n"  # row 6: a year 2 activity
        f"{teacher.trn},Y1-A-DIAG,31/02/2026\n"  # row 7
        f"{teacher.trn},Y1-A-E1,2027-01-01\n"  # row 8: future
        f"{teacher.trn},Y1-A-CORE,2026-09-21\n"  # row 9: duplicate of row 2
        f"{teacher.trn},,2026-09-21\n",  # row 10
    )
    page = response.content.decode()
    assert "8 rows have problems. Nothing was saved" in page
    for row, problem in [
        (3, "TRN must be 7 digits, like 1234567"),
        (4, f"TRN {outsider.trn} is not one of your participants"),
        (5, "There is no activity Y1-Z-E9 in your 2026 to 2027 programme"),
        (6, "Y2-A-DIAG is not in this participant&#39;s programme (ECT, year 1)"),
        (7, "Enter the completion date as a real date, like 2026-11-20"),
        (8, "The completion date must be today or in the past"),
        (9, "This TRN and activity are already on row 2"),
        (10, "Enter a value for activity_code"),
    ]:
        assert problem in page, row
    assert not StudyRecord.objects.exists()
    report = client.get("/lead-provider/self-study/errors.csv")
    assert report["Content-Type"].startswith("text/csv")
    assert report.content.decode().splitlines()[0] == "row,trn,activity_code,problem"
    assert len(report.content.decode().splitlines()) == 9


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The selected file is empty"),
        (
            "name,code\nA,B\n",
            "The file must have a header row with the columns trn, activity_code and completed_on",
        ),
        ("trn,activity_code,completed_on\n", "The selected file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(client, lp, text, message):
    client.force_login(lp.user)
    page = upload(client, text).content.decode()
    assert message in page
    assert not StudyRecord.objects.exists()


def test_a_mentor_self_study_is_recorded_for_a_training_mentor(client, lp, niot):
    mentorship = ect_on_programme(niot)
    mentor_period = mentorship.mentor_at_school_period
    TrainingPeriodFactory(
        ect_at_school_period=None,
        mentor_at_school_period=mentor_period,
        school_partnership=mentorship.ect_at_school_period.training_periods.get().school_partnership,
    )
    client.force_login(lp.user)
    upload(client, f"trn,activity_code,completed_on\n{mentor_period.teacher.trn},M-1A,2026-10-01\n")
    assert StudyRecord.objects.get().item.code == "M-1A"


# --- never meeting content (item 11) ------------------------------------------------------


def test_a_lead_provider_never_reads_meeting_content(client, lp, niot):
    mentorship = ect_on_programme(niot)
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    meeting = mentoring.meeting_log(
        mentorship=mentorship,
        by=Actor.for_membership(mentor),
        held_on=datetime.date(2026, 11, 18),
        minutes=50,
        praise="SECRET PRAISE",
        probe="SECRET PROBE",
        plan="plan",
        practice="practice",
        follow_up_on=datetime.date(2026, 11, 25),
        new_actions=["SECRET ACTION"],
    )
    client.force_login(lp.user)
    teacher_page = client.get(
        f"/teachers/{mentorship.ect_at_school_period.teacher.pk}/"
    ).content.decode()
    assert "SECRET" not in teacher_page
    assert client.get(f"/mentor/meetings/{meeting.pk}/").status_code == 403
    assert client.get(f"/ect/meetings/{meeting.pk}/").status_code == 403


@pytest.mark.parametrize("trait", ["mentor", "ect", "appropriate_body_user"])
def test_lead_provider_pages_are_for_lead_providers_only(client, trait):
    client.force_login(MembershipFactory(**{trait: True}).user)
    for url in [
        "/lead-provider/partnerships/",
        "/lead-provider/seminars/",
        "/lead-provider/self-study/",
    ]:
        assert client.get(url).status_code == 403

"""The induction tutor's engagement dashboard (issue 5, item 9; rule 29)."""

import csv
import datetime
import io

import pytest

from ecte.events.record import Actor
from programmes.models import Session, SessionAttendance, StudyItem, StudyRecord
from programmes.services import mentoring
from tests.factories import MembershipFactory, SchoolFactory, TrainingPeriodFactory
from tests.programmes.factories import ect_on_programme

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(
    2026, 11, 23
)  # Autumn half-term 1 (module A, seminars INTRO and A) has ended


@pytest.fixture
def school(niot, on):
    on(MONDAY)
    return SchoolFactory(name="Brookfield Primary")


@pytest.fixture
def tutor(school):
    return MembershipFactory(school=school)


def done(teacher, niot, *codes, chosen=False):
    for code in codes:
        StudyRecord.objects.create(
            teacher=teacher,
            item=StudyItem.objects.get(programme=niot, code=code),
            completed_on=datetime.date(2026, 10, 1),
            completion_source="participant",
            chosen_at=datetime.datetime(2026, 9, 20, tzinfo=datetime.UTC) if chosen else None,
        )


def attended(teacher, niot, code, value=True):
    SessionAttendance.objects.create(
        session=Session.objects.get(programme=niot, code=code), teacher=teacher, attended=value
    )


@pytest.fixture
def two_ects(school, niot):
    keen = ect_on_programme(niot, school=school)
    slow = ect_on_programme(niot, school=school)
    teacher = keen.ect_at_school_period.teacher
    done(teacher, niot, "Y1-A-CORE", "Y1-A-DIAG")
    done(teacher, niot, "Y1-A-E1", "Y1-A-E4", chosen=True)
    attended(teacher, niot, "Y1-SEM-INTRO")
    attended(teacher, niot, "Y1-SEM-A")
    attended(slow.ect_at_school_period.teacher, niot, "Y1-SEM-A", False)
    return keen, slow


def test_the_dashboard_shows_each_ects_engagement_against_the_75_percent(client, tutor, two_ects):
    keen, slow = two_ects
    client.force_login(tutor.user)
    page = client.get("/school/engagement/").content.decode()
    keen_card = page[page.index(keen.ect_at_school_period.teacher.full_name) :]
    keen_card = keen_card[: keen_card.index("</dl>")]
    assert "<strong>Self-study:</strong>\n      4 of 4 (100%)" in keen_card
    assert "<strong>Seminars:</strong>\n      2 of 2 (100%)" in keen_card
    assert "Below 75%" not in keen_card
    slow_card = page[page.index(slow.ect_at_school_period.teacher.full_name) :]
    slow_card = slow_card[: slow_card.index("</dl>")]
    assert "0 of 4 (0%)" in slow_card
    assert slow_card.count("Below 75%") == 2
    assert "<meter" in slow_card  # a visual bar beside the words
    assert 'aria-hidden="true"' in slow_card


def test_the_dashboard_counts_electives_chosen_and_meetings_held_against_expected(
    client, tutor, two_ects, niot
):
    keen, _ = two_ects
    mentor = MembershipFactory(mentor=True, teacher=keen.mentor_at_school_period.teacher)
    mentoring.meeting_log(
        mentorship=keen,
        by=Actor.for_membership(mentor),
        held_on=datetime.date(2026, 11, 18),
        minutes=50,
        praise="p",
        probe="p",
        plan="p",
        practice="p",
        follow_up_on=datetime.date(2026, 11, 25),
        new_actions=["a"],
    )
    client.force_login(tutor.user)
    page = client.get("/school/engagement/").content.decode()
    card = page[page.index(keen.ect_at_school_period.teacher.full_name) :]
    card = card[: card.index("</dl>")]
    assert 'Electives or focus areas chosen</dt><dd class="govuk-summary-list__value">2' in card
    # Weekly since 1 September: the 8 weeks of Autumn 1 (2 September to 23 October) and 3 of
    # Autumn 2 have ended.
    assert "1 of 11 meetings held so far" in card
    assert "0 of 11 drop-ins held so far" in card


def test_the_csv_has_a_row_per_ect(client, tutor, two_ects):
    keen, slow = two_ects
    client.force_login(tutor.user)
    response = client.get("/school/engagement.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_trn = {row["trn"]: row for row in rows}
    keen_row = by_trn[keen.ect_at_school_period.teacher.trn]
    assert (keen_row["self-study %"], keen_row["seminars %"], keen_row["programme year"]) == (
        "100",
        "100",
        "1",
    )
    assert keen_row["current module"] == "Module B: Memory and Learning"
    assert by_trn[slow.ect_at_school_period.teacher.trn]["self-study %"] == "0"


def test_the_drill_down_shows_the_ects_modules_and_meeting_notes(client, tutor, two_ects, niot):
    keen, _ = two_ects
    mentor = MembershipFactory(mentor=True, teacher=keen.mentor_at_school_period.teacher)
    meeting = mentoring.meeting_log(
        mentorship=keen,
        by=Actor.for_membership(mentor),
        held_on=datetime.date(2026, 11, 18),
        minutes=50,
        praise="Warm greeting at the door",
        probe="p",
        plan="p",
        practice="p",
        follow_up_on=datetime.date(2026, 11, 25),
        new_actions=["Countdown"],
    )
    client.force_login(tutor.user)
    page = client.get(f"/school/engagement/ects/{keen.ect_at_school_period_id}/").content.decode()
    assert "Module A: Behaviour and Relationships" in page
    assert "Communicating belief in pupils" in page  # an elective chosen
    assert "Countdown" in page
    detail = client.get(f"/school/engagement/meetings/{meeting.pk}/").content.decode()
    assert "Warm greeting at the door" in detail


def test_a_training_mentors_engagement_is_shown(client, tutor, school, niot):
    mentorship = ect_on_programme(niot, school=school)
    TrainingPeriodFactory(
        ect_at_school_period=None,
        mentor_at_school_period=mentorship.mentor_at_school_period,
        school_partnership=mentorship.ect_at_school_period.training_periods.get().school_partnership,
    )
    client.force_login(tutor.user)
    page = client.get("/school/engagement/").content.decode()
    assert "Training mentors (1)" in page
    assert mentorship.mentor_at_school_period.teacher.full_name in page


def test_another_schools_ect_is_not_found(client, tutor, niot):
    other = ect_on_programme(niot)
    client.force_login(tutor.user)
    assert (
        client.get(f"/school/engagement/ects/{other.ect_at_school_period_id}/").status_code == 404
    )
    assert (
        other.ect_at_school_period.teacher.full_name
        not in client.get("/school/engagement/").content.decode()
    )


def test_the_dashboard_issues_a_constant_number_of_queries(
    client, tutor, school, niot, django_assert_max_num_queries
):
    ect_on_programme(niot, school=school)
    client.force_login(tutor.user)
    client.get("/school/engagement/")
    with django_assert_max_num_queries(40) as few:
        client.get("/school/engagement/")
    for _ in range(6):
        ect_on_programme(niot, school=school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Early career teachers (7)" in client.get("/school/engagement/").content.decode()


@pytest.mark.parametrize("trait", ["mentor", "ect", "lead_provider_user", "appropriate_body_user"])
def test_the_dashboard_is_for_induction_tutors_only(client, trait):
    client.force_login(MembershipFactory(**{trait: True}).user)
    assert client.get("/school/engagement/").status_code == 403
    assert client.get("/school/engagement.csv").status_code == 403

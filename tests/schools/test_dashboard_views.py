"""The school dashboard's "Set up {year}" task list, and setting up the year."""

import re

import pytest

from ecte.events.models import Event
from schools.models import YearSetup
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolPartnershipFactory,
)
from tests.schools.factories import YearSetupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tutor():
    return MembershipFactory(school__name="Oakfield Academy")


@pytest.fixture
def school(tutor):
    return tutor.school


@pytest.fixture
def signed_in(client, tutor):
    client.force_login(tutor.user)
    return client


def task(page: str, title: str) -> str:
    """The HTML of one task list item, from its title to the end of the item."""
    match = re.search(
        rf'<li class="govuk-task-list__item[^"]*">(?:(?!</li>).)*{re.escape(title)}(?:(?!</li>).)*</li>',
        page,
        re.S,
    )
    assert match, f"no task {title!r}"
    return match.group(0)


def test_a_new_school_has_everything_to_do(signed_in):
    page = signed_in.get("/school/").content.decode()
    assert "Set up 2026 to 2027" in page
    assert "Not started" in task(page, "Appoint an appropriate body")
    assert "Not started" in task(page, "Choose programme and lead provider")
    assert "Cannot start yet" in task(page, "Confirm module sequence")
    assert "Not started" in task(page, "Register ECTs")
    assert "Not started" in task(page, "Register mentors")
    assign = task(page, "Assign mentors")
    assert "Cannot start yet" in assign
    assert "Register an ECT and a mentor first" in assign
    assert "href" not in assign


def test_a_school_that_has_set_up_the_year_sees_its_choices(signed_in, school):
    YearSetupFactory(
        school=school,
        appropriate_body__name="Aire Valley Teaching School Hub",
        school_partnership__lead_provider__name="Best Practice Network",
        school_partnership__delivery_partner__name="Pennine Learning Alliance",
    )
    page = signed_in.get("/school/").content.decode()
    appointed = task(page, "Appoint an appropriate body")
    assert "Completed" in appointed
    assert "Aire Valley Teaching School Hub" in appointed
    assert "Provider-led with Best Practice Network and Pennine Learning Alliance" in task(
        page, "Choose programme and lead provider"
    )


def test_the_module_sequence_task_comes_from_the_programmes_app(signed_in, monkeypatch):
    monkeypatch.setattr(
        "programmes.selectors.module_sequence_task",
        lambda school, year: {
            "status": "in_progress",
            "href": "/school/module-sequence/",
            "hint": "Check and confirm the order by 23 October 2026",
        },
    )
    item = task(signed_in.get("/school/").content.decode(), "Confirm module sequence")
    assert "In progress" in item
    assert "Check and confirm the order by 23 October 2026" in item
    assert 'href="/school/module-sequence/"' in item


def test_school_led_schools_do_not_need_a_module_sequence(signed_in, school):
    YearSetupFactory(school=school, school_led=True)
    item = task(signed_in.get("/school/").content.decode(), "Confirm module sequence")
    assert "Not needed" in item


def test_ect_and_mentor_tasks_count_what_is_done(signed_in, school):
    with_mentor = MentorshipFactory(
        ect_at_school_period__school=school, mentor_at_school_period__school=school
    )
    ECTAtSchoolPeriodFactory(school=school)
    page = signed_in.get("/school/").content.decode()
    registered = task(page, "Register ECTs")
    assert "In progress" in registered
    assert "2 ECTs registered, 2 not complete yet" in registered
    assert "1 mentor registered" in task(page, "Register mentors")
    assigned = task(page, "Assign mentors")
    assert "In progress" in assigned
    assert "1 of 2 ECTs have a mentor" in assigned
    assert with_mentor.ect_at_school_period.teacher.full_name in page


def test_every_ect_with_a_mentor_completes_the_assign_task(signed_in, school):
    MentorshipFactory(ect_at_school_period__school=school, mentor_at_school_period__school=school)
    MentorAtSchoolPeriodFactory(school=school)
    assert "Completed" in task(signed_in.get("/school/").content.decode(), "Assign mentors")


def test_the_dashboard_is_for_induction_tutors_only(client):
    client.force_login(MembershipFactory(mentor=True).user)
    assert client.get("/school/").status_code == 403


def test_the_dashboard_shows_only_this_schools_ects(signed_in, school):
    other = ECTAtSchoolPeriodFactory()
    ours = ECTAtSchoolPeriodFactory(school=school)
    page = signed_in.get("/school/").content.decode()
    assert ours.teacher.full_name in page
    assert other.teacher.full_name not in page


# --- set up the year ---------------------------------------------------------------------

BASE = "/school/set-up"


def test_setting_up_the_year(signed_in, school):
    hub = AppropriateBodyFactory(name="Aire Valley Teaching School Hub")
    partnership = SchoolPartnershipFactory(
        school=school, academic_year=2026, lead_provider__name="National Institute of Teaching"
    )
    assert signed_in.get(f"{BASE}/check-answers/")["Location"] == f"{BASE}/appropriate-body/"
    page = signed_in.get(f"{BASE}/appropriate-body/").content.decode()
    assert "Which appropriate body will your ECTs have in 2026 to 2027?" in page
    assert (
        signed_in.post(f"{BASE}/appropriate-body/", {"appropriate_body": hub.pk})["Location"]
        == f"{BASE}/training/"
    )
    assert (
        signed_in.post(f"{BASE}/training/", {"training": str(partnership.pk)})["Location"]
        == f"{BASE}/check-answers/"
    )
    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    assert "Provider-led with National Institute of Teaching" in check
    response = signed_in.post(f"{BASE}/check-answers/")
    assert response["Location"] == f"{BASE}/done/"
    done = signed_in.get(response["Location"]).content.decode()
    assert "Your choices for 2026 to 2027 have been saved" in done
    setup = YearSetup.objects.get()
    assert (setup.appropriate_body, setup.school_partnership) == (hub, partnership)
    assert Event.objects.filter(event_type="school_year_set_up", school=school).exists()


def test_last_years_choices_in_one_step(signed_in, school):
    last = YearSetupFactory(school=school, academic_year=2025, appropriate_body__name="Aire Hub")
    SchoolPartnershipFactory(
        school=school,
        academic_year=2026,
        lead_provider=last.school_partnership.lead_provider,
        delivery_partner=last.school_partnership.delivery_partner,
    )
    assert signed_in.get(f"{BASE}/check-answers/")["Location"] == f"{BASE}/last-year/"
    page = signed_in.get(f"{BASE}/last-year/").content.decode()
    assert "Use last year&#39;s choices for 2026 to 2027?" in page
    assert "Appropriate body: Aire Hub" in page
    assert (
        signed_in.post(f"{BASE}/last-year/", {"answer": "yes"})["Location"]
        == f"{BASE}/check-answers/"
    )
    signed_in.post(f"{BASE}/check-answers/")
    setup = YearSetup.objects.get(academic_year=2026)
    assert setup.appropriate_body == last.appropriate_body
    assert setup.school_partnership.academic_year == 2026


def test_not_choosing_an_appropriate_body_is_an_error(signed_in):
    AppropriateBodyFactory()
    page = signed_in.post(f"{BASE}/appropriate-body/", {}).content.decode()
    assert "Select an appropriate body" in page
    assert not YearSetup.objects.exists()


def test_an_appropriate_body_the_school_cannot_use_is_refused(signed_in, school):
    own_hub = AppropriateBodyFactory(lead_school=school)
    page = signed_in.post(
        f"{BASE}/appropriate-body/", {"appropriate_body": own_hub.pk}
    ).content.decode()
    assert "Select an appropriate body your school can use" in page


def test_setting_up_the_year_is_for_induction_tutors_only(client):
    client.force_login(MembershipFactory(lead_provider_user=True).user)
    assert client.get(f"{BASE}/appropriate-body/").status_code == 403

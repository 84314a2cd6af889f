"""The mentor's ECT page shows the latest drop-ins and meetings; the full log is paginated
(issue 7: pages must not grow with the data)."""

import datetime

import pytest

from programmes.services import mentoring
from tests.factories import MembershipFactory
from tests.programmes.factories import ect_on_programme
from tests.programmes.mentoring_factories import LessonDropInFactory
from tests.programmes.test_mentoring import MONDAY, by, six_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_1(niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot)
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    return mentorship, mentor


def drop_ins(mentorship, mentor, count: int):
    """`count` drop-ins a day apart from 7 September 2026, noted 000 (the oldest) upwards."""
    return [
        LessonDropInFactory(
            mentorship=mentorship,
            logged_by=mentor.user,
            held_on=datetime.date(2026, 9, 7) + datetime.timedelta(days=n),
            notes=f"Drop-in note {n:03}",
        )
        for n in range(count)
    ]


def test_the_ect_page_shows_the_latest_10_drop_ins_and_links_to_all(client, year_1):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 12)
    client.force_login(mentor.user)
    period_id = mentorship.ect_at_school_period_id
    page = client.get(f"/mentor/ects/{period_id}/").content.decode()
    assert "Drop-in note 011" in page  # the newest
    assert "Drop-in note 002" in page  # the tenth newest
    assert "Drop-in note 001" not in page
    assert "The latest 10." in page
    assert f'href="/mentor/ects/{period_id}/drop-ins/">View all 12 drop-ins</a>' in page


def test_the_ect_page_counts_every_drop_in_as_held_when_showing_only_the_latest(client, year_1):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 12)
    client.force_login(mentor.user)
    page = client.get(f"/mentor/ects/{mentorship.ect_at_school_period_id}/").content.decode()
    assert "12 drop-ins" in page


def test_the_ect_page_with_few_drop_ins_has_no_link_to_all(client, year_1):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 3)
    client.force_login(mentor.user)
    page = client.get(f"/mentor/ects/{mentorship.ect_at_school_period_id}/").content.decode()
    assert "Drop-in note 000" in page
    assert "View all" not in page
    assert "The latest" not in page


def test_the_ect_page_issues_the_same_queries_however_many_drop_ins(
    client, year_1, django_assert_max_num_queries
):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 2)
    client.force_login(mentor.user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/"
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    drop_ins(mentorship, mentor, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_all_drop_ins_are_shown_25_to_a_page_newest_first(client, year_1):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 30)
    client.force_login(mentor.user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/drop-ins/"
    first = client.get(url).content.decode()
    assert "Showing 1 to 25 of 30 drop-ins" in first
    assert "Drop-in note 029" in first
    assert "Drop-in note 004" not in first
    assert 'href="?page=2"' in first
    second = client.get(url + "?page=2").content.decode()
    assert "Showing 26 to 30 of 30 drop-ins" in second
    assert "Drop-in note 004" in second
    assert "Drop-in note 005" not in second


def test_a_page_past_the_end_shows_the_last_page(client, year_1):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 30)
    client.force_login(mentor.user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/drop-ins/?page=99"
    assert "Showing 26 to 30 of 30 drop-ins" in client.get(url).content.decode()


def test_all_meetings_are_listed_with_links_to_each(client, year_1):
    mentorship, mentor = year_1
    meeting = mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **six_steps())
    client.force_login(mentor.user)
    page = client.get(f"/mentor/ects/{mentorship.ect_at_school_period_id}/meetings/")
    text = page.content.decode()
    assert '<h1 class="govuk-heading-l">Mentor meetings</h1>' in text
    assert "1 meeting" in text
    assert f'href="/mentor/meetings/{meeting.pk}/"' in text


def test_another_mentors_ect_log_is_not_found(client, year_1, niot):
    _, mentor = year_1
    other = ect_on_programme(niot)
    client.force_login(mentor.user)
    for kind in ("drop-ins", "meetings"):
        url = f"/mentor/ects/{other.ect_at_school_period_id}/{kind}/"
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("trait", ["ect", "lead_provider_user", "appropriate_body_user"])
def test_the_full_log_is_for_mentors_only(client, year_1, trait):
    mentorship, _ = year_1
    client.force_login(MembershipFactory(**{trait: True}).user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/drop-ins/"
    assert client.get(url).status_code == 403


def test_a_former_mentor_cannot_see_the_full_log(client, year_1):
    mentorship, mentor = year_1
    mentorship.finished_on = datetime.date(2026, 11, 20)
    mentorship.save()
    client.force_login(mentor.user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/drop-ins/"
    assert client.get(url).status_code == 404


# --- the ECT's own meetings and drop-ins ----------------------------------------------------


def test_the_ect_sees_their_drop_ins_25_to_a_page(client, year_1):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 30)
    ect = MembershipFactory(ect=True, teacher=mentorship.ect_at_school_period.teacher)
    client.force_login(ect.user)
    first = client.get("/ect/meetings/").content.decode()
    assert "Showing 1 to 25 of 30 drop-ins" in first
    assert "Drop-in note 029" in first
    assert "Drop-in note 004" not in first
    second = client.get("/ect/meetings/?page=2").content.decode()
    assert "Showing 26 to 30 of 30 drop-ins" in second
    assert "Drop-in note 000" in second
    assert "Drop-in note 005" not in second


def test_the_ect_with_few_drop_ins_sees_them_all_without_pages(client, year_1):
    mentorship, mentor = year_1
    drop_ins(mentorship, mentor, 2)
    ect = MembershipFactory(ect=True, teacher=mentorship.ect_at_school_period.teacher)
    client.force_login(ect.user)
    page = client.get("/ect/meetings/").content.decode()
    assert "Drop-in note 000" in page and "Drop-in note 001" in page
    assert "Showing" not in page
    assert "govuk-pagination" not in page

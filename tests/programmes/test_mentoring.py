"""Mentors: drop-ins and meetings against the cadence (rules 18-20), actions, 7-day edits,
and who may read the log (issue 5, items 5-7 and 11)."""

import datetime

import pytest
from django.utils import timezone

from ecte.events.models import Event
from ecte.events.record import Actor
from programmes import access
from programmes.errors import ProgrammeError
from programmes.models import Action, LessonDropIn, LogRevision, MeetingFocus, MentorMeeting
from programmes.services import mentoring
from tests.factories import MembershipFactory, MentorshipFactory
from tests.programmes.factories import ect_on_programme

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)  # Autumn half-term 2, week 4
LAST_WEEK = datetime.date(2026, 11, 18)


@pytest.fixture
def year_1(niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot)
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    return mentorship, mentor


@pytest.fixture
def year_2(niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot, started_on=datetime.date(2025, 9, 1))
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    return mentorship, mentor


def by(membership) -> Actor:
    return Actor.for_membership(membership)


def log_drop_in(mentorship, mentor, **changes):
    arguments = {"held_on": LAST_WEEK, "minutes": 15, "mode": "in_person", "notes": "Calm start"}
    arguments.update(changes)
    return mentoring.drop_in_log(mentorship=mentorship, by=by(mentor), **arguments)


def six_steps(**changes):
    arguments = {
        "held_on": LAST_WEEK,
        "minutes": 50,
        "praise": "Routines at the door were consistent",
        "probe": "Transitions lost time",
        "plan": "Use the countdown in period 3",
        "practice": "Rehearsed the countdown script twice",
        "follow_up_on": datetime.date(2026, 11, 25),
        "new_actions": ["Use a 5-second countdown for every transition"],
    }
    arguments.update(changes)
    return arguments


# --- drop-ins (rule 18) -------------------------------------------------------------------


def test_a_drop_in_is_logged_with_an_event_that_carries_no_content(year_1):
    mentorship, mentor = year_1
    drop_in = log_drop_in(mentorship, mentor)
    assert (drop_in.minutes, drop_in.mode, drop_in.logged_by) == (15, "in_person", mentor.user)
    event = Event.objects.get(event_type="lesson_drop_in_logged")
    assert event.teacher == mentorship.ect_at_school_period.teacher
    assert "Calm start" not in f"{event.heading} {event.body} {event.after}"


def test_a_drop_in_from_a_recording_is_allowed(year_1):
    assert (
        log_drop_in(*year_1, mode="recording").get_mode_display()
        == "From a recording of the lesson"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minutes": 16}, "A lesson drop-in lasts at most 15 minutes"),
        ({"minutes": 0}, "Enter how many minutes the drop-in lasted, from 1"),
        ({"held_on": MONDAY + datetime.timedelta(days=1)}, "The date must be today or in the past"),
    ],
    ids=["over-15-minutes", "no-minutes", "future"],
)
def test_a_bad_drop_in_is_refused_and_nothing_is_saved(year_1, changes, message):
    with pytest.raises(ProgrammeError) as refused:
        log_drop_in(*year_1, **changes)
    assert str(refused.value) == message
    assert not LessonDropIn.objects.exists()
    assert not Event.objects.filter(event_type="lesson_drop_in_logged").exists()


def test_a_drop_in_before_the_mentoring_started_is_refused(year_1):
    mentorship, mentor = year_1
    with pytest.raises(ProgrammeError) as refused:
        log_drop_in(mentorship, mentor, held_on=datetime.date(2026, 8, 28))
    name = mentorship.ect_at_school_period.teacher.full_name
    assert str(refused.value) == (
        f"The date must be on or after 1 September 2026, when you started mentoring {name}"
    )


def test_a_mentor_who_no_longer_mentors_the_ect_cannot_log(year_1):
    mentorship, mentor = year_1
    mentorship.finished_on = datetime.date(2026, 11, 20)
    mentorship.save()
    with pytest.raises(ProgrammeError) as refused:
        log_drop_in(mentorship, mentor)
    assert (
        str(refused.value)
        == f"You are not {mentorship.ect_at_school_period.teacher.full_name}'s mentor now"
    )


def test_a_drop_in_can_only_look_at_the_ects_own_current_action(year_1, niot):
    mentorship, mentor = year_1
    other = ect_on_programme(niot)
    meeting = mentoring.meeting_log(
        mentorship=other,
        by=by(MembershipFactory(mentor=True, teacher=other.mentor_at_school_period.teacher)),
        **six_steps(),
    )
    with pytest.raises(ProgrammeError) as refused:
        log_drop_in(mentorship, mentor, focus_action=meeting.actions_set.get())
    assert str(refused.value).startswith("Choose one of")
    assert not LessonDropIn.objects.exists()


# --- meetings (rules 18-19) ---------------------------------------------------------------


def test_a_year_1_meeting_follows_the_six_steps_and_sets_a_precise_action(year_1):
    mentorship, mentor = year_1
    meeting = mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **six_steps())
    assert meeting.meeting_model == "six_step"
    assert meeting.follow_up_on == datetime.date(2026, 11, 25)
    action = Action.objects.get()
    assert (action.description, action.status, action.set_in) == (
        "Use a 5-second countdown for every transition",
        "open",
        meeting,
    )
    assert action.ect == mentorship.ect_at_school_period.teacher
    event = Event.objects.get(event_type="mentor_meeting_logged")
    assert "Transitions" not in f"{event.heading} {event.after}"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"praise": ""}, "Enter what you did for each step: praise"),
        ({"probe": " ", "practice": ""}, "Enter what you did for each step: probe, practise"),
        ({"new_actions": [""]}, "Set at least one precise action"),
        ({"follow_up_on": None}, "Enter what you did for each step: follow-up date"),
        (
            {"follow_up_on": datetime.date(2026, 11, 17)},
            "The follow-up must be on or after the day of the meeting",
        ),
        ({"minutes": 0}, "Enter how many minutes the meeting lasted, from 1"),
    ],
    ids=["praise", "probe-practise", "action", "follow-up-missing", "follow-up-early", "minutes"],
)
def test_a_year_1_meeting_missing_a_step_is_refused_and_nothing_is_saved(year_1, changes, message):
    mentorship, mentor = year_1
    with pytest.raises(ProgrammeError) as refused:
        mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **six_steps(**changes))
    assert str(refused.value) == message
    assert not MentorMeeting.objects.exists()
    assert not Action.objects.exists()


def test_a_year_2_meeting_has_the_half_terms_focus(year_2, niot):
    mentorship, mentor = year_2
    focus = MeetingFocus.objects.get(programme_year__programme=niot, number=2)
    meeting = mentoring.meeting_log(
        mentorship=mentorship,
        by=by(mentor),
        held_on=LAST_WEEK,
        minutes=55,
        focus=focus,
        notes="Adapted the scaffolds for set 3",
    )
    assert (meeting.meeting_model, meeting.focus.title) == ("half_term_focus", "Review and adapt")
    assert meeting.praise == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"focus": None}, "Choose the meeting focus"),
        ({"notes": ""}, "Enter notes from the meeting"),
    ],
)
def test_a_year_2_meeting_without_focus_or_notes_is_refused(year_2, niot, changes, message):
    mentorship, mentor = year_2
    arguments = {
        "held_on": LAST_WEEK,
        "minutes": 55,
        "focus": MeetingFocus.objects.get(programme_year__programme=niot, number=1),
        "notes": "Planned",
    }
    arguments.update(changes)
    with pytest.raises(ProgrammeError) as refused:
        mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **arguments)
    assert str(refused.value) == message
    assert not MentorMeeting.objects.exists()


def test_actions_are_reviewed_as_achieved_or_carried_forward(year_1):
    mentorship, mentor = year_1
    first = mentoring.meeting_log(
        mentorship=mentorship,
        by=by(mentor),
        **six_steps(held_on=datetime.date(2026, 11, 11), new_actions=["Countdown", "Cold call"]),
    )
    countdown, cold_call = first.actions_set.order_by("pk")
    second = mentoring.meeting_log(
        mentorship=mentorship,
        by=by(mentor),
        reviews={countdown.pk: "achieved", cold_call.pk: "carried_forward"},
        **six_steps(),
    )
    countdown.refresh_from_db()
    cold_call.refresh_from_db()
    assert (countdown.status, countdown.reviewed_in, countdown.reviewed_on) == (
        "achieved",
        second,
        LAST_WEEK,
    )
    assert cold_call.status == "carried_forward"
    # A carried forward action is still current: it can be reviewed again and looked at.
    assert log_drop_in(mentorship, mentor, focus_action=cold_call).focus_action == cold_call


def test_an_achieved_action_cannot_be_reviewed_again(year_1):
    mentorship, mentor = year_1
    first = mentoring.meeting_log(
        mentorship=mentorship, by=by(mentor), **six_steps(held_on=datetime.date(2026, 11, 11))
    )
    action = first.actions_set.get()
    mentoring.meeting_log(
        mentorship=mentorship, by=by(mentor), reviews={action.pk: "achieved"}, **six_steps()
    )
    with pytest.raises(ProgrammeError) as refused:
        mentoring.meeting_log(
            mentorship=mentorship,
            by=by(mentor),
            reviews={action.pk: "carried_forward"},
            **six_steps(),
        )
    assert str(refused.value) == (
        f"You can only review {mentorship.ect_at_school_period.teacher.full_name}'s current actions"
    )
    assert MentorMeeting.objects.count() == 2


# --- changing a log within 7 days ---------------------------------------------------------


def test_a_mentor_changes_their_own_drop_in_and_the_old_version_is_kept(year_1, on):
    mentorship, mentor = year_1
    drop_in = log_drop_in(mentorship, mentor)
    on(MONDAY + datetime.timedelta(days=7))
    mentoring.drop_in_change(
        drop_in=drop_in,
        held_on=LAST_WEEK,
        minutes=12,
        mode="recording",
        notes="Calmer",
        by=by(mentor),
    )
    drop_in.refresh_from_db()
    assert (drop_in.minutes, drop_in.notes) == (12, "Calmer")
    revision = LogRevision.objects.get(drop_in=drop_in)
    assert (revision.before["minutes"], revision.before["notes"]) == (15, "Calm start")
    assert (revision.after["minutes"], revision.revised_by) == (12, mentor.user)
    assert Event.objects.filter(event_type="lesson_drop_in_changed").exists()


def test_a_log_cannot_be_changed_after_7_days(year_1, on):
    mentorship, mentor = year_1
    drop_in = log_drop_in(mentorship, mentor)
    on(timezone.localdate() + datetime.timedelta(days=8))
    with pytest.raises(ProgrammeError) as refused:
        mentoring.drop_in_change(
            drop_in=drop_in, held_on=LAST_WEEK, minutes=10, mode="in_person", by=by(mentor)
        )
    assert str(refused.value) == "You can only change a log in the 7 days after you wrote it"
    drop_in.refresh_from_db()
    assert drop_in.minutes == 15
    assert not LogRevision.objects.exists()


def test_only_the_mentor_who_wrote_a_meeting_can_change_it(year_1):
    mentorship, mentor = year_1
    meeting = mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **six_steps())
    someone = MembershipFactory(school=mentorship.ect_at_school_period.school)
    arguments = six_steps()
    arguments.pop("new_actions")
    with pytest.raises(ProgrammeError) as refused:
        mentoring.meeting_change(meeting=meeting, by=by(someone), **arguments)
    assert str(refused.value) == "You can only change logs you wrote"


def test_a_meeting_change_keeps_the_previous_version(year_1):
    mentorship, mentor = year_1
    meeting = mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **six_steps())
    arguments = six_steps(praise="Routines were consistent and calm")
    arguments.pop("new_actions")
    mentoring.meeting_change(meeting=meeting, by=by(mentor), **arguments)
    revision = LogRevision.objects.get(meeting=meeting)
    assert revision.before["praise"] == "Routines at the door were consistent"
    assert revision.after["praise"] == "Routines were consistent and calm"


# --- who reads the log (item 11) ----------------------------------------------------------


def test_meeting_content_is_for_the_mentor_the_ect_and_the_induction_tutor_only(year_1):
    mentorship, mentor = year_1
    meeting = mentoring.meeting_log(mentorship=mentorship, by=by(mentor), **six_steps())
    period = mentorship.ect_at_school_period
    partnership = period.training_periods.get().school_partnership
    can = [
        mentor,
        MembershipFactory(ect=True, teacher=period.teacher),
        MembershipFactory(school=period.school),
    ]
    cannot = [
        MembershipFactory(lead_provider_user=True, lead_provider=partnership.lead_provider),
        MembershipFactory(appropriate_body_user=True),
        MembershipFactory(school=MentorshipFactory().ect_at_school_period.school),
        MembershipFactory(mentor=True),
    ]
    for role in can:
        assert list(access.meetings_visible_to(role)) == [meeting], role.role
        assert access.actions_visible_to(role).count() == 1
    for role in cannot:
        assert not access.meetings_visible_to(role).exists(), role.role
        assert not access.drop_ins_visible_to(role).exists()
        assert not access.actions_visible_to(role).exists()


# --- the mentor's pages -------------------------------------------------------------------


def test_my_ects_shows_this_weeks_drop_in_and_meeting_and_an_overdue_flag(client, year_1):
    mentorship, mentor = year_1
    log_drop_in(mentorship, mentor, held_on=datetime.date(2026, 11, 4))
    client.force_login(mentor.user)
    page = client.get("/mentor/").content.decode()
    assert mentorship.ect_at_school_period.teacher.full_name in page
    assert "Year 1, Module B: Memory and Learning" in page
    assert "Due by 27 November 2026" in page
    assert "No drop-in logged for the week of 16 November 2026" in page
    assert "No meeting logged for the week of 16 November 2026" in page
    assert "Drop-in: 4 November 2026" in page


def test_year_2_shows_the_meeting_focus_due(client, year_2):
    mentorship, mentor = year_2
    client.force_login(mentor.user)
    page = client.get("/mentor/").content.decode()
    assert "Year 2, Module B: Memory and Learning" in page
    assert "(meeting 2: Review and adapt)" in page


def test_my_ects_issues_a_constant_number_of_queries(
    client, niot, on, django_assert_max_num_queries
):
    on(MONDAY)
    first = ect_on_programme(niot)
    mentor = MembershipFactory(mentor=True, teacher=first.mentor_at_school_period.teacher)
    school = first.ect_at_school_period.school
    client.force_login(mentor.user)
    client.get("/mentor/")
    with django_assert_max_num_queries(40) as few:
        client.get("/mentor/")
    for _ in range(5):
        ect_on_programme(niot, school=school, mentor_period=first.mentor_at_school_period)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/mentor/").content.decode()
    assert page.count("Log a lesson drop-in") == 6


def test_mentor_logs_a_drop_in_from_the_page(client, year_1):
    mentorship, mentor = year_1
    client.force_login(mentor.user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/drop-ins/new/"
    assert "Log a lesson drop-in" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "held_on-day": "23",
            "held_on-month": "11",
            "held_on-year": "2026",
            "minutes": "12",
            "mode": "recording",
            "notes": "Good",
        },
    )
    assert response["Location"] == f"/mentor/ects/{mentorship.ect_at_school_period_id}/"
    page = client.get(response["Location"]).content.decode()
    assert "Lesson drop-in logged" in page
    assert "From a recording of the lesson" in page


def test_a_drop_in_over_15_minutes_shows_the_error_and_keeps_what_was_typed(client, year_1):
    mentorship, mentor = year_1
    client.force_login(mentor.user)
    page = client.post(
        f"/mentor/ects/{mentorship.ect_at_school_period_id}/drop-ins/new/",
        {
            "held_on-day": "23",
            "held_on-month": "11",
            "held_on-year": "2026",
            "minutes": "20",
            "mode": "in_person",
            "notes": "Long one",
        },
    ).content.decode()
    assert "<title>Error: Log a lesson drop-in" in page
    assert "A lesson drop-in lasts at most 15 minutes" in page
    assert 'href="#id_minutes"' in page
    assert "Long one" in page
    assert not LessonDropIn.objects.exists()


def test_mentor_logs_a_six_step_meeting_from_the_page(client, year_1):
    mentorship, mentor = year_1
    client.force_login(mentor.user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/meetings/new/"
    form = client.get(url).content.decode()
    assert "six-step observation and feedback model" in form
    response = client.post(
        url,
        {
            "held_on-day": "18",
            "held_on-month": "11",
            "held_on-year": "2026",
            "minutes": "50",
            "praise": "Routines",
            "probe": "Transitions",
            "precise_action": "Countdown",
            "plan": "Period 3",
            "practice": "Rehearsed",
            "follow_up_on-day": "25",
            "follow_up_on-month": "11",
            "follow_up_on-year": "2026",
        },
    )
    assert response.status_code == 302
    meeting = MentorMeeting.objects.get()
    page = client.get(f"/mentor/meetings/{meeting.pk}/").content.decode()
    assert "Countdown" in page
    assert "Change this meeting" in page


def test_a_meeting_form_with_a_missing_step_shows_each_error(client, year_1):
    mentorship, mentor = year_1
    client.force_login(mentor.user)
    page = client.post(
        f"/mentor/ects/{mentorship.ect_at_school_period_id}/meetings/new/",
        {"held_on-day": "18", "held_on-month": "11", "held_on-year": "2026", "minutes": "50"},
    ).content.decode()
    assert "Enter the praise step" in page
    assert "Set at least one precise action" in page
    assert "Enter the date of the follow-up observation" in page
    assert not MentorMeeting.objects.exists()


def test_another_mentors_ect_is_not_found(client, year_1, niot):
    _, mentor = year_1
    other = ect_on_programme(niot)
    meeting = mentoring.meeting_log(
        mentorship=other,
        by=by(MembershipFactory(mentor=True, teacher=other.mentor_at_school_period.teacher)),
        **six_steps(),
    )
    client.force_login(mentor.user)
    period_id = other.ect_at_school_period_id
    for url in [
        f"/mentor/ects/{period_id}/",
        f"/mentor/ects/{period_id}/drop-ins/new/",
        f"/mentor/ects/{period_id}/meetings/new/",
        f"/mentor/meetings/{meeting.pk}/",
        f"/mentor/meetings/{meeting.pk}/change/",
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(f"/mentor/ects/{period_id}/drop-ins/new/", {"minutes": "5"}).status_code == 404
    )


def test_a_former_mentor_no_longer_sees_the_ect(client, year_1):
    mentorship, mentor = year_1
    mentorship.finished_on = datetime.date(2026, 11, 20)
    mentorship.save()
    client.force_login(mentor.user)
    assert client.get(f"/mentor/ects/{mentorship.ect_at_school_period_id}/").status_code == 404
    assert (
        mentorship.ect_at_school_period.teacher.full_name
        not in client.get("/mentor/").content.decode()
    )


def test_the_change_link_goes_after_7_days(client, year_1, on):
    mentorship, mentor = year_1
    drop_in = log_drop_in(mentorship, mentor)
    client.force_login(mentor.user)
    url = f"/mentor/ects/{mentorship.ect_at_school_period_id}/"
    assert f"/mentor/drop-ins/{drop_in.pk}/change/" in client.get(url).content.decode()
    on(timezone.localdate() + datetime.timedelta(days=8))
    assert f"/mentor/drop-ins/{drop_in.pk}/change/" not in client.get(url).content.decode()
    assert client.get(f"/mentor/drop-ins/{drop_in.pk}/change/").status_code == 404


@pytest.mark.parametrize("trait", ["ect", "lead_provider_user", "appropriate_body_user"])
def test_mentor_pages_are_for_mentors_only(client, year_1, trait):
    mentorship, _ = year_1
    client.force_login(MembershipFactory(**{trait: True}).user)
    for url in [
        f"/mentor/ects/{mentorship.ect_at_school_period_id}/",
        f"/mentor/ects/{mentorship.ect_at_school_period_id}/drop-ins/new/",
        "/mentor/training/",
    ]:
        assert client.get(url).status_code == 403, url

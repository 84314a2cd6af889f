"""The mentor meetings reminder's set-based search (issue 7, item 2): from two meeting days
per mentorship it must find the same run of missed meetings as reading every meeting
against every window (rules 18-19), or say that it cannot and let the sweep read them."""

import datetime
import random
from decimal import Decimal
from types import SimpleNamespace

import pytest

from ecte.calendar import dates
from ecte.notifications.reminders.programmes import YearOfWindows, run_of_missed
from programmes import cadence

pytestmark = pytest.mark.django_db

CADENCES = {
    "weekly": (1, ()),
    "fortnightly": (2, ()),
    "weekly at 0.8 FTE": (Decimal(1) / Decimal("0.8"), ()),
    "focus weeks 1, 3 and 6": (2, (1, 3, 6)),
    "focus weeks 2 and 5": (2, (2, 5)),
}


def _days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize("name", CADENCES)
def test_two_meeting_days_find_the_same_run_as_every_meeting(name):
    every_weeks, weeks = CADENCES[name]
    focuses = [SimpleNamespace(pk=n, week=week) for n, week in enumerate(weeks)]
    half_terms = dates.half_terms(2026)
    year = YearOfWindows(half_terms, every_weeks=every_weeks, focuses=focuses)
    days = _days(half_terms[0].starts_on - datetime.timedelta(days=7), half_terms[-1].ends_on)
    in_half_term = {day for day in days if any(day in half_term for half_term in half_terms)}
    chance = random.Random(name)
    decided = 0
    for _ in range(600):
        from_day = chance.choice(days[:150])
        on = chance.choice(days[days.index(from_day) :])
        held = [day for day in chance.sample(days, chance.randint(0, 10)) if day >= from_day]
        windows = cadence.windows_between(
            half_terms, every_weeks=every_weeks, focuses=focuses, from_day=from_day, to_day=on
        )
        assert year.between(from_day, on) == windows
        expected = run_of_missed(windows, held, on)
        found = year.missed(
            from_day,
            on,
            max((day for day in held if day < on and day in in_half_term), default=None),
            min((day for day in held if day >= on), default=None),
        )
        if found is not False:
            decided += 1
            assert found == expected, (from_day, on, sorted(held))
        elif not weeks or weeks[0] == 1:
            pytest.fail(f"undecided although every half-term day is in a window: {on}")
    assert decided > 500


def test_a_mentoring_that_starts_after_the_day_is_left_to_the_full_reading():
    year = YearOfWindows(dates.half_terms(2026), every_weeks=1, focuses=())
    assert year.missed(datetime.date(2026, 11, 2), datetime.date(2026, 10, 30), None, None) is False


# --- a part-time ECT's meetings are measured pro rata, as their mentor's page shows ----------


def _year_2_mentoring(niot, *, fte):
    from ecte.accounts.models import Role
    from programmes.models import MentorMeeting
    from tests.factories import MembershipFactory, SchoolFactory
    from tests.programmes.factories import ect_on_programme

    school = SchoolFactory()
    MembershipFactory(school=school)
    mentorship = ect_on_programme(niot, school=school, started_on=datetime.date(2025, 9, 1))
    period = mentorship.ect_at_school_period
    if fte < 1:
        period.fte, period.working_pattern = Decimal(fte), "part_time"
        period.save(update_fields=["fte", "working_pattern"])
    mentor = mentorship.mentor_at_school_period.teacher
    user = MembershipFactory(role=Role.MENTOR, school=None, teacher=mentor).user
    MentorMeeting.objects.create(
        mentorship=mentorship,
        held_on=datetime.date(2026, 11, 10),
        minutes=30,
        meeting_model="notes",
        notes="Focus 1",
        logged_by=user,
    )
    return user


def test_a_part_time_ects_meetings_are_due_pro_rata_not_in_the_focus_weeks(commit):
    """Year 2 meetings fall in NIoT's focus weeks (1, 3 and 6) for a full-time ECT: the
    windows from 16 November and from 7 December are both missed by 4 January. At 0.5 FTE
    they fall every 4 weeks instead (rule 4): 2 to 29 November (held on 10 November), then
    30 November to 18 December, one missed."""
    from zoneinfo import ZoneInfo

    import time_machine

    from ecte.notifications import reminders
    from ecte.notifications.models import Notification
    from tests.programmes.factories import load_programme

    niot = load_programme()
    with time_machine.travel(datetime.datetime(2026, 9, 1, 7, tzinfo=ZoneInfo("Europe/London"))):
        full_time = _year_2_mentoring(niot, fte=1)
        part_time = _year_2_mentoring(niot, fte=0.5)
    with (
        time_machine.travel(
            datetime.datetime(2027, 1, 4, 7, tzinfo=ZoneInfo("Europe/London")), tick=False
        ),
        commit(),
    ):
        assert reminders.run("mentor_meetings_missed") == 1
    told = Notification.objects.get()
    assert told.recipient == full_time
    assert "for the last 2 meetings due, since 16 November 2026" in told.body
    assert not Notification.objects.filter(recipient=part_time).exists()

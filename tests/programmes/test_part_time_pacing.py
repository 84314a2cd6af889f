"""A part-time ECT paces the programme pro rata to their FTE (rule 4 applied to the programme;
the NIoT handbook: "it may be appropriate for an ECT on a 0.5 FTE to complete the programme
over 4 years instead of two", with no other pace set)."""

import datetime
from decimal import Decimal

import pytest

from ecte.calendar.dates import HalfTerm
from participants.models import ECTAtSchoolPeriod
from programmes import cadence, participation
from programmes.models import Session, SessionAttendance, StudyItem, StudyRecord
from tests.factories import MembershipFactory, SchoolFactory
from tests.programmes.factories import ect_on_programme

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)  # Autumn half-term 2, week 4; module A has ended
AUTUMN_2 = HalfTerm(2026, 2, datetime.date(2026, 11, 2), datetime.date(2026, 12, 18))


def part_time(mentorship, fte="0.5"):
    ECTAtSchoolPeriod.objects.filter(pk=mentorship.ect_at_school_period_id).update(
        working_pattern="part_time", fte=Decimal(fte)
    )
    mentorship.ect_at_school_period.refresh_from_db()
    return mentorship


def programme_of(mentorship):
    catalogue = participation.Catalogue(2026, today=MONDAY)
    return participation.ect_programme(mentorship.ect_at_school_period, catalogue)


def done(teacher, niot, *codes):
    for code in codes:
        StudyRecord.objects.create(
            teacher=teacher,
            item=StudyItem.objects.get(programme=niot, code=code),
            completed_on=datetime.date(2026, 10, 1),
            completion_source="participant",
        )


@pytest.mark.parametrize(
    ("count", "fte", "expected"),
    [(4, "1", 4), (4, "0.5", 2), (3, "0.5", 2), (4, "0.8", 3), (10, "0.6", 6), (0, "0.5", 0)],
)
def test_expected_so_far_is_pro_rata_to_the_fte_rounding_halves_up(count, fte, expected):
    assert participation.pro_rata(count, Decimal(fte)) == expected


def test_a_half_time_ects_weekly_cadence_becomes_fortnightly():
    weekly = cadence.half_term_windows(AUTUMN_2, every_weeks=1)
    paced = cadence.half_term_windows(AUTUMN_2, every_weeks=Decimal("2"))
    assert len(weekly) == 7
    assert [w.starts_on for w in paced] == [
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 16),
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 14),
    ]
    assert paced == cadence.half_term_windows(AUTUMN_2, every_weeks=2)


def test_a_fractional_pace_spreads_windows_in_days_and_covers_the_half_term():
    windows = cadence.half_term_windows(AUTUMN_2, every_weeks=Decimal("1.25"))  # weekly at 0.8
    assert [w.starts_on for w in windows][:3] == [
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 11),  # 8.75 days, rounded
        datetime.date(2026, 11, 20),  # 17.5 days, rounded half up
    ]
    assert windows[-1].ends_on == AUTUMN_2.ends_on
    assert all(
        a.ends_on + datetime.timedelta(days=1) == b.starts_on
        for a, b in zip(windows, windows[1:], strict=False)
    )


def test_a_part_time_ects_drop_ins_and_meetings_fall_due_pro_rata(niot, on):
    on(MONDAY)
    full = ect_on_programme(niot)
    half = part_time(ect_on_programme(niot))
    full_ect, half_ect = programme_of(full), programme_of(half)
    assert (full_ect.drop_in_every_weeks, half_ect.drop_in_every_weeks) == (1, 2)
    full_status = participation.mentoring_status(full_ect, full, [], [])
    half_status = participation.mentoring_status(half_ect, half, [], [])
    assert half_status.drop_ins.expected < full_status.drop_ins.expected
    assert half_status.drop_ins.expected == pytest.approx(full_status.drop_ins.expected / 2, abs=1)
    assert half_status.meetings.expected == half_status.drop_ins.expected


def test_a_part_time_year_2_ect_has_no_fixed_focus_weeks_but_meetings_keep_their_focus(niot, on):
    on(MONDAY)
    half = part_time(ect_on_programme(niot, started_on=datetime.date(2025, 9, 1)))
    ect = programme_of(half)
    assert ect.meeting_focuses and ect.cadence_focuses == []
    assert ect.meeting_every_weeks == 4  # fortnightly in year 2, at 0.5 FTE
    assert ect.focus_on(MONDAY).title == "Review and adapt"


def test_a_part_time_ects_self_study_and_seminars_expected_so_far_are_pro_rata(niot, on):
    on(MONDAY)
    full = ect_on_programme(niot)
    half = part_time(ect_on_programme(niot))
    for mentorship in (full, half):
        teacher = mentorship.ect_at_school_period.teacher
        done(teacher, niot, "Y1-A-CORE", "Y1-A-DIAG")
        SessionAttendance.objects.create(
            session=Session.objects.get(programme=niot, code="Y1-SEM-INTRO"),
            teacher=teacher,
            attended=True,
        )
    records = participation.study_records_for(
        [m.ect_at_school_period.teacher_id for m in (full, half)]
    )
    attendance = participation.attendance_for(
        [m.ect_at_school_period.teacher_id for m in (full, half)]
    )
    full_ect, half_ect = programme_of(full), programme_of(half)
    full_teacher, half_teacher = full_ect.ect_period.teacher_id, half_ect.ect_period.teacher_id
    full_study = participation.self_study_engagement(full_ect, records[full_teacher])
    half_study = participation.self_study_engagement(half_ect, records[half_teacher])
    assert (full_study.done, full_study.expected, full_study.percent) == (2, 4, 50)
    assert (half_study.done, half_study.expected, half_study.percent) == (2, 2, 100)
    full_seminars = participation.seminar_engagement(full_ect, attendance[full_teacher])
    half_seminars = participation.seminar_engagement(half_ect, attendance[half_teacher])
    assert (full_seminars.expected, half_seminars.expected) == (2, 1)
    assert half_seminars.percent == 100


def test_the_pages_say_a_part_time_ect_is_paced_pro_rata(client, niot, on):
    on(MONDAY)
    school = SchoolFactory()
    half = part_time(ect_on_programme(niot, school=school))
    text = "Part-time (0.5 FTE): drop-ins, meetings and the engagement expected so far are paced"
    mentor = MembershipFactory(mentor=True, teacher=half.mentor_at_school_period.teacher)
    ect = MembershipFactory(ect=True, teacher=half.ect_at_school_period.teacher)
    tutor = MembershipFactory(school=school)
    for membership, url in (
        (mentor, "/mentor/"),
        (mentor, f"/mentor/ects/{half.ect_at_school_period_id}/"),
        (ect, "/ect/programme/"),
        (tutor, "/school/engagement/"),
    ):
        client.force_login(membership.user)
        assert text in client.get(url).content.decode(), url


def test_a_full_time_ects_pages_say_nothing_about_pace(client, niot, on):
    on(MONDAY)
    full = ect_on_programme(niot)
    mentor = MembershipFactory(mentor=True, teacher=full.mentor_at_school_period.teacher)
    client.force_login(mentor.user)
    assert "Part-time" not in client.get("/mentor/").content.decode()

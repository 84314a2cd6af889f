"""One test named after each of DOMAIN rules 18-29 (mentors; programme and module sequence),
against the NIoT programme as seeded from its handbook. Other files test each rule in more
depth; these say, rule by rule, what the service holds to."""

import datetime

import pytest

from ecte.events.record import Actor
from participants.mentor_training import mentor_training_status
from programmes import participation, sequencing
from programmes.errors import ProgrammeError
from programmes.models import ModuleSequence, ModuleSequenceEntry, StudyKind
from programmes.services import mentoring
from tests.factories import MembershipFactory, SchoolFactory, TeacherRecordFactory
from tests.programmes.factories import ect_on_programme

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)  # Autumn half-term 2, week 4
LAST_WEEK = datetime.date(2026, 11, 18)


def programme_of(mentorship, today=MONDAY):
    catalogue = participation.Catalogue(2026, today=today)
    return participation.ect_programme(mentorship.ect_at_school_period, catalogue)


def year(niot, number):
    return niot.years.get(number=number)


def test_rule_18_year_1_has_a_weekly_drop_in_of_at_most_15_minutes_and_a_six_step_meeting(niot, on):
    on(MONDAY)
    year_1 = year(niot, 1)
    assert (year_1.drop_in_every_weeks, year_1.meeting_every_weeks) == (1, 1)
    assert (year_1.max_drop_in_minutes, year_1.meeting_model) == (15, "six_step")
    mentorship = ect_on_programme(niot)
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    with pytest.raises(ProgrammeError, match="A lesson drop-in lasts at most 15 minutes"):
        mentoring.drop_in_log(
            mentorship=mentorship,
            held_on=LAST_WEEK,
            minutes=16,
            mode="recording",
            notes="",
            by=Actor.for_membership(mentor),
        )
    with pytest.raises(ProgrammeError):
        mentoring.meeting_log(
            mentorship=mentorship,
            by=Actor.for_membership(mentor),
            held_on=LAST_WEEK,
            minutes=50,
            praise="Calm start",
            probe="",
            plan="",
            practice="",
            follow_up_on=None,
            new_actions=[],
        )


def test_rule_19_year_2_is_fortnightly_with_focus_meetings_in_weeks_1_3_and_6(niot):
    year_2 = year(niot, 2)
    assert (year_2.drop_in_every_weeks, year_2.meeting_every_weeks) == (2, 2)
    assert [(f.number, f.title, f.week) for f in year_2.meeting_focuses.order_by("number")] == [
        (1, "Prepare and plan", 1),
        (2, "Review and adapt", 3),
        (3, "Final review and next steps", 6),
    ]
    module_b = year_2.modules.get(code="B")
    assert (year_2.choice_kind, year_2.min_choices_for(module_b), year_2.max_choices) == (
        "focus_areas",
        1,
        1,
    )


def test_rule_20_mentor_time_is_an_hour_a_week_in_year_1_and_a_fortnight_in_year_2(
    client, niot, on
):
    on(MONDAY)
    school = SchoolFactory()
    first = ect_on_programme(niot, school=school)
    ect_on_programme(
        niot,
        school=school,
        started_on=datetime.date(2025, 9, 1),
        mentor_period=first.mentor_at_school_period,
    )
    mentor = MembershipFactory(mentor=True, teacher=first.mentor_at_school_period.teacher)
    client.force_login(mentor.user)
    page = client.get("/mentor/").content.decode()
    assert "One hour a week" in page
    assert "One hour a fortnight" in page


def test_rule_21_a_training_mentor_has_not_completed_6_ecf_or_3_ectp_terms():
    training = mentor_training_status(TeacherRecordFactory(mentor_ecf_terms_completed=5), 2026)
    done_ecf = mentor_training_status(TeacherRecordFactory(mentor_ecf_terms_completed=6), 2026)
    done_ectp = mentor_training_status(TeacherRecordFactory(mentor_ectp_terms_completed=3), 2026)
    assert training.is_training_mentor and training.is_funded
    assert not done_ecf.is_training_mentor and not done_ectp.is_training_mentor
    funded_before = mentor_training_status(
        TeacherRecordFactory(mentor_training_funded_in=2025), 2026
    )
    assert funded_before.is_training_mentor and not funded_before.is_funded


def test_rule_22_six_modules_a_year_one_per_half_term_a_to_f(niot):
    for number in (1, 2):
        modules = list(year(niot, number).modules.order_by("position"))
        assert [m.code for m in modules] == list("ABCDEF")
        assert all(m.half_terms == 1 for m in modules)
    assert [m.title for m in year(niot, 1).modules.order_by("position")] == [
        "Behaviour and Relationships",
        "Memory and Learning",
        "Planning and Delivery",
        "Subject and Curriculum",
        "Assessment for Learning",
        "Adaptive Practice",
    ]


def test_rule_23_module_a_always_first_and_b_to_f_each_once_in_any_order(niot):
    modules = sequencing.sequence_modules(niot)
    assert sequencing.order_problems(modules, list("AFEDCB")) == {}
    assert 1 in sequencing.order_problems(modules, list("BAFEDC"))
    assert 3 in sequencing.order_problems(modules, list("ABBDEF"))


def confirmed_sequence(school, niot, codes):
    sequence = ModuleSequence.objects.create(
        school=school,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        confirmed_at=datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC),
    )
    for position, code in enumerate(codes, start=1):
        ModuleSequenceEntry.objects.create(sequence=sequence, position=position, module_code=code)
    return sequence


def test_rule_24_every_ect_in_a_school_year_1_and_2_follows_the_same_sequence(niot, on):
    on(MONDAY)
    school = SchoolFactory()
    confirmed_sequence(school, niot, "AFEDCB")
    year_1 = programme_of(ect_on_programme(niot, school=school))
    year_2 = programme_of(
        ect_on_programme(niot, school=school, started_on=datetime.date(2025, 9, 1))
    )
    assert [m.code for m in year_1.modules] == list("AFEDCB")
    assert [m.code for m in year_2.modules] == list("AFEDCB")


def test_rule_25_the_sequence_locks_after_autumn_half_term_1_and_not_choosing_keeps_the_design(
    niot,
):
    deadline = sequencing.sequence_deadline(2026)
    assert not sequencing.is_locked(2026, on=deadline)
    assert sequencing.is_locked(2026, on=deadline + datetime.timedelta(days=1))
    sequence = sequencing.effective_sequence(SchoolFactory(), niot)
    assert (sequence.source, sequence.codes) == ("designed", list("ABCDEF"))


def test_rule_26_a_late_joiner_does_module_a_first_then_joins_the_school_sequence(niot, on):
    on(datetime.date(2027, 1, 11))
    school = SchoolFactory()
    confirmed_sequence(school, niot, "AFEDCB")
    joiner = programme_of(
        ect_on_programme(niot, school=school, started_on=datetime.date(2027, 1, 4)),
        today=datetime.date(2027, 1, 11),
    )
    taken = [slot.module.code for slot in joiner.slots if not slot.before_joining and slot.module]
    assert taken[0] == "A"
    assert taken[1:] == ["D", "C", "B"]  # where the school's sequence has reached in spring


def test_rule_27_seminars_keep_their_fixed_order_whatever_the_module_sequence(niot, on):
    on(MONDAY)
    designed = programme_of(ect_on_programme(niot))
    school = SchoolFactory()
    confirmed_sequence(school, niot, "AFEDCB")
    reordered = programme_of(ect_on_programme(niot, school=school))
    assert [s.code for s in designed.seminars()] == [s.code for s in reordered.seminars()]
    seminar_half_terms = [s.half_term for s in reordered.seminars() if s.kind == "seminar"]
    assert seminar_half_terms == sorted(seminar_half_terms)


def test_rule_28_year_1_modules_have_core_diagnostic_and_3_of_5_electives_2_in_half_term_1(
    niot, on
):
    on(MONDAY)
    ect = programme_of(ect_on_programme(niot))
    module_a, module_b = ect.module("A"), ect.module("B")
    required = {item.kind: item.minutes for item in ect.required_items(module_b)}
    assert required == {StudyKind.CORE: 60, StudyKind.DIAGNOSTIC: 30}
    electives = ect.choosable_items(module_b)
    assert len(electives) == 5 and {item.minutes for item in electives} == {45}
    assert (ect.min_choices(module_a), ect.min_choices(module_b)) == (2, 3)
    year_2 = programme_of(ect_on_programme(niot, started_on=datetime.date(2025, 9, 1)))
    assert len(year_2.choosable_items(year_2.module("B"))) == 3
    assert len(year_2.choosable_items(year_2.module("F"))) == 4


def test_rule_29_engagement_below_75_percent_is_flagged(niot):
    assert niot.engagement_threshold == 75
    assert participation.Progress(done=2, expected=4).below(75)
    assert not participation.Progress(done=3, expected=4).below(75)
    assert not participation.Progress(done=0, expected=0).below(75)  # nothing due yet

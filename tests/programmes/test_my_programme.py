"""The ECT's programme: timeline in the school's sequence, late joiners, self-study, electives
and focus areas (rules 26-28), seminars; and the mentor's own training (rule 21)."""

import datetime
import html

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from programmes.errors import ProgrammeError
from programmes.models import Session, SessionAttendance, StudyItem, StudyRecord
from programmes.services import study
from programmes.services.sequences import module_sequence_confirm
from tests.factories import MembershipFactory, TrainingPeriodFactory
from tests.programmes.factories import ect_on_programme

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)
CHOSEN = ["A", "F", "C", "E", "B", "D"]


@pytest.fixture
def ect(niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot)
    return MembershipFactory(ect=True, teacher=mentorship.ect_at_school_period.teacher)


def item(niot, code) -> StudyItem:
    return StudyItem.objects.get(programme=niot, code=code)


def actor(membership):
    return Actor.for_membership(membership)


def test_my_programme_follows_the_schools_sequence_and_highlights_the_current_module(
    client, niot, ect, on
):
    on(datetime.date(2026, 10, 1))
    module_sequence_confirm(
        school=ect.teacher.ect_at_school_periods.get().school,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=Actor.system(),
    )
    on(MONDAY)
    client.force_login(ect.user)
    page = client.get("/ect/programme/").content.decode()
    assert "Your modules follow the order your school chose." in page
    table = page[page.index("Your six half-terms") :]
    order = [table.index(f"Module {code}:") for code in CHOSEN]
    assert order == sorted(order)
    assert 'aria-current="step"' in page
    current = page[page.index('aria-current="step"') :]
    assert current.index("Module F: Adaptive Practice") < current.index("Current")


def test_a_late_joiner_sees_module_a_first_then_the_schools_sequence(client, niot, on):
    on(datetime.date(2027, 1, 20))
    mentorship = ect_on_programme(niot, started_on=datetime.date(2027, 1, 11))
    membership = MembershipFactory(ect=True, teacher=mentorship.ect_at_school_period.teacher)
    client.force_login(membership.user)
    page = html.unescape(client.get("/ect/programme/").content.decode())
    assert (
        "You joined after Autumn half-term 1, so you do Module A: Behaviour and Relationships "
        "first, then follow your school's sequence from the point it has reached." in page
    )
    assert page.count("Before you joined") == 2


def test_seminars_show_in_their_fixed_order_with_attendance(client, niot, ect):
    seminar_a = Session.objects.get(programme=niot, code="Y1-SEM-A")
    SessionAttendance.objects.create(session=seminar_a, teacher=ect.teacher, attended=True)
    client.force_login(ect.user)
    page = client.get("/ect/programme/").content.decode()
    assert "Seminar A: Ensuring safe and predictable learning environments" in page
    assert page.index("Seminar A:") < page.index("Seminar B:") < page.index("Seminar F:")
    assert "Attended" in page
    assert "Not recorded yet" in page


# --- self-study and choices (rule 28) -----------------------------------------------------


def test_marking_core_self_study_done_counts_towards_the_module(client, niot, ect):
    client.force_login(ect.user)
    core = item(niot, "Y1-B-CORE")
    response = client.post(f"/ect/programme/modules/B/study/{core.pk}/")
    assert response["Location"] == "/ect/programme/modules/B/"
    record = StudyRecord.objects.get(teacher=ect.teacher, item=core)
    assert (record.completed_on, record.completion_source) == (MONDAY, "participant")
    assert Event.objects.filter(event_type="study_marked_done", teacher=ect.teacher).exists()
    page = client.get("/ect/programme/modules/B/").content.decode()
    assert "This module:</strong>\n      1 of 5 (20%)" in page


def test_an_elective_must_be_chosen_before_it_is_marked_done(niot, ect):
    with pytest.raises(ProgrammeError) as refused:
        study.study_mark_done(teacher=ect.teacher, item=item(niot, "Y1-B-E1"), by=actor(ect))
    assert str(refused.value) == "Choose this elective self-study before you mark it as done"
    assert not StudyRecord.objects.exists()


def test_something_outside_the_ects_programme_cannot_be_marked(niot, ect, bpn):
    with pytest.raises(ProgrammeError) as refused:
        study.study_mark_done(
            teacher=ect.teacher, item=StudyItem.objects.filter(programme=bpn).first(), by=actor(ect)
        )
    assert str(refused.value) == "This is not part of your programme this year"


def test_electives_are_checkboxes_and_a_focus_area_is_a_radio(client, niot, ect, on):
    client.force_login(ect.user)
    page = client.get("/ect/programme/modules/B/").content.decode()
    assert page.count('type="checkbox"') == 5
    assert 'type="radio"' not in page
    year_2 = ect_on_programme(niot, started_on=datetime.date(2025, 9, 1))
    client.force_login(
        MembershipFactory(ect=True, teacher=year_2.ect_at_school_period.teacher).user
    )
    page = client.get("/ect/programme/modules/B/").content.decode()
    assert page.count('type="radio"') == 3


def test_choosing_three_electives_in_module_b(client, niot, ect):
    client.force_login(ect.user)
    chosen = [item(niot, f"Y1-B-E{n}") for n in (1, 3, 5)]
    response = client.post("/ect/programme/modules/B/", {"chosen": [str(i.pk) for i in chosen]})
    assert response.status_code == 302
    assert set(
        StudyRecord.objects.filter(chosen_at__isnull=False).values_list("item__code", flat=True)
    ) == {
        "Y1-B-E1",
        "Y1-B-E3",
        "Y1-B-E5",
    }


def test_two_electives_are_too_few_after_the_first_module(client, niot, ect):
    client.force_login(ect.user)
    page = client.post(
        "/ect/programme/modules/B/", {"chosen": [str(item(niot, f"Y1-B-E{n}").pk) for n in (1, 2)]}
    ).content.decode()
    assert "Choose at least 3 electives for Module B: Memory and Learning" in page
    assert "<title>Error:" in page
    assert not StudyRecord.objects.exists()


def test_two_electives_are_enough_in_the_first_module(niot, ect):
    study.choices_save(
        teacher=ect.teacher,
        module_code="A",
        chosen=[item(niot, "Y1-A-E1"), item(niot, "Y1-A-E2")],
        by=actor(ect),
    )
    assert StudyRecord.objects.filter(chosen_at__isnull=False).count() == 2
    with pytest.raises(ProgrammeError) as refused:
        study.choices_save(
            teacher=ect.teacher, module_code="A", chosen=[item(niot, "Y1-A-E1")], by=actor(ect)
        )
    assert (
        str(refused.value)
        == "Choose at least 2 electives for Module A: Behaviour and Relationships"
    )


def test_an_elective_of_another_module_cannot_be_chosen(niot, ect):
    with pytest.raises(ProgrammeError) as refused:
        study.choices_save(
            teacher=ect.teacher,
            module_code="B",
            chosen=[item(niot, "Y1-B-E1"), item(niot, "Y1-B-E2"), item(niot, "Y1-C-E1")],
            by=actor(ect),
        )
    assert str(refused.value) == "Choose from the electives of Module B: Memory and Learning"
    assert not StudyRecord.objects.exists()


def test_a_completed_elective_cannot_be_removed(niot, ect):
    three = [item(niot, f"Y1-B-E{n}") for n in (1, 2, 3)]
    study.choices_save(teacher=ect.teacher, module_code="B", chosen=three, by=actor(ect))
    study.study_mark_done(teacher=ect.teacher, item=three[0], by=actor(ect))
    with pytest.raises(ProgrammeError) as refused:
        study.choices_save(
            teacher=ect.teacher,
            module_code="B",
            chosen=[*three[1:], item(niot, "Y1-B-E4")],
            by=actor(ect),
        )
    assert str(refused.value) == "You have completed How the memory works, so you cannot remove it"


def test_a_year_2_ect_chooses_exactly_one_focus_area(client, niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot, started_on=datetime.date(2025, 9, 1))
    teacher = mentorship.ect_at_school_period.teacher
    membership = MembershipFactory(ect=True, teacher=teacher)
    client.force_login(membership.user)
    page = client.get("/ect/programme/modules/F/").content.decode()
    assert "Strategies and approaches for pupils with sensory or physical SEND" in page
    page = client.post("/ect/programme/modules/B/", {}).content.decode()
    assert "Choose one focus area for Module B: Memory and Learning" in page
    with pytest.raises(ProgrammeError) as refused:
        study.choices_save(
            teacher=teacher,
            module_code="B",
            chosen=[item(niot, "Y2-B-F1"), item(niot, "Y2-B-F2")],
            by=actor(membership),
        )
    assert str(refused.value) == "Choose one focus area for Module B: Memory and Learning"
    client.post("/ect/programme/modules/B/", {"chosen": str(item(niot, "Y2-B-F2").pk)})
    assert StudyRecord.objects.get(teacher=teacher).item.code == "Y2-B-F2"


def test_a_year_2_module_has_a_diagnostic_and_self_study(client, niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot, started_on=datetime.date(2025, 9, 1))
    client.force_login(
        MembershipFactory(ect=True, teacher=mentorship.ect_at_school_period.teacher).user
    )
    page = client.get("/ect/programme/modules/B/").content.decode()
    assert "Diagnostic" in page
    assert "Self-study section 1" in page
    assert "Year 2" in page


def test_something_the_lead_provider_recorded_cannot_be_unmarked(niot, ect):
    core = item(niot, "Y1-B-CORE")
    StudyRecord.objects.create(
        teacher=ect.teacher, item=core, completed_on=MONDAY, completion_source="lead_provider"
    )
    with pytest.raises(ProgrammeError) as refused:
        study.study_mark_not_done(teacher=ect.teacher, item=core, by=actor(ect))
    assert (
        str(refused.value) == "Your lead provider recorded this as done, so only they can change it"
    )


def test_an_ect_cannot_reach_another_programmes_study(client, niot, ect, bpn):
    client.force_login(ect.user)
    other = StudyItem.objects.filter(programme=bpn).first()
    assert client.post(f"/ect/programme/modules/B/study/{other.pk}/").status_code == 404
    assert client.get("/ect/programme/modules/Z/").status_code == 404


def test_the_ect_home_shows_the_current_module_and_progress(client, ect):
    client.force_login(ect.user)
    page = client.get("/ect/").content.decode()
    assert "Your induction" in page
    assert "Year 1, Module B: Memory and Learning" in page
    assert "This year:</strong>" in page


def test_a_school_led_ect_has_no_provider_programme(client, on):
    on(MONDAY)
    training = TrainingPeriodFactory(school_led=True)
    membership = MembershipFactory(ect=True, teacher=training.ect_at_school_period.teacher)
    client.force_login(membership.user)
    assert "School-led training" in client.get("/ect/programme/").content.decode()


@pytest.mark.parametrize("trait", ["mentor", "lead_provider_user", "appropriate_body_user"])
def test_ect_pages_are_for_ects_only(client, trait):
    client.force_login(MembershipFactory(**{trait: True}).user)
    for url in ["/ect/programme/", "/ect/programme/modules/A/", "/ect/meetings/"]:
        assert client.get(url).status_code == 403


# --- the mentor's own training (rule 21) --------------------------------------------------


def test_a_training_mentor_sees_what_is_required_and_their_engagement(client, niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot)
    mentor_period = mentorship.mentor_at_school_period
    partnership = mentorship.ect_at_school_period.training_periods.get().school_partnership
    TrainingPeriodFactory(
        ect_at_school_period=None,
        mentor_at_school_period=mentor_period,
        school_partnership=partnership,
    )
    mentor = MembershipFactory(mentor=True, teacher=mentor_period.teacher)
    client.force_login(mentor.user)
    page = client.get("/mentor/training/").content.decode()
    assert "complete 3 self-studies and attend 3 seminars or webinars" in page
    assert "Delving into deliberate practice" in page
    deliberate = item(niot, "M-1A")
    client.post(f"/mentor/training/study/{deliberate.pk}/")
    assert StudyRecord.objects.get(teacher=mentor_period.teacher).item == deliberate
    assert (
        "Self-studies completed this year:</strong>\n      1 of 3"
        in client.get("/mentor/training/").content.decode()
    )


def test_a_mentor_without_training_is_a_non_training_mentor(client, niot, on):
    on(MONDAY)
    mentorship = ect_on_programme(niot)
    client.force_login(
        MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher).user
    )
    page = client.get("/mentor/training/").content.decode()
    assert "Non-training mentor" in page
    assert "Non-training mentors do not study or attend sessions for their own programme" in page

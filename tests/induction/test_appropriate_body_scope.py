"""Which teachers an appropriate body may see, decided in one place
(`teachers_for_appropriate_body`): those it holds or held, ECTs whose school chose it and
teachers it has a release request about; never anyone else ('Page not found').

Finding a teacher by TRN and date of birth lets it claim them or ask for their release,
but does not by itself open their teacher page."""

import pytest

from induction.selectors.appropriate_body import teachers_for_appropriate_body
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    TeacherFactory,
)
from tests.induction.factories import ReleaseRequestFactory, held_ect

pytestmark = pytest.mark.django_db

AB = "/appropriate-body"


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def test_an_appropriate_body_sees_the_teachers_it_holds_or_held():
    ab = AppropriateBodyFactory()
    _, holding = held_ect(appropriate_body=ab)
    held = InductionPeriodFactory(appropriate_body=ab, released=True)
    assert set(teachers_for_appropriate_body(ab)) == {holding.teacher, held.teacher}


def test_an_appropriate_body_sees_ects_whose_school_chose_it():
    ab = AppropriateBodyFactory()
    chosen = ECTAtSchoolPeriodFactory(appropriate_body=ab)
    assert list(teachers_for_appropriate_body(ab)) == [chosen.teacher]


def test_an_appropriate_body_sees_teachers_it_asked_another_to_release():
    ab = AppropriateBodyFactory()
    request = ReleaseRequestFactory(requested_by=ab)
    assert list(teachers_for_appropriate_body(ab)) == [request.teacher]


def test_an_appropriate_body_never_sees_other_teachers():
    ab = AppropriateBodyFactory()
    TeacherFactory()
    InductionPeriodFactory()
    ECTAtSchoolPeriodFactory()
    ReleaseRequestFactory()
    assert list(teachers_for_appropriate_body(ab)) == []


def test_a_teacher_found_by_trn_is_in_scope_only_when_the_journey_passes_the_id():
    ab = AppropriateBodyFactory()
    teacher = TeacherFactory()
    assert list(teachers_for_appropriate_body(ab)) == []
    assert list(teachers_for_appropriate_body(ab, found_by_trn=[teacher.pk])) == [teacher]


def test_a_teacher_linked_several_ways_appears_once():
    ab = AppropriateBodyFactory()
    ect_period, period = held_ect(appropriate_body=ab)
    ReleaseRequestFactory(induction_period=period)
    assert list(teachers_for_appropriate_body(ab)) == [ect_period.teacher]


def test_another_bodys_teacher_page_is_not_found(signed_in):
    other = InductionPeriodFactory()
    assert signed_in.get(f"{AB}/teachers/{other.teacher.pk}/").status_code == 404


def test_finding_a_teacher_by_trn_does_not_open_their_teacher_page(signed_in):
    holding = InductionPeriodFactory()
    teacher = holding.teacher
    response = signed_in.post(
        f"{AB}/claim/",
        {"trn": teacher.trn, **date_fields("date_of_birth", teacher.date_of_birth)},
    )
    assert response["Location"] == f"{AB}/teachers/{teacher.pk}/ask-to-release/"
    assert signed_in.get(response["Location"]).status_code == 200
    assert signed_in.get(f"{AB}/teachers/{teacher.pk}/").status_code == 404


def test_asking_for_a_release_opens_the_teacher_page_to_the_asking_body(signed_in):
    holding = InductionPeriodFactory()
    teacher = holding.teacher
    signed_in.post(
        f"{AB}/claim/",
        {"trn": teacher.trn, **date_fields("date_of_birth", teacher.date_of_birth)},
    )
    signed_in.post(f"{AB}/teachers/{teacher.pk}/ask-to-release/", {"message": ""})
    page = signed_in.get(f"{AB}/teachers/{teacher.pk}/")
    assert page.status_code == 200
    assert teacher.full_name in page.content.decode()


def test_the_claim_journey_is_not_found_for_a_teacher_not_found_by_trn(signed_in):
    teacher = TeacherFactory()
    assert signed_in.get(f"{AB}/claim/{teacher.pk}/start-date/").status_code == 404
    assert signed_in.get(f"{AB}/teachers/{teacher.pk}/ask-to-release/").status_code == 404

"""seed_national at scale 0.01: the counts it promises, data the model layer reads back,
and the bad inputs it refuses."""

import pytest
from django.core.management import CommandError, call_command

from ecte.accounts.models import Membership, Role
from induction.models import AppropriateBody, InductionPeriod
from participants.models import ECTAtSchoolPeriod, Mentorship, Teacher
from programmes.models import LeadProvider, LessonDropIn, MentorMeeting, SchoolPartnership
from schools.models import School
from schools.selectors import current_ects
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_national", scale=0.01, verbosity=0)


def test_scale_001_makes_a_hundredth_of_england(seeded):
    assert School.objects.count() == 220
    assert AppropriateBody.objects.count() == 4
    assert LeadProvider.objects.count() == 6
    assert Teacher.objects.count() == 1_200 + 1_000
    assert ECTAtSchoolPeriod.objects.values("teacher").distinct().count() == 1_200
    assert LessonDropIn.objects.count() + MentorMeeting.objects.count() == 30_000


def test_the_big_school_dashboard_reads_its_sixty_ects(seeded):
    school = School.objects.get(name="Northgate National Benchmark Academy")
    ongoing = ECTAtSchoolPeriod.objects.ongoing().filter(school=school).count()
    ects = current_ects(school)
    assert len(ects) == ongoing > 40
    assert (
        ECTAtSchoolPeriod.objects.filter(school=school).values("teacher").distinct().count() >= 60
    )
    assert all(ect.mentor is not None for ect in ects)
    assert Membership.objects.filter(role=Role.INDUCTION_TUTOR, school=school).exists()


def test_some_inductions_are_closed_with_outcomes_and_some_released_and_claimed_again(seeded):
    assert InductionPeriod.objects.filter(outcome="pass").exists()
    assert InductionPeriod.objects.filter(finished_on__isnull=False, outcome="").exists()
    reclaimed = InductionPeriod.objects.filter(
        finished_on__isnull=True,
        teacher__induction_periods__finished_on__isnull=False,
        teacher__induction_periods__outcome="",
    )
    assert reclaimed.exists()


def test_every_open_mentorship_has_logs_and_partnerships_belong_to_the_year(seeded):
    assert not Mentorship.objects.ongoing().filter(meetings__isnull=True).exists()
    assert SchoolPartnership.objects.values("academic_year").distinct().count() == 1


def test_it_refuses_a_database_that_already_has_schools():
    SchoolFactory()
    with pytest.raises(CommandError, match="fills an empty database"):
        call_command("seed_national", scale=0.01, verbosity=0)
    assert not Teacher.objects.exists()


@pytest.mark.parametrize("scale", [0, -1, 2.5])
def test_it_refuses_a_scale_out_of_range(scale):
    with pytest.raises(CommandError, match="Scale must be more than 0"):
        call_command("seed_national", scale=scale, verbosity=0)
    assert not School.objects.exists()


def test_it_refuses_sqlite(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("seed_national", scale=0.01, verbosity=0)


def test_the_same_seed_plans_the_same_data():
    import datetime
    import random

    from django.db import connection

    from ecte.national.bulk import Ids
    from ecte.national.organisations import build
    from ecte.national.people import PeopleBuilder
    from ecte.national.plan import Plan
    from ecte.national.seed import SEED

    now = datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC)

    def planned():
        with connection.cursor() as wrapper:
            rng = random.Random(SEED)
            orgs = build(Plan.for_scale(0.01), Ids(wrapper.cursor), rng, 2026, now)
            people = PeopleBuilder(orgs, Ids(wrapper.cursor), rng, 2026, now).build()
        return orgs.rows, people.rows

    first, second = planned(), planned()
    assert first == second
    assert len(first[1]["participants_teacher"]) == 2_200

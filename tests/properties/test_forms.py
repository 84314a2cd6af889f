"""The main forms under random and hostile input: never a server error, and a refused
answer changes nothing."""

import pytest
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from induction.models import InductionPeriod
from participants.models import ECTAtSchoolPeriod, Teacher
from programmes.models import LessonDropIn, MentorMeeting
from tests.properties.strategies import HOSTILE, NUMBER_TEXT, date_parts

pytestmark = pytest.mark.django_db

NUL = "\x00"


def client_for(world, role) -> Client:
    client = Client()
    client.force_login(world["own"].members[role].user)
    return client


def ids(world):
    return world["own"].ids


def state():
    """Counts of the records these forms could write."""
    return {
        "teachers": Teacher.objects.count(),
        "ect_periods": ECTAtSchoolPeriod.objects.count(),
        "induction_periods": InductionPeriod.objects.count(),
        "open_periods": InductionPeriod.objects.filter(finished_on__isnull=True).count(),
        "drop_ins": LessonDropIn.objects.count(),
        "meetings": MentorMeeting.objects.count(),
    }


def assert_handled(response):
    assert response.status_code < 500


FIND = st.fixed_dictionaries({"trn": NUMBER_TEXT}).flatmap(
    lambda trn: date_parts("date_of_birth").map(lambda dob: {**trn, **dob})
)


@given(data=FIND)
@example(
    data={
        "trn": NUL,
        "date_of_birth-day": NUL,
        "date_of_birth-month": "1",
        "date_of_birth-year": "1",
    }
)
def test_registering_an_ect_finding_by_trn_and_date_of_birth(world, db, data):
    before = state()
    response = client_for(world, "tutor").post("/school/ects/register/find/", data)
    assert_handled(response)
    # Finding stores answers in the session: nothing is written until the check answers page.
    assert state() == before


@given(data=FIND)
@example(
    data={
        "trn": "1" * 400,
        "date_of_birth-day": "2147483647",
        "date_of_birth-month": "1",
        "date_of_birth-year": "1998",
    }
)
def test_an_appropriate_body_finding_an_ect_to_claim_by_trn(world, db, data):
    before = state()
    response = client_for(world, "ab").post("/appropriate-body/claim/", data)
    assert_handled(response)
    assert state()["induction_periods"] == before["induction_periods"]


def test_a_day_too_large_for_the_date_type_is_a_clear_error(world, db):
    response = client_for(world, "ab").post(
        "/appropriate-body/claim/",
        {
            "trn": "1234567",
            "date_of_birth-day": "99999999999999999999",
            "date_of_birth-month": "1",
            "date_of_birth-year": "1998",
        },
    )
    assert response.status_code == 200
    assert "Date of birth must be a real date" in response.content.decode()


@given(data=date_parts("started_on"))
def test_the_claim_start_date(world, db, data):
    other_teacher = world["other"].ids["teacher"]
    before = state()
    response = client_for(world, "ab").post(
        f"/appropriate-body/claim/{other_teacher}/start-date/", data
    )
    assert_handled(response)
    assert state() == before


@given(end=date_parts("finished_on"), terms=NUMBER_TEXT, leaving=date_parts("left_on"))
def test_releasing_an_ect_end_date_and_terms(world, db, end, terms, leaving):
    client = client_for(world, "ab")
    teacher = ids(world)["teacher"]
    before = state()
    assert_handled(
        client.post(f"/appropriate-body/teachers/{teacher}/release/end-date/", {**end, **leaving})
    )
    valid_end = {"finished_on-day": "20", "finished_on-month": "11", "finished_on-year": "2026"}
    client.post(f"/appropriate-body/teachers/{teacher}/release/end-date/", valid_end)
    assert_handled(
        client.post(
            f"/appropriate-body/teachers/{teacher}/release/terms/", {"number_of_terms": terms}
        )
    )
    assert state() == before


@given(
    outcome=st.one_of(st.sampled_from(["pass", "fail", "extend"]), HOSTILE),
    end=date_parts("finished_on"),
)
def test_recording_an_outcome(world, db, outcome, end):
    client = client_for(world, "ab")
    teacher = ids(world)["teacher"]
    before = state()
    assert_handled(
        client.post(f"/appropriate-body/teachers/{teacher}/outcome/decision/", {"outcome": outcome})
    )
    assert_handled(client.post(f"/appropriate-body/teachers/{teacher}/outcome/end-date/", end))
    assert state() == before


@given(first_name=HOSTILE, last_name=HOSTILE)
@example(first_name="Ann" + NUL, last_name="Lee")
@example(first_name="a" * 100_000, last_name="Lee")
def test_changing_an_ects_name(world, db, first_name, last_name):
    period = ECTAtSchoolPeriod.objects.select_related("teacher").get(pk=ids(world)["ect_period"])
    name_before = (period.teacher.first_name, period.teacher.last_name)
    response = client_for(world, "tutor").post(
        f"/school/ects/{period.pk}/change/name/",
        {"first_name": first_name, "last_name": last_name},
    )
    assert_handled(response)
    period.teacher.refresh_from_db()
    if response.status_code == 200:
        assert (period.teacher.first_name, period.teacher.last_name) == name_before


@given(email=HOSTILE)
@example(email="a@b.c" + NUL)
def test_changing_an_ects_email(world, db, email):
    period = ECTAtSchoolPeriod.objects.get(pk=ids(world)["ect_period"])
    response = client_for(world, "tutor").post(
        f"/school/ects/{period.pk}/change/email/", {"email": email}
    )
    assert_handled(response)
    if response.status_code == 200:
        period_after = ECTAtSchoolPeriod.objects.get(pk=period.pk)
        assert period_after.email == period.email


DROP_IN = st.fixed_dictionaries(
    {
        "minutes": NUMBER_TEXT,
        "mode": st.one_of(st.sampled_from(["in_person", "recording"]), HOSTILE),
        "notes": HOSTILE,
        "focus_action": HOSTILE,
    }
)


@given(fields=DROP_IN, held_on=date_parts("held_on"))
@example(
    fields={"minutes": "15", "mode": "in_person", "notes": "Calm" + NUL, "focus_action": ""},
    held_on={"held_on-day": "1", "held_on-month": "10", "held_on-year": "2026"},
)
def test_logging_a_drop_in(world, db, fields, held_on):
    before = state()
    response = client_for(world, "mentor").post(
        f"/mentor/ects/{ids(world)['ect_period']}/drop-ins/new/", {**fields, **held_on}
    )
    assert_handled(response)
    after = state()
    saved = after["drop_ins"] - before["drop_ins"]
    assert saved == (1 if response.status_code == 302 else 0)
    assert {**after, "drop_ins": 0} == {**before, "drop_ins": 0}


MEETING = st.fixed_dictionaries(
    {
        "minutes": NUMBER_TEXT,
        "praise": HOSTILE,
        "probe": HOSTILE,
        "plan": HOSTILE,
        "practice": HOSTILE,
        "notes": HOSTILE,
        "new_actions": HOSTILE,
    }
)


@given(fields=MEETING, held_on=date_parts("held_on"), follow_up=date_parts("follow_up_on"))
def test_logging_a_meeting(world, db, fields, held_on, follow_up):
    before = state()
    response = client_for(world, "mentor").post(
        f"/mentor/ects/{ids(world)['ect_period']}/meetings/new/",
        {**fields, **held_on, **follow_up},
    )
    assert_handled(response)
    after = state()
    assert after["meetings"] - before["meetings"] == (1 if response.status_code == 302 else 0)

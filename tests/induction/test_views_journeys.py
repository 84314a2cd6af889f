"""The appropriate body's journeys through the web: claim (from the list and by TRN and date of
birth), release with suggested terms, outcomes, reduction, corrections and release requests.
Each refuses the wrong role and another organisation's records (404)."""

import datetime
from decimal import Decimal

import pytest

from ecte.events.models import Event
from induction import errors
from induction.forms import NOT_FOUND
from induction.models import Extension, InductionPeriod, Reduction, ReleaseRequest
from participants.models import Teacher
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    TeacherFactory,
    TeacherRecordFactory,
)
from tests.induction.factories import ReleaseRequestFactory, held_ect

pytestmark = pytest.mark.django_db

AB = "/appropriate-body"


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


# --- claim ------------------------------------------------------------------------------


def test_claiming_from_the_list_asks_start_date_and_programme_then_claims(signed_in, ab_user):
    ect = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body)
    base = f"{AB}/claim/{ect.teacher.pk}"
    page = signed_in.get(f"{base}/start-date/").content.decode()
    assert "When did their induction start with you?" in page
    response = signed_in.post(
        f"{base}/start-date/", date_fields("started_on", datetime.date(2026, 9, 2))
    )
    assert response["Location"] == f"{base}/programme/"
    response = signed_in.post(f"{base}/programme/", {"induction_programme": "school_led"})
    assert response["Location"] == f"{base}/check-answers/"
    check = signed_in.get(f"{base}/check-answers/").content.decode()
    assert "2 September 2026" in check
    assert "School-led" in check
    response = signed_in.post(f"{base}/check-answers/")
    assert response["Location"] == f"{AB}/teachers/{ect.teacher.pk}/"
    period = InductionPeriod.objects.get(teacher=ect.teacher)
    assert period.appropriate_body == ab_user.appropriate_body
    assert period.induction_programme == "school_led"
    page = signed_in.get(response["Location"]).content.decode()
    assert f"You have claimed {ect.teacher.full_name}" in page


def test_a_start_before_qts_is_shown_at_the_field_and_nothing_is_saved(signed_in, ab_user):
    ect = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body)
    response = signed_in.post(
        f"{AB}/claim/{ect.teacher.pk}/start-date/",
        date_fields("started_on", datetime.date(2026, 7, 1)),
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Induction cannot start before the teacher was awarded QTS on 20 July 2026" in page
    assert "<title>Error: " in page
    assert not InductionPeriod.objects.exists()


def test_finding_by_trn_and_date_of_birth_starts_the_claim(signed_in, ab_user):
    record = TeacherRecordFactory()
    response = signed_in.post(
        f"{AB}/claim/",
        {"trn": record.trn, **date_fields("date_of_birth", record.date_of_birth)},
    )
    teacher_id = Teacher.objects.get(trn=record.trn).pk
    assert response["Location"] == f"{AB}/claim/{teacher_id}/start-date/"
    assert signed_in.get(response["Location"]).status_code == 200


def test_a_wrong_date_of_birth_finds_nobody(signed_in):
    record = TeacherRecordFactory()
    response = signed_in.post(
        f"{AB}/claim/",
        {"trn": record.trn, **date_fields("date_of_birth", datetime.date(1990, 1, 1))},
    )
    page = response.content.decode()
    assert NOT_FOUND in page
    assert f'value="{record.trn}"' in page


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: TeacherFactory(no_qts=True), errors.NO_QTS),
        (lambda: InductionPeriodFactory(passed=True).teacher, errors.ALREADY_PASSED),
        (lambda: InductionPeriodFactory(failed=True).teacher, errors.ALREADY_FAILED),
    ],
)
def test_a_teacher_who_cannot_be_claimed_is_told_why_in_plain_words(signed_in, make, message):
    teacher = make()
    response = signed_in.post(
        f"{AB}/claim/",
        {"trn": teacher.trn, **date_fields("date_of_birth", teacher.date_of_birth)},
    )
    page = response.content.decode()
    assert f"You cannot claim {teacher.full_name}" in page
    assert message in page.replace("&#39;", "'")


def test_a_teacher_held_elsewhere_shows_who_and_offers_to_ask_them(signed_in, ab_user):
    holding = InductionPeriodFactory()
    teacher = holding.teacher
    response = signed_in.post(
        f"{AB}/claim/",
        {"trn": teacher.trn, **date_fields("date_of_birth", teacher.date_of_birth)},
    )
    assert response["Location"] == f"{AB}/teachers/{teacher.pk}/ask-to-release/"
    page = signed_in.get(response["Location"]).content.decode()
    assert f"{holding.appropriate_body.name} holds {teacher.full_name}" in page
    response = signed_in.post(response["Location"], {"message": "Joined Harbour View in January"})
    assert response["Location"] == f"{AB}/release-requests/"
    request = ReleaseRequest.objects.get()
    assert request.requested_by == ab_user.appropriate_body
    assert request.held_by == holding.appropriate_body
    page = signed_in.get(f"{AB}/release-requests/").content.decode()
    assert "Waiting for a reply" in page


def test_claiming_a_teacher_not_found_and_not_yours_is_not_found(signed_in):
    stranger = ECTAtSchoolPeriodFactory(appropriate_body=AppropriateBodyFactory())
    assert signed_in.get(f"{AB}/claim/{stranger.teacher.pk}/start-date/").status_code == 404
    assert signed_in.get(f"{AB}/teachers/{stranger.teacher.pk}/ask-to-release/").status_code == 404


# --- release ----------------------------------------------------------------------------


def test_release_suggests_fte_terms_from_the_dates_and_accepts_a_changed_number(signed_in, ab_user):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body, part_time=True)
    base = f"{AB}/teachers/{ect_period.teacher.pk}/release"
    signed_in.post(f"{base}/end-date/", date_fields("finished_on", datetime.date(2027, 5, 28)))
    page = signed_in.get(f"{base}/terms/").content.decode()
    assert 'value="1.25"' in page
    assert "2.5 terms in post at 0.5 FTE: 1.25 terms full-time equivalent" in page
    signed_in.post(f"{base}/terms/", {"number_of_terms": "1.3"})
    response = signed_in.post(f"{base}/check-answers/")
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.finished_on == datetime.date(2027, 5, 28)
    assert period.number_of_terms == Decimal("1.3")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the number of terms served"),
        ("lots", "Number of terms must be a number, like 1.5"),
        ("1.255", errors.TERMS_TOO_PRECISE),
        ("17", errors.TERMS_OUT_OF_RANGE),
        ("-1", errors.TERMS_OUT_OF_RANGE),
    ],
)
def test_bad_terms_are_refused_with_what_was_typed_kept(signed_in, ab_user, typed, message):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body)
    base = f"{AB}/teachers/{ect_period.teacher.pk}/release"
    signed_in.post(f"{base}/end-date/", date_fields("finished_on", datetime.date(2026, 12, 18)))
    page = signed_in.post(f"{base}/terms/", {"number_of_terms": typed}).content.decode()
    assert message in page
    assert f'value="{typed}"' in page
    period.refresh_from_db()
    assert period.is_open


def test_an_end_date_before_the_start_is_refused(signed_in, ab_user):
    ect_period, _ = held_ect(appropriate_body=ab_user.appropriate_body)
    page = signed_in.post(
        f"{AB}/teachers/{ect_period.teacher.pk}/release/end-date/",
        date_fields("finished_on", datetime.date(2026, 8, 1)),
    ).content.decode()
    assert "The end date must be on or after the start date, 1 September 2026" in page


def test_releasing_another_bodys_ect_is_not_found(signed_in):
    ect_period, _ = held_ect()
    assert (
        signed_in.get(f"{AB}/teachers/{ect_period.teacher.pk}/release/end-date/").status_code == 404
    )


def test_releasing_a_teacher_you_no_longer_hold_is_not_found(signed_in, ab_user):
    period = InductionPeriodFactory(appropriate_body=ab_user.appropriate_body, released=True)
    assert signed_in.get(f"{AB}/teachers/{period.teacher.pk}/release/end-date/").status_code == 404


# --- outcomes ---------------------------------------------------------------------------


def outcome(client, teacher, decision, **answers):
    base = f"{AB}/teachers/{teacher.pk}/outcome"
    client.post(f"{base}/decision/", {"outcome": decision})
    for step, data in answers.items():
        response = client.post(f"{base}/{step}/", data)
        assert response.status_code == 302, response.content.decode()
    return base


def test_recording_a_pass(signed_in, ab_user):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body)
    base = outcome(
        signed_in,
        ect_period.teacher,
        "pass",
        **{
            "end-date": date_fields("finished_on", datetime.date(2028, 7, 14)),
            "terms": {"number_of_terms": "6"},
        },
    )
    check = signed_in.get(f"{base}/check-answers/").content.decode()
    assert "Passed induction" in check
    signed_in.post(f"{base}/check-answers/")
    period.refresh_from_db()
    assert period.outcome == "pass"


def test_recording_a_fail_shows_the_appeal_deadline(signed_in, ab_user):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body)
    base = outcome(
        signed_in,
        ect_period.teacher,
        "fail",
        **{
            "end-date": date_fields("finished_on", datetime.date(2028, 7, 14)),
            "terms": {"number_of_terms": "6"},
            "appeal": date_fields("told_of_right_to_appeal_on", datetime.date(2028, 7, 17)),
        },
    )
    check = signed_in.get(f"{base}/check-answers/").content.decode()
    assert "17 July 2028 (they can appeal until 14 August 2028)" in check
    signed_in.post(f"{base}/check-answers/")
    period.refresh_from_db()
    assert period.outcome == "fail"
    assert period.told_of_right_to_appeal_on == datetime.date(2028, 7, 17)
    page = signed_in.get(f"{AB}/teachers/{ect_period.teacher.pk}/").content.decode()
    assert "can appeal until 14 August 2028" in page


def test_a_fail_without_the_appeal_date_is_refused(signed_in, ab_user):
    ect_period, _ = held_ect(appropriate_body=ab_user.appropriate_body)
    base = outcome(
        signed_in,
        ect_period.teacher,
        "fail",
        **{
            "end-date": date_fields("finished_on", datetime.date(2028, 7, 14)),
            "terms": {"number_of_terms": "6"},
        },
    )
    page = signed_in.post(f"{base}/appeal/", {}).content.decode()
    assert errors.APPEAL_NOTICE_REQUIRED in page
    assert signed_in.get(f"{base}/check-answers/")["Location"] == f"{base}/appeal/"


def test_recording_an_extension_and_it_shows_everywhere(signed_in, ab_user):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body)
    base = outcome(signed_in, ect_period.teacher, "extend", extension={"number_of_terms": "2"})
    signed_in.post(f"{base}/check-answers/")
    assert Extension.objects.get(teacher=ect_period.teacher).number_of_terms == Decimal("2")
    period.refresh_from_db()
    assert period.is_open
    page = signed_in.get(f"{AB}/teachers/{ect_period.teacher.pk}/").content.decode()
    assert "0 of 6 terms, plus a 2 terms extension" in page


def test_an_extension_of_nothing_is_refused(signed_in, ab_user):
    ect_period, _ = held_ect(appropriate_body=ab_user.appropriate_body)
    base = f"{AB}/teachers/{ect_period.teacher.pk}/outcome"
    signed_in.post(f"{base}/decision/", {"outcome": "extend"})
    page = signed_in.post(f"{base}/extension/", {"number_of_terms": "0"}).content.decode()
    assert errors.EXTENSION_OUT_OF_RANGE in page


def test_a_decision_must_be_chosen(signed_in, ab_user):
    ect_period, _ = held_ect(appropriate_body=ab_user.appropriate_body)
    page = signed_in.post(
        f"{AB}/teachers/{ect_period.teacher.pk}/outcome/decision/", {}
    ).content.decode()
    assert "Select passed, failed or extend" in page


# --- reduction and corrections ----------------------------------------------------------


def test_reducing_induction_with_consent(signed_in, ab_user):
    ect_period, _ = held_ect(appropriate_body=ab_user.appropriate_body)
    url = f"{AB}/teachers/{ect_period.teacher.pk}/reduce/"
    page = signed_in.post(
        url,
        {
            "terms_required": "0.5",
            "reason": "",
            **date_fields("teacher_consented_on", datetime.date(2026, 9, 4)),
        },
    ).content.decode()
    assert errors.REDUCTION_OUT_OF_RANGE in page
    assert errors.REDUCTION_REASON_REQUIRED in page
    assert not Reduction.objects.exists()
    response = signed_in.post(
        url,
        {
            "terms_required": "3",
            "reason": "Taught for five years in an independent school",
            **date_fields("teacher_consented_on", datetime.date(2026, 9, 4)),
        },
    )
    assert response.status_code == 302
    page = signed_in.get(f"{AB}/teachers/{ect_period.teacher.pk}/").content.decode()
    assert "0 of 3 terms (reduced from 6)" in page


def test_correcting_an_outcome_needs_a_reason_and_shows_before_and_after(signed_in, ab_user):
    teacher = TeacherFactory(qts_awarded_on=datetime.date(2024, 7, 1))
    period = InductionPeriodFactory(
        teacher=teacher,
        appropriate_body=ab_user.appropriate_body,
        failed=True,
        told_of_right_to_appeal_on=datetime.date(2026, 7, 20),
        outcome_recorded_on=datetime.date(2026, 7, 17),
    )
    url = f"{AB}/periods/{period.pk}/correct/"
    page = signed_in.get(url).content.decode()
    assert 'value="6"' in page
    data = {
        **date_fields("started_on", period.started_on),
        **date_fields("finished_on", period.finished_on),
        "number_of_terms": "6",
        "induction_programme": "provider_led",
        "outcome": "pass",
        "told_of_right_to_appeal_on-day": "",
        "told_of_right_to_appeal_on-month": "",
        "told_of_right_to_appeal_on-year": "",
        "reason": "",
    }
    page = signed_in.post(url, data).content.decode()
    assert errors.CORRECTION_REASON_REQUIRED in page
    period.refresh_from_db()
    assert period.outcome == "fail"
    response = signed_in.post(url, {**data, "reason": "Appeal upheld"})
    assert response["Location"] == f"{AB}/teachers/{teacher.pk}/"
    period.refresh_from_db()
    assert period.outcome == "pass"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Reason: Appeal upheld" in page
    assert "Failed" in page and "Passed" in page
    assert Event.objects.filter(event_type="induction_period_corrected").count() == 1


def test_another_bodys_period_cannot_be_corrected(signed_in):
    period = InductionPeriodFactory(released=True)
    assert signed_in.get(f"{AB}/periods/{period.pk}/correct/").status_code == 404
    assert signed_in.post(f"{AB}/periods/{period.pk}/correct/", {}).status_code == 404


# --- release requests -------------------------------------------------------------------


def test_the_holder_declines_a_request_with_a_reason(signed_in, ab_user):
    period = InductionPeriodFactory(appropriate_body=ab_user.appropriate_body)
    request = ReleaseRequestFactory(induction_period=period)
    url = f"{AB}/release-requests/{request.pk}/"
    page = signed_in.post(url, {"reason": ""}).content.decode()
    assert errors.DECLINE_REASON_REQUIRED in page
    signed_in.post(url, {"reason": "The ECT is still with us"})
    request.refresh_from_db()
    assert request.status == "declined"


def test_a_request_to_another_body_is_not_found(signed_in, ab_user):
    request = ReleaseRequestFactory()
    assert signed_in.get(f"{AB}/release-requests/{request.pk}/").status_code == 404
    # Even the body that sent it answers nothing here: only the holder can.
    sent = ReleaseRequestFactory(requested_by=ab_user.appropriate_body)
    assert signed_in.get(f"{AB}/release-requests/{sent.pk}/").status_code == 404


# --- wrong role -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/claim/",
        "/claim/{teacher}/start-date/",
        "/teachers/{teacher}/",
        "/teachers/{teacher}/release/end-date/",
        "/teachers/{teacher}/outcome/decision/",
        "/teachers/{teacher}/reduce/",
        "/periods/{period}/correct/",
        "/release-requests/",
    ],
)
def test_every_appropriate_body_page_refuses_another_role(client, path):
    ect_period, period = held_ect()
    client.force_login(MembershipFactory(school=ect_period.school).user)
    url = AB + path.format(teacher=ect_period.teacher.pk, period=period.pk)
    assert client.get(url).status_code == 403

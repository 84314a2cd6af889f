import datetime

import pytest

from tests import wizard_urls
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.wizard_urls")]


@pytest.fixture
def signed_in(client):
    client.force_login(MembershipFactory().user)
    wizard_urls.DONE.clear()
    return client


START = {"started_on-day": "1", "started_on-month": "9", "started_on-year": "2026"}


def test_a_journey_asks_each_question_then_checks_answers_then_calls_done_once(signed_in):
    page = signed_in.get("/example/name/").content.decode()
    assert "What is their name?" in page
    assert signed_in.post("/example/name/", {"name": "Ann"})["Location"] == "/example/start/"
    assert signed_in.post("/example/start/", START)["Location"] == "/example/check-answers/"
    check = signed_in.get("/example/check-answers/").content.decode()
    assert "Ann" in check
    assert "2026-09-01" in check
    assert 'href="/example/name/?change=1"' in check
    assert signed_in.post("/example/check-answers/").content == b"done"
    cleaned, token = wizard_urls.DONE[0]
    assert cleaned["start"]["started_on"] == datetime.date(2026, 9, 1)
    assert token


def test_a_bad_answer_is_shown_with_an_error_and_not_stored(signed_in):
    page = signed_in.post("/example/start/", {**START, "started_on-month": "13"}).content.decode()
    assert "There is a problem" in page
    assert "Start date must be a real date" in page
    assert 'value="13"' in page
    assert signed_in.get("/example/check-answers/")["Location"] == "/example/name/"


def test_change_returns_to_check_answers(signed_in):
    signed_in.post("/example/name/", {"name": "Ann"})
    signed_in.post("/example/start/", START)
    assert (
        signed_in.post("/example/name/?change=1", {"name": "Bea"})["Location"]
        == "/example/check-answers/"
    )
    assert "Bea" in signed_in.get("/example/check-answers/").content.decode()


def test_checking_answers_before_answering_goes_to_the_first_question(signed_in):
    assert signed_in.get("/example/check-answers/")["Location"] == "/example/name/"
    assert signed_in.post("/example/check-answers/")["Location"] == "/example/name/"
    assert wizard_urls.DONE == []


def test_an_unknown_step_is_not_found(signed_in):
    assert signed_in.get("/example/nope/").status_code == 404

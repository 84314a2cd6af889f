"""Who is on each of the appropriate body's task lists, counted on the home page exactly as
the full list shows them; the held list's search is kept from page to page (issue 7)."""

import datetime

import pytest

from induction.selectors import appropriate_body as lists
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    TeacherFactory,
    TeacherRecordFactory,
)
from tests.induction.factories import held_ect
from tests.induction.test_views_home import world

pytestmark = pytest.mark.django_db


def names_on(client, slug: str) -> str:
    return client.get(f"/appropriate-body/lists/{slug}/").content.decode()


def test_an_ect_nobody_holds_is_to_claim_and_one_without_qts_waits(signed_in, ab_user):
    ab = ab_user.appropriate_body
    to_claim = ECTAtSchoolPeriodFactory(appropriate_body=ab)
    waiting = ECTAtSchoolPeriodFactory(appropriate_body=ab, teacher=TeacherFactory(no_qts=True))
    claim_page = names_on(signed_in, "to-claim")
    assert to_claim.teacher.full_name in claim_page
    assert waiting.teacher.full_name not in claim_page
    assert waiting.teacher.full_name in names_on(signed_in, "waiting-for-qts")


def test_an_ect_held_here_or_elsewhere_is_not_to_claim(signed_in, ab_user):
    ab = ab_user.appropriate_body
    ours, _ = held_ect(appropriate_body=ab)
    theirs = ECTAtSchoolPeriodFactory(appropriate_body=ab)
    InductionPeriodFactory(teacher=theirs.teacher, appropriate_body=AppropriateBodyFactory())
    claim_page = names_on(signed_in, "to-claim")
    assert ours.teacher.full_name not in claim_page
    assert theirs.teacher.full_name not in claim_page
    assert theirs.teacher.full_name in names_on(signed_in, "held-elsewhere")


@pytest.mark.parametrize("how", ["passed here", "failed here", "passed", "exempt"])
def test_an_ect_whose_induction_is_over_is_never_to_claim(signed_in, ab_user, how):
    """Rule 2: one induction only, whether the outcome is ours or in the register."""
    ect = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body)
    if how.endswith("here"):
        InductionPeriodFactory(teacher=ect.teacher, **{how.split()[0]: True})
    else:
        TeacherRecordFactory(trn=ect.teacher.trn, **{how: True})
    assert ect.teacher.full_name not in names_on(signed_in, "to-claim")
    assert "ECTs to claim (0)" in signed_in.get("/appropriate-body/").content.decode()


def test_a_released_ect_is_to_claim_again(signed_in, ab_user):
    ect = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body)
    InductionPeriodFactory(teacher=ect.teacher, released=True)
    assert ect.teacher.full_name in names_on(signed_in, "to-claim")


def test_the_home_counts_each_list_as_the_full_list_counts_it(ab_user):
    ab = ab_user.appropriate_body
    world(ab, n=2)
    heads = lists.unclaimed_heads(ab, 1)
    counts = lists.task_counts(ab) | {slug: head.count for slug, head in heads.items()}
    assert counts == {
        "to-claim": lists.to_claim(ab).count(),
        "waiting-for-qts": lists.waiting_for_qts(ab).count(),
        "held-elsewhere": lists.held_elsewhere(ab).count(),
        "leavers": lists.leavers(ab).count(),
        "decisions": lists.decisions_due(ab).count(),
        "release-requests": lists.release_requests_received(ab).count(),
        "in-induction": lists.held(ab).count(),
        "received": len(lists.received(ab)),
    }
    assert all(counts.values())
    assert heads["to-claim"].rows == list(lists.to_claim(ab)[:1])
    assert heads["waiting-for-qts"].rows == list(lists.waiting_for_qts(ab)[:1])


def test_the_home_shows_the_first_five_of_each_list_in_claim_order(signed_in, ab_user):
    ab = ab_user.appropriate_body
    for day in range(1, 8):
        ECTAtSchoolPeriodFactory(appropriate_body=ab, started_on=datetime.date(2026, 9, day))
        ECTAtSchoolPeriodFactory(
            appropriate_body=ab,
            started_on=datetime.date(2026, 9, day),
            teacher=TeacherFactory(no_qts=True),
        )
    heads = lists.unclaimed_heads(ab, 5)
    assert heads["to-claim"].count == heads["waiting-for-qts"].count == 7
    assert heads["to-claim"].rows == list(lists.to_claim(ab)[:5])
    assert heads["waiting-for-qts"].rows == list(lists.waiting_for_qts(ab)[:5])
    page = signed_in.get("/appropriate-body/").content.decode()
    assert "ECTs to claim (7)" in page
    assert "Waiting for QTS (7)" in page
    assert "View all 7" in page


def test_an_empty_task_list_says_so_on_the_home_page(signed_in):
    page = signed_in.get("/appropriate-body/").content.decode()
    assert "ECTs to claim (0)" in page
    assert "No ECTs are waiting for you to claim them." in page


def test_the_held_list_keeps_its_search_from_page_to_page(signed_in, ab_user):
    ab = ab_user.appropriate_body
    for n in range(51):
        held_ect(appropriate_body=ab, teacher=TeacherFactory(last_name=f"Ahmed{n:02}"))
    held_ect(appropriate_body=ab, teacher=TeacherFactory(last_name="Brownlow"))
    first = signed_in.get("/appropriate-body/lists/in-induction/", {"q": "Ahmed"}).content
    first = first.decode()
    assert "ECTs in induction with you (51)" in first
    assert 'href="?q=Ahmed&amp;page=2"' in first
    second = signed_in.get("/appropriate-body/lists/in-induction/", {"q": "Ahmed", "page": 2})
    second = second.content.decode()
    assert "Ahmed50" in second
    assert "Ahmed00" not in second
    assert "Brownlow" not in second


def test_leavers_are_ects_held_here_who_left_their_school(signed_in, ab_user):
    ab = ab_user.appropriate_body
    leaver, _ = held_ect(appropriate_body=ab)
    leaver.finished_on = datetime.date(2026, 10, 23)
    leaver.save()
    staying, _ = held_ect(appropriate_body=ab)
    page = names_on(signed_in, "leavers")
    assert leaver.teacher.full_name in page
    assert staying.teacher.full_name not in page


def test_the_home_counts_what_is_there_now_though_its_statement_is_kept(signed_in, ab_user):
    """The counts statement is compiled once per body and process; the counts never are."""
    ab = ab_user.appropriate_body
    held_ect(appropriate_body=ab)
    assert "ECTs in induction with you (1)" in signed_in.get("/appropriate-body/").content.decode()
    held_ect(appropriate_body=ab)
    assert "ECTs in induction with you (2)" in signed_in.get("/appropriate-body/").content.decode()
    other = AppropriateBodyFactory()
    held_ect(appropriate_body=other)
    assert lists.task_counts(other)["in-induction"] == 1
    assert lists.task_counts(ab)["in-induction"] == 2


def test_counts_that_depended_on_the_date_would_not_be_kept(ab_user, monkeypatch):
    ab = ab_user.appropriate_body
    lists._task_counts_statement.cache_clear()
    monkeypatch.setattr(
        lists,
        "held",
        lambda body: lists.InductionPeriod.objects.filter(started_on__lte=datetime.date.today()),
    )
    with pytest.raises(ValueError, match="depend on a date"):
        lists.task_counts(ab)
    lists._task_counts_statement.cache_clear()

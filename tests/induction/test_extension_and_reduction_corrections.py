"""Rule 13 for extensions and reductions: the appropriate body that recorded one can correct it
with a reason; the history shows before and after; another body's are read-only."""

import datetime
from decimal import Decimal

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import Extension, Reduction
from induction.services import InductionError
from induction.services.corrections import correct_extension, correct_reduction
from tests.factories import ExtensionFactory, MembershipFactory
from tests.induction.factories import ReductionFactory, held_ect

pytestmark = pytest.mark.django_db

AB = "/appropriate-body"


@pytest.fixture
def actor(ab_user):
    return Actor.for_membership(ab_user)


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


@pytest.fixture
def extension(ab_user):
    _, period = held_ect(appropriate_body=ab_user.appropriate_body)
    return ExtensionFactory(teacher=period.teacher, appropriate_body=ab_user.appropriate_body)


@pytest.fixture
def reduction(ab_user):
    _, period = held_ect(appropriate_body=ab_user.appropriate_body)
    return ReductionFactory(teacher=period.teacher, appropriate_body=ab_user.appropriate_body)


# --- services ------------------------------------------------------------------------------


def test_an_appropriate_body_corrects_its_own_extension_with_a_reason(extension, ab_user, actor):
    correct_extension(
        extension=extension,
        appropriate_body=ab_user.appropriate_body,
        number_of_terms=Decimal("1.5"),
        reason="Typed 1 instead of 1.5",
        by=actor,
    )
    extension.refresh_from_db()
    assert extension.number_of_terms == Decimal("1.5")
    event = Event.objects.get(event_type="induction_extension_corrected")
    assert event.body == "Typed 1 instead of 1.5"
    assert event.before == {"extension_terms": "1.00"}
    assert event.after == {"extension_terms": "1.5"}


def test_another_bodys_extension_cannot_be_corrected(extension, actor):
    other = MembershipFactory(appropriate_body_user=True)
    with pytest.raises(InductionError, match=errors.EXTENSION_CORRECTION_NOT_YOURS):
        correct_extension(
            extension=extension,
            appropriate_body=other.appropriate_body,
            number_of_terms=Decimal("2"),
            reason="Mistake",
            by=actor,
        )
    assert Extension.objects.get().number_of_terms == Decimal("1")
    assert not Event.objects.filter(event_type="induction_extension_corrected").exists()


@pytest.mark.parametrize(
    ("terms", "reason", "message"),
    [
        (Decimal("2"), "  ", errors.CORRECTION_REASON_REQUIRED),
        (Decimal("0"), "Mistake", errors.EXTENSION_OUT_OF_RANGE),
        (Decimal("17"), "Mistake", errors.EXTENSION_OUT_OF_RANGE),
        (Decimal("1.125"), "Mistake", errors.TERMS_TOO_PRECISE),
        (Decimal("1"), "Mistake", errors.CORRECTION_CHANGES_NOTHING),
    ],
)
def test_an_extension_correction_with_bad_values_saves_nothing(
    extension, ab_user, actor, terms, reason, message
):
    with pytest.raises(InductionError) as raised:
        correct_extension(
            extension=extension,
            appropriate_body=ab_user.appropriate_body,
            number_of_terms=terms,
            reason=reason,
            by=actor,
        )
    assert str(raised.value) == message
    assert Extension.objects.get().number_of_terms == Decimal("1")
    assert not Event.objects.filter(event_type="induction_extension_corrected").exists()


def test_an_appropriate_body_corrects_its_own_reduction_with_a_reason(reduction, ab_user, actor):
    correct_reduction(
        reduction=reduction,
        appropriate_body=ab_user.appropriate_body,
        terms_required=Decimal("4"),
        teacher_consented_on=datetime.date(2026, 9, 1),
        reason="The teacher agreed to 4 terms, not 3",
        by=actor,
    )
    reduction.refresh_from_db()
    assert reduction.terms_required == Decimal("4")
    assert reduction.reason == "Five years teaching in an independent school"
    event = Event.objects.get(event_type="induction_reduction_corrected")
    assert event.before == {"terms_required": "3.00"}
    assert event.after == {"terms_required": "4"}


def test_a_reduction_correction_can_fix_the_consent_date(reduction, ab_user, actor):
    correct_reduction(
        reduction=reduction,
        appropriate_body=ab_user.appropriate_body,
        terms_required=Decimal("3"),
        teacher_consented_on=datetime.date(2026, 9, 8),
        reason="Wrong date",
        by=actor,
    )
    event = Event.objects.get(event_type="induction_reduction_corrected")
    assert event.before == {"teacher_consented_on": "2026-09-01"}
    assert event.after == {"teacher_consented_on": "2026-09-08"}


def test_another_bodys_reduction_cannot_be_corrected(reduction, actor):
    other = MembershipFactory(appropriate_body_user=True)
    with pytest.raises(InductionError, match=errors.REDUCTION_CORRECTION_NOT_YOURS):
        correct_reduction(
            reduction=reduction,
            appropriate_body=other.appropriate_body,
            terms_required=Decimal("4"),
            teacher_consented_on=datetime.date(2026, 9, 1),
            reason="Mistake",
            by=actor,
        )
    assert Reduction.objects.get().terms_required == Decimal("3")


@pytest.mark.parametrize(
    ("terms", "consented", "reason", "message"),
    [
        (Decimal("4"), datetime.date(2026, 9, 1), "", errors.CORRECTION_REASON_REQUIRED),
        (Decimal("0.5"), datetime.date(2026, 9, 1), "Mistake", errors.REDUCTION_OUT_OF_RANGE),
        (Decimal("6"), datetime.date(2026, 9, 1), "Mistake", errors.REDUCTION_OUT_OF_RANGE),
        (Decimal("4"), None, "Mistake", errors.REDUCTION_CONSENT_REQUIRED),
        (Decimal("3"), datetime.date(2026, 9, 1), "Mistake", errors.CORRECTION_CHANGES_NOTHING),
    ],
)
def test_a_reduction_correction_with_bad_values_saves_nothing(
    reduction, ab_user, actor, terms, consented, reason, message
):
    with pytest.raises(InductionError) as raised:
        correct_reduction(
            reduction=reduction,
            appropriate_body=ab_user.appropriate_body,
            terms_required=terms,
            teacher_consented_on=consented,
            reason=reason,
            by=actor,
        )
    assert str(raised.value) == message
    assert Reduction.objects.get().terms_required == Decimal("3")
    assert not Event.objects.filter(event_type="induction_reduction_corrected").exists()


# --- pages ---------------------------------------------------------------------------------


def test_correcting_an_extension_shows_before_and_after_in_the_history(signed_in, extension):
    teacher_page = f"{AB}/teachers/{extension.teacher_id}/"
    assert (
        f"{AB}/extensions/{extension.pk}/correct/" in signed_in.get(teacher_page).content.decode()
    )
    response = signed_in.post(
        f"{AB}/extensions/{extension.pk}/correct/",
        {"number_of_terms": "2", "reason": "Panel decided 2 terms"},
    )
    assert response["Location"] == teacher_page
    page = signed_in.get(teacher_page).content.decode()
    assert "corrected" in page and "extension" in page
    assert "Panel decided 2 terms" in page
    assert '<td class="govuk-table__cell">1 term</td>' in page
    assert '<td class="govuk-table__cell">2 terms</td>' in page
    assert "6 of 6 terms" not in page


def test_correcting_a_reduction_shows_before_and_after_in_the_history(signed_in, reduction):
    teacher_page = f"{AB}/teachers/{reduction.teacher_id}/"
    assert (
        f"{AB}/reductions/{reduction.pk}/correct/" in signed_in.get(teacher_page).content.decode()
    )
    response = signed_in.post(
        f"{AB}/reductions/{reduction.pk}/correct/",
        {
            "terms_required": "4",
            **date_fields("teacher_consented_on", datetime.date(2026, 9, 1)),
            "reason": "Agreed 4 terms",
        },
    )
    assert response["Location"] == teacher_page
    page = signed_in.get(teacher_page).content.decode()
    assert "Terms required after the reduction" in page
    assert "Agreed 4 terms" in page
    assert "Reduced to 4 terms" in page


def test_a_correction_without_a_reason_shows_the_error_and_saves_nothing(signed_in, extension):
    response = signed_in.post(
        f"{AB}/extensions/{extension.pk}/correct/", {"number_of_terms": "2", "reason": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert errors.CORRECTION_REASON_REQUIRED in page
    assert "Error: " in page
    assert Extension.objects.get().number_of_terms == Decimal("1")


def test_another_bodys_extension_and_reduction_are_read_only(signed_in, ab_user):
    _, period = held_ect(appropriate_body=ab_user.appropriate_body)
    theirs = ExtensionFactory(teacher=period.teacher)
    reduction = ReductionFactory(teacher=period.teacher)
    page = signed_in.get(f"{AB}/teachers/{period.teacher_id}/").content.decode()
    assert f"/extensions/{theirs.pk}/correct/" not in page
    assert f"/reductions/{reduction.pk}/correct/" not in page
    assert signed_in.get(f"{AB}/extensions/{theirs.pk}/correct/").status_code == 404
    assert (
        signed_in.post(
            f"{AB}/reductions/{reduction.pk}/correct/", {"terms_required": "2", "reason": "x"}
        ).status_code
        == 404
    )
    assert Reduction.objects.get().terms_required == Decimal("3")


def test_the_wrong_role_cannot_correct_an_extension(client, extension):
    tutor = MembershipFactory()
    client.force_login(tutor.user)
    assert client.get(f"{AB}/extensions/{extension.pk}/correct/").status_code in (302, 403, 404)

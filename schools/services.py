"""Changes to a school's own records: its choices for an academic year."""

from dataclasses import dataclass

from django.db import transaction

from ecte.calendar.dates import academic_year_label
from ecte.events.record import Actor, record_event
from induction.models import AppropriateBody
from participants.models import TrainingProgramme
from programmes.models import SchoolPartnership
from schools import errors
from schools.models import School, YearSetup
from schools.selectors import appropriate_bodies_for, partnerships_for, year_setup_for


class SchoolError(Exception):
    """A choice the rules do not allow; the message is for the user."""


@dataclass(frozen=True)
class Choices:
    appropriate_body: AppropriateBody
    training_programme: str
    school_partnership: SchoolPartnership | None


def check_choices(*, school: School, academic_year: int, choices: Choices) -> None:
    """Rule 17 for the appropriate body; provider-led training needs this year's partnership."""
    if academic_year < 2021:
        raise SchoolError(errors.YEAR_TOO_EARLY)
    if not appropriate_bodies_for(school).filter(pk=choices.appropriate_body.pk).exists():
        raise SchoolError(errors.APPROPRIATE_BODY_NOT_ALLOWED)
    if choices.training_programme == TrainingProgramme.PROVIDER_LED:
        if choices.school_partnership is None:
            raise SchoolError(errors.PARTNERSHIP_NEEDED)
        if (
            not partnerships_for(school, academic_year)
            .filter(pk=choices.school_partnership.pk)
            .exists()
        ):
            raise SchoolError(errors.PARTNERSHIP_NOT_THIS_SCHOOLS)


def last_years_choices(*, school: School, academic_year: int) -> Choices | None:
    """Last year's choices, if each can still be made this year: the same appropriate body, and
    for provider-led training this year's partnership with the same lead provider and delivery
    partner."""
    last = year_setup_for(school, academic_year - 1)
    if last is None or last.appropriate_body is None or not last.training_programme:
        return None
    partnership = None
    if last.training_programme == TrainingProgramme.PROVIDER_LED:
        partnership = (
            partnerships_for(school, academic_year)
            .filter(
                lead_provider_id=last.school_partnership.lead_provider_id,
                delivery_partner_id=last.school_partnership.delivery_partner_id,
            )
            .first()
        )
        if partnership is None:
            return None
    choices = Choices(last.appropriate_body, last.training_programme, partnership)
    try:
        check_choices(school=school, academic_year=academic_year, choices=choices)
    except SchoolError:
        return None
    return choices


@transaction.atomic
def set_up_year(*, school: School, academic_year: int, choices: Choices, by: Actor) -> YearSetup:
    """Record the school's appropriate body and training for the year (issue 3, journey 2).

    New ECT registrations default to these; ECTs already registered keep their own."""
    school = School.objects.select_for_update().get(pk=school.pk)
    if choices.training_programme == TrainingProgramme.SCHOOL_LED:
        choices = Choices(choices.appropriate_body, choices.training_programme, None)
    check_choices(school=school, academic_year=academic_year, choices=choices)
    setup = YearSetup.objects.filter(school=school, academic_year=academic_year).first()
    before = {}
    if setup is None:
        setup = YearSetup(school=school, academic_year=academic_year)
    else:
        before = {
            "appropriate_body": setup.appropriate_body,
            "training_programme": setup.training_programme,
            "school_partnership": setup.school_partnership,
        }
    setup.appropriate_body = choices.appropriate_body
    setup.training_programme = choices.training_programme
    setup.school_partnership = choices.school_partnership
    setup.save()
    partnership = choices.school_partnership
    record_event(
        event_type="school_year_set_up",
        heading=f"{school.name} set up {academic_year_label(academic_year)}",
        body=describe(choices),
        by=by,
        school=school,
        appropriate_body=choices.appropriate_body,
        lead_provider=partnership.lead_provider if partnership else None,
        before=before,
        after={
            "appropriate_body": choices.appropriate_body,
            "training_programme": choices.training_programme,
            "school_partnership": partnership,
        },
    )
    return setup


def describe(choices: Choices) -> str:
    training = (
        f"provider-led with {choices.school_partnership.lead_provider.name} and "
        f"{choices.school_partnership.delivery_partner.name}"
        if choices.school_partnership
        else "school-led"
    )
    return f"Appropriate body: {choices.appropriate_body.name}. Training: {training}."

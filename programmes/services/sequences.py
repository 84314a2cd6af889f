"""Choosing and confirming a module sequence (rules 23-25; NIoT handbook, "A flexible approach")."""

import datetime

from django.db import transaction
from django.utils import timezone

from ecte.calendar import dates
from ecte.events.record import Actor, record_event
from programmes import errors, sequencing
from programmes.errors import ProgrammeError
from programmes.models import ModuleSequence, ModuleSequenceEntry
from schools.models import School, Trust

SEQUENCE_TRUST_HAS_NO_SCHOOLS = (
    "None of {trust}’s schools follow {provider}’s programme in {year} with modules they can order"
)


def trust_schools_following(*, trust: Trust, lead_provider, academic_year: int) -> list[School]:
    """The trust's open schools whose flexible programme that year is the provider's: the
    schools a trust decision applies to (a school with another provider, or a fixed-order
    programme, keeps its own)."""
    rows = sequencing.trust_school_sequences(
        School.objects.open().filter(trust=trust), trust, academic_year
    )
    return [
        row.school
        for row in rows
        if row.trust_can_decide and row.programme.lead_provider_id == lead_provider.pk
    ]


def _locked_owner(school: School | None, trust: Trust | None) -> tuple:
    """The school or trust, re-read under a row lock: one change to its sequence at a time."""
    if (school is None) == (trust is None):
        raise ValueError("A module sequence belongs to a school or to a trust")
    if school is not None:
        return (
            School.objects.select_for_update(of=("self",))
            .select_related("trust")
            .get(pk=school.pk),
            None,
        )
    return None, Trust.objects.select_for_update().get(pk=trust.pk)


def _check(*, school, lead_provider, academic_year: int, codes: list[str], on, trust=None) -> None:
    """Everything that must hold before a school or trust changes its sequence."""
    year_label = dates.academic_year_label(academic_year)
    programme = sequencing.programme_for(lead_provider, academic_year)
    if programme is None:
        raise ProgrammeError(
            errors.SEQUENCE_NO_PROGRAMME.format(provider=lead_provider.name, year=year_label)
        )
    if not sequencing.is_flexible(programme):
        raise ProgrammeError(errors.SEQUENCE_NOT_FLEXIBLE.format(provider=lead_provider.name))
    if sequencing.is_locked(academic_year, on):
        raise ProgrammeError(sequencing.locked_reason(academic_year))
    if school is not None and school.trust is not None:
        by_trust = sequencing.trust_sequence(school.trust, lead_provider, academic_year)
        if by_trust is not None and by_trust.confirmed_at is not None:
            raise ProgrammeError(errors.SEQUENCE_SET_BY_TRUST.format(trust=school.trust.name))
    if trust is not None and not trust_schools_following(
        trust=trust, lead_provider=lead_provider, academic_year=academic_year
    ):
        raise ProgrammeError(
            SEQUENCE_TRUST_HAS_NO_SCHOOLS.format(
                trust=trust.name, provider=lead_provider.name, year=year_label
            )
        )
    problems = sequencing.order_problems(sequencing.sequence_modules(programme), codes)
    if problems:
        raise ProgrammeError(problems[min(problems)])


def _sequence_for_update(*, school, trust, lead_provider, academic_year: int) -> ModuleSequence:
    if school is not None:
        found = ModuleSequence.objects.select_for_update().filter(
            school=school, academic_year=academic_year
        )
    else:
        found = ModuleSequence.objects.select_for_update().filter(
            trust=trust, academic_year=academic_year, lead_provider=lead_provider
        )
    sequence = found.first()
    if sequence is None:
        sequence = ModuleSequence(
            school=school, trust=trust, lead_provider=lead_provider, academic_year=academic_year
        )
    elif sequence.lead_provider_id != lead_provider.pk:
        # The school changed lead provider: the old provider's order means nothing now.
        sequence.entries.all().delete()
        sequence.confirmed_at = None
        sequence.confirmed_by = None
        sequence.lead_provider = lead_provider
    return sequence


@transaction.atomic
def module_sequence_save_draft(
    *,
    lead_provider,
    academic_year: int,
    codes: list[str],
    by: Actor,
    school: School | None = None,
    trust: Trust | None = None,
    on: datetime.date | None = None,
) -> ModuleSequence:
    """Keep an order to check before confirming it. A draft is never followed: only a confirmed
    sequence replaces the designed order (rule 25), and a confirmed one stays in force while
    a change to it waits."""
    school, trust = _locked_owner(school, trust)
    _check(
        school=school,
        trust=trust,
        lead_provider=lead_provider,
        academic_year=academic_year,
        codes=codes,
        on=on,
    )
    sequence = _sequence_for_update(
        school=school, trust=trust, lead_provider=lead_provider, academic_year=academic_year
    )
    sequence.draft_codes = list(codes)
    sequence.updated_by = by.user
    sequence.save()
    return sequence


@transaction.atomic
def module_sequence_confirm(
    *,
    lead_provider,
    academic_year: int,
    codes: list[str],
    by: Actor,
    school: School | None = None,
    trust: Trust | None = None,
    on: datetime.date | None = None,
) -> ModuleSequence:
    """Confirm the order modules are taken in, for every ECT of the school (or of each of the
    trust's schools) in both years (rule 24), until the end of Autumn half-term 1 (rule 25).

    The NIoT handbook: module A first, B-F in any order, each once and whole, the same
    order for all ECTs in the school; a trust may decide for all its schools.
    """
    school, trust = _locked_owner(school, trust)
    _check(
        school=school,
        trust=trust,
        lead_provider=lead_provider,
        academic_year=academic_year,
        codes=codes,
        on=on,
    )
    sequence = _sequence_for_update(
        school=school, trust=trust, lead_provider=lead_provider, academic_year=academic_year
    )
    before = sequence.codes if sequence.pk and sequence.confirmed_at else []
    sequence.draft_codes = []
    sequence.confirmed_at = timezone.now()
    sequence.confirmed_by = by.user
    sequence.updated_by = by.user
    sequence.save()
    sequence.entries.all().delete()
    ModuleSequenceEntry.objects.bulk_create(
        ModuleSequenceEntry(sequence=sequence, position=position, module_code=code)
        for position, code in enumerate(codes, start=1)
    )
    year_label = dates.academic_year_label(academic_year)
    order = ", ".join(codes)
    decided = f"{trust.name} set" if trust is not None else "Confirmed"
    applies_to = (
        [school]
        if school is not None
        else trust_schools_following(
            trust=trust, lead_provider=lead_provider, academic_year=academic_year
        )
    )
    for each in applies_to:
        record_event(
            event_type="module_sequence_confirmed",
            heading=f"{decided} the module sequence for {year_label}: {order}",
            by=by,
            school=each,
            lead_provider=lead_provider,
            before={"modules": before},
            after={"modules": list(codes)},
        )
    return sequence

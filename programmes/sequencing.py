"""Which programme a school follows in a year, and in which order its ECTs take the modules.

Rules 22-26 (the NIoT handbook's "flexible approach"), as data: a programme is
flexible when it has a module schools may move; fixed modules keep their place
(NIoT's module A first); the school's confirmed sequence (or its trust's) replaces
the designed order; nothing changes after the end of Autumn half-term 1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Prefetch

from ecte import reference_cache
from ecte.calendar import dates
from ecte.formatting import format_date
from programmes import errors
from programmes.models import (
    LeadProvider,
    MeetingFocus,
    Module,
    ModuleSequence,
    Programme,
    ProgrammeYear,
    SchoolPartnership,
)

PROVIDER_LED, SCHOOL_LED = "provider_led", "school_led"


@dataclass(frozen=True)
class ProgrammeChoice:
    """What a school chose for a year: provider-led with a lead provider, school-led, or nothing
    yet (training_programme is "")."""

    training_programme: str = ""
    lead_provider: LeadProvider | None = None


def school_programme_choice(school, academic_year: int) -> ProgrammeChoice:
    """The school's choice for the year.

    The induction tutor's "set up the year" journey records it (schools.YearSetup).
    Until that model is installed, a partnership that year stands in for the
    choice, and a school whose ECTs all train school-led is school-led.
    """
    try:
        year_setup_model = apps.get_model("schools", "YearSetup")
    except LookupError:
        year_setup_model = None
    if year_setup_model is not None:
        setup = (
            year_setup_model.objects.filter(school=school, academic_year=academic_year)
            .select_related("school_partnership__lead_provider")
            .first()
        )
        if setup is not None and setup.training_programme:
            partnership = setup.school_partnership
            return ProgrammeChoice(
                setup.training_programme, partnership.lead_provider if partnership else None
            )
    partnership = (
        SchoolPartnership.objects.filter(school=school, academic_year=academic_year)
        .exclude(declined_at__isnull=False)
        .select_related("lead_provider")
        .order_by("confirmed_at", "id")
        .first()
    )
    if partnership is not None:
        return ProgrammeChoice(PROVIDER_LED, partnership.lead_provider)
    return ProgrammeChoice()


def programme_for(lead_provider, academic_year: int) -> Programme | None:
    """The provider's programme for the year, with both years, their modules and meeting
    focuses: kept between requests until programme content changes (ecte.reference_cache),
    else 4 queries. Shared by every request of the process: read it, never change it."""
    provider_id = getattr(lead_provider, "pk", lead_provider)
    return reference_cache.cached(
        ("programme", provider_id, academic_year),
        lambda: _programme_with_content(provider_id, academic_year),
    )


def _programme_with_content(provider_id: int, academic_year: int) -> Programme | None:
    return (
        Programme.objects.filter(lead_provider_id=provider_id, academic_year=academic_year)
        .select_related("lead_provider")
        .prefetch_related(
            Prefetch(
                "years",
                queryset=ProgrammeYear.objects.order_by("number").prefetch_related(
                    Prefetch("modules", queryset=Module.objects.order_by("position")),
                    Prefetch("meeting_focuses", queryset=MeetingFocus.objects.order_by("week")),
                ),
            )
        )
        .first()
    )


def sequence_modules(programme: Programme) -> list[Module]:
    """The modules a sequence orders, in the designed order: year 1's (year 2 shares the codes)."""
    years = list(programme.years.all())
    return list(years[0].modules.all()) if years else []


def is_flexible(programme: Programme) -> bool:
    return any(not module.fixed_position for module in sequence_modules(programme))


def designed_order(programme: Programme) -> list[str]:
    return [module.code for module in sequence_modules(programme)]


def sequence_deadline(academic_year: int) -> datetime.date:
    """Rule 25: confirmed by the end of Autumn half-term 1, then locked for the year."""
    return dates.half_terms(academic_year)[0].ends_on


def is_locked(academic_year: int, on: datetime.date | None = None) -> bool:
    return (on or dates.today()) > sequence_deadline(academic_year)


def locked_reason(academic_year: int) -> str:
    return errors.SEQUENCE_LOCKED.format(
        year=dates.academic_year_label(academic_year),
        deadline=format_date(sequence_deadline(academic_year)),
    )


@dataclass(frozen=True)
class EffectiveSequence:
    """The order a school's ECTs follow, and who decided it."""

    codes: list[str]
    source: str  # "trust", "school" or "designed"
    decided_by: str = ""
    confirmed_at: datetime.datetime | None = None
    confirmed_by: str = ""
    draft: list[str] = field(default_factory=list)

    @property
    def is_designed_order(self) -> bool:
        return self.source == "designed"


def _with_entries(queryset):
    return queryset.select_related("trust", "school", "confirmed_by").prefetch_related("entries")


def trust_sequence(trust, lead_provider, academic_year: int) -> ModuleSequence | None:
    if trust is None:
        return None
    return _with_entries(
        ModuleSequence.objects.filter(
            trust=trust, lead_provider=lead_provider, academic_year=academic_year
        )
    ).first()


def school_sequence(school, academic_year: int) -> ModuleSequence | None:
    return _with_entries(
        ModuleSequence.objects.filter(school=school, academic_year=academic_year)
    ).first()


def effective_sequence(school, programme: Programme) -> EffectiveSequence:
    """The trust's confirmed sequence, else the school's confirmed one, else the designed order
    (rule 25: not choosing keeps the designed order). A draft is shown, never followed."""
    year, provider = programme.academic_year, programme.lead_provider
    by_trust = trust_sequence(school.trust, provider, year)
    if by_trust is not None and by_trust.confirmed_at is not None:
        return _effective(by_trust, "trust")
    own = school_sequence(school, year)
    if own is not None and own.lead_provider_id == provider.pk and own.confirmed_at is not None:
        return _effective(own, "school", draft=own.draft_codes)
    draft = own.draft_codes if own is not None and own.lead_provider_id == provider.pk else []
    return EffectiveSequence(codes=designed_order(programme), source="designed", draft=draft)


def _effective(sequence: ModuleSequence, source: str, draft=()) -> EffectiveSequence:
    confirmed_by = sequence.confirmed_by
    return EffectiveSequence(
        codes=sequence.codes,
        draft=list(draft),
        source=source,
        decided_by=sequence.decided_by_name,
        confirmed_at=sequence.confirmed_at,
        confirmed_by=(confirmed_by.full_name or confirmed_by.email) if confirmed_by else "",
    )


def ordered_modules(modules: list[Module], codes: list[str]) -> list[Module]:
    """`modules` in the order of `codes`; any module the codes miss keeps its designed place
    at the end (content edited after a sequence was confirmed)."""
    by_code = {module.code: module for module in modules}
    ordered = [by_code[code] for code in codes if code in by_code]
    placed = {module.id for module in ordered}
    return ordered + [module for module in modules if module.id not in placed]


def place_name(modules: list[Module], position: int) -> str:
    """Where a place in the sequence falls: "Autumn half-term 2" when every module lasts one
    half-term (NIoT), otherwise "place 2"."""
    if all(module.half_terms == 1 for module in modules) and 1 <= position <= 6:
        return dates.half_term_name(position)
    return f"place {position}"


def order_problems(modules: list[Module], codes: list[str]) -> dict[int, str]:
    """What is wrong with `codes` as an order of `modules`, by position (1-based); empty when
    the order is allowed. Rule 23: fixed modules keep their place (module A first) and every
    module comes exactly once."""
    by_code = {module.code: module for module in modules}
    problems: dict[int, str] = {}
    seen: dict[str, int] = {}
    for position, module in enumerate(modules, start=1):
        place = place_name(modules, position)
        code = codes[position - 1] if position <= len(codes) else ""
        if module.fixed_position:
            if code != module.code:
                problems[position] = errors.SEQUENCE_FIXED_MODULE_MOVED.format(
                    module=module.label, place=place
                )
            seen.setdefault(module.code, position)
            continue
        if not code:
            problems[position] = errors.SEQUENCE_MODULE_MISSING.format(place=place)
        elif code not in by_code or by_code[code].fixed_position:
            problems[position] = errors.SEQUENCE_UNKNOWN_MODULE.format(place=place)
        elif code in seen:
            problems[position] = errors.SEQUENCE_MODULE_TWICE.format(
                module=by_code[code].label, place=place_name(modules, seen[code])
            )
        else:
            seen[code] = position
    if len(codes) > len(modules) and not problems:
        problems[len(modules) + 1] = errors.SEQUENCE_UNKNOWN_MODULE.format(
            place=place_name(modules, len(modules) + 1)
        )
    return problems


# --- a trust's schools (rule 24: a trust may decide the sequence for all its schools) ---------


def school_programme_choices(schools, academic_year: int) -> dict[int, ProgrammeChoice]:
    """`school_programme_choice` for many schools at once, in two queries."""
    ids = [school.pk for school in schools]
    choices: dict[int, ProgrammeChoice] = {}
    setups = (
        apps.get_model("schools", "YearSetup")
        .objects.filter(school_id__in=ids, academic_year=academic_year)
        .exclude(training_programme="")
        .select_related("school_partnership__lead_provider")
    )
    for setup in setups:
        partnership = setup.school_partnership
        choices[setup.school_id] = ProgrammeChoice(
            setup.training_programme, partnership.lead_provider if partnership else None
        )
    partnerships = (
        SchoolPartnership.objects.filter(school_id__in=ids, academic_year=academic_year)
        .exclude(declined_at__isnull=False)
        .select_related("lead_provider")
        .order_by("confirmed_at", "id")
    )
    for partnership in partnerships:
        choices.setdefault(
            partnership.school_id, ProgrammeChoice(PROVIDER_LED, partnership.lead_provider)
        )
    return {pk: choices.get(pk, ProgrammeChoice()) for pk in ids}


def programmes_for(lead_providers, academic_year: int) -> dict[int, Programme]:
    """`programme_for` for several providers at once (4 queries), by provider id."""
    programmes = Programme.objects.filter(
        lead_provider__in=list(lead_providers), academic_year=academic_year
    ).select_related("lead_provider")
    programmes = programmes.prefetch_related(
        Prefetch(
            "years",
            queryset=ProgrammeYear.objects.order_by("number").prefetch_related(
                Prefetch("modules", queryset=Module.objects.order_by("position")),
                Prefetch("meeting_focuses", queryset=MeetingFocus.objects.order_by("week")),
            ),
        )
    )
    return {programme.lead_provider_id: programme for programme in programmes}


class TrustSchoolStatus:
    """How a trust school's sequence stands, as shown on the trust's pages."""

    TRUST = "Decided by the trust"
    SCHOOL = "Decided by the school"
    NOT_CONFIRMED = "Not confirmed"
    FIXED = "Fixed by the lead provider"
    NO_PROGRAMME = "No lead provider programme"


@dataclass(frozen=True)
class TrustSchoolSequence:
    """One of the trust's schools, its lead provider programme and whose sequence it follows."""

    school: object
    ect_count: int
    programme: Programme | None
    status: str

    @property
    def lead_provider(self) -> LeadProvider | None:
        return self.programme.lead_provider if self.programme else None

    @property
    def trust_can_decide(self) -> bool:
        return self.programme is not None and self.status != TrustSchoolStatus.FIXED


def trust_school_sequences(schools, trust, academic_year: int) -> list[TrustSchoolSequence]:
    """Each school's programme and sequence status, in a fixed number of queries whatever the
    number of schools. `schools` carry `ect_count` (see schools_for_trust_overview)."""
    schools = list(schools)
    choices = school_programme_choices(schools, academic_year)
    providers = {
        choice.lead_provider.pk: choice.lead_provider
        for choice in choices.values()
        if choice.training_programme == PROVIDER_LED and choice.lead_provider is not None
    }
    programmes = programmes_for(providers.values(), academic_year) if providers else {}
    decided = ModuleSequence.objects.filter(academic_year=academic_year, confirmed_at__isnull=False)
    by_trust = set(decided.filter(trust=trust).values_list("lead_provider_id", flat=True))
    by_school = set(
        decided.filter(school__in=[school.pk for school in schools]).values_list(
            "school_id", "lead_provider_id"
        )
    )
    rows = []
    for school in schools:
        choice = choices[school.pk]
        programme = (
            programmes.get(choice.lead_provider.pk)
            if choice.training_programme == PROVIDER_LED and choice.lead_provider is not None
            else None
        )
        if programme is None:
            status = TrustSchoolStatus.NO_PROGRAMME
        elif not is_flexible(programme):
            status = TrustSchoolStatus.FIXED
        elif programme.lead_provider_id in by_trust:
            status = TrustSchoolStatus.TRUST
        elif (school.pk, programme.lead_provider_id) in by_school:
            status = TrustSchoolStatus.SCHOOL
        else:
            status = TrustSchoolStatus.NOT_CONFIRMED
        rows.append(
            TrustSchoolSequence(
                school=school,
                ect_count=getattr(school, "ect_count", 0),
                programme=programme,
                status=status,
            )
        )
    return rows


def trust_flexible_programmes(rows: list[TrustSchoolSequence]) -> list[Programme]:
    """The flexible programmes the trust's schools follow: one sequence each for the trust."""
    found: dict[int, Programme] = {}
    for row in rows:
        if row.trust_can_decide:
            found.setdefault(row.programme.lead_provider_id, row.programme)
    return sorted(found.values(), key=lambda programme: programme.lead_provider.name)

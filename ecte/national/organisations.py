"""Schools, trusts, appropriate bodies, lead providers, delivery partners and partnerships.

Each school gets its number of ECTs and mentors here too, because the organisation
choices (the big appropriate body's schools, the big lead provider's schools) are made
by counting the people they will hold.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from ecte.national.names import (
    BIG_APPROPRIATE_BODY_NAME,
    BIG_SCHOOL_NAME,
    FIRST_NAMES,
    LEAD_PROVIDERS,
    LOCAL_AUTHORITIES,
    PLACES,
    SURNAMES,
)
from ecte.national.plan import Plan

PHASES = (
    ("primary", 70),
    ("secondary", 17),
    ("all_through", 3),
    ("nursery", 2),
    ("16_plus", 2),
    ("middle", 2),
    ("not_applicable", 4),
)
MAINTAINED_TYPES = ("community", "voluntary_aided", "voluntary_controlled", "foundation")
ISTIP_NAME = "Independent Schools Teacher Induction Panel (ISTIP)"
# Share of a school's ECTs the big appropriate body actually holds (the rest are still to
# claim, waiting for QTS, or finished), used to stop adding schools at about its target.
HELD_SHARE = 0.8
PROVIDER_LED_SHARE = 0.88
MENTOR_IN_TRAINING_SHARE = 0.7


@dataclass
class SchoolPlan:
    id: int
    urn: str
    name: str
    independent: bool
    appropriate_body_id: int | None = None
    lead_provider_index: int | None = None
    partnership_id: int | None = None
    delivery_partner_id: int | None = None
    tutor_user_id: int | None = None
    tutor_name: str = ""
    ects: int = 0
    mentors: int = 0
    led_hub_id: int | None = None


@dataclass
class Organisations:
    schools: list[SchoolPlan]
    appropriate_body_ids: list[int]
    istip_id: int
    big_appropriate_body_id: int
    lead_provider_ids: list[int]
    partnership_confirmed_at: datetime.datetime
    rows: dict[str, list[tuple]] = field(default_factory=dict)

    @property
    def big_school(self) -> SchoolPlan:
        return self.schools[0]


def person_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(SURNAMES)


def build(plan: Plan, ids, rng: random.Random, year: int, now: datetime.datetime) -> Organisations:
    rows: dict[str, list[tuple]] = {}
    trust_ids = ids.take("schools_trust", plan.trusts)
    rows["schools_trust"] = [
        (tid, f"{PLACES[n % len(PLACES)]} Learning Trust {n + 1}", f"{10_000_000 + n:08d}")
        for n, tid in enumerate(trust_ids)
    ]

    schools, school_rows = _schools(plan, ids, rng, list(trust_ids))
    rows["schools_school"] = school_rows
    _people_per_school(plan, rng, schools)

    ab_rows, ab_ids, istip_id, big_ab_id = _appropriate_bodies(plan, ids, schools)
    rows["induction_appropriatebody"] = ab_rows
    _choose_appropriate_bodies(plan, rng, schools, ab_ids, istip_id, big_ab_id)

    lp_ids = list(ids.take("programmes_leadprovider", plan.lead_providers))
    rows["programmes_leadprovider"] = [
        (lp_id, name, choice) for lp_id, (name, choice) in zip(lp_ids, LEAD_PROVIDERS, strict=True)
    ]
    dp_ids = list(ids.take("programmes_deliverypartner", plan.delivery_partners))
    rows["programmes_deliverypartner"] = [
        (dp_id, f"{PLACES[n % len(PLACES)]} Delivery Partnership {n + 1}")
        for n, dp_id in enumerate(dp_ids)
    ]
    # Delivery partner n works with lead provider n mod 6, and every fifth with the next too.
    partners_of: dict[int, list[int]] = {index: [] for index in range(plan.lead_providers)}
    links = []
    for n, dp_id in enumerate(dp_ids):
        providers = [n % plan.lead_providers]
        if n % 5 == 0:
            providers.append((n + 1) % plan.lead_providers)
        for index in providers:
            partners_of[index].append(dp_id)
            links.append(
                (ids.next("programmes_deliverypartner_lead_providers"), dp_id, lp_ids[index])
            )
    rows["programmes_deliverypartner_lead_providers"] = links

    confirmed_at = datetime.datetime(year, 7, 1, 10, tzinfo=datetime.UTC)
    _choose_lead_providers(plan, rng, schools)
    partnerships, year_setups = [], []
    for school in schools:
        if school.lead_provider_index is not None:
            school.partnership_id = ids.next("programmes_schoolpartnership")
            school.delivery_partner_id = rng.choice(partners_of[school.lead_provider_index])
            partnerships.append(
                (
                    school.partnership_id,
                    year,
                    confirmed_at if rng.random() < 0.9 or school is schools[0] else None,
                    now,
                    school.delivery_partner_id,
                    lp_ids[school.lead_provider_index],
                    school.id,
                    "",
                    None,
                    None,
                )
            )
        year_setups.append(
            (
                ids.next("schools_yearsetup"),
                year,
                "provider_led" if school.partnership_id else "school_led",
                now,
                school.appropriate_body_id,
                school.id,
                school.partnership_id,
            )
        )
    rows["programmes_schoolpartnership"] = partnerships
    rows["schools_yearsetup"] = year_setups
    return Organisations(schools, ab_ids, istip_id, big_ab_id, lp_ids, confirmed_at, rows)


def _schools(plan: Plan, ids, rng: random.Random, trust_ids: list[int]):
    schools, rows = [], []
    phases, weights = zip(*PHASES, strict=True)
    for n, school_id in enumerate(ids.take("schools_school", plan.schools)):
        urn = f"{100_001 + n:06d}"
        roll = rng.random()
        if n == 0:
            phase, school_type = "secondary", "academy"
        else:
            phase = rng.choices(phases, weights)[0]
            if roll < 0.02:
                school_type = "independent"
            elif roll < 0.025:
                school_type = "independent_special"
            elif roll < 0.45:
                school_type = "academy"
            elif roll < 0.5:
                school_type = "free_school"
            else:
                school_type = rng.choice(MAINTAINED_TYPES)
        in_trust = school_type in ("academy", "free_school")
        kind = {"primary": "Primary School", "secondary": "Academy"}.get(phase, "School")
        name = f"{PLACES[n % len(PLACES)]} {rng.choice(SURNAMES)} {kind}"
        if n == 0:
            name = BIG_SCHOOL_NAME
        rows.append(
            (
                school_id,
                urn,
                name,
                phase,
                school_type,
                LOCAL_AUTHORITIES[n % len(LOCAL_AUTHORITIES)],
                datetime.date(1990 + n % 30, 9, 1),
                None,
                rng.choice(trust_ids) if in_trust else None,
            )
        )
        schools.append(SchoolPlan(school_id, urn, name, school_type.startswith("independent")))
    return schools, rows


def _people_per_school(plan: Plan, rng: random.Random, schools: list[SchoolPlan]) -> None:
    big, others = schools[0], schools[1:]
    big.ects = plan.big_school_ects
    for index, count in Counter(
        rng.randrange(len(others)) for _ in range(plan.ects - big.ects)
    ).items():
        others[index].ects = count
    # Every school with ECTs has a mentor; the other mentors go where the ECTs are.
    with_ects = [school for school in schools if school.ects]
    for school in with_ects[: plan.mentors]:
        school.mentors = 1
    remaining = plan.mentors - min(len(with_ects), plan.mentors)
    for school in rng.choices(with_ects, [s.ects for s in with_ects], k=remaining):
        school.mentors += 1


def _appropriate_bodies(plan: Plan, ids, schools: list[SchoolPlan]):
    ab_ids = list(ids.take("induction_appropriatebody", plan.appropriate_bodies))
    istip_id, big_ab_id = ab_ids[0], ab_ids[1]
    rows = [(istip_id, ISTIP_NAME, "national", "istip@appropriate-bodies.example.org", None)]
    for n, ab_id in enumerate(ab_ids[1:]):
        # Hub n is led by school n + 1 (never the big school, whose AB is the big hub).
        lead = schools[(n + 1) % len(schools)]
        lead.led_hub_id = ab_id
        suffix = "" if n < len(PLACES) else f" {n // len(PLACES) + 1}"
        name = f"{PLACES[n % len(PLACES)]} Teaching School Hub{suffix}"
        if n == 0:
            name = BIG_APPROPRIATE_BODY_NAME
        rows.append((ab_id, name, "teaching_school_hub", f"hub{n + 1}@hubs.example.org", lead.id))
    return rows, ab_ids, istip_id, big_ab_id


def _choose_appropriate_bodies(plan, rng, schools, ab_ids, istip_id, big_ab_id) -> None:
    hubs = ab_ids[1:]
    big_held = 0.0
    for school in schools:
        if school.independent:
            school.appropriate_body_id = istip_id
            continue
        # Rule 17: a hub never acts for ECTs at the school that leads it.
        if (
            school is schools[0] or big_held < plan.big_appropriate_body_ects
        ) and school.led_hub_id != big_ab_id:
            school.appropriate_body_id = big_ab_id
            big_held += school.ects * HELD_SHARE
            continue
        choices = [hub for hub in hubs[1:] or hubs if hub != school.led_hub_id]
        school.appropriate_body_id = rng.choice(choices) if choices else istip_id


def _choose_lead_providers(plan: Plan, rng: random.Random, schools: list[SchoolPlan]) -> None:
    big_participants = 0.0
    for school in schools:
        if school is not schools[0] and rng.random() >= PROVIDER_LED_SHARE:
            continue
        if school is schools[0] or big_participants < plan.big_lead_provider_participants:
            school.lead_provider_index = 0
            big_participants += school.ects * 0.9 + school.mentors * MENTOR_IN_TRAINING_SHARE
        else:
            school.lead_provider_index = rng.randrange(1, plan.lead_providers)


__all__ = ["Organisations", "SchoolPlan", "build", "person_name"]

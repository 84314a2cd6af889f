"""Demo data for the embedded default (`make run`): every role and every state that matters.

The tables below describe the data; the functions after them write it, through the
services wherever a service exists, so each change leaves its event as in real use.
Each record is looked up by its natural key (URN, TRN, email, name) before it is
made, so running the command again changes nothing. "Today" is late November
2026: the academic year 2026 to 2027 began on 1 September 2026.

It refuses to run without DEBUG: demo users and the DfE staff password must never
reach production.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ecte.accounts.models import Membership, Role, User
from ecte.demo import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET
from ecte.events.models import Event
from ecte.events.record import Actor
from induction import services as induction_services
from induction.models import (
    AppropriateBody,
    AppropriateBodyKind,
    InductionPeriod,
    InductionProgramme,
)
from participants import services as participant_services
from participants.models import (
    ECTAtSchoolPeriod,
    InductionStatus,
    MentorAtSchoolPeriod,
    Mentorship,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
    TrainingProgramme,
    WorkingPattern,
)
from programmes.models import DeliveryPartner, LeadProvider, SchoolPartnership
from schools.models import School, SchoolPhase, SchoolType, Trust

REFUSED = "seed_demo only runs in the embedded default with DEBUG on; it never runs in production"
BY = Actor.system("Demo data")
date = datetime.date

# --- The shapes of the tables below ----------------------------------------------------------


@dataclass(frozen=True)
class MentorAt:
    """A teacher mentoring at a school; `training_with` a lead provider for a training mentor."""

    trn: str
    urn: str
    started_on: datetime.date
    training_with: str | None = None


RELEASED, PASS, FAIL = "released", "pass", "fail"
TUTOR, MENTOR = Role.INDUCTION_TUTOR, Role.MENTOR
SCHOOL_LED = None  # training_with for school-led training: no lead provider


@dataclass(frozen=True)
class Closed:
    """How the appropriate body closed the induction period it held during a stint."""

    how: str  # RELEASED, PASS or FAIL
    on: datetime.date
    terms: Decimal
    told_of_appeal_on: datetime.date | None = None


@dataclass(frozen=True)
class Stint:
    """An ECT's time at one school, and the induction period the school's AB held meanwhile."""

    urn: str
    started_on: datetime.date
    training_with: str | None  # a lead provider, or SCHOOL_LED
    mentor: str | None = None  # the mentor's TRN
    fte: Decimal = Decimal("1")
    claimed: datetime.date | None = None  # the AB opened an induction period on this day
    closed: Closed | None = None
    left: datetime.date | None = None  # the ECT left the school


@dataclass(frozen=True)
class ECT:
    trn: str
    stints: tuple[Stint, ...]
    extension_terms: Decimal | None = None


def ect(trn: str, *stints: Stint, extension_terms: Decimal | None = None) -> ECT:
    return ECT(trn, stints, extension_terms)


# The tables are aligned by hand, so the formatter leaves them alone.
# fmt: off

# --- Organisations -------------------------------------------------------------------------

KIRKGATE_TRUST = "Kirkgate Learning Trust"
CALDER_TRUST = "Calder Valley Learning Trust"
TRUSTS = [(KIRKGATE_TRUST, "08413327"), (CALDER_TRUST, "07682104")]

BROOKFIELD = "144218"   # Brookfield Primary Academy
HAREHILLS = "139562"    # Harehills Park Academy: leads the Aire Valley hub
ST_ANNES = "107952"     # St Anne's Church of England Primary School
CALDER_VALE = "137412"  # Calder Vale High School
MOORSIDE = "108461"     # Moorside Community Primary School
ASHCOMBE = "121764"     # Ashcombe House School: independent

# urn, name, phase, type, local authority, trust
SCHOOLS = [
    (BROOKFIELD, "Brookfield Primary Academy", SchoolPhase.PRIMARY, SchoolType.ACADEMY,
     "Leeds", KIRKGATE_TRUST),
    (HAREHILLS, "Harehills Park Academy", SchoolPhase.SECONDARY, SchoolType.ACADEMY,
     "Leeds", KIRKGATE_TRUST),
    (ST_ANNES, "St Anne's Church of England Primary School", SchoolPhase.PRIMARY,
     SchoolType.VOLUNTARY_AIDED, "Bradford", None),
    (CALDER_VALE, "Calder Vale High School", SchoolPhase.SECONDARY, SchoolType.ACADEMY,
     "Calderdale", CALDER_TRUST),
    (MOORSIDE, "Moorside Community Primary School", SchoolPhase.PRIMARY, SchoolType.COMMUNITY,
     "Wakefield", None),
    (ASHCOMBE, "Ashcombe House School", SchoolPhase.ALL_THROUGH, SchoolType.INDEPENDENT,
     "North Yorkshire", None),
]

AIRE_VALLEY = "Aire Valley Teaching School Hub"
PENNINE = "Calder and Pennine Teaching School Hub"
ISTIP = "Independent Schools Teacher Induction Panel (ISTIP)"

# name, kind, lead school (a hub is never the appropriate body for its own ECTs, SG 2.25), email
APPROPRIATE_BODIES = [
    (AIRE_VALLEY, AppropriateBodyKind.TEACHING_SCHOOL_HUB, HAREHILLS,
     "induction@airevalley-tsh.example.org"),
    (PENNINE, AppropriateBodyKind.TEACHING_SCHOOL_HUB, None, "ect@calderpennine-tsh.example.org"),
    (ISTIP, AppropriateBodyKind.NATIONAL, None, "istip@example.org"),
]

# The appropriate body each school chose: state schools a hub, the independent school ISTIP.
SCHOOL_APPROPRIATE_BODY = {
    BROOKFIELD: AIRE_VALLEY,
    HAREHILLS: PENNINE,  # not Aire Valley, the hub it leads
    ST_ANNES: AIRE_VALLEY,
    CALDER_VALE: PENNINE,
    MOORSIDE: PENNINE,
    ASHCOMBE: ISTIP,
}

NIOT = "National Institute of Teaching"
BPN = "Best Practice Network"
LEAD_PROVIDERS = [(NIOT, True), (BPN, False)]  # name, schools may choose the module sequence

NORTHERN_LIGHTS = "Northern Lights Teaching Partnership"
WHITE_ROSE = "White Rose Teacher Development"
PENNINE_ALLIANCE = "Pennine Learning Alliance"
DELIVERY_PARTNERS = [
    (NORTHERN_LIGHTS, [NIOT]),
    (WHITE_ROSE, [NIOT, BPN]),
    (PENNINE_ALLIANCE, [BPN]),
]

# school, lead provider, delivery partner, academic years, confirmed by the lead provider.
# Moorside ran school-led training in 2025 and has asked BPN for 2026 (not yet confirmed).
PARTNERSHIPS = [
    (BROOKFIELD,  NIOT, NORTHERN_LIGHTS,  (2024, 2025, 2026), True),
    (HAREHILLS,   NIOT, NORTHERN_LIGHTS,  (2024, 2025, 2026), True),
    (ST_ANNES,    BPN,  PENNINE_ALLIANCE, (2025, 2026),       True),
    (CALDER_VALE, BPN,  PENNINE_ALLIANCE, (2024, 2025, 2026), True),
    (MOORSIDE,    BPN,  WHITE_ROSE,       (2026,),            False),
    (ASHCOMBE,    NIOT, WHITE_ROSE,       (2025, 2026),       True),
]

# --- The register of teacher records -------------------------------------------------------

REQUIRED = InductionStatus.REQUIRED_TO_COMPLETE
PASSED = InductionStatus.PASSED
EXEMPT = InductionStatus.EXEMPT

# trn, first name, last name, date of birth, QTS awarded on, status on the register.
# ECTs start "required to complete": claiming sets "in progress", a pass or fail its outcome.
REGISTER = [
    # Mentors: experienced teachers who passed induction long ago.
    ("2915634", "Samuel",   "Osei",       date(1984, 3, 12),  date(2008, 7, 18), PASSED),
    ("2807421", "Emma",     "Richardson", date(1981, 11, 2),  date(2006, 7, 21), PASSED),
    ("3012877", "Rachel",   "Adeyemi",    date(1987, 5, 26),  date(2011, 7, 15), PASSED),
    ("2703318", "Karen",    "Whitaker",   date(1978, 9, 9),   date(2002, 7, 19), PASSED),
    ("3124590", "Imran",    "Malik",      date(1990, 1, 30),  date(2014, 7, 18), PASSED),
    ("3058162", "Lucy",     "Fairbairn",  date(1988, 6, 14),  date(2012, 7, 20), PASSED),
    ("2950773", "Peter",    "Donnelly",   date(1983, 12, 1),  date(2009, 7, 17), PASSED),
    ("3179045", "Zoe",      "Marshall",   date(1992, 4, 22),  date(2016, 7, 15), PASSED),
    ("2602154", "Hugh",     "Pemberton",  date(1972, 8, 17),  date(1999, 7, 16), PASSED),
    ("3231608", "Bethany",  "Clarke",     date(1993, 10, 5),  date(2017, 7, 21), PASSED),
    # ECTs: their journeys are in ECTS below.
    ("4102385", "Daniel",   "Hughes",     date(2001, 2, 14),  date(2025, 7, 18), REQUIRED),
    ("4103927", "Priya",    "Shah",       date(1999, 8, 30),  date(2025, 7, 11), REQUIRED),
    ("4101456", "Tom",      "Whitfield",  date(2000, 5, 19),  date(2025, 7, 4),  REQUIRED),
    ("3987214", "Sophie",   "Turner",     date(1998, 12, 3),  date(2024, 7, 19), REQUIRED),
    ("3984402", "James",    "Carter",     date(1999, 3, 27),  date(2024, 7, 12), REQUIRED),
    ("3985619", "Lewis",    "Grant",      date(1997, 10, 11), date(2024, 6, 28), REQUIRED),
    ("4210733", "Chloe",    "Bennett",    date(2002, 7, 8),   None,              REQUIRED),
    ("4212068", "Amara",    "Okafor",     date(2003, 1, 25),  date(2026, 7, 17), REQUIRED),
    ("4214591", "Ben",      "Ashworth",   date(2002, 9, 13),  date(2026, 7, 10), REQUIRED),
    ("4105238", "Ellie",    "Morgan",     date(2000, 11, 21), date(2025, 7, 18), REQUIRED),
    ("4106614", "Ryan",     "Doyle",      date(2001, 6, 6),   date(2025, 7, 4),  REQUIRED),
    ("4107380", "Grace",    "Oyelaran",   date(1999, 4, 16),  date(2025, 6, 27), REQUIRED),
    ("4108942", "Harry",    "Benson",     date(2000, 2, 29),  date(2025, 7, 11), REQUIRED),
    ("4215877", "Mia",      "Patel",      date(2003, 5, 2),   date(2026, 7, 17), REQUIRED),
    ("4216290", "Noah",     "Fraser",     date(2002, 12, 19), date(2026, 7, 10), REQUIRED),
    ("4217514", "Isla",     "McKenzie",   date(2003, 3, 8),   date(2026, 7, 17), REQUIRED),
    ("4218036", "Jacob",    "Wright",     date(2002, 10, 27), date(2026, 7, 3),  REQUIRED),
    ("4219653", "Freya",    "Hall",       date(2003, 8, 15),  date(2026, 7, 17), REQUIRED),
    ("4220418", "Oscar",    "Nwosu",      date(2002, 4, 4),   date(2026, 7, 10), REQUIRED),
    # On the register only, for the registration journeys to find.
    ("4221705", "Alice",    "Thornton",   date(2003, 6, 11),  date(2026, 7, 17), REQUIRED),
    ("4222390", "Mohammed", "Rahman",     date(2002, 2, 8),   date(2026, 7, 10), REQUIRED),
    ("4223148", "Ella",     "Davies",     date(2003, 9, 23),  date(2026, 6, 26), REQUIRED),
    ("4224861", "Jasmine",  "Kaur",       date(2001, 12, 30), date(2026, 7, 17), REQUIRED),
    ("4225273", "Liam",     "O'Connor",   date(2002, 5, 14),  date(2026, 7, 3),  REQUIRED),
    ("4226519", "Megan",    "Price",      date(2003, 2, 19),  date(2026, 7, 17), REQUIRED),
    ("4227036", "Callum",   "Stewart",    date(2000, 10, 9),  date(2026, 7, 10), REQUIRED),
    ("4229115", "Kieran",   "Walsh",      date(2002, 8, 21),  date(2026, 7, 24), REQUIRED),
    # No QTS yet; passed induction elsewhere; exempt (QTS before induction began in 1999).
    ("4228402", "Aisha",    "Begum",      date(2003, 11, 27), None,              REQUIRED),
    ("2531987", "Robert",   "Hayes",      date(1985, 1, 15),  date(2009, 7, 17), PASSED),
    ("1834560", "Margaret", "Ellis",      date(1968, 4, 3),   date(1991, 7, 19), EXEMPT),
]

# --- Mentors -------------------------------------------------------------------------------

SAMUEL_OSEI, EMMA_RICHARDSON, RACHEL_ADEYEMI = "2915634", "2807421", "3012877"
KAREN_WHITAKER, IMRAN_MALIK, LUCY_FAIRBAIRN = "2703318", "3124590", "3058162"
PETER_DONNELLY, ZOE_MARSHALL = "2950773", "3179045"
HUGH_PEMBERTON, BETHANY_CLARKE = "2602154", "3231608"

MENTORS = [
    MentorAt(SAMUEL_OSEI,     BROOKFIELD,  date(2019, 9, 2)),
    MentorAt(SAMUEL_OSEI,     ST_ANNES,    date(2025, 9, 1)),  # one mentor at two schools
    MentorAt(EMMA_RICHARDSON, CALDER_VALE, date(2021, 9, 1)),
    MentorAt(RACHEL_ADEYEMI,  ST_ANNES,    date(2025, 9, 1)),  # also induction tutor at Brookfield
    MentorAt(KAREN_WHITAKER,  BROOKFIELD,  date(2018, 9, 3)),
    MentorAt(IMRAN_MALIK,     HAREHILLS,   date(2026, 9, 1), training_with=NIOT),
    MentorAt(LUCY_FAIRBAIRN,  HAREHILLS,   date(2022, 9, 5)),
    MentorAt(PETER_DONNELLY,  CALDER_VALE, date(2020, 9, 2)),
    MentorAt(ZOE_MARSHALL,    MOORSIDE,    date(2023, 9, 4)),
    MentorAt(HUGH_PEMBERTON,  ASHCOMBE,    date(2015, 9, 7)),
    MentorAt(BETHANY_CLARKE,  MOORSIDE,    date(2026, 9, 1), training_with=BPN),
]

# --- ECTs: one row per teacher, one Stint per school -----------------------------------------

AUTUMN_2024, AUTUMN_2025, AUTUMN_2026 = date(2024, 9, 2), date(2025, 9, 1), date(2026, 9, 1)
EASTER_2026, SUMMER_2026 = date(2026, 3, 27), date(2026, 4, 13)  # end of spring, start of summer
JULY_2026, APPEAL = date(2026, 7, 17), date(2026, 7, 20)  # end of induction; told of the appeal
ASHCOMBE_2025, ASHCOMBE_2026 = date(2025, 9, 8), date(2026, 9, 7)  # its terms start a week later

ECTS = [
    # Mid-induction: claimed in September 2025, in their second year.
    ect("4102385", Stint(BROOKFIELD,  AUTUMN_2025, NIOT, SAMUEL_OSEI,    claimed=AUTUMN_2025)),
    ect("4105238", Stint(HAREHILLS,   AUTUMN_2025, NIOT, LUCY_FAIRBAIRN, claimed=AUTUMN_2025)),
    ect("4106614", Stint(CALDER_VALE, AUTUMN_2025, BPN,  PETER_DONNELLY, claimed=AUTUMN_2025)),
    ect("4108942", Stint(ASHCOMBE, ASHCOMBE_2025, NIOT, HUGH_PEMBERTON, claimed=ASHCOMBE_2025)),
    # The one ECT on school-led training.
    ect("4107380", Stint(MOORSIDE, AUTUMN_2025, SCHOOL_LED, ZOE_MARSHALL, claimed=AUTUMN_2025)),
    # Part-time, 0.5 FTE: four school years of induction.
    ect("4103927", Stint(ST_ANNES, AUTUMN_2025, BPN, RACHEL_ADEYEMI, fte=Decimal("0.5"),
                         claimed=AUTUMN_2025)),
    # Moved school at Easter 2026: Aire Valley released him after two terms, Pennine claimed him.
    ect("4101456",
        Stint(ST_ANNES, AUTUMN_2025, BPN, SAMUEL_OSEI, claimed=AUTUMN_2025, left=EASTER_2026,
              closed=Closed(RELEASED, EASTER_2026, Decimal("2"))),
        Stint(CALDER_VALE, SUMMER_2026, BPN, EMMA_RICHARDSON, claimed=SUMMER_2026)),
    # Six terms served, then extended by two: still in induction.
    ect("3987214", Stint(CALDER_VALE, AUTUMN_2024, BPN, PETER_DONNELLY, claimed=AUTUMN_2024),
        extension_terms=Decimal("2")),
    # Passed, and failed, in July 2026.
    ect("3984402", Stint(HAREHILLS, AUTUMN_2024, NIOT, LUCY_FAIRBAIRN, claimed=AUTUMN_2024,
                         closed=Closed(PASS, JULY_2026, Decimal("6")), left=JULY_2026)),
    ect("3985619", Stint(BROOKFIELD, AUTUMN_2024, NIOT, KAREN_WHITAKER, claimed=AUTUMN_2024,
                         closed=Closed(FAIL, JULY_2026, Decimal("6"), told_of_appeal_on=APPEAL),
                         left=JULY_2026)),
    # Registered at a school with no QTS yet: her appropriate body cannot claim her.
    ect("4210733", Stint(BROOKFIELD, AUTUMN_2026, NIOT, KAREN_WHITAKER)),
    # Newly registered, waiting for their appropriate body to claim them.
    ect("4212068", Stint(HAREHILLS, date(2026, 11, 2), NIOT, IMRAN_MALIK)),
    ect("4214591", Stint(ASHCOMBE, date(2026, 11, 16), NIOT, HUGH_PEMBERTON)),
    # First year, claimed in September 2026.
    ect("4215877", Stint(BROOKFIELD,  AUTUMN_2026, NIOT, SAMUEL_OSEI,     claimed=AUTUMN_2026)),
    ect("4216290", Stint(ST_ANNES,    AUTUMN_2026, BPN,  SAMUEL_OSEI,     claimed=AUTUMN_2026)),
    ect("4217514", Stint(CALDER_VALE, AUTUMN_2026, BPN,  EMMA_RICHARDSON, claimed=AUTUMN_2026)),
    ect("4218036", Stint(HAREHILLS,   AUTUMN_2026, NIOT, IMRAN_MALIK,     claimed=AUTUMN_2026)),
    ect("4219653", Stint(MOORSIDE,    AUTUMN_2026, BPN,  BETHANY_CLARKE,  claimed=AUTUMN_2026)),
    ect("4220418", Stint(ASHCOMBE, ASHCOMBE_2026, NIOT, HUGH_PEMBERTON, claimed=ASHCOMBE_2026)),
]

# --- Demo users ----------------------------------------------------------------------------

# first name, last name (the email is first.last@example.com), roles: each
# (role, school URN / teacher's TRN / organisation name[, "headteacher"])
USERS = [
    ("Rachel",    "Adeyemi",    [(TUTOR, BROOKFIELD), (MENTOR, RACHEL_ADEYEMI)]),  # two roles
    ("Andrew",    "Pike",       [(TUTOR, HAREHILLS, "headteacher")]),
    ("Joanne",    "Fletcher",   [(TUTOR, CALDER_VALE)]),
    ("Catherine", "Lowe",       [(TUTOR, ASHCOMBE)]),
    ("Nadia",     "Hussain",    [(Role.APPROPRIATE_BODY, AIRE_VALLEY)]),
    ("Gareth",    "Evans",      [(Role.APPROPRIATE_BODY, PENNINE)]),
    ("Fiona",     "Campbell",   [(Role.APPROPRIATE_BODY, ISTIP)]),
    ("Oliver",    "Reid",       [(Role.LEAD_PROVIDER, NIOT)]),
    ("Hannah",    "Brooks",     [(Role.LEAD_PROVIDER, BPN)]),
    ("Helen",     "Marsh",      [(Role.TRUST_INDUCTION_LEAD, KIRKGATE_TRUST)]),  # 2 schools
    ("Samuel",    "Osei",       [(MENTOR, SAMUEL_OSEI)]),  # mentors at two schools
    ("Imran",     "Malik",      [(MENTOR, IMRAN_MALIK)]),  # a training mentor, with NIoT
    ("Emma",      "Richardson", [(MENTOR, EMMA_RICHARDSON)]),
    ("Daniel",    "Hughes",     [(Role.ECT, "4102385")]),  # second year
    ("Priya",     "Shah",       [(Role.ECT, "4103927")]),  # part-time
    ("Tom",       "Whitfield",  [(Role.ECT, "4101456")]),  # moved school
]
STAFF_NAME = ("Jordan", "Blake")

# Mentor training history on the register (rule 21), so "My training" shows both cases:
# trn, ECF mentor terms completed, ECTP mentor terms completed, training funded in (year).
MENTOR_TRAINING_HISTORY = [
    (SAMUEL_OSEI,     6, 0, 2019),  # non-training: completed 6 terms of an ECF mentor programme
    (EMMA_RICHARDSON, 0, 3, None),  # non-training: completed 3 terms of an ECTP mentor programme
    (IMRAN_MALIK,     1, 0, None),  # training mentor, funded this year
]

# fmt: on


# --- Writing it --------------------------------------------------------------------------------


def academic_year(day: datetime.date) -> int:
    """The year an academic year starts in: 2025 for any day from September 2025 to August 2026."""
    return day.year if day.month >= 9 else day.year - 1


def email_for(first_name: str, last_name: str) -> str:
    name = f"{first_name}.{last_name}".lower().replace("'", "").replace(" ", "-")
    return f"{name}@example.com"


def seed_organisations() -> None:
    for name, number in TRUSTS:
        Trust.objects.get_or_create(name=name, defaults={"companies_house_number": number})
    for urn, name, phase, school_type, local_authority, trust in SCHOOLS:
        School.objects.get_or_create(
            urn=urn,
            defaults={
                "name": name,
                "phase": phase,
                "school_type": school_type,
                "local_authority": local_authority,
                "trust": Trust.objects.get(name=trust) if trust else None,
            },
        )
    for name, kind, lead_urn, email in APPROPRIATE_BODIES:
        AppropriateBody.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "lead_school": School.objects.get(urn=lead_urn) if lead_urn else None,
                "email": email,
            },
        )
    for name, allows_choice in LEAD_PROVIDERS:
        LeadProvider.objects.get_or_create(
            name=name, defaults={"allows_module_sequence_choice": allows_choice}
        )
    for name, providers in DELIVERY_PARTNERS:
        partner, _ = DeliveryPartner.objects.get_or_create(name=name)
        partner.lead_providers.add(*LeadProvider.objects.filter(name__in=providers))


def seed_partnerships() -> None:
    for urn, provider, partner, years, confirmed in PARTNERSHIPS:
        for year in years:
            confirmed_at = (
                datetime.datetime(year, 6, 15, 10, 0, tzinfo=datetime.UTC) if confirmed else None
            )
            SchoolPartnership.objects.get_or_create(
                school=School.objects.get(urn=urn),
                lead_provider=LeadProvider.objects.get(name=provider),
                delivery_partner=DeliveryPartner.objects.get(name=partner),
                academic_year=year,
                defaults={"confirmed_at": confirmed_at},
            )


def seed_register() -> None:
    for trn, first_name, last_name, born_on, qts_on, status in REGISTER:
        TeacherRecord.objects.get_or_create(
            trn=trn,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "date_of_birth": born_on,
                "qts_awarded_on": qts_on,
                "induction_status": status,
            },
        )


def seed_mentor_training_history() -> None:
    """The register's mentor training history: set, not added to, so a second run is a no-op."""
    for trn, ecf_terms, ectp_terms, funded_in in MENTOR_TRAINING_HISTORY:
        TeacherRecord.objects.filter(trn=trn).update(
            mentor_ecf_terms_completed=ecf_terms,
            mentor_ectp_terms_completed=ectp_terms,
            mentor_training_funded_in=funded_in,
        )


def teacher(trn: str) -> Teacher:
    return participant_services.teacher_from_record(record=TeacherRecord.objects.get(trn=trn))


def partnership(urn: str, provider: str, day: datetime.date) -> SchoolPartnership:
    return SchoolPartnership.objects.filter(
        school__urn=urn, lead_provider__name=provider, academic_year=academic_year(day)
    ).earliest("id")


def start_training(*, day: datetime.date, urn: str, provider: str | None, **owner) -> None:
    if provider is SCHOOL_LED:
        participant_services.start_training(
            training_programme=TrainingProgramme.SCHOOL_LED, started_on=day, by=BY, **owner
        )
    else:
        participant_services.start_training(
            training_programme=TrainingProgramme.PROVIDER_LED,
            school_partnership=partnership(urn, provider, day),
            started_on=day,
            by=BY,
            **owner,
        )


def seed_mentor(mentor: MentorAt) -> None:
    if MentorAtSchoolPeriod.objects.filter(
        teacher__trn=mentor.trn, school__urn=mentor.urn
    ).exists():
        return
    person = teacher(mentor.trn)
    period = participant_services.start_mentor_at_school(
        teacher=person,
        school=School.objects.get(urn=mentor.urn),
        started_on=mentor.started_on,
        email=email_for(person.first_name, person.last_name),
        by=BY,
    )
    if mentor.training_with:
        start_training(
            day=mentor.started_on,
            urn=mentor.urn,
            provider=mentor.training_with,
            mentor_period=period,
        )


def close_induction(period: InductionPeriod, closed: Closed) -> None:
    arguments = {
        "period": period,
        "finished_on": closed.on,
        "number_of_terms": closed.terms,
        "by": BY,
    }
    if closed.how == RELEASED:
        induction_services.release_ect(**arguments)
    elif closed.how == PASS:
        induction_services.record_pass(**arguments)
    else:
        induction_services.record_fail(
            told_of_right_to_appeal_on=closed.told_of_appeal_on, **arguments
        )


def seed_stint(person: Teacher, stint: Stint) -> None:
    """Register the ECT at the school, then train, mentor, claim and close as the stint says."""
    school = School.objects.get(urn=stint.urn)
    appropriate_body = AppropriateBody.objects.get(name=SCHOOL_APPROPRIATE_BODY[stint.urn])
    part_time = stint.fte < 1
    ect_period = participant_services.start_ect_at_school(
        teacher=person,
        school=school,
        started_on=stint.started_on,
        email=email_for(person.first_name, person.last_name),
        working_pattern=WorkingPattern.PART_TIME if part_time else WorkingPattern.FULL_TIME,
        fte=stint.fte,
        appropriate_body=appropriate_body,
        by=BY,
    )
    start_training(
        day=stint.started_on, urn=stint.urn, provider=stint.training_with, ect_period=ect_period
    )
    if stint.mentor:
        participant_services.assign_mentor(
            ect_period=ect_period,
            mentor_period=MentorAtSchoolPeriod.objects.ongoing().get(
                teacher__trn=stint.mentor, school=school
            ),
            started_on=stint.started_on,
            by=BY,
        )
    if stint.claimed:
        induction_period = induction_services.claim_ect(
            teacher=person,
            appropriate_body=appropriate_body,
            started_on=stint.claimed,
            induction_programme=(
                InductionProgramme.SCHOOL_LED
                if stint.training_with is SCHOOL_LED
                else InductionProgramme.PROVIDER_LED
            ),
            by=BY,
        )
        if stint.closed:
            close_induction(induction_period, stint.closed)
    if stint.left:
        participant_services.finish_ect_at_school(period=ect_period, finished_on=stint.left, by=BY)


def seed_ect(journey: ECT) -> None:
    if ECTAtSchoolPeriod.objects.filter(teacher__trn=journey.trn).exists():
        return
    person = teacher(journey.trn)
    for stint in journey.stints:
        seed_stint(person, stint)
    if journey.extension_terms:
        induction_services.extend_induction(
            teacher=person,
            appropriate_body=AppropriateBody.objects.get(
                name=SCHOOL_APPROPRIATE_BODY[journey.stints[-1].urn]
            ),
            number_of_terms=journey.extension_terms,
            by=BY,
        )


def organisation(role: str, key: str) -> dict:
    """The Membership fields naming the organisation (or teacher) a role acts for."""
    if role == Role.INDUCTION_TUTOR:
        return {"school": School.objects.get(urn=key)}
    if role in (Role.MENTOR, Role.ECT):
        return {"teacher": Teacher.objects.get(trn=key)}
    if role == Role.TRUST_INDUCTION_LEAD:
        return {"trust": Trust.objects.get(name=key)}
    if role == Role.APPROPRIATE_BODY:
        return {"appropriate_body": AppropriateBody.objects.get(name=key)}
    return {"lead_provider": LeadProvider.objects.get(name=key)}


def demo_user(email: str, first_name: str, last_name: str, **extra) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, first_name=first_name, last_name=last_name, **extra)
    return user


def grant(user: User, role: str, *, is_headteacher: bool = False, **organisation_fields) -> None:
    lookup = {"user": user, "role": role, "ended_at__isnull": True, **organisation_fields}
    if not Membership.objects.filter(**lookup).exists():
        Membership.objects.create(
            user=user, role=role, is_headteacher=is_headteacher, **organisation_fields
        )


def seed_users() -> None:
    for first_name, last_name, roles in USERS:
        user = demo_user(email_for(first_name, last_name), first_name, last_name)
        for role, key, *flags in roles:
            grant(user, role, is_headteacher="headteacher" in flags, **organisation(role, key))


def seed_staff() -> None:
    """The DfE staff user reaches the admin with a password and an authenticator code."""
    first_name, last_name = STAFF_NAME
    staff = demo_user(
        DEMO_STAFF_EMAIL,
        first_name,
        last_name,
        password=DEMO_STAFF_PASSWORD,
        is_staff=True,
        is_superuser=True,
    )
    grant(staff, Role.DFE_STAFF)
    if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(staff, DEMO_STAFF_TOTP_SECRET)


# --- The induction tutors' choices for each year (issue 3) --------------------------------------
#
# Each school's appropriate body and training for 2025 to 2027, made through the service. Calder
# Vale has not set up 2026 to 2027 yet, so its induction tutor can use last year's choices in one
# step; Moorside trained school-led in 2025 and has not chosen yet for 2026.
YEAR_SETUPS_NOT_MADE = {(CALDER_VALE, 2026), (MOORSIDE, 2026)}


def seed_year_setups() -> None:
    from schools.models import YearSetup
    from schools.services import Choices, set_up_year

    for urn, *_ in SCHOOLS:
        school = School.objects.get(urn=urn)
        for year in (2025, 2026):
            if (urn, year) in YEAR_SETUPS_NOT_MADE:
                continue
            if YearSetup.objects.filter(school=school, academic_year=year).exists():
                continue
            partnership = (
                SchoolPartnership.objects.filter(school=school, academic_year=year)
                .order_by("id")
                .first()
            )
            set_up_year(
                school=school,
                academic_year=year,
                choices=Choices(
                    AppropriateBody.objects.get(name=SCHOOL_APPROPRIATE_BODY[urn]),
                    TrainingProgramme.PROVIDER_LED if partnership else TrainingProgramme.SCHOOL_LED,
                    partnership,
                ),
                by=BY,
            )


SUMMARY = [
    ("schools", School),
    ("appropriate bodies", AppropriateBody),
    ("lead providers", LeadProvider),
    ("school partnerships", SchoolPartnership),
    ("teacher records on the register", TeacherRecord),
    ("teachers", Teacher),
    ("ECT at school periods", ECTAtSchoolPeriod),
    ("mentor at school periods", MentorAtSchoolPeriod),
    ("mentorships", Mentorship),
    ("training periods", TrainingPeriod),
    ("induction periods", InductionPeriod),
    ("users", User),
    ("events", Event),
]


class Command(BaseCommand):
    help = "Create demo organisations, teachers and users for the embedded default (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(REFUSED)
        before = {label: model.objects.count() for label, model in SUMMARY}
        with transaction.atomic():
            seed_organisations()
            seed_partnerships()
            seed_register()
            seed_mentor_training_history()
            for mentor in MENTORS:
                seed_mentor(mentor)
            for journey in ECTS:
                seed_ect(journey)
            seed_users()
            seed_staff()
            seed_year_setups()
        # Programme content, then demo sequences, mentoring logs and engagement (issue 5).
        call_command("seed_programmes", demo=True, stdout=self.stdout)
        after = {label: model.objects.count() for label, model in SUMMARY}
        if after == before:
            self.stdout.write("The demo data was already there: nothing changed.")
        self.stdout.write("Demo data:")
        for label, count in after.items():
            new = count - before[label]
            self.stdout.write(f"  {count} {label}" + (f" ({new} new)" if new else ""))
        self.stdout.write(self.style.SUCCESS("Sign in at http://127.0.0.1:8000/"))

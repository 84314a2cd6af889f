"""Teachers, their records and users, and their periods: at school, mentoring, training and
induction, in the shapes real ECTs take (see STORIES).

Dates follow the academic year `year` (2026 for 2026 to 2027): second-year ECTs started
in September of the year before; passed and failed ECTs started two years before and
finished in July. No period of one teacher overlaps another of the same kind, so the
exclusion constraints hold.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from ecte.national.organisations import Organisations, SchoolPlan, person_name

UNUSABLE_PASSWORD = "!national-seed"  # Django reads a leading "!" as no usable password
TRN_START = 2_000_000

# (story, share of ECTs): cumulative rolls in this order.
STORIES = (
    ("passed", 0.05),
    ("failed", 0.003),
    ("to_claim", 0.077),
    ("no_qts", 0.02),
    ("moved", 0.10),  # left another school in July; released there and claimed again here
    ("year_2", 0.375),
    ("year_1", 1.0),
)
WITHOUT_MENTOR_SHARE = 0.05


@dataclass
class ECT:
    teacher_id: int
    user_id: int
    name: tuple[str, str]
    story: str
    school: SchoolPlan
    period_id: int
    started_on: datetime.date
    finished_on: datetime.date | None
    induction_period_id: int | None = None
    mentorship_id: int | None = None
    training_period_id: int | None = None


@dataclass
class Mentor:
    teacher_id: int
    user_id: int
    school: SchoolPlan
    period_id: int
    started_on: datetime.date
    training_period_id: int | None = None


@dataclass
class Mentorship:
    id: int
    ect: ECT
    mentor: Mentor
    started_on: datetime.date
    finished_on: datetime.date | None


@dataclass
class People:
    ects: list[ECT] = field(default_factory=list)
    mentors: list[Mentor] = field(default_factory=list)
    mentorships: list[Mentorship] = field(default_factory=list)
    closed_induction: list[tuple] = field(default_factory=list)  # (id, teacher_id, ab_id, finished)
    ab_users: dict[int, int] = field(default_factory=dict)  # appropriate body id: user id
    lp_users: dict[int, int] = field(default_factory=dict)  # lead provider id: user id
    rows: dict[str, list[tuple]] = field(default_factory=dict)


class PeopleBuilder:
    def __init__(self, orgs: Organisations, ids, rng: random.Random, year: int, now):
        self.orgs, self.ids, self.rng, self.year, self.now = orgs, ids, rng, year, now
        self.people = People()
        self.rows: dict[str, list[tuple]] = {
            name: []
            for name in (
                "accounts_user",
                "accounts_membership",
                "participants_teacherrecord",
                "participants_teacher",
                "participants_ectatschoolperiod",
                "participants_mentoratschoolperiod",
                "participants_mentorship",
                "participants_trainingperiod",
                "induction_inductionperiod",
            )
        }
        self.people.rows = self.rows
        self.trn = TRN_START
        self.this_september = datetime.date(year, 9, 1)
        self.last_september = datetime.date(year - 1, 9, 1)
        self.last_july = datetime.date(year, 7, 18)

    def build(self) -> People:
        self._organisation_users()
        for school in self.orgs.schools:
            mentors = [self._mentor(school) for _ in range(school.mentors)]
            for n in range(school.ects):
                ect = self._ect(school)
                if ect.story in ("passed", "failed") or not mentors:
                    continue
                if self.rng.random() >= WITHOUT_MENTOR_SHARE or school is self.orgs.big_school:
                    self._mentorship(ect, mentors[n % len(mentors)])
        return self.people

    # --- users --------------------------------------------------------------------------

    def _user(self, email: str, name: tuple[str, str]) -> int:
        user_id = self.ids.next("accounts_user")
        self.rows["accounts_user"].append(
            (
                user_id,
                UNUSABLE_PASSWORD,
                None,
                False,
                name[0],
                name[1],
                False,
                True,
                self.now,
                email,
            )
        )
        return user_id

    def _membership(
        self, user_id, role, *, school=None, teacher=None, ab=None, lp=None, head=False
    ):
        self.rows["accounts_membership"].append(
            (
                self.ids.next("accounts_membership"),
                role,
                head,
                self.now,
                None,
                ab,
                lp,
                school,
                teacher,
                user_id,
            )
        )

    def _organisation_users(self) -> None:
        for n, school in enumerate(self.orgs.schools):
            name = person_name(self.rng)
            school.tutor_name = " ".join(name)
            school.tutor_user_id = self._user(f"tutor@{school.urn}.schools.example.org", name)
            self._membership(
                school.tutor_user_id, "induction_tutor", school=school.id, head=n % 3 == 1
            )
        for n, ab_id in enumerate(self.orgs.appropriate_body_ids):
            user_id = self._user(
                f"user{n + 1}@appropriate-bodies.example.org", person_name(self.rng)
            )
            self._membership(user_id, "appropriate_body", ab=ab_id)
            self.people.ab_users[ab_id] = user_id
        for n, lp_id in enumerate(self.orgs.lead_provider_ids):
            user_id = self._user(f"user{n + 1}@lead-providers.example.org", person_name(self.rng))
            self._membership(user_id, "lead_provider", lp=lp_id)
            self.people.lp_users[lp_id] = user_id

    # --- teachers -----------------------------------------------------------------------

    def _teacher(self, name, qts_on, status) -> tuple[int, str]:
        self.trn += 1
        trn = f"{self.trn:07d}"
        teacher_id = self.ids.next("participants_teacher")
        born = datetime.date(1975 + self.trn % 25, 1 + self.trn % 12, 1 + self.trn % 28)
        self.rows["participants_teacherrecord"].append(
            (
                self.ids.next("participants_teacherrecord"),
                trn,
                name[0],
                name[1],
                born,
                qts_on,
                status,
                self.now,
                0,
                0,
                None,
            )
        )
        self.rows["participants_teacher"].append(
            (teacher_id, trn, name[0], name[1], born, qts_on, self.now, self.now)
        )
        return teacher_id, trn

    def _story(self) -> str:
        roll, total = self.rng.random(), 0.0
        for story, share in STORIES:
            total += share
            if roll < total:
                return story
        return "year_1"

    def _ect(self, school: SchoolPlan) -> ECT:
        story = self._story()
        name = person_name(self.rng)
        started = {
            "passed": datetime.date(self.year - 2, 9, 1),
            "failed": datetime.date(self.year - 2, 9, 1),
            "year_2": self.last_september,
        }.get(story, self.this_september)
        status = {
            "passed": "passed",
            "failed": "failed",
            "to_claim": "required_to_complete",
            "no_qts": "required_to_complete",
        }.get(story, "in_progress")
        qts_on = None if story == "no_qts" else datetime.date(started.year, 7, 10)
        if story == "moved":
            qts_on = datetime.date(self.year - 1, 7, 10)
        teacher_id, trn = self._teacher(name, qts_on, status)
        email = f"{name[0]}.{name[1]}.{trn}@{school.urn}.schools.example.org".lower()
        user_id = self._user(email, name)
        self._membership(user_id, "ect", teacher=teacher_id)
        finished = self.last_july if story in ("passed", "failed") else None
        if story == "moved":
            # Their first year at another school, with that school's appropriate body.
            other = self.orgs.schools[self.rng.randrange(len(self.orgs.schools))]
            self._ect_period(teacher_id, other, self.last_september, self.last_july, email)
            released_id = self._induction(
                teacher_id,
                other.appropriate_body_id,
                self.last_september,
                self.last_july,
                terms=Decimal("3.00"),
            )
            self.people.closed_induction.append(
                (released_id, teacher_id, other.appropriate_body_id, self.last_july)
            )
        period_id = self._ect_period(teacher_id, school, started, finished, email)
        ect = ECT(teacher_id, user_id, name, story, school, period_id, started, finished)
        if story in ("passed", "failed"):
            ect.induction_period_id = self._induction(
                teacher_id,
                school.appropriate_body_id,
                started,
                finished,
                terms=Decimal("6.00"),
                outcome="pass" if story == "passed" else "fail",
            )
        elif story in ("year_1", "year_2", "moved"):
            ect.induction_period_id = self._induction(
                teacher_id,
                school.appropriate_body_id,
                started,
                None,
                programme="provider_led" if school.partnership_id else "school_led",
            )
        if finished is None:
            ect.training_period_id = self._training(school, started, ect_period=period_id)
        self.people.ects.append(ect)
        return ect

    def _ect_period(self, teacher_id, school, started, finished, email) -> int:
        period_id = self.ids.next("participants_ectatschoolperiod")
        part_time = self.rng.random() < 0.1
        self.rows["participants_ectatschoolperiod"].append(
            (
                period_id,
                started,
                finished,
                "part_time" if part_time else "full_time",
                Decimal("0.50") if part_time else Decimal("1.00"),
                email,
                self.now,
                school.appropriate_body_id,
                school.id,
                teacher_id,
                "",
            )
        )
        return period_id

    def _induction(
        self,
        teacher_id,
        ab_id,
        started,
        finished,
        *,
        terms=None,
        outcome="",
        programme="provider_led",
    ) -> int:
        period_id = self.ids.next("induction_inductionperiod")
        recorded = finished + datetime.timedelta(days=7) if outcome else None
        told = recorded if outcome == "fail" else None
        self.rows["induction_inductionperiod"].append(
            (
                period_id,
                started,
                finished,
                terms,
                programme,
                outcome,
                self.now,
                self.now,
                ab_id,
                teacher_id,
                recorded,
                told,
            )
        )
        return period_id

    def _training(self, school, started, *, ect_period=None, mentor_period=None) -> int:
        training_id = self.ids.next("participants_trainingperiod")
        self.rows["participants_trainingperiod"].append(
            (
                training_id,
                "provider_led" if school.partnership_id else "school_led",
                started,
                None,
                self.now,
                ect_period,
                mentor_period,
                school.partnership_id,
            )
        )
        return training_id

    def _mentor(self, school: SchoolPlan) -> Mentor:
        name = person_name(self.rng)
        teacher_id, trn = self._teacher(name, datetime.date(2015, 7, 10), "passed")
        email = f"{name[0]}.{name[1]}.{trn}@{school.urn}.schools.example.org".lower()
        user_id = self._user(email, name)
        self._membership(user_id, "mentor", teacher=teacher_id)
        started = self.last_september if self.rng.random() < 0.6 else self.this_september
        period_id = self.ids.next("participants_mentoratschoolperiod")
        self.rows["participants_mentoratschoolperiod"].append(
            (period_id, started, None, email, self.now, school.id, teacher_id, "")
        )
        mentor = Mentor(teacher_id, user_id, school, period_id, started)
        if school.partnership_id and self.rng.random() < 0.7:
            mentor.training_period_id = self._training(school, started, mentor_period=period_id)
        self.people.mentors.append(mentor)
        return mentor

    def _mentorship(self, ect: ECT, mentor: Mentor) -> None:
        started = max(ect.started_on, mentor.started_on)
        mentorship_id = self.ids.next("participants_mentorship")
        self.rows["participants_mentorship"].append(
            (mentorship_id, started, None, self.now, ect.period_id, mentor.period_id, "")
        )
        ect.mentorship_id = mentorship_id
        self.people.mentorships.append(Mentorship(mentorship_id, ect, mentor, started, None))


COLUMNS = {
    "accounts_user": (
        "id",
        "password",
        "last_login",
        "is_superuser",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "date_joined",
        "email",
    ),
    "accounts_membership": (
        "id",
        "role",
        "is_headteacher",
        "created_at",
        "ended_at",
        "appropriate_body_id",
        "lead_provider_id",
        "school_id",
        "teacher_id",
        "user_id",
    ),
    "participants_teacherrecord": (
        "id",
        "trn",
        "first_name",
        "last_name",
        "date_of_birth",
        "qts_awarded_on",
        "induction_status",
        "updated_at",
        "mentor_ecf_terms_completed",
        "mentor_ectp_terms_completed",
        "mentor_training_funded_in",
    ),
    "participants_teacher": (
        "id",
        "trn",
        "first_name",
        "last_name",
        "date_of_birth",
        "qts_awarded_on",
        "created_at",
        "updated_at",
    ),
    "participants_ectatschoolperiod": (
        "id",
        "started_on",
        "finished_on",
        "working_pattern",
        "fte",
        "email",
        "created_at",
        "appropriate_body_id",
        "school_id",
        "teacher_id",
        "registration_token",
    ),
    "participants_mentoratschoolperiod": (
        "id",
        "started_on",
        "finished_on",
        "email",
        "created_at",
        "school_id",
        "teacher_id",
        "registration_token",
    ),
    "participants_mentorship": (
        "id",
        "started_on",
        "finished_on",
        "created_at",
        "ect_at_school_period_id",
        "mentor_at_school_period_id",
        "induction_tutor_reason",
    ),
    "participants_trainingperiod": (
        "id",
        "training_programme",
        "started_on",
        "finished_on",
        "created_at",
        "ect_at_school_period_id",
        "mentor_at_school_period_id",
        "school_partnership_id",
    ),
    "induction_inductionperiod": (
        "id",
        "started_on",
        "finished_on",
        "number_of_terms",
        "induction_programme",
        "outcome",
        "created_at",
        "updated_at",
        "appropriate_body_id",
        "teacher_id",
        "outcome_recorded_on",
        "told_of_right_to_appeal_on",
    ),
}

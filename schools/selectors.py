"""Reads for a school's induction tutor: its choices, ECTs and mentors, and what is left to do.

Every list here issues a fixed number of queries, whatever the number of rows. The
`*_for(school)` querysets are the one scoping of the induction tutor's records:
views look ECTs and mentors up through them, so another school's record is not found.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from ecte.calendar import dates
from induction.models import AppropriateBody, AppropriateBodyKind
from induction.selectors import induction_progress_for
from participants.mentor_training import mentor_training_status
from participants.models import (
    ECTAtSchoolPeriod,
    MentorAtSchoolPeriod,
    Mentorship,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
    TrainingProgramme,
)
from programmes.models import SchoolPartnership
from schools.models import School, YearSetup

# --- scoping ----------------------------------------------------------------------------------


def ect_periods_for(school: School) -> QuerySet[ECTAtSchoolPeriod]:
    """Every ECT period at the school, current or past: the only way views find an ECT."""
    return ECTAtSchoolPeriod.objects.filter(school=school).select_related(
        "teacher", "school", "appropriate_body"
    )


def mentor_periods_for(school: School) -> QuerySet[MentorAtSchoolPeriod]:
    """Every mentor period at the school, current or past: the only way views find a mentor."""
    return MentorAtSchoolPeriod.objects.filter(school=school).select_related("teacher", "school")


# --- a school's choices -----------------------------------------------------------------------


def active_academic_year() -> int:
    return dates.academic_year_for(dates.today())


def appropriate_bodies_for(school: School) -> QuerySet[AppropriateBody]:
    """The appropriate bodies the school may choose (rule 17, SG 2.25): a state school only
    teaching school hubs, an independent school also ISTIP; never the hub the school leads,
    which would then be the appropriate body for ECTs it employs."""
    kinds = [AppropriateBodyKind.TEACHING_SCHOOL_HUB]
    if school.is_independent:
        kinds.append(AppropriateBodyKind.NATIONAL)
    return (
        AppropriateBody.objects.filter(kind__in=kinds).exclude(lead_school=school).order_by("name")
    )


def partnerships_for(school: School, academic_year: int) -> QuerySet[SchoolPartnership]:
    """The school's lead provider partnerships for the year (not those the lead provider
    declined), each with its delivery partner."""
    return (
        SchoolPartnership.objects.filter(school=school, academic_year=academic_year)
        .exclude(declined_at__isnull=False)
        .select_related("lead_provider", "delivery_partner")
        .order_by("lead_provider__name", "delivery_partner__name")
    )


def year_setup_for(school: School, academic_year: int) -> YearSetup | None:
    return (
        YearSetup.objects.filter(school=school, academic_year=academic_year)
        .select_related(
            "appropriate_body",
            "school_partnership__lead_provider",
            "school_partnership__delivery_partner",
        )
        .first()
    )


# --- each ECT's registration status -----------------------------------------------------------


@dataclass(frozen=True)
class RegistrationStep:
    text: str
    done: bool


@dataclass
class RegistrationStatus:
    """Registered, then appropriate body claimed, lead provider confirmed, mentor assigned."""

    steps: list[RegistrationStep] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def label(self) -> str:
        return "Registration complete" if self.complete else "Registration in progress"

    @property
    def colour(self) -> str:
        return "green" if self.complete else "yellow"


def registration_status(period: ECTAtSchoolPeriod) -> RegistrationStatus:
    """From what current_ects() loaded: `progress`, `training` and `mentor` on the period."""
    steps = [RegistrationStep("Registered", True)]
    holding = period.progress.current_period
    chosen = period.appropriate_body
    if period.teacher.qts_awarded_on is None:
        steps.append(RegistrationStep("Waiting for QTS before induction can start", False))
    elif holding is not None and (chosen is None or holding.appropriate_body_id == chosen.pk):
        steps.append(RegistrationStep(f"Claimed by {holding.appropriate_body.name}", True))
    elif holding is not None:
        steps.append(
            RegistrationStep(
                f"Held by another appropriate body, {holding.appropriate_body.name}, "
                "until it releases them",
                False,
            )
        )
    elif chosen is not None:
        steps.append(RegistrationStep(f"Waiting for {chosen.name} to claim them", False))
    else:
        steps.append(RegistrationStep("No appropriate body chosen", False))

    training = period.training
    if training is None:
        steps.append(RegistrationStep("No training chosen", False))
    elif training.training_programme == TrainingProgramme.SCHOOL_LED:
        steps.append(RegistrationStep("School-led training: no lead provider needed", True))
    else:
        provider = training.school_partnership.lead_provider.name
        if training.school_partnership.confirmed_at:
            steps.append(RegistrationStep(f"{provider} confirmed", True))
        else:
            steps.append(RegistrationStep(f"Waiting for {provider} to confirm", False))

    if period.mentor is not None:
        steps.append(RegistrationStep(f"Mentor: {period.mentor.full_name}", True))
    else:
        steps.append(RegistrationStep("No mentor assigned", False))
    return RegistrationStatus(steps)


# --- lists ------------------------------------------------------------------------------------


def _search(queryset, text: str):
    return queryset.filter(teacher__in=Teacher.objects.search(text)) if text.strip() else queryset


def _with_registration(periods: list[ECTAtSchoolPeriod]) -> list[ECTAtSchoolPeriod]:
    progress = induction_progress_for(p.teacher_id for p in periods)
    for period in periods:
        period.progress = progress[period.teacher_id]
        period.mentor = (
            period.current_mentorships[0].mentor_at_school_period.teacher
            if period.current_mentorships
            else None
        )
        period.training = period.current_training[0] if period.current_training else None
        period.registration = registration_status(period)
    return periods


def _ect_prefetches():
    return (
        Prefetch(
            "mentorships",
            queryset=Mentorship.objects.ongoing().select_related(
                "mentor_at_school_period__teacher"
            ),
            to_attr="current_mentorships",
        ),
        Prefetch(
            "training_periods",
            queryset=TrainingPeriod.objects.ongoing().select_related(
                "school_partnership__lead_provider", "school_partnership__delivery_partner"
            ),
            to_attr="current_training",
        ),
    )


def current_ects(school: School, search: str = "") -> list[ECTAtSchoolPeriod]:
    """The school's current ECTs with mentor, training, induction progress and registration
    status, optionally matching a name or TRN: four queries, whatever their number."""
    periods = list(
        _search(ECTAtSchoolPeriod.objects.ongoing().filter(school=school), search)
        .select_related("teacher", "appropriate_body")
        .prefetch_related(*_ect_prefetches())
        .order_by("teacher__last_name", "teacher__first_name")
    )
    return _with_registration(periods)


def recent_leavers(school: School, search: str = "") -> list[ECTAtSchoolPeriod]:
    """ECTs who left the school in the last year, each with the school they moved to, if any
    (a transfer: both schools see it). Two queries, whatever their number."""
    since = dates.today() - datetime.timedelta(days=365)
    periods = list(
        _search(ECTAtSchoolPeriod.objects.filter(school=school, finished_on__gte=since), search)
        .select_related("teacher")
        .order_by("-finished_on", "teacher__last_name")
    )
    moved_to = dict(
        ECTAtSchoolPeriod.objects.ongoing()
        .filter(teacher_id__in=[p.teacher_id for p in periods])
        .exclude(school=school)
        .values_list("teacher_id", "school__name")
    )
    for period in periods:
        period.moved_to = moved_to.get(period.teacher_id)
    return periods


def ect_detail(period: ECTAtSchoolPeriod) -> ECTAtSchoolPeriod:
    """One ECT period with everything its page shows (and the same registration status)."""
    period = (
        ECTAtSchoolPeriod.objects.filter(pk=period.pk)
        .select_related("teacher", "school", "appropriate_body")
        .prefetch_related(*_ect_prefetches())
        .get()
    )
    return _with_registration([period])[0]


def current_mentors(school: School, search: str = "") -> list[MentorAtSchoolPeriod]:
    """The school's current mentors with how many ECTs each mentors, their training and their
    training status (rule 21), optionally matching a name or TRN: a fixed number of queries."""
    periods = list(
        _search(MentorAtSchoolPeriod.objects.ongoing().filter(school=school), search)
        .select_related("teacher")
        .annotate(ect_count=Count("mentorships", filter=Q(mentorships__finished_on__isnull=True)))
        .prefetch_related(
            Prefetch(
                "training_periods",
                queryset=TrainingPeriod.objects.ongoing().select_related(
                    "school_partnership__lead_provider"
                ),
                to_attr="current_training",
            )
        )
        .order_by("teacher__last_name", "teacher__first_name")
    )
    _with_training_status(periods)
    return periods


def _with_training_status(periods: list[MentorAtSchoolPeriod]) -> None:
    records = {
        record.trn: record
        for record in TeacherRecord.objects.filter(trn__in=[p.teacher.trn for p in periods])
    }
    for period in periods:
        record = records.get(period.teacher.trn)
        year = dates.academic_year_for(period.started_on)
        period.training_status = mentor_training_status(record, year) if record else None
        current = getattr(period, "current_training", None)
        period.training = current[0] if current else None


def mentor_detail(period: MentorAtSchoolPeriod) -> MentorAtSchoolPeriod:
    period = (
        MentorAtSchoolPeriod.objects.filter(pk=period.pk)
        .select_related("teacher", "school")
        .prefetch_related(
            Prefetch(
                "training_periods",
                queryset=TrainingPeriod.objects.ongoing().select_related(
                    "school_partnership__lead_provider", "school_partnership__delivery_partner"
                ),
                to_attr="current_training",
            ),
            Prefetch(
                "mentorships",
                queryset=Mentorship.objects.ongoing().select_related(
                    "ect_at_school_period__teacher"
                ),
                to_attr="current_mentorships",
            ),
        )
        .get()
    )
    _with_training_status([period])
    return period


# --- the dashboard ----------------------------------------------------------------------------

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
CANNOT_START_YET = "cannot_start_yet"
NOT_APPLICABLE = "not_applicable"

STATUS_TAGS = {
    NOT_STARTED: {"text": "Not started", "classes": "govuk-tag--blue"},
    IN_PROGRESS: {"text": "In progress", "classes": "govuk-tag--light-blue"},
    CANNOT_START_YET: {"text": "Cannot start yet", "classes": "govuk-tag--grey"},
}


@dataclass(frozen=True)
class Task:
    title: str
    status: str
    hint: str = ""
    href: str | None = None

    def as_task_list_item(self) -> dict:
        """The parameters of one govukTaskList item."""
        item = {"title": {"text": self.title}, "hint": {"text": self.hint} if self.hint else None}
        if self.status == COMPLETED:
            item["status"] = {"text": "Completed"}
        elif self.status == NOT_APPLICABLE:
            item["status"] = {
                "text": "Not needed",
                "classes": "govuk-task-list__status--cannot-start-yet",
            }
        elif self.status == CANNOT_START_YET:
            item["status"] = {
                "text": "Cannot start yet",
                "classes": "govuk-task-list__status--cannot-start-yet",
            }
        else:
            item["status"] = {"tag": STATUS_TAGS[self.status]}
        if self.href and self.status not in (CANNOT_START_YET, NOT_APPLICABLE):
            item["href"] = self.href
        return item


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def setup_tasks(
    school: School,
    academic_year: int,
    ects: list[ECTAtSchoolPeriod],
    mentors: list[MentorAtSchoolPeriod],
) -> list[Task]:
    """The "Set up {year}" task list, from the ECTs and mentors the dashboard already loaded."""
    from programmes.selectors import module_sequence_task

    setup = year_setup_for(school, academic_year)
    year = dates.academic_year_label(academic_year)
    set_up_url = reverse("schools:set_up_year", kwargs={"step": "appropriate-body"})
    tasks = []
    if setup is not None and setup.appropriate_body is not None:
        tasks.append(
            Task("Appoint an appropriate body", COMPLETED, setup.appropriate_body.name, set_up_url)
        )
    else:
        tasks.append(
            Task("Appoint an appropriate body", NOT_STARTED, f"For your ECTs in {year}", set_up_url)
        )
    training_url = reverse("schools:set_up_year", kwargs={"step": "training"})
    if setup is not None and setup.training_programme:
        from schools.forms import training_label

        tasks.append(
            Task(
                "Choose programme and lead provider",
                COMPLETED,
                training_label(setup.school_partnership),
                training_url,
            )
        )
    elif setup is None or setup.appropriate_body is None:
        tasks.append(
            Task(
                "Choose programme and lead provider",
                NOT_STARTED,
                "Provider-led with a lead provider, or school-led",
                set_up_url,
            )
        )
    else:
        tasks.append(Task("Choose programme and lead provider", NOT_STARTED, "", training_url))

    sequence = module_sequence_task(school, academic_year)
    tasks.append(
        Task("Confirm module sequence", sequence["status"], sequence["hint"], sequence["href"])
    )

    register_url = reverse("schools:register_ect", kwargs={"step": "find"})
    incomplete = sum(1 for ect in ects if not ect.registration.complete)
    if not ects:
        tasks.append(Task("Register ECTs", NOT_STARTED, "No ECTs registered yet", register_url))
    elif incomplete:
        tasks.append(
            Task(
                "Register ECTs",
                IN_PROGRESS,
                f"{_count(len(ects), 'ECT')} registered, {incomplete} not complete yet",
                reverse("schools:ects"),
            )
        )
    else:
        tasks.append(
            Task(
                "Register ECTs",
                COMPLETED,
                f"{_count(len(ects), 'ECT')} registered, all complete",
                reverse("schools:ects"),
            )
        )

    mentor_url = reverse("schools:register_mentor", kwargs={"step": "find"})
    if mentors:
        tasks.append(
            Task(
                "Register mentors",
                COMPLETED,
                f"{_count(len(mentors), 'mentor')} registered",
                reverse("schools:mentors"),
            )
        )
    else:
        tasks.append(Task("Register mentors", NOT_STARTED, "No mentors registered yet", mentor_url))

    with_mentor = sum(1 for ect in ects if ect.mentor is not None)
    if not ects or not mentors:
        tasks.append(Task("Assign mentors", CANNOT_START_YET, "Register an ECT and a mentor first"))
    elif with_mentor == len(ects):
        tasks.append(
            Task(
                "Assign mentors",
                COMPLETED,
                f"Every ECT has a mentor ({with_mentor} of {len(ects)})",
                reverse("schools:ects"),
            )
        )
    else:
        tasks.append(
            Task(
                "Assign mentors",
                NOT_STARTED if with_mentor == 0 else IN_PROGRESS,
                f"{with_mentor} of {len(ects)} ECTs have a mentor",
                reverse("schools:ects"),
            )
        )
    return tasks

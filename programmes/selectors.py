"""Reads for lead providers and for the induction tutor's "Confirm module sequence" task."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from ecte.calendar import dates
from ecte.formatting import format_date
from participants.models import MentorAtSchoolPeriod, Mentorship, TrainingPeriod
from programmes import participation, sequencing
from programmes.models import SchoolPartnership
from programmes.sequencing import PROVIDER_LED

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
CANNOT_START_YET = "cannot_start_yet"
NOT_APPLICABLE = "not_applicable"


_PARTICIPANT_RELATIONS = (
    "ect_at_school_period__teacher",
    "ect_at_school_period__school",
    "mentor_at_school_period__teacher",
    "mentor_at_school_period__school",
    "school_partnership__delivery_partner",
)


def participant_training_ids(lead_provider) -> QuerySet:
    """Ids of the current ECT and mentor training with the lead provider, by school then
    start (the id breaks ties, so a row never moves between pages).

    Ids alone, for a page at a time: PostgreSQL then walks the school name index and stops
    after a page, where ordering the joined rows made it join all 20,000 first (issue 7).
    """
    return (
        TrainingPeriod.objects.ongoing()
        .filter(school_partnership__lead_provider=lead_provider)
        .order_by("school_partnership__school__name", "started_on", "pk")
        .values_list("pk", flat=True)
    )


def participant_count(lead_provider) -> int:
    """How many rows participant_training_ids(lead_provider) has, counted partnership by
    partnership through the index of open training periods: joining the two made PostgreSQL
    read every training period in the country (issue 7)."""
    per_partnership = (
        TrainingPeriod.objects.ongoing()
        .filter(school_partnership=OuterRef("pk"))
        .order_by()
        .values("school_partnership")
        .annotate(count=Count("pk"))
        .values("count")
    )
    total = SchoolPartnership.objects.filter(lead_provider=lead_provider).aggregate(
        count=Coalesce(Sum(Subquery(per_partnership)), 0)
    )["count"]
    return int(total)  # PostgreSQL sums counts as numeric


def trainings_in_order(ids) -> list[TrainingPeriod]:
    """The training periods with these ids, with who and where, in the order given: one query."""
    ids = list(ids)
    found = TrainingPeriod.objects.select_related(*_PARTICIPANT_RELATIONS).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def participants_of(lead_provider) -> list[TrainingPeriod]:
    """Every current training with the lead provider, one query: for registers and uploads,
    which need them all; the participants page reads a page at a time."""
    return list(
        TrainingPeriod.objects.ongoing()
        .filter(school_partnership__lead_provider=lead_provider)
        .select_related(*_PARTICIPANT_RELATIONS)
        .order_by("school_partnership__school__name", "started_on", "pk")
    )


def _task(status: str, hint: str, href: str | None = None) -> dict:
    return {"status": status, "href": href, "hint": hint}


def module_sequence_task(school, academic_year: int) -> dict:
    """The induction tutor's dashboard task "Confirm module sequence" for the year.

    {"status": not_started | in_progress | completed | cannot_start_yet | not_applicable,
     "href": the module sequence page or None, "hint": one plain sentence}.

    Not applicable when the school trains school-led or its lead provider's programme
    has no flexible sequence (Best Practice Network); cannot start until a lead
    provider is chosen and has published the year's programme; completed once a
    sequence is confirmed (by the school or its trust) or the deadline has passed,
    which locks the designed order in (rule 25); in progress while a draft waits.
    """
    year_label = dates.academic_year_label(academic_year)
    choice = sequencing.school_programme_choice(school, academic_year)
    if choice.training_programme and choice.training_programme != PROVIDER_LED:
        return _task(
            NOT_APPLICABLE, "Your ECTs are on school-led training, which has no module sequence"
        )
    provider = choice.lead_provider
    if provider is None:
        return _task(CANNOT_START_YET, f"Choose a lead provider for {year_label} first")
    programme = sequencing.programme_for(provider, academic_year)
    if programme is None:
        if not provider.allows_module_sequence_choice:
            return _task(NOT_APPLICABLE, f"{provider.name} runs its modules in a fixed order")
        return _task(
            CANNOT_START_YET,
            f"{provider.name} has not published its programme for {year_label} yet",
        )
    if not sequencing.is_flexible(programme):
        return _task(NOT_APPLICABLE, f"{provider.name} runs its modules in a fixed order")

    href = f"{reverse('school_programme:module_sequence')}?year={academic_year}"
    sequence = sequencing.effective_sequence(school, programme)
    deadline = format_date(sequencing.sequence_deadline(academic_year))
    if sequence.source == "trust":
        return _task(COMPLETED, f"{sequence.decided_by} set the sequence for its schools", href)
    if sequence.source == "school":
        return _task(COMPLETED, f"Confirmed: {', '.join(sequence.codes)}", href)
    if sequencing.is_locked(academic_year):
        return _task(
            COMPLETED, f"Not changed by {deadline}, so your ECTs follow the designed order", href
        )
    if sequence.draft:
        return _task(IN_PROGRESS, f"Check and confirm the order by {deadline}", href)
    return _task(
        NOT_STARTED,
        f"Confirm by {deadline} (the end of Autumn half-term 1), or your ECTs follow the designed order",
        href,
    )


# --- mentors ------------------------------------------------------------------------------


def mentor_overview(mentorships: list, catalogue) -> list[dict]:
    """For each current mentorship: the ECT's programme and how mentoring stands this week,
    in a fixed number of queries whatever the number of ECTs."""
    periods = list(
        participation.ect_periods_queryset().filter(
            pk__in=[m.ect_at_school_period_id for m in mentorships]
        )
    )
    programmes = participation.ect_programmes(periods, catalogue)
    drop_ins, meetings = participation.logs_for(m.pk for m in mentorships)
    overview = []
    for mentorship in mentorships:
        ect = programmes[mentorship.ect_at_school_period_id]
        status = participation.mentoring_status(
            ect, mentorship, drop_ins[mentorship.pk], meetings[mentorship.pk]
        )
        overview.append({"mentorship": mentorship, "ect": ect, "status": status})
    return overview


def _training_status(teacher, academic_year: int):
    """Rule 21, from the registration issue's participants.mentor_training when installed."""
    try:
        from participants.mentor_training import mentor_training_status
        from participants.models import TeacherRecord
    except ImportError:  # the registration issue's module is not there yet
        return None
    record = TeacherRecord.objects.filter(trn=teacher.trn).first()
    if record is None or not hasattr(record, "mentor_ecf_terms_completed"):
        return None
    return mentor_training_status(record, academic_year)


def mentor_training_page(mentor) -> dict:
    """The mentor's own training this year: status, what is required, engagement."""
    catalogue = participation.Catalogue(dates.academic_year_for(dates.today()))
    periods = list(
        mentor.mentor_at_school_periods.ongoing().select_related("school").order_by("school__name")
    )
    trainings = participation.mentor_trainings([p.pk for p in periods], catalogue)
    records = participation.study_records_for([mentor.pk])[mentor.pk]
    attended = participation.attendance_for([mentor.pk])[mentor.pk]
    training = next((trainings[p.pk] for p in periods if p.pk in trainings), None)
    status = _training_status(mentor, catalogue.academic_year)
    is_training = status.is_training_mentor if status else training is not None
    page = {
        "mentor": mentor,
        "schools": [p.school.name for p in periods],
        "year_label": dates.academic_year_label(catalogue.academic_year),
        "status": status,
        "is_training": is_training,
        "training": training,
        "threshold": training.programme.engagement_threshold
        if training and training.programme
        else 75,
    }
    if training is not None and training.programme is not None:
        page.update(
            {
                "self_study": training.self_study(records),
                "sessions_attended": training.sessions_attended(attended),
                "so_far": training.engagement_so_far(records, attended),
                "items": [
                    {
                        "item": item,
                        "done": participation.is_completed(records, item),
                        "by_provider": (
                            records.get(item.pk)
                            and records[item.pk].completion_source == "lead_provider"
                        ),
                    }
                    for item in training.items
                ],
                "sessions": [
                    {"session": s, "attended": attended.get(s.pk)} for s in training.sessions
                ],
            }
        )
    return page


# --- lead providers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """Someone training with a lead provider this year, for its registers and uploads."""

    teacher: object
    kind: str  # "ect" or "mentor"
    school: object
    delivery_partner: object
    year_number: int | None  # the ECT's programme year; None for mentors
    confirmed: bool

    @property
    def label(self) -> str:
        return f"ECT, year {self.year_number}" if self.kind == "ect" else "Mentor"


def lead_provider_participants(lead_provider, academic_year: int) -> list[Participant]:
    """ECTs and mentors in training with the provider now, in two queries."""
    return as_participants(participants_of(lead_provider), academic_year)


def as_participants(trainings, academic_year: int) -> list[Participant]:
    """Participants for these training periods (a page of them, or all), in one query."""
    trainings = list(trainings)
    firsts = participation.first_training_starts(
        t.ect_at_school_period.teacher_id for t in trainings if t.ect_at_school_period_id
    )
    result = []
    for training in trainings:
        owner = training.ect_at_school_period or training.mentor_at_school_period
        is_ect = training.ect_at_school_period_id is not None
        result.append(
            Participant(
                teacher=owner.teacher,
                kind="ect" if is_ect else "mentor",
                school=owner.school,
                delivery_partner=training.school_partnership.delivery_partner,
                year_number=participation.programme_year_number(
                    firsts.get(owner.teacher_id), academic_year
                )
                if is_ect
                else None,
                confirmed=training.school_partnership.confirmed_at is not None,
            )
        )
    return result


def session_participants(session, participants: list[Participant]) -> list[Participant]:
    """Who is on a session's register: the year's ECTs, or mentors for a mentors' session."""
    if session.audience == "mentor":
        return [p for p in participants if p.kind == "mentor"]
    number = session.programme_year.number
    return [p for p in participants if p.kind == "ect" and p.year_number == number]


# --- the induction tutor's engagement dashboard --------------------------------------------


@dataclass
class ECTEngagement:
    ect: object  # participation.ECTProgramme
    mentor: object | None  # Teacher
    self_study: object  # participation.Progress
    seminars: object
    chosen: int
    status: object | None  # participation.MentoringStatus, None without a mentor

    @property
    def threshold(self) -> int:
        return self.ect.programme.engagement_threshold if self.ect.programme else 75


@dataclass
class MentorEngagement:
    period: object
    training: object  # participation.MentorProgramme
    so_far: object
    self_study: object
    sessions: object


def school_engagement(school, catalogue) -> dict:
    """Every current ECT's and training mentor's engagement, in a fixed number of queries."""
    periods = list(
        participation.ect_periods_queryset()
        .filter(school=school)
        .ongoing()
        .order_by("teacher__last_name", "teacher__first_name")
    )
    programmes = participation.ect_programmes(periods, catalogue)
    mentorships = {
        m.ect_at_school_period_id: m
        for m in Mentorship.objects.ongoing()
        .filter(ect_at_school_period__in=periods)
        .select_related("mentor_at_school_period__teacher")
    }
    drop_ins, meetings = participation.logs_for(m.pk for m in mentorships.values())
    mentor_periods = list(
        MentorAtSchoolPeriod.objects.ongoing()
        .filter(school=school)
        .select_related("teacher")
        .order_by("teacher__last_name", "teacher__first_name")
    )
    trainings = participation.mentor_trainings([p.pk for p in mentor_periods], catalogue)
    teacher_ids = [p.teacher_id for p in periods] + [p.teacher_id for p in mentor_periods]
    records = participation.study_records_for(teacher_ids)
    attended = participation.attendance_for(teacher_ids)
    ects = []
    for period in periods:
        ect = programmes[period.pk]
        mentorship = mentorships.get(period.pk)
        own_records, own_attended = records[period.teacher_id], attended[period.teacher_id]
        ects.append(
            ECTEngagement(
                ect=ect,
                mentor=mentorship.mentor_at_school_period.teacher if mentorship else None,
                self_study=participation.self_study_engagement(ect, own_records),
                seminars=participation.seminar_engagement(ect, own_attended),
                chosen=participation.chosen_count(ect, own_records),
                status=participation.mentoring_status(
                    ect, mentorship, drop_ins[mentorship.pk], meetings[mentorship.pk]
                )
                if mentorship
                else None,
            )
        )
    mentors = []
    for period in mentor_periods:
        training = trainings.get(period.pk)
        if training is None or training.programme is None:
            continue
        own_records, own_attended = records[period.teacher_id], attended[period.teacher_id]
        mentors.append(
            MentorEngagement(
                period=period,
                training=training,
                so_far=training.engagement_so_far(own_records, own_attended),
                self_study=training.self_study(own_records),
                sessions=training.sessions_attended(own_attended),
            )
        )
    return {"ects": ects, "mentors": mentors}

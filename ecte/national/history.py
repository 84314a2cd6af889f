"""What happened to the national teachers: progress reviews, assessments, the event
timeline, and the mentors' drop-ins and meetings (millions, so made as they are written)."""

import datetime
from collections.abc import Iterator

from ecte.national.organisations import Organisations
from ecte.national.people import People

EVIDENCE = "Plans well-sequenced lessons; behaviour routines are consistent."
AREAS = "Adaptive teaching for pupils with SEND."
NEXT_STEPS = "Observe an experienced colleague; co-plan a unit with the mentor."
MEETING_SHARE = 0.6


def _at(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


def reviews_and_assessments(orgs: Organisations, people: People, ids, year: int, today):
    reviews, assessments = [], []
    for n, ect in enumerate(people.ects):
        school = ect.school
        ab = school.appropriate_body_id
        if ect.story in ("passed", "failed"):
            met = ect.finished_on - datetime.timedelta(days=20)
            assessments.append(
                (
                    ids.next("induction_assessment"),
                    "final",
                    6,
                    met,
                    ect.story == "passed",
                    EVIDENCE,
                    AREAS,
                    NEXT_STEPS,
                    "",
                    school.tutor_name,
                    "Induction tutor",
                    "pass" if ect.story == "passed" else "fail",
                    ect.finished_on,
                    None,
                    None,
                    school.tutor_name,
                    _at(met),
                    met,
                    _at(met + datetime.timedelta(days=3)),
                    _at(met),
                    ab,
                    school.tutor_user_id,
                    ect.period_id,
                    school.tutor_user_id,
                    ect.teacher_id,
                )
            )
            continue
        if ect.induction_period_id is None:
            continue
        if ect.story == "year_2":
            first = datetime.date(year - 1, 12, 5)
            reviews.append(_review(ids, ect, school, 1, first, n % 31 != 0))
            met = datetime.date(year, 7, 3)
            assessments.append(
                (
                    ids.next("induction_assessment"),
                    "formal",
                    3,
                    met,
                    True,
                    EVIDENCE,
                    AREAS,
                    NEXT_STEPS,
                    "",
                    school.tutor_name,
                    "Induction tutor",
                    "",
                    None,
                    None,
                    None,
                    school.tutor_name,
                    _at(met),
                    met,
                    _at(met + datetime.timedelta(days=2)),
                    _at(met),
                    ab,
                    school.tutor_user_id,
                    ect.period_id,
                    school.tutor_user_id,
                    ect.teacher_id,
                )
            )
        reviewed = datetime.date(year, 11, 16)
        if n % 2 == 0 and reviewed <= today:
            term = 4 if ect.story == "year_2" else 1
            reviews.append(_review(ids, ect, school, term, reviewed, n % 37 != 0))
    return reviews, assessments


def _review(ids, ect, school, term, day, satisfactory) -> tuple:
    sent = _at(day, 17)
    return (
        ids.next("induction_progressreview"),
        term,
        day,
        satisfactory,
        EVIDENCE,
        AREAS,
        NEXT_STEPS,
        school.tutor_name,
        sent,
        None,
        sent,
        school.appropriate_body_id,
        ect.period_id,
        school.tutor_user_id,
        ect.teacher_id,
    )


def events(orgs: Organisations, people: People, ids, ab_users: dict[int, int]) -> Iterator[tuple]:
    """The timeline each service would have written: registrations, claims, releases,
    outcomes, mentor assignments and training starts."""
    empty = "{}"

    def event(kind, heading, when, author, author_name, role, **links):
        yield (
            ids.next("events_event"),
            kind,
            heading,
            "",
            _at(when, 9),
            author_name,
            role,
            empty,
            empty,
            links.get("ab"),
            author,
            links.get("ect_period"),
            links.get("induction"),
            None,
            links.get("mentor_period"),
            links.get("mentorship"),
            links.get("school"),
            links.get("teacher"),
            links.get("training"),
        )

    tutor = "Induction tutor"
    for ect in people.ects:
        school = ect.school
        registered = ect.started_on - datetime.timedelta(days=14)
        yield from event(
            "ect_registered",
            "Registered as an ECT",
            registered,
            school.tutor_user_id,
            school.tutor_name,
            tutor,
            school=school.id,
            teacher=ect.teacher_id,
            ect_period=ect.period_id,
        )
        if ect.induction_period_id:
            ab = school.appropriate_body_id
            yield from event(
                "induction_period_opened",
                "Induction period opened",
                ect.started_on,
                ab_users[ab],
                "Appropriate body user",
                "Appropriate body",
                ab=ab,
                teacher=ect.teacher_id,
                induction=ect.induction_period_id,
            )
        if ect.story in ("passed", "failed"):
            ab = school.appropriate_body_id
            yield from event(
                f"induction_{ect.story}",
                f"Induction {ect.story}",
                ect.finished_on + datetime.timedelta(days=7),
                ab_users[ab],
                "Appropriate body user",
                "Appropriate body",
                ab=ab,
                teacher=ect.teacher_id,
                induction=ect.induction_period_id,
            )
        if ect.training_period_id:
            yield from event(
                "training_started",
                "Training started",
                ect.started_on,
                school.tutor_user_id,
                school.tutor_name,
                tutor,
                school=school.id,
                teacher=ect.teacher_id,
                training=ect.training_period_id,
            )
    for period_id, teacher_id, ab, finished in people.closed_induction:
        yield from event(
            "induction_period_released",
            "Released from induction",
            finished,
            ab_users[ab],
            "Appropriate body user",
            "Appropriate body",
            ab=ab,
            teacher=teacher_id,
            induction=period_id,
        )
    for mentor in people.mentors:
        school = mentor.school
        yield from event(
            "mentor_registered",
            "Registered as a mentor",
            mentor.started_on,
            school.tutor_user_id,
            school.tutor_name,
            tutor,
            school=school.id,
            teacher=mentor.teacher_id,
            mentor_period=mentor.period_id,
        )
    for mentorship in people.mentorships:
        school = mentorship.ect.school
        yield from event(
            "mentor_assigned",
            "Mentor assigned",
            mentorship.started_on,
            school.tutor_user_id,
            school.tutor_name,
            tutor,
            school=school.id,
            teacher=mentorship.ect.teacher_id,
            mentorship=mentorship.id,
        )


def mentoring_logs(people: People, ids, total: int, today: datetime.date, niot_id_index: int = 0):
    """(drop-ins, meetings): two row streams sharing `total` between the open mentorships,
    spread from each mentorship's start to today."""
    open_ones = [m for m in people.mentorships if m.finished_on is None and m.started_on <= today]
    per, extra = divmod(total, len(open_ones)) if open_ones else (0, 0)
    counts = [per + (1 if n < extra else 0) for n in range(len(open_ones))]
    meetings = [round(count * MEETING_SHARE) for count in counts]
    drop_in_ids = ids.take("programmes_lessondropin", sum(counts) - sum(meetings))
    meeting_ids = ids.take("programmes_mentormeeting", sum(meetings))

    def days(mentorship, count):
        span = (today - mentorship.started_on).days
        for k in range(count):
            yield mentorship.started_on + datetime.timedelta(days=span * k // max(count, 1))

    def drop_ins():
        next_id = iter(drop_in_ids)
        for mentorship, count, meeting_count in zip(open_ones, counts, meetings, strict=True):
            for k, day in enumerate(days(mentorship, count - meeting_count)):
                at = _at(day, 15)
                yield (
                    next(next_id),
                    day,
                    10 + k % 6,
                    "recording" if k % 5 == 4 else "in_person",
                    "",
                    at,
                    at,
                    None,
                    mentorship.mentor.user_id,
                    mentorship.id,
                )

    def meetings_rows():
        next_id = iter(meeting_ids)
        for mentorship, meeting_count in zip(open_ones, meetings, strict=True):
            six_step = mentorship.ect.school.lead_provider_index == niot_id_index
            for k, day in enumerate(days(mentorship, meeting_count)):
                at = _at(day, 16)
                yield (
                    next(next_id),
                    day,
                    30 + 15 * (k % 3),
                    "six_step" if six_step else "notes",
                    "Clear routines at the start of the lesson." if six_step else "",
                    "",
                    "",
                    "",
                    None,
                    "Agreed next steps." if not six_step else "",
                    at,
                    at,
                    None,
                    mentorship.mentor.user_id,
                    mentorship.id,
                )

    return drop_ins(), meetings_rows(), len(drop_in_ids), len(meeting_ids)


COLUMNS = {
    "induction_progressreview": (
        "id",
        "term_number",
        "reviewed_on",
        "satisfactory_progress",
        "evidence",
        "areas_to_develop",
        "next_steps",
        "recorded_by_name",
        "sent_to_appropriate_body_at",
        "seen_by_appropriate_body_at",
        "created_at",
        "appropriate_body_id",
        "ect_at_school_period_id",
        "recorded_by_id",
        "teacher_id",
    ),
    "induction_assessment": (
        "id",
        "kind",
        "term_number",
        "meeting_on",
        "satisfactory_progress",
        "evidence",
        "areas_to_develop",
        "next_steps",
        "ect_comments",
        "assessed_by_name",
        "assessed_by_role",
        "recommendation",
        "induction_completed_on",
        "terms_served",
        "days_absent",
        "signed_off_by_name",
        "signed_off_at",
        "sent_to_appropriate_body_on",
        "seen_by_appropriate_body_at",
        "created_at",
        "appropriate_body_id",
        "assessed_by_id",
        "ect_at_school_period_id",
        "signed_off_by_id",
        "teacher_id",
    ),
    "events_event": (
        "id",
        "event_type",
        "heading",
        "body",
        "happened_at",
        "author_name",
        "author_role",
        "before",
        "after",
        "appropriate_body_id",
        "author_id",
        "ect_at_school_period_id",
        "induction_period_id",
        "lead_provider_id",
        "mentor_at_school_period_id",
        "mentorship_id",
        "school_id",
        "teacher_id",
        "training_period_id",
    ),
    "programmes_lessondropin": (
        "id",
        "held_on",
        "minutes",
        "mode",
        "notes",
        "created_at",
        "updated_at",
        "focus_action_id",
        "logged_by_id",
        "mentorship_id",
    ),
    "programmes_mentormeeting": (
        "id",
        "held_on",
        "minutes",
        "meeting_model",
        "praise",
        "probe",
        "plan",
        "practice",
        "follow_up_on",
        "notes",
        "created_at",
        "updated_at",
        "focus_id",
        "logged_by_id",
        "mentorship_id",
    ),
}

"""What an appropriate body has to do: the task lists of its home page and their full pages.

Each list is a queryset (counted and sliced by the caller) plus a `decorate_*`
function that adds, in a fixed number of queries, what its table shows. So a
list page issues the same number of queries whatever the number of rows.
"""

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber, TruncDate

from induction.deadlines import decision_deadline
from induction.models import (
    AppropriateBody,
    Assessment,
    AssessmentKind,
    Extension,
    InductionPeriod,
    ProgressReview,
    ReleaseRequest,
    ReleaseRequestStatus,
    SupportPlan,
    SupportPlanStatus,
)
from induction.selectors import induction_progress_for
from participants.models import ECTAtSchoolPeriod, InductionStatus, Teacher, TeacherRecord

OVER = [InductionStatus.PASSED, InductionStatus.FAILED, InductionStatus.EXEMPT]


def teachers_for_appropriate_body(appropriate_body, *, found_by_trn=()) -> QuerySet[Teacher]:
    """The teachers an appropriate body may see; any other is 'Page not found'.

    Those it holds or held, ECTs whose school chose it, and teachers it has a release
    request about (sent or received). `found_by_trn` adds the ids of teachers it has just
    found by TRN and date of birth (knowing both is what lets it claim, or ask for the
    release of, someone it has no other link to): the claim and "Ask them to release"
    journeys pass them; the teacher page does not, so finding a teacher never opens
    their record by itself.
    """
    teacher = OuterRef("pk")
    link = (
        Exists(InductionPeriod.objects.filter(teacher=teacher, appropriate_body=appropriate_body))
        | Exists(
            ECTAtSchoolPeriod.objects.filter(teacher=teacher, appropriate_body=appropriate_body)
        )
        | Exists(
            ReleaseRequest.objects.filter(teacher=teacher).filter(
                Q(requested_by=appropriate_body) | Q(held_by=appropriate_body)
            )
        )
    )
    found = [pk for pk in found_by_trn if isinstance(pk, int)]
    if found:
        link |= Q(pk__in=found)
    # EXISTS per link, not joins: a join through four relations multiplies rows and makes
    # PostgreSQL scan them all to look up one teacher.
    return Teacher.objects.filter(link)


def _not_over() -> Q:
    """Teachers with no outcome, here or in the register (rule 2)."""
    return Q(
        ~Exists(
            InductionPeriod.objects.filter(teacher_id=OuterRef("teacher_id")).exclude(outcome="")
        ),
        ~Exists(
            TeacherRecord.objects.filter(trn=OuterRef("teacher__trn"), induction_status__in=OVER)
        ),
    )


def _not_held_and_not_over() -> Q:
    """ECT periods whose teacher has no open period and no outcome, here or in the register.

    Written as NOT EXISTS so PostgreSQL anti-joins through the unique partial indexes on
    open periods and outcomes, and the TRN key of the register; `NOT IN (subquery)` made it
    hash every period and every record in the country first (issue 7).
    """
    open_period = InductionPeriod.objects.ongoing().filter(teacher_id=OuterRef("teacher_id"))
    return Q(~Exists(open_period), _not_over())


def _held_by_another(appropriate_body) -> Exists:
    return Exists(
        InductionPeriod.objects.ongoing()
        .filter(teacher_id=OuterRef("teacher_id"))
        .exclude(appropriate_body=appropriate_body)
    )


def _has_left_school() -> Q:
    """Worked at a school as an ECT and no longer does."""
    ect_periods = ECTAtSchoolPeriod.objects.filter(teacher_id=OuterRef("teacher_id"))
    # The ongoing test first: it fails for almost every ECT, so the other is rarely run.
    return Q(~Exists(ect_periods.ongoing()), Exists(ect_periods))


UNCLAIMED_ORDER = ("started_on", "teacher__last_name", "pk")


def _unclaimed(appropriate_body) -> QuerySet[ECTAtSchoolPeriod]:
    """ECTs whose school chose this appropriate body, that nobody holds."""
    return (
        ECTAtSchoolPeriod.objects.ongoing()
        .filter(_not_held_and_not_over(), appropriate_body=appropriate_body)
        .select_related("teacher", "school")
        .order_by(*UNCLAIMED_ORDER)
    )


def to_claim(appropriate_body) -> QuerySet[ECTAtSchoolPeriod]:
    """ECTs whose school chose this appropriate body, with QTS, that nobody holds."""
    return _unclaimed(appropriate_body).filter(teacher__qts_awarded_on__isnull=False)


def waiting_for_qts(appropriate_body) -> QuerySet[ECTAtSchoolPeriod]:
    """ECTs whose school chose this appropriate body but who have no QTS yet (rule 1)."""
    return _unclaimed(appropriate_body).filter(teacher__qts_awarded_on__isnull=True)


@dataclass
class Head:
    """The first rows of a task list and how many rows it has."""

    count: int
    rows: list


def unclaimed_heads(appropriate_body, limit: int) -> dict[str, Head]:
    """The first `limit` ECTs to claim and waiting for QTS, and how many each list has, by
    slug: one query, one pass over the body's ECTs (a window numbers and counts the rows of
    each list), where a count and a page of each took four passes."""
    waiting = Case(
        When(teacher__qts_awarded_on__isnull=True, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    rows = (
        _unclaimed(appropriate_body)
        .annotate(
            waiting=waiting,
            place=Window(RowNumber(), partition_by=[waiting], order_by=list(UNCLAIMED_ORDER)),
            listed=Window(Count("pk"), partition_by=[waiting]),
        )
        .filter(place__lte=limit)
    )
    heads = {"to-claim": Head(0, []), "waiting-for-qts": Head(0, [])}
    for row in rows:
        head = heads["waiting-for-qts" if row.waiting else "to-claim"]
        head.count = row.listed
        head.rows.append(row)
    return heads


def held_elsewhere(appropriate_body) -> QuerySet[ECTAtSchoolPeriod]:
    """ECTs whose school chose this appropriate body while another one still holds them."""
    return (
        ECTAtSchoolPeriod.objects.ongoing()
        .filter(_held_by_another(appropriate_body), appropriate_body=appropriate_body)
        .select_related("teacher", "school")
        .order_by("started_on", "teacher__last_name", "pk")
    )


def task_counts(appropriate_body) -> dict[str, int]:
    """How many rows each task list of the home page has, by slug, but for the two lists of
    ECTs nobody holds (unclaimed_heads counts those, with their first rows): one query.

    Each count is bounded by the body's own ECTs, not the country's: it starts from the
    body's ongoing ECT periods, open induction periods or unread records, through an index.
    """
    sql, params = _task_counts_statement(appropriate_body.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        counts = dict(zip(names, cursor.fetchone(), strict=True))
    return {
        "held-elsewhere": counts["held_elsewhere"],
        "leavers": counts["leavers"],
        "decisions": counts["decisions"],
        "release-requests": counts["release_requests"],
        "in-induction": counts["in_induction"],
        "received": sum(counts[key] for key in counts if key.startswith("unread_")),
    }


@functools.lru_cache(maxsize=1024)
def _task_counts_statement(appropriate_body_id: int) -> tuple[str, tuple]:
    """The counts statement for one body, built and compiled once per process.

    Building its eight querysets and compiling them took Django about 14 ms on every visit,
    half of the home page's own work, for the same SQL each time. Its parameters are the
    body's id and constants (the lists' rules are in the SQL), so the id is the whole key.
    A list that one day compares with today's date would leave a kept statement stale the
    next day: that is refused here rather than left to be noticed.

    One statement of independent subqueries: PostgreSQL plans each as the lone count it
    is (an anti- or semi-join through the indexes), and the page pays one round trip,
    not eight. One pass with a subquery per ECT in FILTER clauses ran row by row instead.
    """
    ab = AppropriateBody(pk=appropriate_body_id)
    queryset = AppropriateBody.objects.filter(pk=ab.pk).values(
        held_elsewhere=_count(held_elsewhere(ab)),
        leavers=_count(leavers(ab)),
        decisions=_count(decisions_due(ab)),
        release_requests=_count(release_requests_received(ab)),
        in_induction=_count(held(ab)),
        unread_assessments=_count(received_assessments(ab)),
        unread_reviews=_count(received_at_risk_reviews(ab)),
        unread_support_plans=_count(received_support_plans(ab)),
    )
    sql, params = queryset.query.sql_with_params()
    if any(isinstance(param, datetime.date) for param in params):
        raise ValueError("The task counts depend on a date: they cannot be compiled once")
    return sql, tuple(params)


def _count(queryset) -> Subquery:
    """COUNT(*) of a queryset, as a subquery of another statement."""
    rows = Func(function="COUNT", template="COUNT(*)", output_field=IntegerField())
    return Subquery(queryset.order_by().annotate(rows=rows).values("rows"))


def decorate_held_elsewhere(rows, appropriate_body) -> list:
    """Adds .holding_period (with its appropriate body) and .release_request (this body's
    latest, or None): two queries."""
    rows = list(rows)
    teacher_ids = [row.teacher_id for row in rows]
    periods = {
        p.teacher_id: p
        for p in InductionPeriod.objects.ongoing()
        .filter(teacher_id__in=teacher_ids)
        .select_related("appropriate_body")
    }
    requests = {}
    for request in ReleaseRequest.objects.filter(
        requested_by=appropriate_body, induction_period__in=periods.values()
    ).order_by("created_at"):
        requests[request.induction_period_id] = request
    for row in rows:
        row.holding_period = periods.get(row.teacher_id)
        row.release_request = (
            requests.get(row.holding_period.pk) if row.holding_period is not None else None
        )
    return rows


def leavers(appropriate_body) -> QuerySet[InductionPeriod]:
    """Periods this body holds for ECTs who have left their school (or are leaving): to release."""
    return (
        InductionPeriod.objects.ongoing()
        .filter(_has_left_school(), appropriate_body=appropriate_body)
        .select_related("teacher")
        .order_by("teacher__last_name", "teacher__first_name", "pk")
    )


def decorate_leavers(periods) -> list:
    """Adds .left_school (the school), .left_on (their last day there) and .progress ("X of 6
    terms"): four queries."""
    periods = list(periods)
    progress = induction_progress_for([p.teacher_id for p in periods])
    last = {}
    for ect_period in (
        ECTAtSchoolPeriod.objects.filter(teacher_id__in=[p.teacher_id for p in periods])
        .select_related("school")
        .order_by("finished_on")
    ):
        last[ect_period.teacher_id] = ect_period
    for period in periods:
        ect_period = last.get(period.teacher_id)
        period.left_school = ect_period.school if ect_period else None
        period.left_on = ect_period.finished_on if ect_period else None
        period.progress = progress[period.teacher_id]
    return periods


@dataclass
class Received:
    """One thing a school sent the appropriate body to read."""

    kind: str  # "assessment", "review" or "support-plan": the URL segment
    label: str
    record: object
    teacher: object
    school: object
    received_on: object
    at_risk: bool


def received_assessments(appropriate_body) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(
            appropriate_body=appropriate_body,
            sent_to_appropriate_body_on__isnull=False,
            seen_by_appropriate_body_at__isnull=True,
        )
        .select_related("teacher", "ect_at_school_period__school")
        .order_by("sent_to_appropriate_body_on", "pk")
    )


def received_at_risk_reviews(appropriate_body) -> QuerySet[ProgressReview]:
    return (
        ProgressReview.objects.filter(
            appropriate_body=appropriate_body,
            satisfactory_progress=False,
            sent_to_appropriate_body_at__isnull=False,
            seen_by_appropriate_body_at__isnull=True,
        )
        .select_related("teacher", "ect_at_school_period__school")
        .order_by("sent_to_appropriate_body_at", "pk")
    )


def received_support_plans(appropriate_body) -> QuerySet[SupportPlan]:
    return (
        SupportPlan.objects.filter(
            appropriate_body=appropriate_body,
            status=SupportPlanStatus.APPROVED,
            seen_by_appropriate_body_at__isnull=True,
        )
        .select_related("teacher", "ect_at_school_period__school")
        .order_by("approved_at", "pk")
    )


def received_count(appropriate_body) -> int:
    return (
        received_assessments(appropriate_body).count()
        + received_at_risk_reviews(appropriate_body).count()
        + received_support_plans(appropriate_body).count()
    )


def received(appropriate_body, limit: int | None = None) -> list[Received]:
    """Formal, final and interim assessments, at-risk reviews and support plans not yet read,
    oldest first: three queries."""

    def take(queryset):
        return queryset[:limit] if limit else queryset

    items = [
        Received(
            "assessment",
            a.get_kind_display(),
            a,
            a.teacher,
            a.ect_at_school_period.school,
            a.sent_to_appropriate_body_on,
            not a.satisfactory_progress,
        )
        for a in take(received_assessments(appropriate_body))
    ]
    items += [
        Received(
            "review",
            "Progress review: not making satisfactory progress",
            r,
            r.teacher,
            r.ect_at_school_period.school,
            r.sent_to_appropriate_body_at.date(),
            True,
        )
        for r in take(received_at_risk_reviews(appropriate_body))
    ]
    items += [
        Received(
            "support-plan",
            "Support plan",
            p,
            p.teacher,
            p.ect_at_school_period.school,
            p.approved_at.date(),
            True,
        )
        for p in take(received_support_plans(appropriate_body))
    ]
    items.sort(key=lambda item: (item.received_on, item.teacher.last_name))
    return items[:limit] if limit else items


def decisions_due(appropriate_body) -> QuerySet[Assessment]:
    """Final recommendations received, with no pass, fail or extension decided since (Reg 11)."""
    decided = InductionPeriod.objects.filter(teacher_id=OuterRef("teacher_id")).exclude(outcome="")
    extended_since = Extension.objects.annotate(on=TruncDate("created_at")).filter(
        teacher_id=OuterRef("teacher_id"), on__gte=OuterRef("sent_to_appropriate_body_on")
    )
    return (
        Assessment.objects.filter(
            appropriate_body=appropriate_body,
            kind=AssessmentKind.FINAL,
            sent_to_appropriate_body_on__isnull=False,
        )
        .exclude(Exists(decided))
        .exclude(Exists(extended_since))
        .select_related("teacher", "ect_at_school_period__school")
        .order_by("sent_to_appropriate_body_on", "pk")
    )


def decorate_decisions(assessments) -> list:
    """Adds .decision (a Deadline: 20 working days from receipt) and .progress ("X of 6 terms"):
    three queries."""
    assessments = list(assessments)
    progress = induction_progress_for([a.teacher_id for a in assessments])
    for assessment in assessments:
        assessment.decision = decision_deadline(assessment.sent_to_appropriate_body_on, None)
        assessment.progress = progress[assessment.teacher_id]
    return assessments


def release_requests_received(appropriate_body) -> QuerySet[ReleaseRequest]:
    return (
        ReleaseRequest.objects.filter(held_by=appropriate_body, status=ReleaseRequestStatus.PENDING)
        .select_related("teacher", "requested_by")
        .order_by("created_at", "pk")
    )


def release_requests_sent(appropriate_body) -> QuerySet[ReleaseRequest]:
    return (
        ReleaseRequest.objects.filter(requested_by=appropriate_body)
        .select_related("teacher", "held_by")
        .order_by("-created_at", "-pk")
    )


def held(appropriate_body, search: str = "") -> QuerySet[InductionPeriod]:
    """Open periods this body holds, optionally searched by name or TRN."""
    periods = InductionPeriod.objects.ongoing().filter(appropriate_body=appropriate_body)
    text = (search or "").strip()
    if text.isdigit():
        periods = periods.filter(teacher__trn__startswith=text)
    elif text:
        for word in text.split():
            periods = periods.filter(
                Q(teacher__first_name__icontains=word) | Q(teacher__last_name__icontains=word)
            )
    return periods.select_related("teacher").order_by(
        "teacher__last_name", "teacher__first_name", "pk"
    )


def decorate_held(periods) -> list:
    """Adds .school_name and .progress: four queries."""
    periods = list(periods)
    schools = dict(
        ECTAtSchoolPeriod.objects.ongoing()
        .filter(teacher_id__in=[p.teacher_id for p in periods])
        .values_list("teacher_id", "school__name")
    )
    progress = induction_progress_for(p.teacher_id for p in periods)
    for period in periods:
        period.school_name = schools.get(period.teacher_id, "")
        period.progress = progress[period.teacher_id]
    return periods

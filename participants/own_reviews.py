"""What an ECT sees of their own progress reviews, assessments and support plans (rule 8,
issue 5 item 4): what their school has submitted, never a draft, and read-only.

Submitted means: a progress review once recorded (recording it sends it to the appropriate
body; it has no draft), an assessment once the headteacher has signed it off and the school
has sent it to the appropriate body, a support plan once the headteacher has approved it and
it was shared. The records and their schedule come from the induction app; this module only
chooses what the ECT may see and lays it out.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from ecte.formatting import format_date, format_datetime
from induction.deadlines import recommendation_deadline, report_deadline
from induction.models import Assessment, AssessmentKind, ProgressReview, SupportPlan
from induction.schedule import match_records
from induction.selectors import induction_progress_for
from induction.selectors.school import school_ect
from participants.models import ECTAtSchoolPeriod

PROGRESS_REVIEW = "progress-review"
ASSESSMENT = "assessment"
SUPPORT_PLAN = "support-plan"


# --- reads, scoped to the ECT -------------------------------------------------------------


def submitted_reviews(teacher) -> QuerySet[ProgressReview]:
    return ProgressReview.objects.filter(teacher=teacher).select_related(
        "ect_at_school_period__school", "appropriate_body"
    )


def submitted_assessments(teacher) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        teacher=teacher, signed_off_at__isnull=False, sent_to_appropriate_body_on__isnull=False
    ).select_related("ect_at_school_period__school", "appropriate_body")


def shared_support_plans(teacher) -> QuerySet[SupportPlan]:
    return SupportPlan.objects.filter(teacher=teacher, status="approved").select_related(
        "ect_at_school_period__school", "appropriate_body", "progress_review", "assessment"
    )


SCOPES = {
    PROGRESS_REVIEW: submitted_reviews,
    ASSESSMENT: submitted_assessments,
    SUPPORT_PLAN: shared_support_plans,
}


def own_record(teacher, kind: str, pk: int):
    """One of the ECT's own submitted records, or None (another ECT's, a draft, no such kind)."""
    scope = SCOPES.get(kind)
    return scope(teacher).filter(pk=pk).first() if scope else None


# --- page data ----------------------------------------------------------------------------


def _row(key: str, value: str) -> dict:
    return {"key": {"text": key}, "value": {"text": value}}


def _progress_text(satisfactory: bool) -> str:
    return "Satisfactory" if satisfactory else "Not satisfactory"


def _deadline_text(deadline) -> str:
    if deadline.done_on is None:
        return f"Due by {format_date(deadline.due_on)}: not done yet"
    return (
        f"Due by {format_date(deadline.due_on)}, done on {format_date(deadline.done_on)} "
        f"({deadline.status.lower()})"
    )


def review_title(review: ProgressReview) -> str:
    return f"Progress review, term {review.term_number}"


def assessment_title(assessment: Assessment) -> str:
    if assessment.term_number:
        return f"{assessment.get_kind_display()}, term {assessment.term_number}"
    return assessment.get_kind_display()


def plan_title(plan: SupportPlan) -> str:
    return "Support plan"


def review_rows(review: ProgressReview) -> list[dict]:
    sent = (
        f"Sent to {review.appropriate_body.name} on "
        f"{format_date(review.sent_to_appropriate_body_at.date())}"
        if review.sent_to_appropriate_body_at and review.appropriate_body
        else "Not sent: no appropriate body had claimed your induction"
    )
    return [
        _row("School", review.ect_at_school_period.school.name),
        _row("Date of the review meeting", format_date(review.reviewed_on)),
        _row("Reviewed by", review.recorded_by_name),
        _row("Progress", _progress_text(review.satisfactory_progress)),
        _row("Evidence against the Teachers' Standards", review.evidence),
        _row("Areas to develop", review.areas_to_develop),
        _row("Next steps", review.next_steps),
        _row("Appropriate body", sent),
    ]


def assessment_rows(assessment: Assessment) -> list[dict]:
    rows = [
        _row("School", assessment.ect_at_school_period.school.name),
        _row("Date of the assessment meeting", format_date(assessment.meeting_on)),
        _row("Assessed by", f"{assessment.assessed_by_name} ({assessment.assessed_by_role})"),
        _row(
            "Signed off by the headteacher",
            f"{assessment.signed_off_by_name} on {format_datetime(assessment.signed_off_at)}",
        ),
        _row("Progress", _progress_text(assessment.satisfactory_progress)),
        _row("Evidence against the Teachers' Standards", assessment.evidence),
        _row("Areas to develop", assessment.areas_to_develop),
        _row("Next steps", assessment.next_steps),
    ]
    if assessment.ect_comments:
        rows.append(_row("Your comments", assessment.ect_comments))
    if assessment.kind == AssessmentKind.INTERIM:
        rows += [
            _row("Terms served", f"{assessment.terms_served.normalize():f}"),
            _row("Days absent", str(assessment.days_absent)),
        ]
    report = report_deadline(assessment.meeting_on, assessment.sent_to_appropriate_body_on)
    rows.append(_row("Report sent to the appropriate body", _deadline_text(report)))
    if assessment.kind == AssessmentKind.FINAL:
        rows.append(_row("Recommendation", assessment.get_recommendation_display()))
        recommendation = recommendation_deadline(
            assessment.induction_completed_on or assessment.meeting_on,
            assessment.sent_to_appropriate_body_on,
        )
        rows.append(_row("Headteacher's recommendation sent", _deadline_text(recommendation)))
    return rows


def plan_rows(plan: SupportPlan) -> list[dict]:
    opened_by = (
        review_title(plan.progress_review)
        if plan.progress_review_id
        else assessment_title(plan.assessment)
    )
    return [
        _row("Opened after", opened_by),
        _row("Areas for improvement", plan.areas_for_improvement),
        _row("Objectives", plan.objectives),
        _row("Support", plan.support),
        _row(
            "Approved by the headteacher",
            f"{plan.approved_by_name} on {format_datetime(plan.approved_at)}",
        ),
        _row("Shared with", plan.appropriate_body.name),
    ]


DETAIL = {
    PROGRESS_REVIEW: (review_title, review_rows),
    ASSESSMENT: (assessment_title, assessment_rows),
    SUPPORT_PLAN: (plan_title, plan_rows),
}


def record_page(kind: str, record) -> dict:
    title, rows = DETAIL[kind]
    return {"title": title(record), "rows": rows(record)}


@dataclass(frozen=True)
class Entry:
    """One submitted record in the ECT's list, newest first."""

    title: str
    on: object
    outcome: str
    url: str


def _entries(reviews, assessments, plans) -> list[Entry]:
    records = [
        *(
            (PROGRESS_REVIEW, r, r.reviewed_on, _progress_text(r.satisfactory_progress))
            for r in reviews
        ),
        *(
            (ASSESSMENT, a, a.meeting_on, _progress_text(a.satisfactory_progress))
            for a in assessments
        ),
        *((SUPPORT_PLAN, p, p.approved_at.date(), "Approved and shared") for p in plans),
    ]
    entries = [
        Entry(
            DETAIL[kind][0](record),
            on,
            outcome,
            reverse("participants:own_record", args=[kind, record.pk]),
        )
        for kind, record, on, outcome in records
    ]
    return sorted(entries, key=lambda entry: entry.on, reverse=True)


def _schedule(period: ECTAtSchoolPeriod | None, reviews, assessments) -> list[dict]:
    """The school's schedule of reviews and assessments, done only by what was submitted."""
    if period is None:
        return []
    schedule = school_ect(period)["schedule"]
    here = [r for r in reviews if r.ect_at_school_period_id == period.pk]
    assessed_here = [a for a in assessments if a.ect_at_school_period_id == period.pk]
    rows = []
    for item in match_records(schedule, here, assessed_here):
        done = item.done
        done_on = (
            (getattr(done, "reviewed_on", None) or getattr(done, "meeting_on", None))
            if done
            else None
        )
        rows.append(
            {
                "label": f"{item.label}, term {item.term_number}",
                "due": format_date(item.due_on),
                "done": format_date(done_on) if done_on else "",
                "status": item.status,
                "colour": item.colour,
            }
        )
    return rows


def own_reviews_page(teacher) -> dict:
    """The ECT's "Your reviews and assessments" page."""
    reviews = list(submitted_reviews(teacher).order_by("-reviewed_on", "-pk"))
    assessments = list(submitted_assessments(teacher).order_by("-meeting_on", "-pk"))
    plans = list(shared_support_plans(teacher).order_by("-approved_at"))
    period = (
        ECTAtSchoolPeriod.objects.filter(teacher=teacher, finished_on__isnull=True)
        .select_related("teacher", "school")
        .first()
    )
    schedule = _schedule(period, reviews, assessments)
    progress = induction_progress_for([teacher.pk])[teacher.pk]
    return {
        "teacher": teacher,
        "terms": progress.terms_label,
        "progress": progress,
        "entries": _entries(reviews, assessments, plans),
        "schedule": schedule,
        "next_due": next((row for row in schedule if not row["done"]), None),
    }


def own_reviews_summary(teacher) -> dict:
    """A few lines for the ECT's home page."""
    page = own_reviews_page(teacher)
    return {
        "terms": page["terms"],
        "count": len(page["entries"]),
        "latest": page["entries"][0] if page["entries"] else None,
        "next_due": page["next_due"],
    }

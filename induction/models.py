"""Appropriate bodies and the induction periods they hold.

The rules are the statutory guidance's (SG) and the 2012 Induction
Regulations' (Reg); see shared/DOMAIN.md for the numbered list.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ecte.db import no_overlapping_periods

# Full-time induction is six terms; with extensions the record can reach sixteen (Reg 7).
MAX_TERMS = Decimal("16")
FULL_INDUCTION_TERMS = Decimal("6")


class AppropriateBodyKind(models.TextChoices):
    TEACHING_SCHOOL_HUB = "teaching_school_hub", "Teaching school hub"
    NATIONAL = "national", "National appropriate body"
    LOCAL_AUTHORITY = "local_authority", "Local authority"


class AppropriateBody(models.Model):
    name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=32, choices=AppropriateBodyKind.choices)
    # A teaching school hub is led by a school: it cannot be the appropriate body
    # for ECTs that school employs (SG 2.25).
    lead_school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_appropriate_bodies",
    )
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "appropriate bodies"

    def __str__(self) -> str:
        return self.name


class InductionProgramme(models.TextChoices):
    PROVIDER_LED = "provider_led", "Provider-led"
    SCHOOL_LED = "school_led", "School-led"


class InductionOutcome(models.TextChoices):
    PASS = "pass", "Passed"
    FAIL = "fail", "Failed"


class InductionPeriodQuerySet(models.QuerySet):
    def ongoing(self):
        return self.filter(finished_on__isnull=True)


class InductionPeriod(models.Model):
    """One appropriate body's hold on one teacher's induction, between two dates.

    Terms served are full-time-equivalent terms with up to two decimals
    (a 0.5 FTE ECT leaving after 2.5 terms has served 1.25, SG 2.34).
    """

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="induction_periods"
    )
    appropriate_body = models.ForeignKey(
        AppropriateBody, on_delete=models.PROTECT, related_name="induction_periods"
    )
    started_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    number_of_terms = models.DecimalField(
        "terms served", max_digits=4, decimal_places=2, null=True, blank=True
    )
    induction_programme = models.CharField(max_length=16, choices=InductionProgramme.choices)
    outcome = models.CharField(
        max_length=8, choices=InductionOutcome.choices, blank=True, default=""
    )
    # When the appropriate body made its decision (Reg 11: within 20 working days of the
    # headteacher's recommendation), and, for a fail, when the ECT was told in writing of
    # the right to appeal (they then have 20 working days to appeal, SG 2.70).
    outcome_recorded_on = models.DateField(null=True, blank=True)
    told_of_right_to_appeal_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InductionPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True) | Q(finished_on__gte=F("started_on")),
                name="induction_period_ends_on_or_after_start",
            ),
            models.UniqueConstraint(
                fields=["teacher"],
                condition=Q(finished_on__isnull=True),
                name="induction_period_one_open_per_teacher",
            ),
            # Reg 9: one induction only, so one pass or fail per teacher.
            models.UniqueConstraint(
                fields=["teacher"],
                condition=~Q(outcome=""),
                name="induction_period_one_outcome_per_teacher",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(finished_on__isnull=False),
                name="induction_period_outcome_only_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=["", "pass", "fail"]),
                name="induction_period_outcome_is_known",
            ),
            # A closed period always says how many terms it counted; an open one cannot yet.
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True, number_of_terms__isnull=True)
                | Q(finished_on__isnull=False, number_of_terms__isnull=False),
                name="induction_period_terms_recorded_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(number_of_terms__isnull=True)
                | Q(number_of_terms__gte=0, number_of_terms__lte=MAX_TERMS),
                name="induction_period_terms_between_0_and_16",
            ),
            no_overlapping_periods(name="induction_periods_never_overlap", partition=["teacher"]),
        ]
        indexes = [
            # What an appropriate body holds now, without reading the rows (issue 7).
            models.Index(
                fields=["appropriate_body", "teacher"],
                condition=Q(finished_on__isnull=True),
                name="induction_period_open_by_ab",
            ),
            # Whether an ECT is held, and by whom, without reading the row: the home page
            # probes it once for each of a body's ECTs.
            models.Index(
                fields=["teacher", "appropriate_body"],
                condition=Q(finished_on__isnull=True),
                name="induction_period_open_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} with {self.appropriate_body} from {self.started_on}"

    @property
    def is_open(self) -> bool:
        return self.finished_on is None


class Extension(models.Model):
    """Terms added to a teacher's induction by an appropriate body (Reg 11(5), SG 3.8)."""

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="extensions"
    )
    appropriate_body = models.ForeignKey(
        AppropriateBody, on_delete=models.PROTECT, related_name="extensions"
    )
    number_of_terms = models.DecimalField(max_digits=4, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number_of_terms__gt=0, number_of_terms__lte=MAX_TERMS),
                name="extension_terms_between_0_and_16",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_of_terms} term extension for {self.teacher}"


class Reduction(models.Model):
    """A shorter induction for extensive prior experience, never below one term, agreed by the
    teacher (Reg 7(3), SG 3.2-3.4); or for a part-time ECT who meets the standards (SG 3.5)."""

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="reductions"
    )
    appropriate_body = models.ForeignKey(
        AppropriateBody, on_delete=models.PROTECT, related_name="reductions"
    )
    terms_required = models.DecimalField(
        "terms the teacher must serve", max_digits=4, decimal_places=2
    )
    teacher_consented_on = models.DateField("date the teacher agreed")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["teacher"], name="reduction_one_per_teacher"),
            models.CheckConstraint(
                condition=Q(terms_required__gte=1, terms_required__lt=FULL_INDUCTION_TERMS),
                name="reduction_leaves_at_least_one_term",
            ),
        ]

    def __str__(self) -> str:
        return f"Induction reduced to {self.terms_required} terms for {self.teacher}"


class ReleaseRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a reply"
    RELEASED = "released", "Released"
    DECLINED = "declined", "Declined"


class ReleaseRequest(models.Model):
    """An appropriate body asks the one holding a teacher's induction to release them (rule 14)."""

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="release_requests"
    )
    induction_period = models.ForeignKey(
        InductionPeriod, on_delete=models.PROTECT, related_name="release_requests"
    )
    requested_by = models.ForeignKey(
        AppropriateBody, on_delete=models.PROTECT, related_name="release_requests_sent"
    )
    held_by = models.ForeignKey(
        AppropriateBody, on_delete=models.PROTECT, related_name="release_requests_received"
    )
    message = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=ReleaseRequestStatus.choices, default=ReleaseRequestStatus.PENDING
    )
    decline_reason = models.TextField(blank=True)
    requested_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["induction_period", "requested_by"],
                condition=Q(status="pending"),
                name="release_request_one_pending_per_period_and_requester",
            ),
            models.CheckConstraint(
                condition=~Q(requested_by=F("held_by")),
                name="release_request_never_to_yourself",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="release_request_declined_with_a_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", responded_at__isnull=True)
                | (~Q(status="pending") & Q(responded_at__isnull=False)),
                name="release_request_responded_unless_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requested_by} asks {self.held_by} to release {self.teacher}"

    @property
    def status_colour(self) -> str:
        return {"pending": "yellow", "released": "green", "declined": "red"}[self.status]


# --- The school's side: progress reviews, formal assessments, support plans, absence -----


class ProgressReview(models.Model):
    """A progress review by the induction tutor in a term with no formal assessment (SG 2.48-2.54).

    It is sent to the appropriate body when recorded; one that finds unsatisfactory
    progress opens a support plan (SG 4.1).
    """

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="progress_reviews"
    )
    ect_at_school_period = models.ForeignKey(
        "participants.ECTAtSchoolPeriod", on_delete=models.PROTECT, related_name="progress_reviews"
    )
    appropriate_body = models.ForeignKey(
        AppropriateBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_reviews",
    )
    term_number = models.PositiveSmallIntegerField("term of induction")
    reviewed_on = models.DateField("date of the review meeting")
    satisfactory_progress = models.BooleanField()
    evidence = models.TextField("evidence against the Teachers' Standards")
    areas_to_develop = models.TextField()
    next_steps = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=255)
    sent_to_appropriate_body_at = models.DateTimeField(null=True, blank=True)
    seen_by_appropriate_body_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_number__gte=1, term_number__lte=32),
                name="progress_review_term_number_in_range",
            ),
        ]
        indexes = [
            # The appropriate body's unread at-risk reviews, oldest first (issue 7).
            models.Index(
                fields=["appropriate_body", "sent_to_appropriate_body_at"],
                condition=Q(
                    satisfactory_progress=False,
                    sent_to_appropriate_body_at__isnull=False,
                    seen_by_appropriate_body_at__isnull=True,
                ),
                name="progress_review_at_risk_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"Progress review for {self.teacher} on {self.reviewed_on}"


class AssessmentKind(models.TextChoices):
    FORMAL = "formal", "Formal assessment"
    FINAL = "final", "Final assessment"
    INTERIM = "interim", "Interim assessment"


class Recommendation(models.TextChoices):
    """The headteacher's recommendation on the final assessment report (SG 2.60)."""

    PASS = "pass", "Satisfactory: pass induction"
    EXTEND = "extend", "An extension should be considered"
    FAIL = "fail", "Unsatisfactory: fail induction"


class Assessment(models.Model):
    """A formal, final or interim assessment by the induction tutor or the headteacher, never the
    mentor alone (SG 2.55-2.63), signed off by the headteacher and sent to the appropriate body."""

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="assessments"
    )
    ect_at_school_period = models.ForeignKey(
        "participants.ECTAtSchoolPeriod", on_delete=models.PROTECT, related_name="assessments"
    )
    appropriate_body = models.ForeignKey(
        AppropriateBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    kind = models.CharField(max_length=16, choices=AssessmentKind.choices)
    term_number = models.PositiveSmallIntegerField("term of induction", null=True, blank=True)
    meeting_on = models.DateField("date of the assessment meeting")
    satisfactory_progress = models.BooleanField()
    evidence = models.TextField("evidence against the Teachers' Standards")
    areas_to_develop = models.TextField()
    next_steps = models.TextField()
    ect_comments = models.TextField("the ECT's comments", blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    assessed_by_name = models.CharField(max_length=255)
    assessed_by_role = models.CharField(max_length=64)
    # Final assessment: the headteacher's recommendation, and the day induction was completed.
    recommendation = models.CharField(
        max_length=8, choices=Recommendation.choices, blank=True, default=""
    )
    induction_completed_on = models.DateField(null=True, blank=True)
    # Interim assessment: what the next school and appropriate body need (SG 2.62).
    terms_served = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    days_absent = models.PositiveSmallIntegerField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_off_by_name = models.CharField(max_length=255, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sent_to_appropriate_body_on = models.DateField(null=True, blank=True)
    seen_by_appropriate_body_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["formal", "final", "interim"]),
                name="assessment_kind_is_known",
            ),
            models.CheckConstraint(
                condition=Q(kind="final", recommendation__in=["pass", "extend", "fail"])
                | (~Q(kind="final") & Q(recommendation="")),
                name="assessment_recommendation_only_and_always_on_the_final",
            ),
            models.CheckConstraint(
                condition=~Q(kind="interim")
                | Q(terms_served__isnull=False, days_absent__isnull=False),
                name="assessment_interim_records_terms_and_absence",
            ),
            models.CheckConstraint(
                condition=Q(sent_to_appropriate_body_on__isnull=True)
                | Q(signed_off_at__isnull=False),
                name="assessment_sent_only_after_headteacher_sign_off",
            ),
            models.CheckConstraint(
                condition=Q(terms_served__isnull=True)
                | Q(terms_served__gte=0, terms_served__lte=MAX_TERMS),
                name="assessment_terms_served_between_0_and_16",
            ),
        ]
        indexes = [
            # The appropriate body's unread assessments, oldest first (issue 7).
            models.Index(
                fields=["appropriate_body", "sent_to_appropriate_body_on"],
                condition=Q(
                    sent_to_appropriate_body_on__isnull=False,
                    seen_by_appropriate_body_at__isnull=True,
                ),
                name="assessment_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.teacher} on {self.meeting_on}"


class SupportPlanStatus(models.TextChoices):
    DRAFT = "draft", "Waiting for headteacher approval"
    APPROVED = "approved", "Approved and shared"


class SupportPlan(models.Model):
    """What the school does when an ECT is not making satisfactory progress (SG 4.1-4.5):
    the areas to improve, objectives and support, approved by the headteacher and shared
    with the appropriate body."""

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="support_plans"
    )
    ect_at_school_period = models.ForeignKey(
        "participants.ECTAtSchoolPeriod", on_delete=models.PROTECT, related_name="support_plans"
    )
    progress_review = models.OneToOneField(
        ProgressReview,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_plan",
    )
    assessment = models.OneToOneField(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="support_plan"
    )
    areas_for_improvement = models.TextField(blank=True)
    objectives = models.TextField(blank=True)
    support = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=SupportPlanStatus.choices, default=SupportPlanStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by_name = models.CharField(max_length=255, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    appropriate_body = models.ForeignKey(
        AppropriateBody,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_plans",
    )
    seen_by_appropriate_body_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_review__isnull=False, assessment__isnull=True)
                | Q(progress_review__isnull=True, assessment__isnull=False),
                name="support_plan_opened_by_a_review_or_an_assessment",
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(
                    status="approved",
                    approved_at__isnull=False,
                    appropriate_body__isnull=False,
                )
                & ~Q(areas_for_improvement="")
                & ~Q(objectives="")
                & ~Q(support=""),
                name="support_plan_approved_only_when_complete",
            ),
        ]
        indexes = [
            # The appropriate body's unread approved support plans, oldest first (issue 7).
            models.Index(
                fields=["appropriate_body", "approved_at"],
                condition=Q(status="approved", seen_by_appropriate_body_at__isnull=True),
                name="support_plan_unread",
            ),
        ]

    def __str__(self) -> str:
        return f"Support plan for {self.teacher}"


class AbsenceKind(models.TextChoices):
    ABSENCE = "absence", "Absence (for example illness)"
    FAMILY_LEAVE = (
        "family_leave",
        (
            "Statutory maternity, paternity, adoption, shared parental, parental bereavement "
            "or carer's leave"
        ),
    )


class Absence(models.Model):
    """Days an ECT was absent, recorded by the school (Reg 8, SG 3.6-3.7).

    30 or more days of absence in a year of induction extend that year by the days
    absent; statutory family leave counts only when the ECT asks for the extension.
    """

    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="absences"
    )
    ect_at_school_period = models.ForeignKey(
        "participants.ECTAtSchoolPeriod", on_delete=models.PROTECT, related_name="absences"
    )
    kind = models.CharField(max_length=16, choices=AbsenceKind.choices)
    started_on = models.DateField("first day of absence")
    days = models.PositiveSmallIntegerField("days absent")
    extension_requested = models.BooleanField(
        "the ECT asked to extend their induction by this leave", default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(days__gte=1, days__lte=366), name="absence_days_between_1_and_366"
            ),
            models.CheckConstraint(
                condition=Q(extension_requested=False) | Q(kind="family_leave"),
                name="absence_extension_request_only_for_family_leave",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.days} days absent from {self.started_on} for {self.teacher}"


# --- Bulk uploads ------------------------------------------------------------------------


class BulkUploadKind(models.TextChoices):
    CLAIM = "claim", "Claim ECTs"
    RELEASE = "release", "Release ECTs or record passes"


class BulkUploadStatus(models.TextChoices):
    INVALID = "invalid", "Has errors"
    READY = "ready", "Ready to check"
    QUEUED = "queued", "Waiting to start"
    PROCESSING = "processing", "In progress"
    DONE = "done", "Finished"


class BulkUpload(models.Model):
    """A CSV of claims, or of releases and passes, validated row by row before anything is
    applied; then applied through the same services as the single-ECT journeys."""

    appropriate_body = models.ForeignKey(
        AppropriateBody, on_delete=models.PROTECT, related_name="bulk_uploads"
    )
    kind = models.CharField(max_length=16, choices=BulkUploadKind.choices)
    filename = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by_role = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=16, choices=BulkUploadStatus.choices)
    # The file as read (a header and rows of strings), what validation made of each row,
    # and the problems found: kept so the error CSV and the results can be shown again.
    raw_rows = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    processed_count = models.PositiveIntegerField(default=0)
    applied_count = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed_count__lte=F("row_count")),
                name="bulk_upload_never_processes_more_rows_than_it_has",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def percent_done(self) -> int:
        if not self.row_count:
            return 100
        return int(self.processed_count * 100 / self.row_count)

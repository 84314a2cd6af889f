"""Appropriate bodies and the induction periods they hold.

The rules are the statutory guidance's (SG) and the 2012 Induction
Regulations' (Reg); see shared/DOMAIN.md for the numbered list.
"""

from decimal import Decimal

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

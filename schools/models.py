"""Schools and the trusts (multi-academy trusts) that run them."""

from django.db import models
from django.db.models import Q


class Trust(models.Model):
    name = models.CharField(max_length=255, unique=True)
    companies_house_number = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolPhase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    SIXTEEN_PLUS = "16_plus", "16 plus"
    ALL_THROUGH = "all_through", "All-through"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class SchoolType(models.TextChoices):
    """Establishment types as in Get information about schools (GIAS), grouped."""

    COMMUNITY = "community", "Community school"
    VOLUNTARY_AIDED = "voluntary_aided", "Voluntary aided school"
    VOLUNTARY_CONTROLLED = "voluntary_controlled", "Voluntary controlled school"
    FOUNDATION = "foundation", "Foundation school"
    ACADEMY = "academy", "Academy"
    FREE_SCHOOL = "free_school", "Free school"
    COMMUNITY_SPECIAL = "community_special", "Community special school"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit", "Pupil referral unit"
    INDEPENDENT = "independent", "Independent school"
    INDEPENDENT_SPECIAL = "independent_special", "Non-maintained special school"

    @classmethod
    def independent_types(cls) -> set[str]:
        return {cls.INDEPENDENT, cls.INDEPENDENT_SPECIAL}


class SchoolQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)


class School(models.Model):
    urn = models.CharField("URN", max_length=6, unique=True, help_text="Unique reference number")
    name = models.CharField(max_length=255)
    phase = models.CharField(max_length=32, choices=SchoolPhase.choices)
    school_type = models.CharField("type", max_length=32, choices=SchoolType.choices)
    local_authority = models.CharField(max_length=100)
    trust = models.ForeignKey(
        Trust, null=True, blank=True, on_delete=models.PROTECT, related_name="schools"
    )
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(urn__regex=r"^[0-9]{6}$"), name="school_urn_is_6_digits"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="school_closes_after_it_opens",
            ),
        ]
        indexes = [
            # Lists ordered by school name stop after a page by walking this index (issue 7).
            models.Index(fields=["name", "id"], name="school_by_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_independent(self) -> bool:
        return self.school_type in SchoolType.independent_types()

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class YearSetup(models.Model):
    """A school's choices for one academic year: who will be its ECTs' appropriate body, and how
    they will be trained (provider-led through a lead provider partnership, or school-led).

    Registering an ECT defaults to these choices; each registration can still differ.
    """

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="year_setups")
    academic_year = models.PositiveSmallIntegerField(
        help_text="The year it starts: 2026 for 2026 to 2027"
    )
    appropriate_body = models.ForeignKey(
        "induction.AppropriateBody",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    training_programme = models.CharField(
        max_length=16,
        blank=True,
        default="",
        choices=[("provider_led", "Provider-led"), ("school_led", "School-led")],
    )
    school_partnership = models.ForeignKey(
        "programmes.SchoolPartnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school__name", "-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="year_setup_one_per_school_and_year"
            ),
            models.CheckConstraint(
                condition=Q(academic_year__gte=2021), name="year_setup_from_2021"
            ),
            models.CheckConstraint(
                condition=Q(training_programme="provider_led", school_partnership__isnull=False)
                | Q(~Q(training_programme="provider_led"), school_partnership__isnull=True),
                name="year_setup_partnership_only_when_provider_led",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} in {self.academic_year} to {self.academic_year + 1}"

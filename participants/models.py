"""Teachers, the teacher record register, and when teachers work at schools as ECTs or mentors."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Upper

from ecte.db import no_overlapping_periods

TRN_PATTERN = r"^[0-9]{7}$"


class InductionStatus(models.TextChoices):
    REQUIRED_TO_COMPLETE = "required_to_complete", "Required to complete"
    IN_PROGRESS = "in_progress", "In progress"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"
    EXEMPT = "exempt", "Exempt"


class TeacherRecord(models.Model):
    """One row of the national register of teacher records (loaded by DfE staff from a CSV).

    It stands in for the Teaching Record System: the service checks a TRN and
    date of birth against it before anyone is registered.
    """

    trn = models.CharField("TRN", max_length=7, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    qts_awarded_on = models.DateField("QTS awarded on", null=True, blank=True)
    induction_status = models.CharField(
        max_length=32, choices=InductionStatus.choices, default=InductionStatus.REQUIRED_TO_COMPLETE
    )
    # Mentor training history (rule 21): a mentor who has completed 6 full terms of an
    # ECF-based mentor programme, or 3 of an ECTP one, no longer trains.
    mentor_ecf_terms_completed = models.PositiveSmallIntegerField(
        "full terms of an ECF mentor programme completed", default=0
    )
    mentor_ectp_terms_completed = models.PositiveSmallIntegerField(
        "full terms of an ECTP mentor programme completed", default=0
    )
    # Mentor training is funded once, for one year: the academic year it was funded in.
    mentor_training_funded_in = models.PositiveSmallIntegerField(
        "mentor training funded in",
        null=True,
        blank=True,
        help_text="The academic year DfE funded this teacher's mentor training: 2026 for 2026 to 2027",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trn__regex=TRN_PATTERN), name="teacher_record_trn_is_7_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.trn})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class TeacherQuerySet(models.QuerySet):
    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        if text.isdigit():
            return self.filter(trn__startswith=text)
        query = Q()
        for word in text.split():
            query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return self.filter(query)


def _trigram(field: str, name: str) -> GinIndex:
    """A trigram index on UPPER(field): what Django's icontains compares on PostgreSQL, so a
    name search (UPPER(last_name) LIKE UPPER('%smith%')) reads the index instead of every row.
    Migration 0004 creates these on PostgreSQL only."""
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)


class Teacher(models.Model):
    """A person who is, or may become, an ECT or a mentor in this service."""

    trn = models.CharField("TRN", max_length=7, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    qts_awarded_on = models.DateField("QTS awarded on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TeacherQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(trn__regex=TRN_PATTERN), name="teacher_trn_is_7_digits"
            ),
        ]
        indexes = [
            _trigram("first_name", "teacher_first_name_trgm"),
            _trigram("last_name", "teacher_last_name_trgm"),
            _trigram("trn", "teacher_trn_trgm"),
            # TRN search is a prefix match (LIKE '123%'), which a default-collation index
            # cannot serve.
            models.Index(
                fields=["trn"], opclasses=["varchar_pattern_ops"], name="teacher_trn_prefix"
            ),
            # Lists in name order stop after a page by walking this index (issue 7).
            models.Index(fields=["last_name", "first_name", "id"], name="teacher_by_name"),
            # The few teachers still waiting for QTS (rule 1): an appropriate body's list.
            models.Index(
                fields=["id"], condition=Q(qts_awarded_on__isnull=True), name="teacher_without_qts"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class WorkingPattern(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"


class PeriodQuerySet(models.QuerySet):
    def ongoing(self):
        return self.filter(finished_on__isnull=True)

    def on(self, day):
        return self.filter(
            Q(finished_on__isnull=True) | Q(finished_on__gte=day), started_on__lte=day
        )


def _ends_on_or_after_start(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(finished_on__isnull=True) | Q(finished_on__gte=F("started_on")),
        name=f"{prefix}_ends_on_or_after_start",
    )


def _one_registration_per_token(prefix: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["registration_token"],
        condition=~Q(registration_token=""),
        name=f"{prefix}_one_per_registration_token",
    )


class ECTAtSchoolPeriod(models.Model):
    """When a teacher works at a school as an early career teacher."""

    teacher = models.ForeignKey(
        Teacher, on_delete=models.PROTECT, related_name="ect_at_school_periods"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="ect_at_school_periods"
    )
    started_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    working_pattern = models.CharField(max_length=16, choices=WorkingPattern.choices)
    fte = models.DecimalField(
        "full-time equivalent",
        max_digits=3,
        decimal_places=2,
        default=1,
        help_text="1.00 for full-time; 0.5 for half-time",
    )
    email = models.EmailField()
    # The appropriate body the school chose for this ECT: the one that should claim them.
    appropriate_body = models.ForeignKey(
        "induction.AppropriateBody",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ect_at_school_periods",
    )
    # The registration journey's token: a second submission of the same journey finds this
    # period instead of registering the ECT again.
    registration_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            _ends_on_or_after_start("ect_at_school_period"),
            _one_registration_per_token("ect_at_school_period"),
            models.UniqueConstraint(
                fields=["teacher"],
                condition=Q(finished_on__isnull=True),
                name="ect_at_school_period_one_open_per_teacher",
            ),
            models.CheckConstraint(
                condition=Q(fte__gt=0, fte__lte=1), name="ect_at_school_period_fte_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(working_pattern="full_time", fte=1)
                | Q(working_pattern="part_time", fte__lt=1),
                name="ect_at_school_period_fte_matches_working_pattern",
            ),
            no_overlapping_periods(
                name="ect_at_school_periods_never_overlap", partition=["teacher"]
            ),
        ]
        indexes = [
            # An appropriate body's ECTs to claim, in start order (issue 7).
            models.Index(
                fields=["appropriate_body", "started_on", "teacher"],
                condition=Q(finished_on__isnull=True),
                name="ect_period_open_by_ab",
            ),
            # Registration refuses an email another ECT or mentor uses; admin finds by email.
            models.Index(fields=["email"], name="ect_period_by_email"),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} at {self.school} from {self.started_on}"


class MentorAtSchoolPeriod(models.Model):
    """When a teacher works at a school as a mentor (they may mentor at several schools)."""

    teacher = models.ForeignKey(
        Teacher, on_delete=models.PROTECT, related_name="mentor_at_school_periods"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="mentor_at_school_periods"
    )
    started_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    email = models.EmailField()
    registration_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            _ends_on_or_after_start("mentor_at_school_period"),
            _one_registration_per_token("mentor_at_school_period"),
            models.UniqueConstraint(
                fields=["teacher", "school"],
                condition=Q(finished_on__isnull=True),
                name="mentor_at_school_period_one_open_per_school",
            ),
            no_overlapping_periods(
                name="mentor_at_school_periods_never_overlap_at_a_school",
                partition=["teacher", "school"],
            ),
        ]
        indexes = [models.Index(fields=["email"], name="mentor_period_by_email")]

    def __str__(self) -> str:
        return f"{self.teacher} mentoring at {self.school} from {self.started_on}"


class Mentorship(models.Model):
    """An ECT paired with a mentor. The database refuses a mentor mentoring themselves."""

    ect_at_school_period = models.ForeignKey(
        ECTAtSchoolPeriod, on_delete=models.PROTECT, related_name="mentorships"
    )
    mentor_at_school_period = models.ForeignKey(
        MentorAtSchoolPeriod, on_delete=models.PROTECT, related_name="mentorships"
    )
    started_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    # Rule 15 (SG 2.45): the induction tutor mentors only in exceptional circumstances.
    induction_tutor_reason = models.TextField(
        "why the induction tutor is also the mentor", blank=True, default=""
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            _ends_on_or_after_start("mentorship"),
            models.UniqueConstraint(
                fields=["ect_at_school_period"],
                condition=Q(finished_on__isnull=True),
                name="mentorship_one_open_per_ect",
            ),
            no_overlapping_periods(
                name="mentorships_never_overlap_for_an_ect", partition=["ect_at_school_period"]
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.mentor_at_school_period.teacher} mentoring {self.ect_at_school_period.teacher}"
        )


class TrainingProgramme(models.TextChoices):
    PROVIDER_LED = "provider_led", "Provider-led"
    SCHOOL_LED = "school_led", "School-led"


class TrainingPeriod(models.Model):
    """An ECT's or mentor's ECF-based training: provider-led through a partnership, or school-led."""

    ect_at_school_period = models.ForeignKey(
        ECTAtSchoolPeriod,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_periods",
    )
    mentor_at_school_period = models.ForeignKey(
        MentorAtSchoolPeriod,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_periods",
    )
    training_programme = models.CharField(max_length=16, choices=TrainingProgramme.choices)
    school_partnership = models.ForeignKey(
        "programmes.SchoolPartnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_periods",
    )
    started_on = models.DateField()
    finished_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            _ends_on_or_after_start("training_period"),
            models.CheckConstraint(
                condition=Q(
                    ect_at_school_period__isnull=False, mentor_at_school_period__isnull=True
                )
                | Q(ect_at_school_period__isnull=True, mentor_at_school_period__isnull=False),
                name="training_period_belongs_to_an_ect_or_a_mentor",
            ),
            models.CheckConstraint(
                condition=Q(training_programme="provider_led", school_partnership__isnull=False)
                | Q(training_programme="school_led", school_partnership__isnull=True),
                name="training_period_partnership_only_when_provider_led",
            ),
            models.UniqueConstraint(
                fields=["ect_at_school_period"],
                condition=Q(finished_on__isnull=True),
                name="training_period_one_open_per_ect_period",
            ),
            models.UniqueConstraint(
                fields=["mentor_at_school_period"],
                condition=Q(finished_on__isnull=True),
                name="training_period_one_open_per_mentor_period",
            ),
        ]
        indexes = [
            # A lead provider's current participants, partnership by partnership (issue 7).
            models.Index(
                fields=["school_partnership", "started_on", "id"],
                condition=Q(finished_on__isnull=True),
                name="training_open_by_partnership",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_training_programme_display()} training from {self.started_on}"

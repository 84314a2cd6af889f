"""A lead provider's programme for one academic year, as data.

NIoT and Best Practice Network differ only in these rows: how many modules a
year has and whether schools may reorder them, what an ECT studies in each
module and what they choose, the seminars in their fixed order, the mentor
meeting cadence and model. Nothing in the code names a provider. The content is
edited in the Django admin and moves between environments as a JSON file
(programmes.content_io); `manage.py seed_programmes` loads the two real ones.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from ecte.calendar.dates import HALF_TERM_NUMBERS

HALF_TERMS_IN_A_YEAR = len(HALF_TERM_NUMBERS)


class Programme(models.Model):
    """A lead provider's ECT and mentor programme for one academic year (both ECT years)."""

    lead_provider = models.ForeignKey(
        "programmes.LeadProvider", on_delete=models.PROTECT, related_name="programmes"
    )
    academic_year = models.PositiveSmallIntegerField(
        help_text="The year it starts: 2026 for 2026 to 2027"
    )
    name = models.CharField(max_length=255)
    source = models.CharField(
        max_length=255, blank=True, help_text="Where the content comes from, such as a handbook"
    )
    # NIoT: an ECT who joins later does the fixed first module first, then joins the
    # school's sequence where it has reached (rule 26). A fixed programme has no such rule.
    late_joiners_start_with_first_module = models.BooleanField(
        default=False,
        help_text="An ECT who joins after the first half-term does the first module first.",
    )
    mentor_self_studies_required = models.PositiveSmallIntegerField(
        default=0, help_text="Self-studies a training mentor completes in the year"
    )
    mentor_sessions_required = models.PositiveSmallIntegerField(
        default=0, help_text="Seminars or webinars a training mentor attends in the year"
    )
    engagement_threshold = models.PositiveSmallIntegerField(
        default=75, help_text="Engagement expected, as a percentage (rule 29)"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-academic_year", "lead_provider__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["lead_provider", "academic_year"], name="programme_one_per_provider_year"
            ),
            models.CheckConstraint(
                condition=Q(academic_year__gte=2021), name="programme_from_2021"
            ),
            models.CheckConstraint(
                condition=Q(engagement_threshold__lte=100),
                name="programme_engagement_threshold_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.academic_year} to {self.academic_year + 1})"


class MeetingModel(models.TextChoices):
    SIX_STEP = "six_step", "Six-step observation and feedback"
    HALF_TERM_FOCUS = "half_term_focus", "Meeting focus of the half-term"
    NOTES = "notes", "Notes and actions"


class ChoiceKind(models.TextChoices):
    ELECTIVES = "electives", "Electives"
    FOCUS_AREAS = "focus_areas", "Focus areas"
    NONE = "none", "No choice"


class ProgrammeYear(models.Model):
    """Year 1 or year 2 of a programme: its modules, what ECTs choose, and the mentor cadence."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="years")
    number = models.PositiveSmallIntegerField(help_text="1 or 2")
    title = models.CharField(max_length=255)
    meeting_model = models.CharField(max_length=32, choices=MeetingModel.choices)
    meeting_every_weeks = models.PositiveSmallIntegerField(
        default=1, help_text="1 for weekly mentor meetings, 2 for fortnightly"
    )
    drop_in_every_weeks = models.PositiveSmallIntegerField(
        default=1, help_text="1 for weekly lesson drop-ins, 2 for fortnightly"
    )
    max_drop_in_minutes = models.PositiveSmallIntegerField(default=15)
    choice_kind = models.CharField(max_length=16, choices=ChoiceKind.choices)
    min_choices = models.PositiveSmallIntegerField(
        default=0, help_text="Electives or focus areas an ECT chooses per module, at least"
    )
    max_choices = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="At most (leave empty for no limit)"
    )
    min_choices_first_module = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="At least, in the first module of the year (leave empty for the same minimum)",
    )

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="programme_year_one_per_number"
            ),
            models.CheckConstraint(
                condition=Q(number__in=[1, 2]), name="programme_year_is_year_1_or_2"
            ),
            models.CheckConstraint(
                condition=Q(meeting_every_weeks__gte=1, drop_in_every_weeks__gte=1),
                name="programme_year_cadence_at_least_weekly_steps",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=F("min_choices")),
                name="programme_year_max_choices_not_below_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name}: year {self.number}"

    def min_choices_for(self, module: "Module") -> int:
        """Rule 28: at least 3 electives per module, but at least 2 in the first one."""
        if module.position == 1 and self.min_choices_first_module is not None:
            return self.min_choices_first_module
        return self.min_choices


class Module(models.Model):
    """A module of a programme year. `position` is the designed order; a fixed module keeps it."""

    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.CASCADE, related_name="modules"
    )
    code = models.CharField(
        max_length=8, help_text="A to F, or 1 to 9: the same code in both years"
    )
    title = models.CharField(max_length=255)
    position = models.PositiveSmallIntegerField(help_text="Its place in the designed order, from 1")
    fixed_position = models.BooleanField(
        default=True, help_text="Schools cannot move it (NIoT's module A always comes first)"
    )
    half_terms = models.PositiveSmallIntegerField(
        default=1, help_text="How many half-terms it lasts"
    )
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["programme_year", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "code"], name="module_code_unique_in_year"
            ),
            models.UniqueConstraint(
                fields=["programme_year", "position"], name="module_position_unique_in_year"
            ),
            # At most 6 as well, but an import moves modules past 6 while it reorders them;
            # the importer and the admin form check the upper bound.
            models.CheckConstraint(condition=Q(position__gte=1), name="module_position_from_1"),
            models.CheckConstraint(
                condition=Q(half_terms__gte=1, half_terms__lte=HALF_TERMS_IN_A_YEAR),
                name="module_lasts_one_to_six_half_terms",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self):
        if self.position and self.position > HALF_TERMS_IN_A_YEAR:
            raise ValidationError({"position": "A year has 6 half-terms: use a position of 1 to 6"})

    @property
    def label(self) -> str:
        return f"Module {self.code}: {self.title}"


class StudyKind(models.TextChoices):
    CORE = "core", "Core self-study"
    DIAGNOSTIC = "diagnostic", "Diagnostic"
    ELECTIVE = "elective", "Elective self-study"
    FOCUS_AREA = "focus_area", "Focus area"
    MENTOR_SELF_STUDY = "mentor_self_study", "Mentor self-study"

    @classmethod
    def required_kinds(cls) -> set[str]:
        """Everyone does these; the others are chosen."""
        return {cls.CORE, cls.DIAGNOSTIC}

    @classmethod
    def chosen_kinds(cls) -> set[str]:
        return {cls.ELECTIVE, cls.FOCUS_AREA}


class StudyItem(models.Model):
    """Something a participant studies: a module's core self-study, diagnostic, electives and
    focus areas, or a mentor's self-study. `code` is what lead providers put in their uploads."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="study_items")
    module = models.ForeignKey(
        Module, null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(max_length=32, choices=StudyKind.choices)
    code = models.CharField(max_length=32, help_text="Unique in the programme, like Y1-A-E3")
    number = models.PositiveSmallIntegerField(default=1, help_text="Its order in the module")
    title = models.CharField(max_length=255)
    minutes = models.PositiveSmallIntegerField(default=0)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["programme", "module__programme_year__number", "module__position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="study_item_code_unique"),
            # ECT study belongs to a module; a mentor's self-study to the programme.
            models.CheckConstraint(
                condition=Q(kind="mentor_self_study", module__isnull=True)
                | (~Q(kind="mentor_self_study") & Q(module__isnull=False)),
                name="study_item_module_only_for_ect_study",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    @property
    def is_required(self) -> bool:
        return self.kind in StudyKind.required_kinds()


class SessionKind(models.TextChoices):
    SEMINAR = "seminar", "Seminar"
    WEBINAR = "webinar", "National webinar"


class Audience(models.TextChoices):
    ECT = "ect", "ECTs"
    MENTOR = "mentor", "Mentors"


class Session(models.Model):
    """A seminar or webinar. Seminars keep their fixed order whatever the module sequence
    (rule 27): each belongs to a half-term, not to a module."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    programme_year = models.ForeignKey(
        ProgrammeYear,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sessions",
        help_text="The ECT year it is for; empty for mentors' sessions",
    )
    audience = models.CharField(max_length=8, choices=Audience.choices)
    kind = models.CharField(max_length=8, choices=SessionKind.choices)
    code = models.CharField(max_length=32, help_text="Unique in the programme, like Y1-SEM-A")
    title = models.CharField(max_length=255)
    presenter = models.CharField(max_length=255, blank=True)
    minutes = models.PositiveSmallIntegerField(default=90)
    half_term = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 to 6, for a half-termly seminar"
    )
    term = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="1 to 3, for a termly seminar or webinar"
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["programme", "audience", "programme_year__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="session_code_unique"),
            models.CheckConstraint(
                condition=(Q(half_term__isnull=False) & Q(term__isnull=True))
                | (Q(half_term__isnull=True) & Q(term__isnull=False)),
                name="session_in_a_half_term_or_a_term",
            ),
            models.CheckConstraint(
                condition=Q(half_term__isnull=True) | Q(half_term__gte=1, half_term__lte=6),
                name="session_half_term_1_to_6",
            ),
            models.CheckConstraint(
                condition=Q(term__isnull=True) | Q(term__gte=1, term__lte=3),
                name="session_term_1_to_3",
            ),
            models.CheckConstraint(
                condition=Q(audience="ect", programme_year__isnull=False)
                | Q(audience="mentor", programme_year__isnull=True),
                name="session_ect_sessions_belong_to_a_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def term_number(self) -> int:
        return self.term if self.term else (self.half_term + 1) // 2


class MeetingFocus(models.Model):
    """A fixed focus for one of a half-term's mentor meetings (NIoT year 2: weeks 1, 3 and 6)."""

    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.CASCADE, related_name="meeting_focuses"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    week = models.PositiveSmallIntegerField(help_text="The week of the half-term it is held in")
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["programme_year", "number"]
        verbose_name_plural = "meeting focuses"
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "number"], name="meeting_focus_unique_number"
            ),
            models.UniqueConstraint(
                fields=["programme_year", "week"], name="meeting_focus_unique_week"
            ),
            models.CheckConstraint(condition=Q(week__gte=1), name="meeting_focus_week_from_1"),
        ]

    def __str__(self) -> str:
        return f"Meeting {self.number}: {self.title} (week {self.week})"

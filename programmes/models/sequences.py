"""The order a school's ECTs take a flexible programme's modules in (rules 23-26).

One sequence per school per academic year, for year 1 and year 2 ECTs alike (the
same module codes run in both years). A trust may decide it for all its schools
with that lead provider: its sequence then wins, read-only for the schools. A
draft is never used; only a confirmed sequence replaces the designed order, and
nothing changes after the end of Autumn half-term 1. The entries hold the
confirmed order; `draft_codes` an order saved but not yet confirmed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ModuleSequence(models.Model):
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="module_sequences",
    )
    trust = models.ForeignKey(
        "schools.Trust",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="module_sequences",
    )
    lead_provider = models.ForeignKey(
        "programmes.LeadProvider", on_delete=models.PROTECT, related_name="module_sequences"
    )
    academic_year = models.PositiveSmallIntegerField()
    # An order saved to check before confirming: never followed (the entries are the
    # confirmed order). Checked by the services, which the entries' constraints back up.
    draft_codes = models.JSONField(default=list, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-academic_year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False, trust__isnull=True)
                | Q(school__isnull=True, trust__isnull=False),
                name="module_sequence_for_a_school_or_a_trust",
            ),
            # Rule 24: one sequence per school per year, for both ECT years.
            models.UniqueConstraint(
                fields=["school", "academic_year"],
                condition=Q(school__isnull=False),
                name="module_sequence_one_per_school_year",
            ),
            models.UniqueConstraint(
                fields=["trust", "academic_year", "lead_provider"],
                condition=Q(trust__isnull=False),
                name="module_sequence_one_per_trust_year_provider",
            ),
            models.CheckConstraint(
                condition=Q(academic_year__gte=2021), name="module_sequence_from_2021"
            ),
        ]

    def __str__(self) -> str:
        owner = self.school or self.trust
        return f"Module sequence for {owner} ({self.academic_year} to {self.academic_year + 1})"

    @property
    def codes(self) -> list[str]:
        return [entry.module_code for entry in self.entries.all()]

    @property
    def decided_by_name(self) -> str:
        return str(self.trust or self.school)


class ModuleSequenceEntry(models.Model):
    """One module's place in a sequence. The database refuses a module twice (rule 23:
    each module is done once, whole) or two modules in one place."""

    sequence = models.ForeignKey(ModuleSequence, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField()
    module_code = models.CharField(max_length=8)

    class Meta:
        ordering = ["sequence", "position"]
        verbose_name_plural = "module sequence entries"
        constraints = [
            models.UniqueConstraint(
                fields=["sequence", "position"], name="module_sequence_entry_one_per_position"
            ),
            models.UniqueConstraint(
                fields=["sequence", "module_code"], name="module_sequence_entry_module_once"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=6),
                name="module_sequence_entry_position_1_to_6",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.module_code}"

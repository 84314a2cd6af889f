"""Lead providers, delivery partners and the partnerships schools make with them."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class LeadProvider(models.Model):
    name = models.CharField(max_length=255, unique=True)
    # NIoT lets schools order modules B-F; Best Practice Network runs a fixed order.
    # A year's programme content (programmes.models.content) decides this for that year;
    # the flag answers for years whose content the provider has not published yet.
    allows_module_sequence_choice = models.BooleanField(
        default=False,
        help_text="Schools may choose the order of the flexible modules.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DeliveryPartner(models.Model):
    name = models.CharField(max_length=255, unique=True)
    lead_providers = models.ManyToManyField(
        LeadProvider, related_name="delivery_partners", blank=True
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchoolPartnership(models.Model):
    """A school's partnership with a lead provider and delivery partner for one academic year."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="partnerships"
    )
    lead_provider = models.ForeignKey(
        LeadProvider, on_delete=models.PROTECT, related_name="partnerships"
    )
    delivery_partner = models.ForeignKey(
        DeliveryPartner, on_delete=models.PROTECT, related_name="partnerships"
    )
    academic_year = models.PositiveSmallIntegerField(
        help_text="The year it starts: 2026 for 2026 to 2027"
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lead provider confirmed the partnership"
    )
    declined_at = models.DateTimeField(
        null=True, blank=True, help_text="When the lead provider declined the partnership"
    )
    decline_reason = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The lead provider user who confirmed or declined it",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-academic_year", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "lead_provider", "delivery_partner", "academic_year"],
                name="school_partnership_unique_per_year",
            ),
            # The ECF reforms began in September 2021.
            models.CheckConstraint(
                condition=Q(academic_year__gte=2021), name="school_partnership_from_2021"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(declined_at__isnull=True),
                name="school_partnership_confirmed_or_declined_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} with {self.lead_provider} and {self.delivery_partner} ({self.academic_year})"

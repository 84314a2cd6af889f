"""Reads for lead providers: their participants at partnered schools."""

from participants.models import TrainingPeriod


def participants_of(lead_provider) -> list[TrainingPeriod]:
    """Current ECT and mentor training with the lead provider, one query."""
    return list(
        TrainingPeriod.objects.ongoing()
        .filter(school_partnership__lead_provider=lead_provider)
        .select_related(
            "ect_at_school_period__teacher",
            "ect_at_school_period__school",
            "mentor_at_school_period__teacher",
            "mentor_at_school_period__school",
            "school_partnership__delivery_partner",
        )
        .order_by("school_partnership__school__name", "started_on")
    )

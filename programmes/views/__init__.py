"""Views, one module per role: lead_provider, school (induction tutor), mentor, ect, trust."""

from programmes.views.lead_provider import LeadProviderHomeView

__all__ = ["LeadProviderHomeView"]

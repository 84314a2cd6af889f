from django.shortcuts import render
from django.views import View

from ecte.accounts.access import LeadProviderRequiredMixin
from programmes.selectors import participants_of


class LeadProviderHomeView(LeadProviderRequiredMixin, View):
    def get(self, request):
        lead_provider = self.role.lead_provider
        return render(
            request,
            "programmes/home.html",
            {"lead_provider": lead_provider, "participants": participants_of(lead_provider)},
        )

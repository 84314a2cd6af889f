"""A two-question journey used only by tests/test_wizard.py."""

from django import forms
from django.http import HttpResponse
from django.urls import include, path

from ecte.forms.fields import GovukDateField
from ecte.wizard import SummaryRow, WizardView


class NameForm(forms.Form):
    title = "What is their name?"
    name = forms.CharField(label="Name", error_messages={"required": "Enter their name"})


class StartForm(forms.Form):
    title = "When do they start?"
    started_on = GovukDateField(label="Start date")


DONE = []


class ExampleWizard(WizardView):
    steps = {"name": NameForm, "start": StartForm}
    title = "Example journey"
    url_name = "example"

    def summary_rows(self, cleaned):
        return [
            SummaryRow("Name", cleaned["name"]["name"], "name"),
            SummaryRow("Start date", str(cleaned["start"]["started_on"]), "start"),
        ]

    def done(self, cleaned, token):
        DONE.append((cleaned, token))
        self.store().clear()
        return HttpResponse("done")


urlpatterns = [
    path("example/<slug:step>/", ExampleWizard.as_view(), name="example"),
    path("", include("ecte.urls")),
]

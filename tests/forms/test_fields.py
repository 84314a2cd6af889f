"""Bad input gets a plain-English GOV.UK message, with what was typed kept."""

import datetime

import pytest
from django import forms

from ecte.forms.fields import GovukDateField, TRNField, URNField
from ecte.forms.govuk import error_summary_params, field_params


class ExampleForm(forms.Form):
    trn = TRNField()
    urn = URNField(label="School URN")
    date_of_birth = GovukDateField(label="Date of birth")
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


def bound(**data):
    defaults = {
        "trn": "1234567",
        "urn": "123456",
        "date_of_birth-day": "12",
        "date_of_birth-month": "4",
        "date_of_birth-year": "1998",
        "email": "ann@example.org",
    }
    return ExampleForm({**defaults, **data})


def test_valid_input_is_cleaned():
    form = bound(trn=" 123 4567 ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["trn"] == "1234567"
    assert form.cleaned_data["date_of_birth"] == datetime.date(1998, 4, 12)


@pytest.mark.parametrize("trn", ["123456", "12345678", "RP99/12345", "abcdefg"])
def test_malformed_trn_gets_a_govuk_message(trn):
    form = bound(trn=trn)
    assert not form.is_valid()
    assert form.errors["trn"] == ["Teacher reference number must be 7 digits, like 1234567"]


def test_missing_trn_gets_a_govuk_message():
    assert bound(trn="").errors["trn"] == ["Enter a teacher reference number (TRN)"]


@pytest.mark.parametrize("urn", ["12345", "1234567", "ABCDEF"])
def test_malformed_urn_gets_a_govuk_message(urn):
    assert bound(urn=urn).errors["urn"] == ["Unique reference number must be 6 digits, like 123456"]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date of birth"),
        ("31", "2", "1998", "Date of birth must be a real date"),
        ("12", "", "1998", "Date of birth must include a month"),
        ("", "", "1998", "Date of birth must include a day and month"),
        ("12", "4", "98", "Year must include 4 numbers"),
        ("twelve", "4", "1998", "Date of birth must be a real date"),
    ],
)
def test_bad_dates_get_govuk_messages(day, month, year, message):
    form = bound(
        **{"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year}
    )
    assert form.errors["date_of_birth"] == [message]


def test_malformed_email_gets_a_govuk_message():
    assert bound(email="ann@").errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]


def test_error_summary_links_to_the_first_input_of_each_field():
    form = bound(
        trn="1",
        **{"date_of_birth-day": "12", "date_of_birth-month": "", "date_of_birth-year": "1998"},
    )
    form.is_valid()
    summary = error_summary_params(form)
    assert summary["titleText"] == "There is a problem"
    assert [item["href"] for item in summary["errorList"]] == ["#id_trn", "#date_of_birth-month"]


def test_what_was_typed_is_kept_in_the_inputs():
    form = bound(
        trn="12ab",
        **{"date_of_birth-day": "31", "date_of_birth-month": "2", "date_of_birth-year": "1998"},
    )
    form.is_valid()
    trn = field_params(form["trn"])
    assert trn["component"] == "input"
    assert trn["params"]["value"] == "12ab"
    assert trn["params"]["id"] == "id_trn"
    assert trn["params"]["errorMessage"] == {
        "text": "Teacher reference number must be 7 digits, like 1234567"
    }
    date = field_params(form["date_of_birth"])
    assert date["component"] == "date"
    assert [item["value"] for item in date["params"]["items"]] == ["31", "2", "1998"]
    assert all("govuk-input--error" in item["classes"] for item in date["params"]["items"])
    assert [item["id"] for item in date["params"]["items"]] == [
        "date_of_birth-day",
        "date_of_birth-month",
        "date_of_birth-year",
    ]


def test_radios_are_rendered_with_the_first_item_carrying_the_field_id():
    class RoleForm(forms.Form):
        role = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    params = field_params(RoleForm({"role": "b"})["role"])
    assert params["component"] == "radios"
    assert params["params"]["items"][0]["id"] == "id_role"
    assert [item["checked"] for item in params["params"]["items"]] == [False, True]


def test_checkbox_fields_are_rendered_as_checkboxes_not_radios():
    class ElectivesForm(forms.Form):
        electives = forms.MultipleChoiceField(
            choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )

    params = field_params(ElectivesForm({"electives": ["a", "b"]})["electives"])
    assert params["component"] == "checkboxes"
    assert [item["checked"] for item in params["params"]["items"]] == [True, True]

from django import forms

from ecte.exports.models import ExportFormat


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label="Which format do you want?",
        choices=ExportFormat.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select CSV or Excel spreadsheet",
            "invalid_choice": "Select CSV or Excel spreadsheet",
        },
    )

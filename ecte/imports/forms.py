from django import forms

from ecte.exports.models import ExportFormat


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
    )


class ConfirmForm(forms.Form):
    note = forms.CharField(
        label="Why are you making this import?",
        help_text="This note is kept with the import and in the history.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a note saying why you are making this import"},
    )


class NationalExportForm(forms.Form):
    file_format = forms.ChoiceField(
        label="Format",
        choices=ExportFormat.choices,
        widget=forms.RadioSelect,
        initial=ExportFormat.CSV,
        error_messages={"required": "Select CSV or Excel spreadsheet"},
    )

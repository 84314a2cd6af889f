"""Form fields for the inputs GOV.UK services ask for: dates, TRNs, URNs."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError


class GovukDateInput(forms.Widget):
    """Three inputs named <name>-day, <name>-month and <name>-year."""

    template_name = ""  # rendered by the GOV.UK adapter, never by Django
    PARTS = ("day", "month", "year")

    def value_from_datadict(self, data, files, name):
        parts = {part: (data.get(f"{name}-{part}") or "").strip() for part in self.PARTS}
        if not any(parts.values()):
            return None
        return parts

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in self.PARTS)

    def parts_for(self, value, data, name) -> dict:
        if data is not None and not self.value_omitted_from_data(data, None, name):
            return {part: (data.get(f"{name}-{part}") or "") for part in self.PARTS}
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, dict):
            return {part: value.get(part, "") for part in self.PARTS}
        return {part: "" for part in self.PARTS}

    def first_invalid_part(self, data, name) -> str:
        for part in self.PARTS:
            if not (data.get(f"{name}-{part}") or "").strip().isdigit():
                return part
        return "day"


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = GovukDateInput

    def __init__(self, *, label: str, **kwargs):
        self.noun = label[0].lower() + label[1:] if label else "date"
        self.subject = label or "Date"
        kwargs.setdefault("error_messages", {"required": f"Enter the {self.noun}"})
        super().__init__(label=label, **kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.date):
            return value
        missing = [part for part in GovukDateInput.PARTS if not value.get(part)]
        if len(missing) == 3:
            return None
        if missing:
            raise ValidationError(f"{self.subject} must include a {' and '.join(missing)}")
        try:
            day, month, year = (int(value[part]) for part in GovukDateInput.PARTS)
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date") from None
        if year < 1000 or year > 9999:
            raise ValidationError("Year must include 4 numbers")
        try:
            return datetime.date(year, month, day)
        except (ValueError, OverflowError):  # a day or month past the C int range overflows
            raise ValidationError(f"{self.subject} must be a real date") from None


_NOT_DIGITS = re.compile(r"[\s-]")


class TRNField(forms.CharField):
    """A teacher reference number: 7 digits (spaces and dashes are ignored)."""

    default_error_messages = {
        "required": "Enter a teacher reference number (TRN)",
        "invalid": "Teacher reference number must be 7 digits, like 1234567",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Teacher reference number (TRN)")
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        digits = _NOT_DIGITS.sub("", value)
        if not re.fullmatch(r"\d{7}", digits):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return digits


class URNField(forms.CharField):
    """A unique reference number for a school: 6 digits."""

    default_error_messages = {
        "required": "Enter a unique reference number (URN)",
        "invalid": "Unique reference number must be 6 digits, like 123456",
    }

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        digits = _NOT_DIGITS.sub("", value)
        if not re.fullmatch(r"\d{6}", digits):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return digits

"""How dates, times and terms read on every page (GOV.UK style: 5 January 2027)."""

import datetime
from decimal import Decimal

from django.utils import timezone


def format_date(value: datetime.date | None, empty: str = "Not set") -> str:
    if value is None:
        return empty
    return f"{value.day} {value:%B %Y}"


def format_datetime(value: datetime.datetime | None, empty: str = "Not set") -> str:
    if value is None:
        return empty
    local = timezone.localtime(value)
    hour = local.strftime("%I").lstrip("0") or "12"
    return f"{format_date(local.date())} at {hour}:{local:%M}{local:%p}".replace(
        "AM", "am"
    ).replace("PM", "pm")


def format_terms(value: Decimal | int | float | None) -> str:
    """1 -> '1 term', 1.5 -> '1.5 terms', 2.25 -> '2.25 terms'."""
    if value is None:
        return "Not recorded"
    number = Decimal(value).normalize()
    text = f"{number:f}"
    return f"{text} term" if number == 1 else f"{text} terms"

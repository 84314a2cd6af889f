"""What is due this week for mentor drop-ins and meetings, as text and tags (rules 18-20)."""

import datetime

from ecte.formatting import format_date


def _friday_of(window) -> "object":
    """The last school day of a window: its Friday, or the day the half-term ends."""
    day = window.ends_on
    while day.weekday() > 4:
        day -= datetime.timedelta(days=1)
    return day


def _period_text(window) -> str:
    if (window.ends_on - window.starts_on).days <= 7:
        return f"the week of {format_date(window.starts_on)}"
    return f"{format_date(window.starts_on)} to {format_date(_friday_of(window))}"


def due_text(due, noun: str) -> dict:
    """What is due this week for one kind of log: {"text", "tag"} for a GOV.UK tag."""
    if due.current is None:
        return {"text": f"No {noun} due: it is a school holiday", "tag": None}
    focus = f" ({_focus_label(due.current.focus)})" if due.current.focus else ""
    if due.met_now:
        return {
            "text": f"Logged on {format_date(due.met_now)}{focus}",
            "tag": {"text": "Done", "classes": "govuk-tag--green"},
        }
    return {
        "text": f"Due by {format_date(_friday_of(due.current))}{focus}",
        "tag": {"text": "Due", "classes": "govuk-tag--blue"},
    }


def overdue_text(due, noun: str) -> str:
    if not due.overdue:
        return ""
    return f"No {noun} logged for {_period_text(due.last_missed)}"


def _focus_label(focus) -> str:
    return f"meeting {focus.number}: {focus.title}"


def held_text(due, noun_plural: str) -> str:
    return f"{due.held} of {due.expected} {noun_plural} held so far"

"""The kinds of notification, what users call them, and which can be turned off.

Statutory notifications (the induction regulations' and guidance's deadlines) are
always sent. The others can be turned off for a term from a link in each email.
Other apps may use kinds not listed here: those are statutory (never turned off).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str  # completes "Stop ... until the end of term"
    statutory: bool


KINDS = {
    kind.slug: kind
    for kind in [
        Kind("ect_without_mentor", "reminders to assign a mentor", True),
        Kind("ect_not_claimed", "reminders about ECTs not yet claimed", True),
        Kind("release_request_unanswered", "reminders about release requests", True),
        Kind("progress_review_due", "reminders about progress reviews", True),
        Kind("assessment_report_due", "reminders about assessment reports", True),
        Kind("decision_due", "reminders about induction decisions", True),
        Kind("start_of_term_check", "start of term reminders to check and report changes", False),
        Kind("module_sequence_not_confirmed", "reminders to confirm the module sequence", False),
        Kind("mentor_meetings_missed", "reminders about missed mentor meetings", False),
        Kind("engagement_below_expected", "reminders about engagement", False),
        Kind("export_ready", "emails when an export is ready", False),
    ]
}


def get_kind(slug: str) -> Kind:
    return KINDS.get(slug) or Kind(slug, "these notifications", True)

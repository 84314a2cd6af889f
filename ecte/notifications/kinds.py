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
        # Notices the induction rules require (Reg 11 and the statutory guidance).
        Kind("outcome_notice", "notices of induction outcomes", True),
        Kind("extension_notice", "notices of extensions", True),
        Kind("release_request", "notices of release requests", True),
        Kind("release_request_answered", "notices of answers to release requests", True),
        Kind("review_received", "notices of reviews and assessments received", True),
        Kind("absence_alert", "notices of 30 days of absence", True),
        # Registrations and changes, to the people and organisations they concern.
        Kind("ect_registered", "notices of ECT registrations", True),
        Kind("mentor_registered", "notices of mentor registrations", True),
        Kind("ect_changed", "notices of changes to ECTs' details", True),
    ]
}


def get_kind(slug: str) -> Kind:
    return KINDS.get(slug) or Kind(slug, "these notifications", True)

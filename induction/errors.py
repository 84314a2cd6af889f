"""Messages shown when an induction rule stops a change. Tests assert these exact words."""

NO_QTS = "This teacher does not have qualified teacher status (QTS) yet, so induction cannot start"
STARTS_BEFORE_QTS = "Induction cannot start before the teacher was awarded QTS on {qts:%-d %B %Y}"
ALREADY_PASSED = "This teacher has already passed induction. A teacher can only do induction once"
ALREADY_FAILED = "This teacher has failed induction. A teacher can only do induction once"
EXEMPT = "This teacher is exempt from induction, so they do not need to do it"
ALREADY_CLAIMED_BY_YOU = "You already hold this teacher's induction"
HELD_BY_ANOTHER = (
    "{name} holds this teacher's induction. They must release the teacher before you can claim them"
)
STARTS_BEFORE_PREVIOUS_END = (
    "Induction must start after the teacher's previous induction period ended on {end:%-d %B %Y}"
)
ALREADY_CLOSED = "This induction period has already ended"
ENDS_BEFORE_START = "The end date must be on or after the start date, {start:%-d %B %Y}"
TERMS_OUT_OF_RANGE = "Number of terms must be between 0 and 16"
TERMS_TOO_PRECISE = "Number of terms can have up to 2 decimal places, like 1.25"
OUTCOME_NOT_ON_LATEST = "An outcome can only be recorded on the teacher's latest induction period"
OUTCOME_ALREADY_RECORDED = (
    "An outcome has already been recorded for this teacher. To change it, make a correction"
)
APPEAL_NOTICE_REQUIRED = "Enter the date the teacher was told in writing of their right to appeal"
EXTENSION_OUT_OF_RANGE = "An extension must be more than 0 and at most 16 terms"
EXTENSION_AFTER_OUTCOME = "Induction cannot be extended after an outcome has been recorded"
HUB_EMPLOYS_ECT = "A teaching school hub cannot be the appropriate body for an ECT employed by its own lead school"
EXTENSION_NOT_YOURS = (
    "Only the appropriate body holding this teacher's latest induction period can extend it"
)

"""Messages shown when an induction rule stops a change. Tests assert these exact words."""


class InductionError(Exception):
    """A change the statutory rules do not allow; the message is for the user."""


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
PROGRAMME_UNKNOWN = "Select provider-led or school-led"
NOT_YOUR_PERIOD = "Only the appropriate body holding this induction period can change it"
APPEAL_NOTICE_BEFORE_START = (
    "The date the teacher was told of their right to appeal must be on or after the induction "
    "started, {start:%-d %B %Y}"
)

# Reductions (Reg 7(3), SG 3.2-3.5)
REDUCTION_OUT_OF_RANGE = "A reduced induction must be at least 1 term and less than 6 terms"
REDUCTION_CONSENT_REQUIRED = "Enter the date the teacher agreed to the reduction"
REDUCTION_REASON_REQUIRED = "Enter why the induction is being reduced"
REDUCTION_ALREADY_RECORDED = (
    "This teacher's induction has already been reduced. Contact DfE to change a reduction"
)
REDUCTION_NOT_YOURS = (
    "Only the appropriate body holding this teacher's induction can reduce it, "
    "before an outcome is recorded"
)

# Corrections (rule 13)
CORRECTION_REASON_REQUIRED = "Enter why you are making this correction"
CORRECTION_CHANGES_NOTHING = "The correction does not change anything. Change at least one answer"
CORRECTION_NOT_YOURS = "You can only correct induction periods your appropriate body holds or held"
TERMS_WITHOUT_END = "Leave the number of terms empty while the induction period is ongoing"
TERMS_REQUIRED_WHEN_ENDED = "Enter the number of terms served in this induction period"
OUTCOME_NEEDS_END = "Enter an end date: an outcome can only be recorded on a period that has ended"
PERIODS_OVERLAP = "The dates overlap another of this teacher's induction periods"
ANOTHER_PERIOD_OPEN = "This teacher already has an ongoing induction period"
OUTCOME_UNKNOWN = "Select passed, failed or no outcome"
OUTCOME_ON_ANOTHER_PERIOD = "An outcome is already recorded on another of this teacher's periods"

# Release requests (rule 14)
NOT_HELD = "No appropriate body holds this teacher's induction, so you can claim them"
REQUEST_TO_YOURSELF = (
    "You hold this teacher's induction, so you cannot ask yourself to release them"
)
ALREADY_REQUESTED = "You have already asked {name} to release this teacher"
REQUEST_ANSWERED = "This release request has already been answered"
REQUEST_NOT_YOURS = "Only the appropriate body holding this teacher's induction can answer this"
DECLINE_REASON_REQUIRED = "Enter why you are declining to release this teacher"

# Reviews and assessments (rules 8-11)
NOT_SENT_TO_YOU = "This was not sent to your appropriate body"
NOT_INDUCTION_TUTOR = (
    "Only the ECT's induction tutor or headteacher can record this, never the mentor alone"
)
HEADTEACHER_ONLY = "Only the headteacher can do this"
ALREADY_SIGNED_OFF = "The headteacher has already signed off this assessment"
NOT_SIGNED_OFF = (
    "The headteacher must sign off the assessment before it is sent to the appropriate body"
)
ALREADY_SENT = "This assessment has already been sent to the appropriate body"
MEETING_BEFORE_START = (
    "The meeting must be on or after the day the ECT started at the school, {start:%-d %B %Y}"
)
MEETING_IN_FUTURE = "The meeting date must be today or in the past"
TERM_NUMBER_OUT_OF_RANGE = "The term of induction must be between 1 and 32"
RECOMMENDATION_REQUIRED = "Select the headteacher's recommendation"
COMPLETED_ON_REQUIRED = "Enter the date the ECT completed their induction period"
INTERIM_DETAILS_REQUIRED = "Enter the terms served and the days absent since the last assessment"
NO_APPROPRIATE_BODY = (
    "No appropriate body holds or was chosen for this ECT, so there is nobody to send this to"
)
SUPPORT_PLAN_INCOMPLETE = (
    "Enter the areas for improvement, the objectives and the support before approving the plan"
)
SUPPORT_PLAN_APPROVED = "This support plan has been approved and shared, so it cannot be changed"
ABSENCE_DAYS_OUT_OF_RANGE = "Days absent must be a whole number between 1 and 366"
EXTENSION_REQUEST_ONLY_FOR_FAMILY_LEAVE = (
    "Only statutory family leave is added to induction when the ECT asks"
)
ABSENCE_BEFORE_START = (
    "The absence must start on or after the day the ECT started at the school, {start:%-d %B %Y}"
)
REVIEW_TEXT_REQUIRED = "Enter the evidence, the areas to develop and the next steps"
ASSESSMENT_KIND_UNKNOWN = "Select a formal, final or interim assessment"
ABSENCE_KIND_UNKNOWN = "Select absence or statutory family leave"

# Corrections of extensions and reductions (rule 13)
EXTENSION_CORRECTION_NOT_YOURS = "You can only correct extensions your appropriate body decided"
REDUCTION_CORRECTION_NOT_YOURS = "You can only correct reductions your appropriate body agreed"

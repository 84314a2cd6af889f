"""Messages shown when a programme rule stops a change. Tests assert these exact words.

Messages with {placeholders} are formatted with the names and dates of the case at hand.
"""


class ProgrammeError(Exception):
    """A change the programme rules do not allow; the message is for the user."""


# Module sequence (rules 23-25)
SEQUENCE_NOT_FLEXIBLE = (
    "{provider} runs its modules in a fixed order, so there is no sequence to choose"
)
SEQUENCE_NO_PROGRAMME = "{provider} has not published its programme for {year} yet"
SEQUENCE_LOCKED = (
    "The module sequence for {year} was locked at the end of Autumn half-term 1 "
    "on {deadline}. It cannot be changed this year"
)
SEQUENCE_SET_BY_TRUST = (
    "{trust} has set the module sequence for its schools. Only the trust can change it"
)
SEQUENCE_FIXED_MODULE_MOVED = "{module} must stay in {place}"
SEQUENCE_MODULE_MISSING = "Choose a module for {place}"
SEQUENCE_MODULE_TWICE = "{module} is already in {place}. Choose each module once"
SEQUENCE_UNKNOWN_MODULE = "Choose a module from the list for {place}"
SEQUENCE_NOT_A_TRUST_SCHOOL = "This school is not one of the trust's schools"

# Mentoring logs (rules 18-19; issue 5, items 6-7)
NOT_MENTORING_NOW = "You are not {ect}'s mentor now"
LOG_DATE_IN_FUTURE = "The date must be today or in the past"
LOG_DATE_BEFORE_MENTORING = "The date must be on or after {date}, when you started mentoring {ect}"
DROP_IN_TOO_LONG = "A lesson drop-in lasts at most {minutes} minutes"
DROP_IN_NO_MINUTES = "Enter how many minutes the drop-in lasted, from 1"
MEETING_NO_MINUTES = "Enter how many minutes the meeting lasted, from 1"
FOCUS_ACTION_NOT_CURRENT = "Choose one of {ect}'s current actions, or none"
SIX_STEP_MISSING = "Enter what you did for each step: {steps}"
PRECISE_ACTION_MISSING = "Set at least one precise action"
FOLLOW_UP_BEFORE_MEETING = "The follow-up must be on or after the day of the meeting"
FOCUS_MISSING = "Choose the meeting focus"
NOTES_MISSING = "Enter notes from the meeting"
REVIEW_NOT_CURRENT = "You can only review {ect}'s current actions"
NOT_YOUR_LOG = "You can only change logs you wrote"
EDIT_WINDOW_CLOSED = "You can only change a log in the 7 days after you wrote it"

# Self-study, electives and focus areas (rule 28)
STUDY_NOT_IN_PROGRAMME = "This is not part of your programme this year"
STUDY_CHOOSE_FIRST = "Choose this {kind} before you mark it as done"
STUDY_DATE_IN_FUTURE = "The date you finished must be today or in the past"
STUDY_RECORDED_BY_PROVIDER = "Your lead provider recorded this as done, so only they can change it"
CHOICES_TOO_FEW = "Choose at least {count} {kind} for {module}"
CHOICES_TOO_MANY = "Choose no more than {count} {kind} for {module}"
CHOICE_EXACTLY_ONE = "Choose one {kind} for {module}"
CHOICE_COMPLETED_KEPT = "You have completed {title}, so you cannot remove it"
CHOICE_NOT_IN_MODULE = "Choose from the {kind} of {module}"

# Lead providers: partnerships, registers, uploads (issue 5, item 10)
PARTNERSHIP_ALREADY_CONFIRMED = "You have already confirmed this partnership"
PARTNERSHIP_ALREADY_DECLINED = "You have already declined this partnership"
DECLINE_REASON_MISSING = "Enter why you are declining the partnership"
REGISTER_NOT_A_PARTICIPANT = (
    "Everyone on a register must be one of your participants on this session"
)

"""Messages shown when a participant rule stops a change. Tests assert these exact words."""

PART_TIME_FTE = "Part-time hours must be more than 0 and less than 1 full-time equivalent, like 0.5"
ECT_PERIOD_OVERLAPS = "This ECT is already registered at a school for some of these dates"
MENTOR_PERIOD_OVERLAPS = "This mentor is already registered at this school for some of these dates"
ALREADY_FINISHED = "This has already ended"
FINISHES_BEFORE_START = "The leaving date must be on or after the start date"
MENTOR_IS_ECT = "A mentor cannot mentor themselves"
MENTOR_AT_OTHER_SCHOOL = "The mentor must be registered at the ECT's school"
MENTORSHIP_STARTS_TOO_EARLY = "The new mentor must start after the current mentor started"
PROVIDER_LED_NEEDS_PARTNERSHIP = "Provider-led training needs a lead provider and delivery partner"

# Registering an ECT or a mentor: the teacher record register lookup.
NOT_FOUND = "We could not find a teacher with this teacher reference number (TRN) and date of birth"
ALREADY_PASSED = "{name} has already passed induction. A teacher can only do induction once"
ALREADY_FAILED = "{name} has failed induction. A teacher can only do induction once"
EXEMPT = "{name} is exempt from induction, so they do not need to do it"
ALREADY_REGISTERED_HERE = "{name} is already registered as an ECT at your school"
ALREADY_MENTOR_HERE = "{name} is already registered as a mentor at your school"
CANNOT_MENTOR_THEMSELVES = "{name} is the ECT, and a mentor cannot mentor themselves"
REGISTERED_ELSEWHERE_MEANWHILE = (
    "{name} has just been registered at {school}. Start again to register them as a transfer"
)

# The questions of the registration journeys.
EMAIL_IN_USE = (
    "This email address is already used by another ECT or mentor. Enter a different email address"
)
START_BEFORE_2021 = "Start date must be on or after 1 September 2021"
START_TOO_FAR_AHEAD = "Start date must be no more than 4 months from today, on or before {latest}"
START_NOT_AFTER_PREVIOUS_SCHOOL = "Start date must be after they started at {school} on {started}"
START_NOT_AFTER_LEAVING_PREVIOUS_SCHOOL = (
    "Start date must be after they left {school} on {finished}"
)
APPROPRIATE_BODY_NOT_ALLOWED = "Select an appropriate body your school can use"
PARTNERSHIP_NOT_THIS_SCHOOLS = "Select a lead provider your school is in partnership with"

# Mentors.
INDUCTION_TUTOR_REASON_NEEDED = "Enter why the induction tutor will also be this ECT's mentor"
MENTOR_NOT_STARTED_YET = "The mentor must have started at the school by {started}"

# Leaving and changes.
LEAVING_TOO_FAR_AHEAD = (
    "The leaving date must be no more than 4 months from today, on or before {latest}"
)
NOTHING_CHANGED = "This is the same as before. Change it, or go back"

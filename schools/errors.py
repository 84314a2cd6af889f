"""Messages shown when a school's choices break a rule. Tests assert these exact words."""

APPROPRIATE_BODY_NOT_ALLOWED = "Select an appropriate body your school can use"
PARTNERSHIP_NEEDED = "Select a lead provider and delivery partner"
PARTNERSHIP_NOT_THIS_SCHOOLS = "Select a lead provider your school is in partnership with"
YEAR_TOO_EARLY = "Choices can only be made for 2021 to 2022 or later"
NO_CHOICES_LAST_YEAR = "Your school made no choices last year that can be used this year"

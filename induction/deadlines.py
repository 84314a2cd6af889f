"""Statutory deadlines in working days, and whether each was met (rule 9).

Working days exclude weekends and England and Wales bank holidays; the
arithmetic is `ecte.calendar.dates.add_working_days`, the service's one source.
"""

import datetime
from dataclasses import dataclass

from ecte.calendar.dates import add_working_days, today

# SG 2.61: the school sends each assessment report within 10 working days of the meeting.
REPORT_WORKING_DAYS = 10
# Reg 11: the headteacher's recommendation within 10 working days of completing induction,
# the appropriate body's decision within 20 of receiving it, and notice within 3 of deciding.
RECOMMENDATION_WORKING_DAYS = 10
DECISION_WORKING_DAYS = 20
NOTICE_WORKING_DAYS = 3
# SG 2.70: an ECT may appeal within 20 working days of being told of the decision in writing.
APPEAL_WORKING_DAYS = 20


@dataclass(frozen=True)
class Deadline:
    """Something due by a date; `done_on` is when it was done, if it has been."""

    label: str
    due_on: datetime.date
    done_on: datetime.date | None = None

    @property
    def status(self) -> str:
        if self.done_on is not None:
            return "Met" if self.done_on <= self.due_on else "Late"
        return "Overdue" if today() > self.due_on else "Due"

    @property
    def colour(self) -> str:
        return {"Met": "green", "Late": "red", "Overdue": "red", "Due": "blue"}[self.status]

    @property
    def is_overdue(self) -> bool:
        return self.status == "Overdue"


def report_deadline(meeting_on: datetime.date, sent_on: datetime.date | None) -> Deadline:
    return Deadline(
        "Report sent to the appropriate body",
        add_working_days(meeting_on, REPORT_WORKING_DAYS),
        sent_on,
    )


def recommendation_deadline(completed_on: datetime.date, sent_on: datetime.date | None) -> Deadline:
    return Deadline(
        "Headteacher's recommendation sent",
        add_working_days(completed_on, RECOMMENDATION_WORKING_DAYS),
        sent_on,
    )


def decision_deadline(received_on: datetime.date, decided_on: datetime.date | None) -> Deadline:
    return Deadline(
        "Appropriate body's decision",
        add_working_days(received_on, DECISION_WORKING_DAYS),
        decided_on,
    )


def notice_deadline(decided_on: datetime.date, told_on: datetime.date | None) -> Deadline:
    return Deadline(
        "ECT, headteacher and employer told",
        add_working_days(decided_on, NOTICE_WORKING_DAYS),
        told_on,
    )


def appeal_deadline(told_on: datetime.date) -> datetime.date:
    """The last day the ECT can tell the Teaching Regulation Agency they wish to appeal."""
    return add_working_days(told_on, APPEAL_WORKING_DAYS)

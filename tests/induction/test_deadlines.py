"""Rule 9: statutory deadlines count working days, which skip weekends and England and Wales
bank holidays, across year ends too; each deadline says whether it was met."""

import datetime

import pytest

from induction import deadlines
from induction.deadlines import (
    appeal_deadline,
    decision_deadline,
    notice_deadline,
    recommendation_deadline,
    report_deadline,
)

d = datetime.date


def test_a_report_is_due_10_working_days_after_the_meeting_skipping_christmas():
    """Friday 11 December 2026: Christmas Day (Friday) and Boxing Day's substitute (Monday 28)
    are not working days."""
    assert report_deadline(d(2026, 12, 11), None).due_on == d(2026, 12, 29)


def test_the_decision_is_due_20_working_days_after_receipt_skipping_easter():
    """Good Friday 26 March and Easter Monday 29 March 2027 push the deadline two days."""
    assert decision_deadline(d(2027, 3, 22), None).due_on == d(2027, 4, 21)


def test_notice_is_due_3_working_days_after_the_decision_across_the_year_end():
    assert notice_deadline(d(2026, 12, 31), None).due_on == d(2027, 1, 6)  # 1 January is a holiday
    assert notice_deadline(d(2026, 12, 23), None).due_on == d(2026, 12, 30)


def test_the_early_may_bank_holiday_is_not_a_working_day():
    assert notice_deadline(d(2027, 4, 30), None).due_on == d(2027, 5, 6)


def test_the_recommendation_is_due_10_working_days_after_completion_in_the_summer_holiday():
    # School holidays are working days: only weekends and bank holidays are skipped.
    assert recommendation_deadline(d(2027, 7, 16), None).due_on == d(2027, 7, 30)


def test_the_appeal_deadline_is_20_working_days_after_the_ect_was_told():
    assert appeal_deadline(d(2027, 7, 19)) == d(2027, 8, 16)


@pytest.mark.parametrize(
    ("sent_on", "status"),
    [(d(2026, 12, 29), "Met"), (d(2026, 12, 14), "Met"), (d(2026, 12, 30), "Late")],
)
def test_a_deadline_done_on_or_before_its_day_is_met_and_after_it_late(sent_on, status):
    assert report_deadline(d(2026, 12, 11), sent_on).status == status


def test_a_deadline_not_done_is_due_until_its_day_and_overdue_after(monkeypatch):
    deadline = report_deadline(d(2026, 12, 11), None)
    monkeypatch.setattr(deadlines, "today", lambda: d(2026, 12, 29))
    assert deadline.status == "Due"
    monkeypatch.setattr(deadlines, "today", lambda: d(2026, 12, 30))
    assert deadline.status == "Overdue"
    assert deadline.is_overdue

"""Rule 21: training and non-training mentors, and mentor training funded once, for one year."""

import pytest

from participants.mentor_training import mentor_training_status
from participants.models import TeacherRecord


def record(ecf=0, ectp=0, funded_in=None) -> TeacherRecord:
    return TeacherRecord(
        mentor_ecf_terms_completed=ecf,
        mentor_ectp_terms_completed=ectp,
        mentor_training_funded_in=funded_in,
    )


def test_a_mentor_with_no_mentor_training_is_a_funded_training_mentor():
    status = mentor_training_status(record(), 2026)
    assert status.label == "Training mentor"
    assert status.reason == (
        "They have not completed 6 terms of an ECF mentor programme "
        "or 3 terms of an ECTP mentor programme"
    )
    assert status.is_funded
    assert status.funding_reason == "Their training is funded for 2026 to 2027"


def test_a_mentor_with_6_terms_of_an_ecf_programme_is_a_non_training_mentor():
    status = mentor_training_status(record(ecf=6), 2026)
    assert status.label == "Non-training mentor"
    assert status.reason == "They have completed 6 terms of an ECF mentor programme"
    assert not status.is_funded


def test_a_mentor_with_3_terms_of_an_ectp_programme_is_a_non_training_mentor():
    status = mentor_training_status(record(ectp=3), 2026)
    assert not status.is_training_mentor
    assert status.reason == "They have completed 3 terms of an ECTP mentor programme"


@pytest.mark.parametrize(("ecf", "ectp"), [(5, 0), (0, 2), (5, 2)])
def test_a_mentor_short_of_either_programme_still_trains(ecf, ectp):
    status = mentor_training_status(record(ecf=ecf, ectp=ectp), 2026)
    assert status.is_training_mentor
    assert "(they have completed" in status.reason


def test_mentor_training_is_funded_once_for_one_year():
    assert mentor_training_status(record(funded_in=2026), 2026).is_funded
    status = mentor_training_status(record(funded_in=2025), 2026)
    assert status.is_training_mentor
    assert not status.is_funded
    assert status.funding_reason == (
        "Their training was funded in 2025 to 2026. Mentor training is funded once, for one year"
    )

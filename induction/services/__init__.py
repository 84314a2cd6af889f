"""Every change the induction app makes, one function per business action.

Periods (claim, release, outcomes, extension, reduction, corrections) are in
`periods`; release requests between appropriate bodies in `release_requests`;
the school's progress reviews, assessments, support plans and absence in
`reviews`; bulk CSV uploads in `bulk`.
"""

from induction.errors import InductionError
from induction.services.periods import (
    check_can_start_induction,
    claim_ect,
    correct_induction_period,
    extend_induction,
    record_fail,
    record_pass,
    reduce_induction,
    release_ect,
)
from induction.services.release_requests import decline_release_request, request_release
from induction.services.reviews import (
    approve_support_plan,
    mark_received_as_read,
    record_absence,
    record_assessment,
    record_progress_review,
    send_assessment,
    sign_off_assessment,
    update_support_plan,
)

__all__ = [
    "InductionError",
    "approve_support_plan",
    "mark_received_as_read",
    "record_absence",
    "record_assessment",
    "record_progress_review",
    "send_assessment",
    "sign_off_assessment",
    "update_support_plan",
    "check_can_start_induction",
    "claim_ect",
    "correct_induction_period",
    "decline_release_request",
    "extend_induction",
    "record_fail",
    "record_pass",
    "reduce_induction",
    "release_ect",
    "request_release",
]

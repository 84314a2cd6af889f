"""Corrections of extensions and reductions (rule 13): like a period's correction, an explicit
action by the appropriate body that recorded them, with a reason, kept in the teacher's
history with the values before and after. Another body's are read-only."""

import datetime
from decimal import Decimal

from django.db import transaction

from ecte.events.record import Actor, record_event
from induction import errors
from induction.errors import InductionError
from induction.models import FULL_INDUCTION_TERMS, MAX_TERMS, AppropriateBody, Extension, Reduction
from participants.models import Teacher


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InductionError(errors.CORRECTION_REASON_REQUIRED)
    return reason


def _check_precision(number: Decimal) -> None:
    if number != round(number, 2):
        raise InductionError(errors.TERMS_TOO_PRECISE)


@transaction.atomic
def correct_extension(
    *,
    extension: Extension,
    appropriate_body: AppropriateBody,
    number_of_terms: Decimal,
    reason: str,
    by: Actor,
) -> Extension:
    """Correct the number of terms of an extension this body decided (Reg 11(5), SG 3.8)."""
    Teacher.objects.select_for_update().get(pk=extension.teacher_id)
    extension = Extension.objects.select_related("teacher").get(pk=extension.pk)
    if extension.appropriate_body_id != appropriate_body.pk:
        raise InductionError(errors.EXTENSION_CORRECTION_NOT_YOURS)
    reason = _check_reason(reason)
    if number_of_terms is None or not (0 < number_of_terms <= MAX_TERMS):
        raise InductionError(errors.EXTENSION_OUT_OF_RANGE)
    _check_precision(number_of_terms)
    before = extension.number_of_terms
    if number_of_terms == before:
        raise InductionError(errors.CORRECTION_CHANGES_NOTHING)
    extension.number_of_terms = number_of_terms
    extension.save(update_fields=["number_of_terms"])
    record_event(
        event_type="induction_extension_corrected",
        heading=(f"{appropriate_body.name} corrected {extension.teacher.full_name}'s extension"),
        body=reason,
        by=by,
        teacher=extension.teacher,
        appropriate_body=appropriate_body,
        before={"extension_terms": before},
        after={"extension_terms": number_of_terms},
    )
    return extension


@transaction.atomic
def correct_reduction(
    *,
    reduction: Reduction,
    appropriate_body: AppropriateBody,
    terms_required: Decimal,
    teacher_consented_on: datetime.date | None,
    reason: str,
    by: Actor,
) -> Reduction:
    """Correct the terms required or the date the teacher agreed to a reduction this body
    recorded: still at least one term and less than six, still with the teacher's consent
    (Reg 7(3), SG 3.2-3.4)."""
    Teacher.objects.select_for_update().get(pk=reduction.teacher_id)
    reduction = Reduction.objects.select_related("teacher").get(pk=reduction.pk)
    if reduction.appropriate_body_id != appropriate_body.pk:
        raise InductionError(errors.REDUCTION_CORRECTION_NOT_YOURS)
    reason = _check_reason(reason)
    if terms_required is None or not (Decimal("1") <= terms_required < FULL_INDUCTION_TERMS):
        raise InductionError(errors.REDUCTION_OUT_OF_RANGE)
    _check_precision(terms_required)
    if teacher_consented_on is None:
        raise InductionError(errors.REDUCTION_CONSENT_REQUIRED)
    before = {
        "terms_required": reduction.terms_required,
        "teacher_consented_on": reduction.teacher_consented_on,
    }
    after = {"terms_required": terms_required, "teacher_consented_on": teacher_consented_on}
    changed = {name: value for name, value in after.items() if value != before[name]}
    if not changed:
        raise InductionError(errors.CORRECTION_CHANGES_NOTHING)
    for name, value in changed.items():
        setattr(reduction, name, value)
    reduction.save(update_fields=list(changed))
    record_event(
        event_type="induction_reduction_corrected",
        heading=f"{appropriate_body.name} corrected {reduction.teacher.full_name}'s reduction",
        body=reason,
        by=by,
        teacher=reduction.teacher,
        appropriate_body=appropriate_body,
        before={name: before[name] for name in changed},
        after=changed,
    )
    return reduction

"""A lead provider's changes: answering a school's partnership, recording seminar registers
and self-study completions (issue 5, item 10). Engagement only: never meeting content."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ecte.accounts.models import Membership, Role
from ecte.calendar import dates
from ecte.events.record import Actor, record_event
from programmes import errors
from programmes.errors import ProgrammeError
from programmes.models import (
    CompletionSource,
    SchoolPartnership,
    Session,
    SessionAttendance,
    StudyKind,
    StudyRecord,
)


def _tell_school(partnership: SchoolPartnership, subject: str, body: str) -> None:
    """Email the school's induction tutors once the change has committed."""
    recipients = sorted(
        Membership.objects.active()
        .filter(role=Role.INDUCTION_TUTOR, school=partnership.school)
        .values_list("user__email", flat=True)
    )
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                subject=f"{settings.SERVICE_NAME}: {subject}",
                message=body,
                from_email=None,
                recipient_list=recipients,
            )
        )


def _locked(partnership: SchoolPartnership) -> SchoolPartnership:
    partnership = (
        SchoolPartnership.objects.select_for_update(of=("self",))
        .select_related("school", "lead_provider", "delivery_partner")
        .get(pk=partnership.pk)
    )
    if partnership.confirmed_at is not None:
        raise ProgrammeError(errors.PARTNERSHIP_ALREADY_CONFIRMED)
    if partnership.declined_at is not None:
        raise ProgrammeError(errors.PARTNERSHIP_ALREADY_DECLINED)
    return partnership


@transaction.atomic
def partnership_confirm(*, partnership: SchoolPartnership, by: Actor) -> SchoolPartnership:
    """The lead provider confirms it will train the school's ECTs and mentors this year; the
    school's induction tutors are told."""
    partnership = _locked(partnership)
    partnership.confirmed_at = timezone.now()
    partnership.responded_by = by.user
    partnership.save(update_fields=["confirmed_at", "responded_by"])
    year = dates.academic_year_label(partnership.academic_year)
    record_event(
        event_type="partnership_confirmed",
        heading=f"{partnership.lead_provider.name} confirmed its partnership with "
        f"{partnership.school.name} for {year}",
        by=by,
        school=partnership.school,
        lead_provider=partnership.lead_provider,
    )
    _tell_school(
        partnership,
        f"{partnership.lead_provider.name} confirmed your partnership",
        f"{partnership.lead_provider.name} confirmed that it will train your ECTs and mentors "
        f"in {year}, with {partnership.delivery_partner.name} as delivery partner.",
    )
    return partnership


@transaction.atomic
def partnership_decline(
    *, partnership: SchoolPartnership, reason: str, by: Actor
) -> SchoolPartnership:
    """The lead provider declines; the school's induction tutors are told why, so they can
    choose another provider."""
    reason = (reason or "").strip()
    if not reason:
        raise ProgrammeError(errors.DECLINE_REASON_MISSING)
    partnership = _locked(partnership)
    partnership.declined_at = timezone.now()
    partnership.decline_reason = reason
    partnership.responded_by = by.user
    partnership.save(update_fields=["declined_at", "decline_reason", "responded_by"])
    year = dates.academic_year_label(partnership.academic_year)
    record_event(
        event_type="partnership_declined",
        heading=f"{partnership.lead_provider.name} declined a partnership with "
        f"{partnership.school.name} for {year}",
        body=reason,
        by=by,
        school=partnership.school,
        lead_provider=partnership.lead_provider,
    )
    _tell_school(
        partnership,
        f"{partnership.lead_provider.name} declined your partnership",
        f"{partnership.lead_provider.name} cannot train your ECTs and mentors in {year}.\n\n"
        f"Their reason: {reason}\n\nChoose another lead provider for {year}.",
    )
    return partnership


@transaction.atomic
def register_record(
    *,
    session: Session,
    listed: list,
    attended: list,
    allowed: list,
    by: Actor,
) -> int:
    """Record a session's register: each listed participant attended or was absent. `allowed`
    is the provider's participants for the session (its scoped read); anyone else is refused."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    allowed_ids = {teacher.pk for teacher in allowed}
    if any(t.pk not in allowed_ids for t in listed) or any(t not in listed for t in attended):
        raise ProgrammeError(errors.REGISTER_NOT_A_PARTICIPANT)
    present = {t.pk for t in attended}
    existing = {
        row.teacher_id: row
        for row in SessionAttendance.objects.select_for_update().filter(
            session=session, teacher__in=listed
        )
    }
    for teacher in listed:
        row = existing.get(teacher.pk) or SessionAttendance(session=session, teacher=teacher)
        row.attended = teacher.pk in present
        row.recorded_by = by.user
        row.save()
    record_event(
        event_type="register_recorded",
        heading=f"Register recorded for {session.title}: {len(present)} of {len(listed)} attended",
        by=by,
        lead_provider=session.programme.lead_provider,
        after={"session": session.code, "attended": len(present), "listed": len(listed)},
    )
    return len(present)


@transaction.atomic
def self_study_record(*, lead_provider, rows: list[tuple], by: Actor) -> int:
    """Record self-study completions from a lead provider's upload: rows of (teacher, item,
    completed_on), already checked by programmes.uploads. All or nothing."""
    today = dates.today()
    now = timezone.now()
    by_teacher: dict = {}
    for teacher, item, completed_on in rows:
        if completed_on > today or item.programme.lead_provider_id != lead_provider.pk:
            raise ProgrammeError(errors.STUDY_NOT_IN_PROGRAMME)
        record = StudyRecord.objects.select_for_update().filter(
            teacher=teacher, item=item
        ).first() or StudyRecord(teacher=teacher, item=item)
        if item.kind in StudyKind.chosen_kinds() and record.chosen_at is None:
            record.chosen_at = now  # completing it is choosing it
        record.completed_on = completed_on
        record.completion_source = CompletionSource.LEAD_PROVIDER
        record.updated_by = by.user
        record.save()
        by_teacher.setdefault(teacher, []).append(item.code)
    for teacher, codes in by_teacher.items():
        record_event(
            event_type="self_study_recorded",
            heading=f"{lead_provider.name} recorded {len(codes)} self-study "
            f"{'completion' if len(codes) == 1 else 'completions'}",
            by=by,
            teacher=teacher,
            lead_provider=lead_provider,
            after={"codes": sorted(codes)},
        )
    return len(rows)

"""Notices the induction rules require, sent after the change that needs them commits.

Each notice is recorded as an event, so a task run twice sends it once, and the
teacher's history shows who was told and when (Reg 11: the ECT, headteacher and
employer are told of a decision within 3 working days). One email goes to the
people's and organisations' addresses; the users who act for them (the ECT, the
school's induction tutors, the appropriate body's users) also find the notice in
the service, through `ecte.notifications`. Each notice is one transaction, its
row locked: the event, the in-service notifications and the email go together.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from ecte.accounts.models import Membership, Role
from ecte.events.models import Event
from ecte.events.record import Actor, record_event
from ecte.notifications.recipients import (
    appropriate_body_users_by_body,
    induction_tutors_by_school,
    link_to,
)
from ecte.notifications.services import notify
from induction.models import Extension, InductionPeriod, ReleaseRequest
from participants.models import ECTAtSchoolPeriod

SYSTEM = Actor.system()


def _already_sent(event_type: str, key: str) -> bool:
    return Event.objects.filter(event_type=event_type, after__notice=key).exists()


def _lock(model, pk: int) -> None:
    """Serialise two runs of one notice: the second waits, then finds it sent."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def _ect_users(teacher) -> list:
    return [
        membership.user
        for membership in Membership.objects.active()
        .filter(role=Role.ECT, teacher=teacher, user__is_active=True)
        .select_related("user")
    ]


def _tell_in_service(
    *, kind: str, subject: str, body: str, key: str, teacher=None, school=None, bodies=()
) -> int:
    """The in-service copies of a notice already emailed: to the ECT, the school's induction
    tutors and the appropriate bodies' users, each with a link to where they act on it."""
    groups = []
    if teacher is not None:
        groups.append((_ect_users(teacher), ""))
    if school is not None:
        groups.append((induction_tutors_by_school([school.pk])[school.pk], ""))
    users_by_body = appropriate_body_users_by_body(ab.pk for ab in bodies if ab is not None)
    for appropriate_body in bodies:
        if appropriate_body is not None:
            link = link_to("induction:teacher", teacher.pk) if teacher is not None else ""
            groups.append((users_by_body[appropriate_body.pk], link))
    return sum(
        len(
            notify(
                recipients=users,
                kind=kind,
                subject=subject,
                body=body,
                link=link,
                key=key,
                emailed_with_notice=True,
            )
        )
        for users, link in groups
    )


def _send(subject: str, body: str, recipients: list[str]) -> list[str]:
    recipients = sorted({r for r in recipients if r})
    if recipients:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return recipients


def _deliver(
    *,
    kind: str,
    event_type: str,
    key: str,
    subject: str,
    body: str,
    emails: list[str],
    heading: str,
    teacher,
    school=None,
    bodies=(),
    **event_links,
) -> None:
    """One notice: an email to the people's and organisations' addresses, the in-service
    copies for the users who act for them, and the event recording that it was sent (which
    a second run of the task finds, and then sends nothing)."""
    emailed = _send(subject, body, emails)
    _tell_in_service(
        kind=kind,
        subject=subject,
        body=body,
        key=key,
        teacher=teacher,
        school=school,
        bodies=bodies,
    )
    record_event(
        event_type=event_type,
        heading=heading,
        by=SYSTEM,
        teacher=teacher,
        school=school,
        after={"notice": key, "recipients": len(emailed)},
        **event_links,
    )


def _school_contacts(teacher) -> tuple[list[str], object | None]:
    """The ECT's email at their latest school, and that school's headteachers' emails."""
    ect_period = (
        ECTAtSchoolPeriod.objects.filter(teacher=teacher)
        .select_related("school")
        .order_by("-started_on")
        .first()
    )
    if ect_period is None:
        return [], None
    headteachers = list(
        Membership.objects.active()
        .filter(role=Role.INDUCTION_TUTOR, school=ect_period.school, is_headteacher=True)
        .values_list("user__email", flat=True)
    )
    return [ect_period.email, *headteachers], ect_period.school


@transaction.atomic
def send_outcome_notice(period_id: int) -> bool:
    """Tell the ECT, the headteacher and the appropriate body of a pass or fail (Reg 11)."""
    _lock(InductionPeriod, period_id)
    period = InductionPeriod.objects.select_related("teacher", "appropriate_body").get(pk=period_id)
    if not period.outcome:
        return False
    key = f"outcome:{period.pk}:{period.outcome}:{period.outcome_recorded_on}"
    if _already_sent("outcome_notice_sent", key):
        return False
    teacher = period.teacher
    contacts, school = _school_contacts(teacher)
    verb = "passed" if period.outcome == "pass" else "failed"
    body = (
        f"{period.appropriate_body.name} has decided that {teacher.full_name} "
        f"(TRN {teacher.trn}) has {verb} induction.\n"
    )
    if period.told_of_right_to_appeal_on:
        body += (
            "\nThe teacher may appeal to the Teaching Regulation Agency within 20 working days "
            "of being told of this decision in writing.\n"
        )
    _deliver(
        kind="outcome_notice",
        event_type="outcome_notice_sent",
        key=key,
        subject=f"Induction {verb}: {teacher.full_name}",
        body=body,
        emails=[*contacts, period.appropriate_body.email],
        heading=f"The ECT, headteacher and appropriate body were told that {teacher.full_name} {verb} induction",
        teacher=teacher,
        school=school,
        bodies=[period.appropriate_body],
        appropriate_body=period.appropriate_body,
        induction_period=period,
    )
    return True


@transaction.atomic
def send_extension_notice(extension_id: int) -> bool:
    _lock(Extension, extension_id)
    extension = Extension.objects.select_related("teacher", "appropriate_body").get(pk=extension_id)
    key = f"extension:{extension.pk}"
    if _already_sent("extension_notice_sent", key):
        return False
    teacher = extension.teacher
    contacts, school = _school_contacts(teacher)
    terms = f"{extension.number_of_terms.normalize():f}"
    subject = f"Induction extended: {teacher.full_name}"
    body = (
        f"{extension.appropriate_body.name} has extended the induction of {teacher.full_name} "
        f"(TRN {teacher.trn}) by {terms} terms.\n\nThe teacher may appeal to the Teaching "
        "Regulation Agency within 20 working days of being told of this decision in writing.\n"
    )
    _deliver(
        kind="extension_notice",
        event_type="extension_notice_sent",
        key=key,
        subject=subject,
        body=body,
        emails=[*contacts, extension.appropriate_body.email],
        heading=f"The ECT, headteacher and appropriate body were told of {teacher.full_name}'s extension",
        teacher=teacher,
        school=school,
        bodies=[extension.appropriate_body],
        appropriate_body=extension.appropriate_body,
    )
    return True


@transaction.atomic
def send_release_requested(request_id: int) -> bool:
    _lock(ReleaseRequest, request_id)
    request = ReleaseRequest.objects.select_related("teacher", "requested_by", "held_by").get(
        pk=request_id
    )
    key = f"release-request:{request.pk}"
    if _already_sent("release_request_notice_sent", key):
        return False
    subject = f"Release request: {request.teacher.full_name}"
    body = (
        f"{request.requested_by.name} has asked you to release {request.teacher.full_name} "
        f"(TRN {request.teacher.trn}) so that they can claim them. Sign in to release the "
        "teacher or to decline, saying why.\n"
    )
    _deliver(
        kind="release_request",
        event_type="release_request_notice_sent",
        key=key,
        subject=subject,
        body=body,
        emails=[request.held_by.email],
        heading=f"{request.held_by.name} was told of the release request",
        teacher=request.teacher,
        bodies=[request.held_by],
        appropriate_body=request.held_by,
        induction_period_id=request.induction_period_id,
    )
    return True


@transaction.atomic
def send_release_request_answered(request_id: int) -> bool:
    _lock(ReleaseRequest, request_id)
    request = ReleaseRequest.objects.select_related("teacher", "requested_by", "held_by").get(
        pk=request_id
    )
    key = f"release-request-answer:{request.pk}:{request.status}"
    if request.status == "pending" or _already_sent("release_request_notice_sent", key):
        return False
    if request.status == "released":
        body = (
            f"{request.held_by.name} has released {request.teacher.full_name} "
            f"(TRN {request.teacher.trn}). You can now claim them.\n"
        )
    else:
        body = (
            f"{request.held_by.name} declined to release {request.teacher.full_name} "
            f"(TRN {request.teacher.trn}).\n\nTheir reason: {request.decline_reason}\n"
        )
    subject = f"Release request {request.get_status_display().lower()}: {request.teacher.full_name}"
    _deliver(
        kind="release_request_answered",
        event_type="release_request_notice_sent",
        key=key,
        subject=subject,
        body=body,
        emails=[request.requested_by.email],
        heading=f"{request.requested_by.name} was told the release request was answered",
        teacher=request.teacher,
        bodies=[request.requested_by],
        appropriate_body=request.requested_by,
        induction_period_id=request.induction_period_id,
    )
    return True


@transaction.atomic
def send_review_received(kind: str, record_id: int) -> bool:
    """Tell the appropriate body a school sent it a review, an assessment or a support plan."""
    from induction.services.reviews import RECEIVED_KINDS, _received_label

    _lock(RECEIVED_KINDS[kind], record_id)
    record = (
        RECEIVED_KINDS[kind].objects.select_related("teacher", "appropriate_body").get(pk=record_id)
    )
    key = f"received:{kind}:{record.pk}"
    if record.appropriate_body is None or _already_sent("received_notice_sent", key):
        return False
    label = _received_label(record)
    at_risk = getattr(record, "satisfactory_progress", True) is False
    subject = f"{label.capitalize()} received: {record.teacher.full_name}"
    body = (
        f"A school has sent you the {label} of {record.teacher.full_name} (TRN {record.teacher.trn})."
        + ("\n\nThe ECT is not making satisfactory progress.\n" if at_risk else "\n")
    )
    _deliver(
        kind="review_received",
        event_type="received_notice_sent",
        key=key,
        subject=subject,
        body=body,
        emails=[record.appropriate_body.email],
        heading=f"{record.appropriate_body.name} was told of the {label}",
        teacher=record.teacher,
        bodies=[record.appropriate_body],
        appropriate_body=record.appropriate_body,
    )
    return True


@transaction.atomic
def send_absence_alert(absence_id: int, year: int) -> bool:
    """Tell the appropriate body an ECT reached 30 days of absence in a year of induction."""
    from induction.models import Absence
    from induction.services.reviews import receiving_appropriate_body

    _lock(Absence, absence_id)
    absence = Absence.objects.select_related("teacher", "ect_at_school_period").get(pk=absence_id)
    appropriate_body = receiving_appropriate_body(absence.ect_at_school_period)
    key = f"absence:{absence.teacher_id}:{year}"
    if appropriate_body is None or _already_sent("absence_notice_sent", key):
        return False
    teacher = absence.teacher
    subject = f"30 days of absence: {teacher.full_name}"
    body = (
        f"{teacher.full_name} (TRN {teacher.trn}) has been absent for 30 days or more in year "
        f"{year} of their induction. That year of induction is extended by the days absent.\n"
    )
    _deliver(
        kind="absence_alert",
        event_type="absence_notice_sent",
        key=key,
        subject=subject,
        body=body,
        emails=[appropriate_body.email],
        heading=f"{appropriate_body.name} was told of {teacher.full_name}’s absence",
        teacher=teacher,
        bodies=[appropriate_body],
        appropriate_body=appropriate_body,
    )
    return True

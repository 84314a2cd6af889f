"""Emails about registrations and changes, in plain text and the GOV.UK tone.

Every email the induction tutor's journeys send is built here. Each goes through the
notifications outbox (`email_with_notice`): recorded in the database with the
in-service copies for the users with those addresses, in one transaction, and sent
by the worker after the commit, with retries, so a mail server or queue that is down
loses nothing. Each function takes ids and reloads, so it is safe to call again.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from ecte.accounts.models import Membership, Role
from ecte.formatting import format_date
from ecte.notifications.services import email_with_notice
from participants.models import ECTAtSchoolPeriod, MentorAtSchoolPeriod

SIGN_OFF = f"\n\n{settings.SERVICE_NAME}\nDepartment for Education\n"


@dataclass(frozen=True)
class Recipient:
    """Who is told, as the confirmation page names them, and where their email goes."""

    description: str
    emails: tuple[str, ...]
    kind: str = ""


def _appropriate_body_emails(appropriate_body) -> tuple[str, ...]:
    if appropriate_body.email:
        return (appropriate_body.email,)
    return tuple(
        Membership.objects.active()
        .filter(role=Role.APPROPRIATE_BODY, appropriate_body=appropriate_body)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def _lead_provider_emails(lead_provider) -> tuple[str, ...]:
    return tuple(
        Membership.objects.active()
        .filter(role=Role.LEAD_PROVIDER, lead_provider=lead_provider)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def _current_training(period):
    """The ECT's latest training: after they leave, the lead provider still hears of it."""
    return (
        period.training_periods.select_related("school_partnership__lead_provider")
        .order_by("-started_on", "-id")
        .first()
    )


def ect_registration_recipients(period: ECTAtSchoolPeriod) -> list[Recipient]:
    """The ECT, the appropriate body the school chose, the one holding their induction if that
    is another (a transfer: it must release them), and the lead provider, if any."""
    from induction.models import InductionPeriod

    recipients = [
        Recipient(f"{period.teacher.full_name} at {period.email}", (period.email,), "ect")
    ]
    if period.appropriate_body is not None:
        recipients.append(
            Recipient(
                period.appropriate_body.name,
                _appropriate_body_emails(period.appropriate_body),
                "appropriate_body",
            )
        )
    holding = (
        InductionPeriod.objects.ongoing()
        .filter(teacher_id=period.teacher_id)
        .select_related("appropriate_body")
        .first()
    )
    if holding is not None and holding.appropriate_body_id != period.appropriate_body_id:
        recipients.append(
            Recipient(
                f"{holding.appropriate_body.name}, which holds their induction",
                _appropriate_body_emails(holding.appropriate_body),
                "holding_appropriate_body",
            )
        )
    training = _current_training(period)
    if training is not None and training.school_partnership is not None:
        provider = training.school_partnership.lead_provider
        recipients.append(
            Recipient(provider.name, _lead_provider_emails(provider), "lead_provider")
        )
    return recipients


@transaction.atomic
def ect_registered(period_id: int) -> None:
    """Tell the ECT, the appropriate body and the lead provider about a new registration."""
    period = ECTAtSchoolPeriod.objects.select_related("teacher", "school", "appropriate_body").get(
        pk=period_id
    )
    teacher, school = period.teacher, period.school
    starts = format_date(period.started_on)
    waiting = (
        "\n\nYou do not have qualified teacher status (QTS) yet. Your induction can start "
        "once you have it."
        if teacher.qts_awarded_on is None
        else ""
    )
    email_with_notice(
        kind="ect_registered",
        key=f"ect-period:{period.pk}:registered",
        subject=f"You have been registered as an early career teacher at {school.name}",
        body=(
            f"Dear {teacher.full_name},\n\n"
            f"{school.name} has registered you as an early career teacher (ECT), "
            f"starting on {starts}.{waiting}\n\n"
            "Your appropriate body and your lead provider have been told. "
            "You can sign in to see your induction." + SIGN_OFF
        ),
        to=[period.email],
    )
    recipients = ect_registration_recipients(period)[1:]
    for recipient in recipients:
        if not recipient.emails:
            continue
        email_with_notice(
            kind="ect_registered",
            key=f"ect-period:{period.pk}:registered:{recipient.kind}",
            subject=f"New early career teacher at {school.name}: {teacher.full_name}",
            body=(
                f"{school.name} (URN {school.urn}) has registered an early career teacher.\n\n"
                + (
                    "You hold their induction. They are moving school, so release them with the "
                    "number of terms they have served at their previous school.\n\n"
                    if recipient.kind == "holding_appropriate_body"
                    else ""
                )
                + f"Name: {teacher.full_name}\n"
                f"Teacher reference number (TRN): {teacher.trn}\n"
                f"Start date: {starts}\n"
                f"Working pattern: {period.get_working_pattern_display()}"
                + (
                    f" ({period.fte.normalize():f} FTE)"
                    if period.working_pattern == "part_time"
                    else ""
                )
                + "\n\nSign in to see their record."
                + SIGN_OFF
            ),
            to=recipient.emails,
        )


@transaction.atomic
def mentor_registered(period_id: int) -> None:
    """Tell a new mentor they have been registered."""
    period = MentorAtSchoolPeriod.objects.select_related("teacher", "school").get(pk=period_id)
    email_with_notice(
        kind="mentor_registered",
        key=f"mentor-period:{period.pk}:registered",
        subject=f"You have been registered as a mentor at {period.school.name}",
        body=(
            f"Dear {period.teacher.full_name},\n\n"
            f"{period.school.name} has registered you as a mentor for early career teachers, "
            f"starting on {format_date(period.started_on)}.\n\n"
            "Your induction tutor will tell you which early career teachers you will mentor."
            + SIGN_OFF
        ),
        to=[period.email],
    )


@transaction.atomic
def ect_changed(period_id: int, *, what: str, recipients: list[str]) -> None:
    """Tell the appropriate body and lead provider that an ECT's details changed."""
    period = ECTAtSchoolPeriod.objects.select_related("teacher", "school").get(pk=period_id)
    if not recipients:
        return
    email_with_notice(
        kind="ect_changed",
        # Each change is its own occasion, even when it repeats an earlier one.
        key=f"ect-period:{period.pk}:changed:{uuid.uuid4().hex}",
        subject=f"{period.teacher.full_name} at {period.school.name}: {what}",
        body=(
            f"{period.school.name} (URN {period.school.urn}) has changed an early career "
            f"teacher's details.\n\n"
            f"Name: {period.teacher.full_name}\n"
            f"Teacher reference number (TRN): {period.teacher.trn}\n"
            f"Change: {what}\n\n"
            "Sign in to see their record." + SIGN_OFF
        ),
        to=recipients,
    )

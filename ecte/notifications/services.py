"""Every change the notifications app makes, one function per action.

`notify()` is the API the rest of the service calls, inside its own transaction:
the notifications and the work of emailing them commit (or roll back) with the
change that caused them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import psycopg
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from ecte.calendar import dates
from ecte.notifications import outbox
from ecte.notifications.kinds import get_kind
from ecte.notifications.models import Notification, NotificationOptOut

logger = logging.getLogger(__name__)

EMAIL_TASK = "notifications.send_notification_email"
OPT_OUT_SALT = "ecte.notifications.opt-out"
# An opt-out link in an email works for this long (a little over a term).
OPT_OUT_LINK_MAX_AGE = 60 * 60 * 24 * 120
SIGN_OFF = f"{settings.SERVICE_NAME}\nDepartment for Education"


class NotificationError(Exception):
    """A notification action that cannot be done."""


class OptOutLinkInvalid(NotificationError):
    """The opt-out link was changed, or has expired."""


def _opted_out_user_ids(*, user_ids: list[int], kind: str, on: date) -> set[int]:
    return set(
        NotificationOptOut.objects.filter(
            user_id__in=user_ids, kind=kind, until__gte=on
        ).values_list("user_id", flat=True)
    )


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    kind: str,
    subject: str,
    body: str,
    link: str = "",
    key: str,
    emailed_with_notice: bool = False,
) -> list[Notification]:
    """Tell each recipient (a user) once: in the service now, by email after the commit.

    `key` names the object and the occasion ("assessment:42:late"): a recipient
    already told of this kind and key is skipped, so callers and sweeps may run
    again safely. Recipients who turned this kind off for the term are skipped
    when it is not statutory. `emailed_with_notice`: the caller emailed this notice
    itself (to the organisation's address, in one message), so these are the
    in-service copies and no second email goes. Returns the notifications created.
    """
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not users:
        return []
    statutory = get_kind(kind).statutory
    skip = set(
        Notification.objects.filter(recipient_id__in=users, kind=kind, key=key).values_list(
            "recipient_id", flat=True
        )
    )
    if not statutory:
        skip |= _opted_out_user_ids(user_ids=list(users), kind=kind, on=dates.today())
    created = []
    for user_id, user in sorted(users.items()):
        if user_id in skip:
            continue
        try:
            # A savepoint: a sweep running at the same moment may have told them already.
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    kind=kind,
                    key=key,
                    subject=subject,
                    body=body,
                    link=link,
                    statutory=statutory,
                    emailed_at=timezone.now() if emailed_with_notice else None,
                )
        except IntegrityError:
            continue
        if not emailed_with_notice:
            outbox.enqueue(EMAIL_TASK, notification.pk)
        created.append(notification)
    return created


@dataclass(frozen=True)
class Notice:
    """One notification for `notify_many`: whom (an active user's id) and what about."""

    recipient_id: int
    key: str
    subject: str
    body: str
    link: str = ""


# Rows per INSERT: large enough that a national sweep takes a few statements, small
# enough that one statement's arrays stay a few megabytes.
NOTIFY_BATCH = 5000
# After telling this many at once, the sent-log's statistics are brought up to date.
ANALYZE_AFTER = 1000


def notify_many(*, kind: str, notices: Iterable[Notice]) -> int:
    """`notify()` for a reminder sweep's many recipients at once, with the same rules: each
    recipient is told of one kind and key once (the sent-log's unique key skips the rest,
    so a second run or a sweep running at the same moment adds nothing), inactive users
    are skipped, and so are users who turned a non-statutory kind off for the term.

    A few statements whatever the number of notices: each batch is one
    INSERT ... SELECT ... ON CONFLICT DO NOTHING, and the emails are queued in the outbox
    in the same transaction and published after the commit. Returns how many were created.
    """
    unique = {(notice.recipient_id, notice.key): notice for notice in notices}
    if not unique:
        return 0
    statutory = get_kind(kind).statutory
    ordered = [unique[pair] for pair in sorted(unique)]
    created: list[int] = []
    with transaction.atomic():
        for start in range(0, len(ordered), NOTIFY_BATCH):
            created += _insert_notices(kind, statutory, ordered[start : start + NOTIFY_BATCH])
        outbox.enqueue_many(EMAIL_TASK, [[notification_id] for notification_id in sorted(created)])
        if len(created) >= ANALYZE_AFTER:
            # A sweep's next run leaves out what this one told by looking up the sent-log:
            # with statistics that still count the table as it was, the planner reads it
            # once per row instead of once (a second start of term run took 38 s, not 0.1).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE notifications_notification")
    return len(created)


@contextmanager
def server_side_binding():
    """A cursor on Django's connection (so in its transaction) that sends parameters apart
    from the statement: Django's own cursor quotes them into the SQL text in Python, which
    costs seconds for a sweep's arrays of tens of thousands of values."""
    connection.ensure_connection()
    with psycopg.Cursor(connection.connection) as cursor:
        yield cursor


# Static SQL (no names built at run time). Users who turned a non-statutory kind off
# until a day on or after today are left out, and so are inactive users.
_INSERT_NOTICES = """
    INSERT INTO notifications_notification
        (recipient_id, kind, key, subject, body, link, statutory, created_at)
    SELECT n.recipient_id, %(kind)s::varchar, n.key, n.subject, n.body, n.link,
        %(statutory)s::boolean, %(now)s::timestamptz
    FROM unnest(%(recipients)s::bigint[], %(keys)s::varchar[], %(subjects)s::varchar[],
        %(bodies)s::text[], %(links)s::varchar[]) AS n(recipient_id, key, subject, body, link)
    JOIN accounts_user u ON u.id = n.recipient_id AND u.is_active
    WHERE %(statutory)s::boolean OR NOT EXISTS (
        SELECT 1 FROM notifications_notificationoptout o
        WHERE o.user_id = n.recipient_id AND o.kind = %(kind)s::varchar
            AND o.until >= %(today)s::date
    )
    ON CONFLICT (recipient_id, kind, key) DO NOTHING
    RETURNING id
"""


def _insert_notices(kind: str, statutory: bool, notices: list[Notice]) -> list[int]:
    with server_side_binding() as cursor:
        cursor.execute(
            _INSERT_NOTICES,
            {
                "kind": kind,
                "statutory": statutory,
                "now": timezone.now(),
                "today": dates.today(),
                "recipients": [n.recipient_id for n in notices],
                "keys": [n.key for n in notices],
                "subjects": [n.subject for n in notices],
                "bodies": [n.body for n in notices],
                "links": [n.link for n in notices],
            },
        )
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def mark_read(*, notification: Notification) -> Notification:
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- email --------------------------------------------------------------------------------

PLAIN_EMAIL_TASK = "notifications.send_plain_email"


@transaction.atomic
def email_with_notice(
    *, kind: str, subject: str, body: str, to: Iterable[str], key: str, link: str = ""
) -> list[Notification]:
    """Email a notice to addresses (people and organisations' mailboxes) after the commit,
    through the outbox, and put it in the service for the active users with those
    addresses (who are not emailed twice). Returns the in-service notifications."""
    from django.contrib.auth import get_user_model

    addresses = sorted({address for address in to if address})
    if not addresses:
        return []
    outbox.enqueue(PLAIN_EMAIL_TASK, subject, body, addresses)
    users = get_user_model().objects.filter(email__in=addresses, is_active=True)
    return notify(
        recipients=users,
        kind=kind,
        subject=subject,
        body=body,
        link=link,
        key=key,
        emailed_with_notice=True,
    )


def send_plain_email(*, subject: str, body: str, to: list[str]) -> None:
    EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to).send()


def absolute_url(path: str) -> str:
    return settings.SERVICE_URL.rstrip("/") + path


def opt_out_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"user": user_id, "kind": kind}, salt=OPT_OUT_SALT, compress=True)


def read_opt_out_token(token: str) -> tuple[int, str]:
    """(user id, kind) from a link; OptOutLinkInvalid when tampered with or too old."""
    try:
        value = signing.loads(token, salt=OPT_OUT_SALT, max_age=OPT_OUT_LINK_MAX_AGE)
        return int(value["user"]), str(value["kind"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise OptOutLinkInvalid("This link has expired or is not complete.") from error


def email_text(notification: Notification) -> str:
    """Plain text in the GOV.UK tone: the message, the link, how to stop it, who sent it."""
    user = notification.recipient
    parts = [f"Dear {user.full_name}," if user.full_name else "Hello,", notification.body.strip()]
    if notification.link:
        parts.append(f"Sign in to see it:\n{absolute_url(notification.link)}")
    if not notification.statutory:
        kind = get_kind(notification.kind)
        token = opt_out_token(user_id=user.pk, kind=notification.kind)
        parts.append(
            f"You can stop {kind.label} until the end of this term:\n"
            + absolute_url(reverse("notifications:opt_out", args=[token]))
        )
    parts.append(SIGN_OFF)
    return "\n\n".join(parts) + "\n"


def send_notification_email(*, notification_id: int) -> bool:
    """Email one notification, once. False when it was already emailed."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        EmailMessage(
            subject=notification.subject,
            body=email_text(notification),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient.email],
        ).send()
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


# --- opting out ---------------------------------------------------------------------------


def end_of_term(on: date) -> date:
    """The last day of the term `on` falls in; between terms, of the next one."""
    half_term = dates.half_term_on_or_after(on)
    term = dates.terms(half_term.academic_year)[half_term.term_number - 1]
    return term.ends_on


@transaction.atomic
def opt_out(*, user_id: int, kind: str) -> NotificationOptOut:
    """Stop a non-statutory kind of notification for the user until the end of this term."""
    from django.contrib.auth import get_user_model

    if get_kind(kind).statutory:
        raise NotificationError("These notifications are required and cannot be turned off.")
    if not get_user_model().objects.filter(pk=user_id).exists():
        raise OptOutLinkInvalid("This link is for an account that no longer exists.")
    opt_out, _ = NotificationOptOut.objects.update_or_create(
        user_id=user_id, kind=kind, defaults={"until": end_of_term(dates.today())}
    )
    return opt_out

"""Helpers the sweeps share."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import CharField, Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ecte.notifications.models import Notification


class Field(str):
    """A field name inside a key: Field("pk") in key parts reads the row's primary key."""


def key_expression(*parts: str):
    """A database expression building a notification key from literal strings and Fields:
    key_expression("ect-period:", Field("pk"), ":no-mentor")."""
    return Concat(
        *[
            Cast(part, output_field=CharField()) if isinstance(part, Field) else Value(part)
            for part in parts
        ],
        output_field=CharField(),
    )


def unsent(queryset: QuerySet, kind: str, *key_parts: str) -> QuerySet:
    """The rows nobody has been sent this reminder about yet, so that a daily sweep does not
    reread, year after year, everything it has already dealt with."""
    return queryset.annotate(_reminder_key=key_expression(*key_parts)).exclude(
        Exists(Notification.objects.filter(kind=kind, key=OuterRef("_reminder_key")))
    )


def local_date(moment: datetime) -> date:
    return timezone.localdate(moment)

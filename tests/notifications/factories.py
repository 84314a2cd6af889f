"""Factories for the notifications app, and for the induction records its reminders read."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ecte.notifications.models import Notification, NotificationOptOut, OutboxMessage
from tests.factories import UserFactory


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "ect_without_mentor"
    key = factory.Sequence(lambda n: f"test:{n}")
    subject = factory.Sequence(lambda n: f"Notification {n}")
    body = "Something to do."
    link = "/home/"

    class Params:
        read = factory.Trait(read_at=factory.LazyFunction(timezone.now))


class NotificationOptOutFactory(DjangoModelFactory):
    class Meta:
        model = NotificationOptOut

    user = factory.SubFactory(UserFactory)
    kind = "start_of_term_check"
    until = datetime.date(2099, 12, 31)


class OutboxMessageFactory(DjangoModelFactory):
    class Meta:
        model = OutboxMessage

    task_name = "ecte.tasks.heartbeat"
    args = factory.LazyFunction(list)


# --- the induction records the reminders read (the induction app's models) ----------------


def assessment(**fields):
    from induction.models import Assessment

    period = fields.pop("ect_at_school_period")
    defaults = {
        "teacher": period.teacher,
        "ect_at_school_period": period,
        "kind": "formal",
        "satisfactory_progress": True,
        "evidence": "Evidence",
        "areas_to_develop": "Areas",
        "next_steps": "Steps",
        "assessed_by_name": "Priya Shah",
        "assessed_by_role": "Induction tutor",
    }
    return Assessment.objects.create(**{**defaults, **fields})


def progress_review(**fields):
    from induction.models import ProgressReview

    period = fields.pop("ect_at_school_period")
    defaults = {
        "teacher": period.teacher,
        "ect_at_school_period": period,
        "term_number": 1,
        "satisfactory_progress": True,
        "evidence": "Evidence",
        "areas_to_develop": "Areas",
        "next_steps": "Steps",
        "recorded_by_name": "Priya Shah",
    }
    return ProgressReview.objects.create(**{**defaults, **fields})


def release_request(*, induction_period, requested_by):
    from induction.models import ReleaseRequest

    return ReleaseRequest.objects.create(
        teacher=induction_period.teacher,
        induction_period=induction_period,
        requested_by=requested_by,
        held_by=induction_period.appropriate_body,
    )

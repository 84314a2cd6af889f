"""Mentoring logs made directly (no service, no event), for pages that need many of them."""

import datetime

import factory
from factory.django import DjangoModelFactory

from programmes.models import LessonDropIn


class LessonDropInFactory(DjangoModelFactory):
    """A drop-in for a mentorship, logged by its mentor's user (pass `logged_by`)."""

    class Meta:
        model = LessonDropIn

    held_on = factory.Sequence(lambda n: datetime.date(2026, 9, 7) + datetime.timedelta(days=n))
    minutes = 15
    mode = "in_person"
    notes = factory.Sequence(lambda n: f"Drop-in note {n:03}")

"""Data for the fault tests: an appropriate body holding many inductions, made in bulk."""

from __future__ import annotations

import datetime

from ecte.accounts.models import Role
from induction.models import InductionPeriod
from participants.models import Teacher
from tests.factories import AppropriateBodyFactory, MembershipFactory, UserFactory

FIRST_TRN = 7000000


def appropriate_body_user(*, inductions: int = 0):
    """A user acting for an appropriate body that holds `inductions` open inductions."""
    appropriate_body = AppropriateBodyFactory(name="Fault Line Teaching School Hub")
    user = UserFactory(first_name="Nadia", last_name="Hussain")
    MembershipFactory(
        user=user, role=Role.APPROPRIATE_BODY, school=None, appropriate_body=appropriate_body
    )
    teachers = Teacher.objects.bulk_create(
        Teacher(
            trn=f"{FIRST_TRN + n:07d}",
            first_name="Teacher",
            last_name=f"Number {n}",
            date_of_birth=datetime.date(2000, 1, 1),
            qts_awarded_on=datetime.date(2026, 7, 17),
        )
        for n in range(inductions)
    )
    InductionPeriod.objects.bulk_create(
        InductionPeriod(
            teacher=teacher,
            appropriate_body=appropriate_body,
            started_on=datetime.date(2026, 9, 1),
            induction_programme="provider_led",
        )
        for teacher in teachers
    )
    return user

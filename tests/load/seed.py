"""Bulk data around the demo accounts, so the load test's pages carry realistic volume.

Run after `seed_demo` (which makes the demo users the load test signs in as):

    python -m tests.load.seed --schools 100 --ects-per-school 20

It adds, with bulk inserts (a few seconds):
- `--schools` schools that chose the Aire Valley hub and NIOT, each with
  `--ects-per-school` ECTs (claimed by Aire Valley, provider-led with NIOT, each with
  a mentor): the appropriate body's and the lead provider's lists grow by
  schools x ECTs rows;
- Harehills Park Academy (Andrew Pike's school) up to `--school-ects` ECTs, held by
  the Calder and Pennine hub, the size of a large school's dashboard;
- a term of weekly drop-ins for each of Samuel Osei's mentees, so the mentor's pages
  carry history.

Running it again adds nothing: it stops when its first school is already there.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
from decimal import Decimal

FIRST_URN = 900000  # URNs from here on are this seed's schools
FIRST_TRN = 6000000  # and TRNs from here on its teachers
AUTUMN_2026 = datetime.date(2026, 9, 1)
FIRST_NAMES = ["Amelia", "Oliver", "Isla", "George", "Ava", "Harry", "Mia", "Jack", "Lily", "Leo"]
LAST_NAMES = ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker"]


def date_of_birth(trn: int) -> datetime.date:
    """The date of birth of this seed's teacher `trn`: the load test enters it to find them."""
    return datetime.date(2001, 1, 1) + datetime.timedelta(days=trn % 1500)


def _names(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


class Seeder:
    def __init__(self, rng: random.Random):
        from induction.models import AppropriateBody
        from programmes.models import DeliveryPartner, LeadProvider

        self.rng = rng
        self.next_trn = FIRST_TRN
        self.appropriate_body = AppropriateBody.objects.get(name__startswith="Aire Valley")
        self.lead_provider = LeadProvider.objects.get(name="National Institute of Teaching")
        self.delivery_partner = DeliveryPartner.objects.get(name__startswith="Northern Lights")

    def teachers(self, count: int):
        from participants.models import Teacher

        made = []
        for _ in range(count):
            first, last = _names(self.rng)
            made.append(
                Teacher(
                    trn=f"{self.next_trn:07d}",
                    first_name=first,
                    last_name=last,
                    date_of_birth=date_of_birth(self.next_trn),
                    qts_awarded_on=datetime.date(2026, 7, 17),
                )
            )
            self.next_trn += 1
        return Teacher.objects.bulk_create(made)

    def ects_at(
        self, school, partnership, count: int, mentors_at_school: list, appropriate_body=None
    ) -> None:
        """`count` ECTs at `school` from 1 September 2026: claimed, trained, mentored."""
        from induction.models import InductionPeriod
        from participants.models import (
            ECTAtSchoolPeriod,
            Mentorship,
            TrainingPeriod,
            TrainingProgramme,
            WorkingPattern,
        )

        appropriate_body = appropriate_body or self.appropriate_body
        teachers = self.teachers(count)
        periods = ECTAtSchoolPeriod.objects.bulk_create(
            ECTAtSchoolPeriod(
                teacher=teacher,
                school=school,
                started_on=AUTUMN_2026,
                working_pattern=WorkingPattern.FULL_TIME,
                fte=Decimal("1"),
                email=f"ect{teacher.trn}@school.example.org",
                appropriate_body=appropriate_body,
            )
            for teacher in teachers
        )
        InductionPeriod.objects.bulk_create(
            InductionPeriod(
                teacher=teacher,
                appropriate_body=appropriate_body,
                started_on=AUTUMN_2026,
                induction_programme="provider_led",
            )
            for teacher in teachers
        )
        TrainingPeriod.objects.bulk_create(
            TrainingPeriod(
                ect_at_school_period=period,
                training_programme=TrainingProgramme.PROVIDER_LED,
                school_partnership=partnership,
                started_on=AUTUMN_2026,
            )
            for period in periods
        )
        Mentorship.objects.bulk_create(
            Mentorship(
                ect_at_school_period=period,
                mentor_at_school_period=mentors_at_school[i % len(mentors_at_school)],
                started_on=AUTUMN_2026,
            )
            for i, period in enumerate(periods)
        )

    def mentors_at(self, school, count: int) -> list:
        from participants.models import MentorAtSchoolPeriod

        return MentorAtSchoolPeriod.objects.bulk_create(
            MentorAtSchoolPeriod(
                teacher=teacher,
                school=school,
                started_on=datetime.date(2020, 9, 1),
                email=f"mentor{teacher.trn}@school.example.org",
            )
            for teacher in self.teachers(count)
        )

    def partnership(self, school):
        from programmes.models import SchoolPartnership

        return SchoolPartnership.objects.create(
            school=school,
            lead_provider=self.lead_provider,
            delivery_partner=self.delivery_partner,
            academic_year=2026,
            confirmed_at=datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC),
        )

    def schools(self, count: int, ects_per_school: int) -> None:
        from schools.models import School, SchoolPhase, SchoolType

        schools = School.objects.bulk_create(
            School(
                urn=f"{FIRST_URN + i:06d}",
                name=f"Load Test School {i + 1}",
                phase=SchoolPhase.PRIMARY if i % 2 else SchoolPhase.SECONDARY,
                school_type=SchoolType.COMMUNITY,
                local_authority="Leeds",
            )
            for i in range(count)
        )
        for school in schools:
            mentors = self.mentors_at(school, max(1, ects_per_school // 4))
            self.ects_at(school, self.partnership(school), ects_per_school, mentors)

    def large_school(self, up_to: int) -> None:
        from induction.models import AppropriateBody
        from participants.models import ECTAtSchoolPeriod
        from programmes.models import SchoolPartnership
        from schools.models import School

        school = School.objects.get(name="Harehills Park Academy")
        # It leads the Aire Valley hub, which may not hold its ECTs (rule 17).
        appropriate_body = AppropriateBody.objects.get(name__startswith="Calder and Pennine")
        have = ECTAtSchoolPeriod.objects.filter(school=school).count()
        if up_to <= have:
            return
        partnership = SchoolPartnership.objects.filter(
            school=school, lead_provider=self.lead_provider, academic_year=2026
        ).earliest("id")
        mentors = self.mentors_at(school, max(1, (up_to - have) // 4))
        self.ects_at(school, partnership, up_to - have, mentors, appropriate_body)

    def drop_ins(self, mentor_trn: str, weeks: int) -> None:
        """A drop-in a week since 1 September for each ECT this mentor mentors."""
        from participants.models import Mentorship
        from programmes.models import LessonDropIn

        mentorships = Mentorship.objects.filter(
            mentor_at_school_period__teacher__trn=mentor_trn, finished_on__isnull=True
        ).select_related("ect_at_school_period")
        from ecte.accounts.models import User

        mentor_user = User.objects.get(email="samuel.osei@example.com")
        rows = []
        for mentorship in mentorships:
            first = max(mentorship.started_on, AUTUMN_2026)
            for week in range(weeks):
                held_on = first + datetime.timedelta(weeks=week)
                if held_on >= datetime.date(2026, 11, 20):
                    break
                rows.append(
                    LessonDropIn(
                        mentorship=mentorship,
                        held_on=held_on,
                        minutes=15,
                        mode="in_person",
                        notes="Looked at how the ECT checks for understanding.",
                        logged_by=mentor_user,
                    )
                )
        LessonDropIn.objects.bulk_create(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--ects-per-school", type=int, default=20)
    parser.add_argument("--school-ects", type=int, default=60)
    parser.add_argument("--drop-in-weeks", type=int, default=12)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecte.settings.development")
    import django

    django.setup()
    from django.db import transaction

    from schools.models import School

    if School.objects.filter(urn=f"{FIRST_URN:06d}").exists():
        print("load seed: already there, nothing added")
        return 0
    seeder = Seeder(random.Random(7))
    with transaction.atomic():
        seeder.schools(args.schools, args.ects_per_school)
        seeder.large_school(args.school_ects)
        seeder.drop_ins("2915634", args.drop_in_weeks)  # Samuel Osei
    print(
        f"load seed: {args.schools} schools with {args.ects_per_school} ECTs each, "
        f"Harehills up to {args.school_ects} ECTs, drop-ins for Samuel Osei's mentees"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

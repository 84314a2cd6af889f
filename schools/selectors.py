"""Reads for a school's induction tutor: its ECTs and mentors, in a constant number of queries."""

from django.db.models import Count, Prefetch, Q

from induction.selectors import induction_progress_for
from participants.models import ECTAtSchoolPeriod, MentorAtSchoolPeriod, Mentorship, TrainingPeriod


def current_ects(school) -> list[ECTAtSchoolPeriod]:
    periods = list(
        ECTAtSchoolPeriod.objects.ongoing()
        .filter(school=school)
        .select_related("teacher", "appropriate_body")
        .prefetch_related(
            Prefetch(
                "mentorships",
                queryset=Mentorship.objects.ongoing().select_related(
                    "mentor_at_school_period__teacher"
                ),
                to_attr="current_mentorships",
            ),
            Prefetch(
                "training_periods",
                queryset=TrainingPeriod.objects.ongoing().select_related(
                    "school_partnership__lead_provider", "school_partnership__delivery_partner"
                ),
                to_attr="current_training",
            ),
        )
        .order_by("teacher__last_name", "teacher__first_name")
    )
    progress = induction_progress_for(p.teacher_id for p in periods)
    for period in periods:
        period.progress = progress[period.teacher_id]
        period.mentor = (
            period.current_mentorships[0].mentor_at_school_period.teacher
            if period.current_mentorships
            else None
        )
        period.training = period.current_training[0] if period.current_training else None
    return periods


def current_mentors(school) -> list[MentorAtSchoolPeriod]:
    return list(
        MentorAtSchoolPeriod.objects.ongoing()
        .filter(school=school)
        .select_related("teacher")
        .annotate(ect_count=Count("mentorships", filter=Q(mentorships__finished_on__isnull=True)))
        .order_by("teacher__last_name", "teacher__first_name")
    )

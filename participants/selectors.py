"""Reads for mentors, ECTs and the teacher page."""

from django.db.models import Prefetch, Q

from ecte.events.models import Event
from induction.selectors import induction_progress_for
from participants.models import ECTAtSchoolPeriod, MentorAtSchoolPeriod, Mentorship, TrainingPeriod


def mentees_of(mentor) -> list[Mentorship]:
    """The mentor's current ECTs, across every school they mentor at."""
    mentorships = list(
        Mentorship.objects.ongoing()
        .filter(mentor_at_school_period__teacher=mentor)
        .select_related("ect_at_school_period__teacher", "ect_at_school_period__school")
        .order_by("ect_at_school_period__teacher__last_name")
    )
    progress = induction_progress_for(m.ect_at_school_period.teacher_id for m in mentorships)
    for mentorship in mentorships:
        mentorship.progress = progress[mentorship.ect_at_school_period.teacher_id]
    return mentorships


def _training_prefetch():
    return Prefetch(
        "training_periods",
        queryset=TrainingPeriod.objects.select_related(
            "school_partnership__lead_provider", "school_partnership__delivery_partner"
        ).order_by("-started_on"),
    )


def teacher_summary(teacher) -> dict:
    """Everything the teacher page and the ECT home show, in a fixed number of queries."""
    ect_periods = list(
        ECTAtSchoolPeriod.objects.filter(teacher=teacher)
        .select_related("school", "appropriate_body")
        .prefetch_related(
            Prefetch(
                "mentorships",
                queryset=Mentorship.objects.select_related(
                    "mentor_at_school_period__teacher"
                ).order_by("-started_on"),
            ),
            _training_prefetch(),
        )
        .order_by("-started_on")
    )
    mentor_periods = list(
        MentorAtSchoolPeriod.objects.filter(teacher=teacher)
        .select_related("school")
        .prefetch_related(_training_prefetch())
        .order_by("-started_on")
    )
    current = next((p for p in ect_periods if p.finished_on is None), None)
    current_mentorship = None
    current_training = None
    if current is not None:
        current_mentorship = next(
            (m for m in current.mentorships.all() if m.finished_on is None), None
        )
        current_training = next(
            (t for t in current.training_periods.all() if t.finished_on is None), None
        )
    return {
        "teacher": teacher,
        "progress": induction_progress_for([teacher.pk])[teacher.pk],
        "ect_periods": ect_periods,
        "mentor_periods": mentor_periods,
        "current_ect_period": current,
        "current_mentorship": current_mentorship,
        "current_training": current_training,
        "events": list(Event.objects.filter(teacher=teacher).timeline()[:50]),
    }


def mentor_is_induction_tutor(mentor_period) -> bool:
    """Rule 15: is the mentor also an induction tutor at their school? The same person when an
    active induction tutor there signs in with the mentor's email, or holds a mentor or ECT
    role for the mentor's teacher record."""
    from ecte.accounts.models import Membership, Role

    tutors = Membership.objects.active().filter(
        role=Role.INDUCTION_TUTOR, school_id=mentor_period.school_id
    )
    same_person = Q(user__email__iexact=mentor_period.email) | Q(
        user__memberships__teacher_id=mentor_period.teacher_id,
        user__memberships__ended_at__isnull=True,
    )
    return tutors.filter(same_person).exists()

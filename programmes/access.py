"""Who may see which programme records: one helper per kind of record, used by every view.

Mentoring logs (drop-ins, meetings, actions) are visible to the ECT's current mentor,
the ECT and their school's induction tutors only; lead providers see engagement and
never meeting content (issue 5, item 11). Another organisation's record is not found.
"""

from django.db.models import Q, QuerySet

from ecte.accounts.models import Membership, Role
from participants.models import ECTAtSchoolPeriod, Mentorship
from programmes.models import Action, LessonDropIn, MentorMeeting, SchoolPartnership, Session


def mentorships_of_mentor(mentor) -> QuerySet[Mentorship]:
    """The mentor's current mentorships, at every school they mentor at."""
    return Mentorship.objects.ongoing().filter(mentor_at_school_period__teacher=mentor)


def ect_periods_mentored_by(mentor) -> QuerySet[ECTAtSchoolPeriod]:
    """A mentor sees only the ECTs they mentor now."""
    return ECTAtSchoolPeriod.objects.filter(
        mentorships__in=mentorships_of_mentor(mentor)
    ).distinct()


def ect_periods_at_school(school) -> QuerySet[ECTAtSchoolPeriod]:
    return ECTAtSchoolPeriod.objects.ongoing().filter(school=school)


def _mentoring_filter(role: Membership, prefix: str) -> Q | None:
    match role.role:
        case Role.MENTOR:
            return Q(**{f"{prefix}__in": mentorships_of_mentor(role.teacher)})
        case Role.ECT:
            return Q(**{f"{prefix}__ect_at_school_period__teacher": role.teacher})
        case Role.INDUCTION_TUTOR:
            return Q(**{f"{prefix}__ect_at_school_period__school": role.school})
    return None  # lead providers, appropriate bodies: never meeting content


def drop_ins_visible_to(role: Membership) -> QuerySet[LessonDropIn]:
    condition = _mentoring_filter(role, "mentorship")
    return LessonDropIn.objects.filter(condition) if condition else LessonDropIn.objects.none()


def meetings_visible_to(role: Membership) -> QuerySet[MentorMeeting]:
    condition = _mentoring_filter(role, "mentorship")
    return MentorMeeting.objects.filter(condition) if condition else MentorMeeting.objects.none()


def actions_visible_to(role: Membership) -> QuerySet[Action]:
    condition = _mentoring_filter(role, "mentorship")
    return Action.objects.filter(condition) if condition else Action.objects.none()


def partnerships_of(lead_provider) -> QuerySet[SchoolPartnership]:
    return SchoolPartnership.objects.filter(lead_provider=lead_provider)


def sessions_of(lead_provider) -> QuerySet[Session]:
    return Session.objects.filter(programme__lead_provider=lead_provider)

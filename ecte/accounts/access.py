"""Who may see what. Every view reads through these, so another organisation's
record is simply not found (404), never a 403 that confirms it exists."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.urls import reverse

from ecte.accounts.models import Membership, Role
from participants.models import Teacher
from schools.models import School


class RoleRequiredMixin:
    """The active role must be `required_role`; self.role is that membership."""

    required_role: Role

    def dispatch(self, request, *args, **kwargs):
        role = request.active_role
        if not role:
            return redirect(f"{reverse('choose_role')}?next={request.get_full_path()}")
        if role.role != self.required_role:
            raise PermissionDenied("This page is not available in your current role.")
        self.role = role
        return super().dispatch(request, *args, **kwargs)


class InductionTutorRequiredMixin(RoleRequiredMixin):
    required_role = Role.INDUCTION_TUTOR


class MentorRequiredMixin(RoleRequiredMixin):
    required_role = Role.MENTOR


class ECTRequiredMixin(RoleRequiredMixin):
    required_role = Role.ECT


class AppropriateBodyRequiredMixin(RoleRequiredMixin):
    required_role = Role.APPROPRIATE_BODY


class LeadProviderRequiredMixin(RoleRequiredMixin):
    required_role = Role.LEAD_PROVIDER


class TrustInductionLeadRequiredMixin(RoleRequiredMixin):
    required_role = Role.TRUST_INDUCTION_LEAD


class AnyRoleRequiredMixin:
    """Any active role; self.role is that membership."""

    def dispatch(self, request, *args, **kwargs):
        role = request.active_role
        if not role:
            return redirect(f"{reverse('choose_role')}?next={request.get_full_path()}")
        self.role = role
        return super().dispatch(request, *args, **kwargs)


# --- one scoping helper per role -------------------------------------------


def teachers_for_school(school) -> QuerySet[Teacher]:
    """ECTs and mentors who work, or worked, at the school."""
    return Teacher.objects.filter(
        Q(ect_at_school_periods__school=school) | Q(mentor_at_school_periods__school=school)
    ).distinct()


def schools_for_trust(trust) -> QuerySet[School]:
    """The trust's open schools: a school outside it is not found (404) on the trust's pages."""
    return School.objects.open().filter(trust=trust)


def teachers_for_trust(trust) -> QuerySet[Teacher]:
    """ECTs and mentors who work, or worked, at one of the trust's schools."""
    return Teacher.objects.filter(
        Q(ect_at_school_periods__school__trust=trust)
        | Q(mentor_at_school_periods__school__trust=trust)
    ).distinct()


def teachers_for_appropriate_body(appropriate_body) -> QuerySet[Teacher]:
    """Teachers it holds or held, and ECTs whose school chose it and who wait to be claimed."""
    return Teacher.objects.filter(
        Q(induction_periods__appropriate_body=appropriate_body)
        | Q(ect_at_school_periods__appropriate_body=appropriate_body)
    ).distinct()


def teachers_for_lead_provider(lead_provider) -> QuerySet[Teacher]:
    """ECTs and mentors trained through the lead provider's partnerships."""
    return Teacher.objects.filter(
        Q(ect_at_school_periods__training_periods__school_partnership__lead_provider=lead_provider)
        | Q(
            mentor_at_school_periods__training_periods__school_partnership__lead_provider=lead_provider
        )
    ).distinct()


def teachers_for_mentor(mentor) -> QuerySet[Teacher]:
    """The ECTs the mentor mentors or has mentored."""
    return Teacher.objects.filter(
        ect_at_school_periods__mentorships__mentor_at_school_period__teacher=mentor
    ).distinct()


def teachers_for_ect(ect) -> QuerySet[Teacher]:
    return Teacher.objects.filter(pk=ect.pk)


def teachers_visible_to(role: Membership) -> QuerySet[Teacher]:
    match role.role:
        case Role.INDUCTION_TUTOR:
            return teachers_for_school(role.school)
        case Role.APPROPRIATE_BODY:
            return teachers_for_appropriate_body(role.appropriate_body)
        case Role.LEAD_PROVIDER:
            return teachers_for_lead_provider(role.lead_provider)
        case Role.MENTOR:
            return teachers_for_mentor(role.teacher)
        case Role.ECT:
            return teachers_for_ect(role.teacher)
        case Role.TRUST_INDUCTION_LEAD:
            return teachers_for_trust(role.trust)
        case Role.DFE_STAFF:
            return Teacher.objects.all()
    return Teacher.objects.none()

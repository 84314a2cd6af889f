"""Who is told: the users who act for a school, an appropriate body or a teacher now."""

from collections import defaultdict
from collections.abc import Iterable

from django.urls import NoReverseMatch, reverse

from ecte.accounts.models import Membership, Role


def _users_by(role: str, field: str, ids: Iterable[int]) -> dict[int, list]:
    ids = {i for i in ids if i is not None}
    result: dict[int, list] = defaultdict(list)
    if not ids:
        return result
    memberships = (
        Membership.objects.active()
        .filter(role=role, user__is_active=True, **{f"{field}_id__in": ids})
        .select_related("user")
        .order_by("user_id")
    )
    for membership in memberships:
        result[getattr(membership, f"{field}_id")].append(membership.user)
    return result


def induction_tutors_by_school(school_ids: Iterable[int]) -> dict[int, list]:
    """The induction tutors (and headteachers) of each school."""
    return _users_by(Role.INDUCTION_TUTOR, "school", school_ids)


def appropriate_body_users_by_body(appropriate_body_ids: Iterable[int]) -> dict[int, list]:
    return _users_by(Role.APPROPRIATE_BODY, "appropriate_body", appropriate_body_ids)


def mentor_users_by_teacher(teacher_ids: Iterable[int]) -> dict[int, list]:
    return _users_by(Role.MENTOR, "teacher", teacher_ids)


def lead_provider_users_by_provider(lead_provider_ids: Iterable[int]) -> dict[int, list]:
    return _users_by(Role.LEAD_PROVIDER, "lead_provider", lead_provider_ids)


def link_to(name: str, *args) -> str:
    """A path in the service, or "" when that page does not exist (yet)."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""

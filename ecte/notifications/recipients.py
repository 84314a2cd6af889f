"""Who is told: the users who act for a school, an appropriate body or a teacher now."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet
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


# Above this many organisations, every user of the role is read and the rest skipped.
MANY_ORGANISATIONS = 1000


def _user_ids_by(role: str, field: str, ids: Iterable[int] | QuerySet) -> dict[int, list[int]]:
    """{organisation id: [active user ids]}: ids only, for sweeps over the whole country.
    `ids` may be a queryset of ids, which the database reads as a subquery."""
    rows = (
        Membership.objects.active()
        .filter(role=role, user__is_active=True)
        .order_by("user_id")
        .values_list(f"{field}_id", "user_id")
        .distinct()
    )
    wanted = None
    if isinstance(ids, QuerySet):
        rows = rows.filter(**{f"{field}_id__in": ids})
    else:
        wanted = {i for i in ids if i is not None}
        if len(wanted) <= MANY_ORGANISATIONS:
            rows = rows.filter(**{f"{field}_id__in": wanted})
    result: dict[int, list[int]] = defaultdict(list)
    for organisation_id, user_id in rows:
        # Thousands of ids make a slower statement than reading every user of the role.
        if wanted is None or organisation_id in wanted:
            result[organisation_id].append(user_id)
    return result


def induction_tutor_ids_by_school(school_ids: Iterable[int] | QuerySet) -> dict[int, list[int]]:
    return _user_ids_by(Role.INDUCTION_TUTOR, "school", school_ids)


def appropriate_body_user_ids_by_body(
    appropriate_body_ids: Iterable[int] | QuerySet,
) -> dict[int, list[int]]:
    return _user_ids_by(Role.APPROPRIATE_BODY, "appropriate_body", appropriate_body_ids)


def mentor_user_ids_by_teacher(teacher_ids: Iterable[int] | QuerySet) -> dict[int, list[int]]:
    return _user_ids_by(Role.MENTOR, "teacher", teacher_ids)


# A number no real id reaches, put in a path once and replaced with each id.
_ANY_ID = 987654321987


def links_to(name: str):
    """`link_to(name, pk)` for many ids: the path is reversed once, not once per id (a sweep
    over every ECT in England would spend seconds reversing)."""
    pattern = link_to(name, _ANY_ID)
    if str(_ANY_ID) not in pattern:
        return lambda pk: link_to(name, pk)
    return lambda pk: pattern.replace(str(_ANY_ID), str(pk))


def link_to(name: str, *args) -> str:
    """A path in the service, or "" when that page does not exist (yet)."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""

"""The active role: which membership the signed-in user is acting in right now."""

from django.http import HttpRequest

from ecte.accounts.models import Membership

SESSION_KEY = "ecte_active_membership_id"


def active_memberships(user):
    return Membership.objects.active().with_organisations().filter(user=user)


def memberships_of(request: HttpRequest) -> list[Membership]:
    """The signed-in user's active memberships, read once per request (a person holds a
    handful at most): the active role and the user bar's "Switch role" link both need them.

    Without their organisations: joining all five kinds costs more than the rest of the
    query on every page, and a page needs only the active role's, which it reads when it
    first asks (one small query)."""
    if not hasattr(request, "_active_memberships"):
        request._active_memberships = (
            list(Membership.objects.active().filter(user=request.user))
            if request.user.is_authenticated
            else []
        )
    return request._active_memberships


def resolve_active_role(request: HttpRequest) -> Membership | None:
    """The membership chosen in this session; a user with one role needs no choice."""
    if not request.user.is_authenticated:
        return None
    memberships = memberships_of(request)
    chosen_id = request.session.get(SESSION_KEY)
    if chosen_id is not None:
        membership = next((m for m in memberships if m.pk == chosen_id), None)
        if membership is not None:
            return membership
        request.session.pop(SESSION_KEY, None)
    if len(memberships) == 1:
        request.session[SESSION_KEY] = memberships[0].pk
        return memberships[0]
    return None


def set_active_role(request: HttpRequest, membership: Membership) -> None:
    request.session[SESSION_KEY] = membership.pk
    request.active_role = membership

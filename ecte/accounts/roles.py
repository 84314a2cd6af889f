"""The active role: which membership the signed-in user is acting in right now."""

from django.http import HttpRequest

from ecte.accounts.models import Membership

SESSION_KEY = "ecte_active_membership_id"


def active_memberships(user):
    return Membership.objects.active().with_organisations().filter(user=user)


def resolve_active_role(request: HttpRequest) -> Membership | None:
    """The membership chosen in this session; a user with one role needs no choice."""
    user = request.user
    if not user.is_authenticated:
        return None
    chosen_id = request.session.get(SESSION_KEY)
    if chosen_id is not None:
        membership = active_memberships(user).filter(pk=chosen_id).first()
        if membership is not None:
            return membership
        request.session.pop(SESSION_KEY, None)
    memberships = list(active_memberships(user)[:2])
    if len(memberships) == 1:
        request.session[SESSION_KEY] = memberships[0].pk
        return memberships[0]
    return None


def set_active_role(request: HttpRequest, membership: Membership) -> None:
    request.session[SESSION_KEY] = membership.pk
    request.active_role = membership

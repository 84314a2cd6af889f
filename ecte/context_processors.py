from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from ecte.accounts.models import Role

# Service navigation per role: (label, url name). Journeys add their pages here.
NAVIGATION = {
    Role.INDUCTION_TUTOR: [("Home", "schools:home")],
    Role.APPROPRIATE_BODY: [("Home", "induction:home")],
    Role.LEAD_PROVIDER: [("Participants", "programmes:home")],
    Role.MENTOR: [("My ECTs", "participants:mentor_home")],
    Role.ECT: [("My induction", "participants:ect_home")],
    Role.DFE_STAFF: [("Admin", "admin:index")],
}


def _navigation(request) -> list[dict]:
    role = getattr(request, "active_role", None)
    if not role:
        return []
    items = []
    for label, name in NAVIGATION.get(role.role, []):
        href = reverse(name)
        items.append({"href": href, "text": label, "active": request.path.startswith(href)})
    return items


def _role_count(request) -> int:
    if not request.user.is_authenticated:
        return 0
    return request.user.memberships.active().count()


def service(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "active_role": getattr(request, "active_role", None),
        "navigation": SimpleLazyObject(lambda: _navigation(request)),
        "role_count": SimpleLazyObject(lambda: _role_count(request)),
    }

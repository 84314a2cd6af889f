from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from ecte.accounts.models import Role
from ecte.accounts.roles import memberships_of

# Service navigation per role: (label, url name). Journeys add their pages here.
NAVIGATION = {
    Role.INDUCTION_TUTOR: [
        ("Home", "schools:home"),
        ("ECTs", "schools:ects"),
        ("Mentors", "schools:mentors"),
        ("Module sequence", "school_programme:module_sequence"),
        ("Engagement", "school_programme:engagement"),
        ("Reviews and assessments", "school_reviews:home"),
    ],
    Role.TRUST_INDUCTION_LEAD: [("Schools", "schools:trust_home")],
    Role.APPROPRIATE_BODY: [
        ("Home", "induction:home"),
        ("Claim an ECT", "induction:claim_find"),
        ("Release requests", "induction:release_requests"),
        ("Bulk uploads", "induction:bulk_upload"),
    ],
    Role.LEAD_PROVIDER: [
        ("Participants", "programmes:home"),
        ("Partnerships", "programmes:partnerships"),
        ("Seminar registers", "programmes:sessions"),
        ("Self-study", "programmes:self_study"),
    ],
    Role.MENTOR: [("My ECTs", "participants:mentor_home"), ("My training", "mentoring:training")],
    Role.ECT: [
        ("My induction", "participants:ect_home"),
        ("My programme", "my_programme:programme"),
        ("My meetings", "my_programme:meetings"),
    ],
    Role.DFE_STAFF: [("Admin", "admin:index")],
}


# Every signed-in role reads its in-service notifications (the unread count is in the user bar).
NOTIFICATIONS = ("Notifications", "notifications:list")


def _navigation(request) -> list[dict]:
    role = getattr(request, "active_role", None)
    if not role:
        return []
    links = [
        (label, reverse(name)) for label, name in [*NAVIGATION.get(role.role, []), NOTIFICATIONS]
    ]
    # Home ("/school/") prefixes every page of the role: the longest match is the one active.
    matches = [href for _, href in links if request.path.startswith(href)]
    current = max(matches, key=len, default=None)
    return [{"href": href, "text": label, "active": href == current} for label, href in links]


def _role_count(request) -> int:
    return len(memberships_of(request))


def service(request) -> dict:
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "active_role": getattr(request, "active_role", None),
        "navigation": SimpleLazyObject(lambda: _navigation(request)),
        "role_count": SimpleLazyObject(lambda: _role_count(request)),
    }

"""The trust induction lead role: a membership at a trust (rule 24), its home, navigation and
scoping."""

import pytest
from django.db import IntegrityError, transaction

from ecte.accounts.access import schools_for_trust, teachers_visible_to
from ecte.accounts.models import Membership, Role
from ecte.context_processors import _navigation
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    SchoolFactory,
    TrustFactory,
    UserFactory,
)
from tests.schools.factories import TrustInductionLeadFactory

pytestmark = pytest.mark.django_db


def write(**fields):
    """A membership row written straight to the database, past every form and service."""
    with transaction.atomic():
        return Membership.objects.create(user=UserFactory(), **fields)


def test_a_trust_induction_lead_names_exactly_a_trust():
    trust = TrustFactory()
    membership = write(role=Role.TRUST_INDUCTION_LEAD, trust=trust)
    assert membership.organisation == trust
    assert membership.label == f"Trust induction lead at {trust.name}"


def test_the_database_refuses_a_trust_induction_lead_without_a_trust():
    with pytest.raises(IntegrityError):
        write(role=Role.TRUST_INDUCTION_LEAD)


def test_the_database_refuses_a_trust_induction_lead_at_a_school_as_well():
    with pytest.raises(IntegrityError):
        write(role=Role.TRUST_INDUCTION_LEAD, trust=TrustFactory(), school=SchoolFactory())


@pytest.mark.parametrize("role", [Role.INDUCTION_TUTOR, Role.DFE_STAFF])
def test_the_database_refuses_a_trust_on_any_other_role(role):
    school = SchoolFactory() if role == Role.INDUCTION_TUTOR else None
    with pytest.raises(IntegrityError):
        write(role=role, school=school, trust=TrustFactory())


def test_a_user_leads_a_trust_once_at_a_time():
    lead = TrustInductionLeadFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=lead.user, role=Role.TRUST_INDUCTION_LEAD, trust=lead.trust)


def test_the_trust_lead_home_is_the_trusts_schools(client):
    lead = TrustInductionLeadFactory()
    client.force_login(lead.user)
    assert client.get("/home/").url == "/school/trust/"


def test_other_roles_cannot_open_the_trust_pages(client):
    client.force_login(MembershipFactory().user)
    assert client.get("/school/trust/").status_code == 403


def test_a_trust_lead_cannot_open_the_induction_tutor_pages(client):
    lead = TrustInductionLeadFactory()
    client.force_login(lead.user)
    assert client.get("/school/").status_code == 403
    assert client.get("/school/module-sequence/").status_code == 403


def test_a_trust_lead_sees_the_teachers_of_its_schools_only():
    lead = TrustInductionLeadFactory()
    own = ECTAtSchoolPeriodFactory(school=SchoolFactory(trust=lead.trust))
    ECTAtSchoolPeriodFactory(school=SchoolFactory(trust=TrustFactory()))
    assert list(teachers_visible_to(lead)) == [own.teacher]
    assert list(schools_for_trust(lead.trust)) == [own.school]


def test_the_trust_lead_navigation_has_its_schools_and_notifications(rf):
    request = rf.get("/school/trust/")
    request.active_role = TrustInductionLeadFactory()
    items = _navigation(request)
    assert [item["text"] for item in items] == ["Schools", "Notifications"]
    assert [item["text"] for item in items if item["active"]] == ["Schools"]


@pytest.mark.parametrize(
    "membership",
    [
        lambda: MembershipFactory(),
        lambda: MembershipFactory(mentor=True),
        lambda: MembershipFactory(ect=True),
        lambda: TrustInductionLeadFactory(),
    ],
)
def test_every_role_has_notifications_in_its_navigation(rf, membership):
    request = rf.get("/notifications/")
    request.active_role = membership()
    items = _navigation(request)
    assert {"href": "/notifications/", "text": "Notifications", "active": True} in items


def test_the_induction_tutor_navigation_reaches_module_sequence_engagement_and_reviews(rf):
    request = rf.get("/school/engagement/")
    request.active_role = MembershipFactory()
    items = _navigation(request)
    assert [item["text"] for item in items] == [
        "Home",
        "ECTs",
        "Mentors",
        "Module sequence",
        "Engagement",
        "Reviews and assessments",
        "Notifications",
    ]
    assert [item["text"] for item in items if item["active"]] == ["Engagement"]


def test_a_trust_lead_reads_their_notifications(client):
    lead = TrustInductionLeadFactory()
    client.force_login(lead.user)
    response = client.get("/notifications/")
    assert response.status_code == 200
    assert 'href="/notifications/"' in response.content.decode()


def test_a_tutor_who_also_leads_the_trust_chooses_between_the_roles(client):
    lead = TrustInductionLeadFactory()
    MembershipFactory(user=lead.user, school=SchoolFactory(trust=lead.trust, name="Ash Primary"))
    client.force_login(lead.user)
    page = client.get("/choose-role/").content.decode()
    assert f"Trust induction lead at {lead.trust.name}" in page
    assert "Induction tutor at Ash Primary" in page
    response = client.post("/choose-role/", {"membership": str(lead.pk)})
    assert response.url == "/school/trust/"

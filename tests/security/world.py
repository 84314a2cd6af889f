"""A world of two of everything, for the security tests: two trusts, schools, appropriate
bodies and lead providers (each with its own programme), each school with an ECT, a mentor
and the records the pages show (reviews, assessments, support plans, release requests,
uploads, exports, notifications, meetings and drop-ins, seminars and study items)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ecte.accounts.models import Membership, Role
from ecte.events.record import Actor
from ecte.exports.models import Export, ExportKind
from induction.models import BulkUpload
from programmes.models import Module, SchoolPartnership, Session, StudyItem
from programmes.services import mentoring
from tests.factories import (
    AppropriateBodyFactory,
    ExtensionFactory,
    InductionPeriodFactory,
    MembershipFactory,
    SchoolFactory,
    TrustFactory,
)
from tests.induction.factories import (
    AssessmentFactory,
    ProgressReviewFactory,
    ReductionFactory,
    ReleaseRequestFactory,
    SupportPlanFactory,
)
from tests.notifications.factories import NotificationFactory
from tests.programmes.factories import NIOT_FILE, ect_on_programme, load_programme

# Logs are dated inside the autumn term, before "today" wherever the suite runs.
LOGGED_ON = datetime.date(2026, 10, 5)
TODAY = datetime.date(2026, 11, 23)

ROLES = ("tutor", "mentor", "ect", "ab", "lp", "trust")


@dataclass
class Organisation:
    """One side of the world: everything that organisation 1 (or 2) owns."""

    members: dict[str, Membership] = field(default_factory=dict)
    ids: dict[str, object] = field(default_factory=dict)


def build_organisation(number: int) -> Organisation:
    org = Organisation()
    trust = TrustFactory(name=f"Security trust {number}")
    appropriate_body = AppropriateBodyFactory()
    programme = load_programme(NIOT_FILE)
    lead_provider = programme.lead_provider
    school = SchoolFactory(trust=trust)
    mentorship = ect_on_programme(programme, school=school)
    ect_period = mentorship.ect_at_school_period
    ect_period.appropriate_body = appropriate_body
    ect_period.save(update_fields=["appropriate_body"])
    mentor_period = mentorship.mentor_at_school_period
    teacher = ect_period.teacher
    induction_period = InductionPeriodFactory(teacher=teacher, appropriate_body=appropriate_body)

    org.members = {
        "tutor": MembershipFactory(school=school, is_headteacher=True),
        "mentor": MembershipFactory(mentor=True, teacher=mentor_period.teacher),
        "ect": MembershipFactory(ect=True, teacher=teacher),
        "ab": MembershipFactory(appropriate_body_user=True, appropriate_body=appropriate_body),
        "lp": MembershipFactory(lead_provider_user=True, lead_provider=lead_provider),
        "trust": MembershipFactory(role=Role.TRUST_INDUCTION_LEAD, school=None, trust=trust),
    }

    extension = ExtensionFactory(teacher=teacher, appropriate_body=appropriate_body)
    reduction = ReductionFactory(teacher=teacher, appropriate_body=appropriate_body)
    review = ProgressReviewFactory(ect_at_school_period=ect_period, at_risk=True)
    plan = SupportPlanFactory(progress_review=review)
    assessment = AssessmentFactory(ect_at_school_period=ect_period, sent=True)
    # Another body asks this organisation's body to release its ECT.
    release_request = ReleaseRequestFactory(induction_period=induction_period)
    upload = BulkUpload.objects.create(
        appropriate_body=appropriate_body,
        kind="claim",
        filename=f"claims-{number}.csv",
        status="ready",
        uploaded_by=org.members["ab"].user,
        # As induction.bulk.raw_table stores a file: a "Line" column, then the file's own.
        raw_rows=[["Line", "TRN", "Date of birth"], [2, "0000001", "1 April 1998"]],
        errors=[{"line": 2, "message": "No teacher has this TRN"}],
        row_count=1,
    )
    ab_user = org.members["ab"].user
    export = Export.objects.create(
        kind=ExportKind.APPROPRIATE_BODY,
        file_format="csv",
        organisation_role=Role.APPROPRIATE_BODY,
        organisation_id=appropriate_body.pk,
        organisation_name=appropriate_body.name,
        requested_by=ab_user,
        requested_by_name=ab_user.full_name,
    )
    notification = NotificationFactory(recipient=org.members["tutor"].user)

    mentor = Actor.for_membership(org.members["mentor"])
    drop_in = mentoring.drop_in_log(
        mentorship=mentorship,
        held_on=LOGGED_ON,
        minutes=15,
        mode="in_person",
        by=mentor,
        today=TODAY,
    )
    meeting = mentoring.meeting_log(
        mentorship=mentorship,
        held_on=LOGGED_ON,
        minutes=45,
        praise="Routines",
        probe="Transitions",
        plan="Countdown",
        practice="Rehearsed",
        follow_up_on=datetime.date(2026, 10, 12),
        new_actions=["Use a countdown"],
        by=mentor,
        today=TODAY,
    )
    module = Module.objects.filter(programme_year__programme=programme).order_by("pk").first()
    ect_item = StudyItem.objects.filter(programme=programme, module=module).order_by("pk").first()
    mentor_item = (
        StudyItem.objects.filter(programme=programme, module__isnull=True).order_by("pk").first()
        or ect_item
    )
    session = Session.objects.filter(programme=programme).order_by("pk").first()
    partnership = SchoolPartnership.objects.filter(school=school).order_by("pk").first()

    org.ids = {
        "teacher": teacher.pk,
        "ect_period": ect_period.pk,
        "mentor_period": mentor_period.pk,
        "induction_period": induction_period.pk,
        "review": review.pk,
        "extension": extension.pk,
        "reduction": reduction.pk,
        "lead_provider": lead_provider.pk,
        "plan": plan.pk,
        "assessment": assessment.pk,
        "release_request": release_request.pk,
        "upload": upload.pk,
        "export": export.pk,
        "notification": notification.pk,
        "drop_in": drop_in.pk,
        "meeting": meeting.pk,
        "module_code": module.code,
        "ect_item": ect_item.pk,
        "mentor_item": mentor_item.pk,
        "session": session.pk,
        "partnership": partnership.pk,
        "user": org.members["tutor"].user.pk,
    }
    return org

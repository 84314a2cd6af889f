"""The pages benchmarked, who views each, and the query each is compared with.

Each page is signed in as the membership a real user of that role would hold: the
induction tutor of the school with 60 ECTs, the appropriate body holding about 5,000
ECTs, the lead provider with about 20,000 participants, a mentor and an ECT at the big
school, and DfE staff (with the authenticator app, as the admin requires).
"""

import time
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.db.models import Q, QuerySet
from django.test import Client
from django.urls import reverse
from django.utils.crypto import get_random_string

from ecte.accounts.models import Membership, Role, User
from ecte.national.names import BIG_APPROPRIATE_BODY_NAME, BIG_LEAD_PROVIDER_NAME, BIG_SCHOOL_NAME
from induction.models import AppropriateBody
from induction.selectors import appropriate_body as ab_lists
from participants.models import ECTAtSchoolPeriod, Mentorship, Teacher, TrainingPeriod
from programmes import selectors as lp_lists
from programmes.models import LeadProvider, StudyRecord
from schools.models import School

STAFF_EMAIL = "benchmark-staff@education.gov.uk"


@dataclass
class Page:
    name: str
    url: str
    client: Client
    main_query: str
    queryset: QuerySet


class NotSeeded(Exception):
    pass


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _staff_client() -> Client:
    """DfE staff signed in with a password and a TOTP code, as the admin requires."""
    user = User.objects.filter(email=STAFF_EMAIL).first() or User.objects.create_user(
        STAFF_EMAIL, is_staff=True, is_superuser=True
    )
    password = get_random_string(32)
    user.set_password(password)
    user.save()
    if not Membership.objects.active().filter(user=user, role=Role.DFE_STAFF).exists():
        Membership.objects.create(user=user, role=Role.DFE_STAFF)
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = Client()
    client.post("/accounts/login/", {"login": STAFF_EMAIL, "password": password})
    client.post(
        "/accounts/2fa/authenticate/",
        {"code": format_hotp_value(hotp_value(secret, int(time.time()) // 30))},
    )
    return client


def _user_of(**membership) -> User:
    found = Membership.objects.active().filter(**membership).select_related("user").first()
    if found is None:
        raise NotSeeded(f"No membership {membership}: run seed_national first")
    return found.user


def national_pages() -> list[Page]:
    try:
        school = School.objects.get(name=BIG_SCHOOL_NAME)
        ab = AppropriateBody.objects.get(name=BIG_APPROPRIATE_BODY_NAME)
        lp = LeadProvider.objects.get(name=BIG_LEAD_PROVIDER_NAME)
    except (School.DoesNotExist, AppropriateBody.DoesNotExist, LeadProvider.DoesNotExist):
        raise NotSeeded("The national data is missing: run seed_national first") from None
    mentorship = (
        Mentorship.objects.ongoing()
        .filter(ect_at_school_period__school=school, ect_at_school_period__finished_on=None)
        .select_related("ect_at_school_period", "mentor_at_school_period")
        .order_by("pk")
        .first()
    )
    ect = mentorship.ect_at_school_period.teacher_id
    mentor = mentorship.mentor_at_school_period.teacher_id
    held = ab_lists.held(ab).first().teacher
    in_induction = reverse("induction:list", args=["in-induction"])
    return [
        Page(
            "School dashboard (60 ECTs)",
            reverse("schools:home"),
            _client_for(_user_of(role=Role.INDUCTION_TUTOR, school=school)),
            "the school's current ECT periods with teacher and appropriate body",
            ECTAtSchoolPeriod.objects.ongoing()
            .filter(school=school)
            .select_related("teacher", "appropriate_body")
            .order_by("teacher__last_name", "teacher__first_name"),
        ),
        Page(
            "Appropriate body home (5,000 ECTs)",
            reverse("induction:home"),
            ab_client := _client_for(_user_of(role=Role.APPROPRIATE_BODY, appropriate_body=ab)),
            "the first 5 inductions it holds (held(ab)[:5])",
            ab_lists.held(ab)[:5],
        ),
        Page(
            "Appropriate body teacher list, page 1 of 50",
            in_induction,
            ab_client,
            "held(ab)[:50]",
            ab_lists.held(ab)[:50],
        ),
        Page(
            "Appropriate body TRN search",
            f"{in_induction}?q={held.trn}",
            ab_client,
            "held(ab, trn)[:50]",
            ab_lists.held(ab, held.trn)[:50],
        ),
        Page(
            f"Appropriate body name search ({held.last_name})",
            f"{in_induction}?q={held.last_name}",
            ab_client,
            "held(ab, name)[:50]",
            ab_lists.held(ab, held.last_name)[:50],
        ),
        Page(
            f"Lead provider participants ({_participants(lp):,})",
            reverse("programmes:home"),
            _client_for(_user_of(role=Role.LEAD_PROVIDER, lead_provider=lp)),
            "the first page of 50 training ids (participant_training_ids(lp)[:50])",
            lp_lists.participant_training_ids(lp)[:50],
        ),
        Page(
            "Mentor home",
            reverse("participants:mentor_home"),
            _client_for(_user_of(role=Role.MENTOR, teacher_id=mentor)),
            "the mentor's current mentorships (mentees_of)",
            Mentorship.objects.ongoing()
            .filter(mentor_at_school_period__teacher_id=mentor)
            .select_related("ect_at_school_period__teacher", "ect_at_school_period__school")
            .order_by("ect_at_school_period__teacher__last_name"),
        ),
        Page(
            "ECT programme",
            reverse("my_programme:programme"),
            _client_for(_user_of(role=Role.ECT, teacher_id=ect)),
            "the ECT's study records",
            StudyRecord.objects.filter(teacher_id=ect).select_related("item"),
        ),
        Page(
            f"Admin teacher search ({held.last_name})",
            f"{reverse('admin:participants_teacher_changelist')}?q={held.last_name}",
            _staff_client(),
            "teachers whose TRN or name contains the text, first 100",
            Teacher.objects.filter(
                Q(trn__icontains=held.last_name)
                | Q(first_name__icontains=held.last_name)
                | Q(last_name__icontains=held.last_name)
            ).order_by("last_name", "first_name")[:100],
        ),
    ]


def _participants(lead_provider) -> int:
    return (
        TrainingPeriod.objects.ongoing()
        .filter(school_partnership__lead_provider=lead_provider)
        .count()
    )

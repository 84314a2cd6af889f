"""seed_demo: the demo data of the embedded default, and the start page that lists its accounts."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from ecte.accounts.models import Membership, Role, User
from ecte.demo import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD
from ecte.events.models import Event
from induction.models import AppropriateBodyKind, Extension, InductionOutcome, InductionPeriod
from participants.models import ECTAtSchoolPeriod, InductionStatus, TeacherRecord, WorkingPattern
from programmes.models import LeadProvider
from schools.models import School

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_settings(settings):
    settings.DEBUG = True
    settings.DEMO_MODE = True
    return settings


@pytest.fixture
def seeded(demo_settings):
    call_command("seed_demo", stdout=io.StringIO())
    return demo_settings


def register_status(teacher) -> str:
    return TeacherRecord.objects.get(trn=teacher.trn).induction_status


def model_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_seed_demo_is_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="never runs in production"):
        call_command("seed_demo")
    assert not School.objects.exists()
    assert not User.objects.exists()
    assert not TeacherRecord.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_seed_demo_creates_every_role_and_state(seeded):
    roles = set(Membership.objects.active().values_list("role", flat=True))
    assert roles == set(Role.values)
    assert Membership.objects.filter(role=Role.INDUCTION_TUTOR, is_headteacher=True).exists()
    tutors = Membership.objects.filter(role=Role.INDUCTION_TUTOR)
    assert len(set(tutors.values_list("school", flat=True))) >= 2

    # One person with two roles, so that "Choose your role" is exercised.
    roles_per_user = User.objects.annotate(roles=Count("memberships__role", distinct=True))
    assert roles_per_user.filter(roles=2, email__endswith="@example.com").exists()

    # Organisations.
    assert School.objects.count() == 6
    assert School.objects.filter(school_type="independent").exists()
    assert School.objects.filter(trust__isnull=False).exists()
    assert School.objects.filter(trust__isnull=True).exists()
    istip = Membership.objects.get(role=Role.APPROPRIATE_BODY, appropriate_body__kind="national")
    assert istip.appropriate_body.name == "Independent Schools Teacher Induction Panel (ISTIP)"
    hubs = Membership.objects.filter(appropriate_body__kind=AppropriateBodyKind.TEACHING_SCHOOL_HUB)
    assert hubs.filter(appropriate_body__lead_school__isnull=False).exists()
    choices = dict(LeadProvider.objects.values_list("name", "allows_module_sequence_choice"))
    assert choices == {"National Institute of Teaching": True, "Best Practice Network": False}

    # The states that matter.
    passed = InductionPeriod.objects.get(outcome=InductionOutcome.PASS).teacher
    assert register_status(passed) == InductionStatus.PASSED
    failed = InductionPeriod.objects.get(outcome=InductionOutcome.FAIL).teacher
    assert register_status(failed) == InductionStatus.FAILED
    appeal = Event.objects.get(event_type="induction_failed", teacher=failed)
    assert "right to appeal" in appeal.body
    extended = Extension.objects.get().teacher
    assert extended.induction_periods.ongoing().exists()
    assert register_status(extended) == InductionStatus.IN_PROGRESS
    part_time = ECTAtSchoolPeriod.objects.get(working_pattern=WorkingPattern.PART_TIME)
    assert part_time.fte == Decimal("0.5")
    assert part_time.teacher.memberships.filter(role=Role.ECT).exists()

    moved = ECTAtSchoolPeriod.objects.filter(
        finished_on__isnull=False, teacher__ect_at_school_periods__finished_on=None
    )
    moved_teacher = moved.get().teacher
    periods = list(moved_teacher.induction_periods.order_by("started_on"))
    assert [p.outcome for p in periods] == ["", ""]
    assert periods[0].finished_on is not None and periods[0].number_of_terms > 0  # released
    assert periods[1].is_open and periods[1].appropriate_body != periods[0].appropriate_body
    assert moved_teacher.memberships.filter(role=Role.ECT).exists()

    waiting_for_qts = TeacherRecord.objects.get(
        qts_awarded_on=None, trn__in=ECTAtSchoolPeriod.objects.values("teacher__trn")
    )
    assert not InductionPeriod.objects.filter(teacher__trn=waiting_for_qts.trn).exists()
    exempt = TeacherRecord.objects.get(induction_status=InductionStatus.EXEMPT)
    assert not ECTAtSchoolPeriod.objects.filter(teacher__trn=exempt.trn).exists()
    waiting_for_claim = (
        ECTAtSchoolPeriod.objects.ongoing()
        .exclude(teacher__induction_periods__isnull=False)
        .exclude(teacher__qts_awarded_on=None)
    )
    assert waiting_for_claim.exists()
    register_only = TeacherRecord.objects.exclude(
        trn__in=ECTAtSchoolPeriod.objects.values("teacher__trn")
    ).filter(induction_status=InductionStatus.REQUIRED_TO_COMPLETE)
    assert register_only.count() >= 5

    # Every open induction period shows as "in progress" on the register.
    open_trns = InductionPeriod.objects.ongoing().values("teacher__trn")
    assert set(
        TeacherRecord.objects.filter(trn__in=open_trns).values_list("induction_status", flat=True)
    ) == {InductionStatus.IN_PROGRESS}

    # DfE staff: a password and an authenticator app.
    staff = User.objects.get(email=DEMO_STAFF_EMAIL)
    assert staff.is_staff and staff.is_superuser and staff.check_password(DEMO_STAFF_PASSWORD)
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    # Everyone else signs in with a code: no usable password.
    assert not any(u.has_usable_password() for u in User.objects.exclude(pk=staff.pk))


@pytest.mark.django_db
def test_seed_demo_has_a_trust_induction_lead_for_a_trust_with_two_or_more_schools(seeded):
    lead = Membership.objects.get(role=Role.TRUST_INDUCTION_LEAD)
    assert lead.trust.schools.count() >= 2
    assert lead.user.email.endswith("@example.com")


@pytest.mark.django_db
def test_seed_demo_mentors_show_both_training_cases(seeded):
    from participants.mentor_training import mentor_training_status

    statuses = {
        membership.teacher.trn: mentor_training_status(
            TeacherRecord.objects.get(trn=membership.teacher.trn), 2026
        )
        for membership in Membership.objects.filter(role=Role.MENTOR).select_related("teacher")
    }
    training = [s for s in statuses.values() if s.is_training_mentor]
    assert training and all(s.is_funded for s in training)
    assert any(
        s.reason == "They have completed 6 terms of an ECF mentor programme"
        for s in statuses.values()
    )


@pytest.mark.django_db
def test_seed_demo_run_twice_changes_nothing(seeded):
    first = model_counts()
    assert first["events.Event"] > 0
    call_command("seed_demo", stdout=io.StringIO())
    assert model_counts() == first


@pytest.mark.django_db
def test_start_page_lists_demo_accounts_only_in_demo_mode(seeded, client):
    page = client.get("/").content.decode()
    assert "Demo accounts" in page
    assert "Sign in as Rachel Adeyemi" in page
    assert "Trust induction lead at Kirkgate Learning Trust" in page
    assert "/demo/sign-in/" in page

    seeded.DEBUG = False
    seeded.DEMO_MODE = False
    page = client.get("/").content.decode()
    assert "Demo accounts" not in page
    assert "/demo/sign-in/" not in page


@pytest.mark.django_db
def test_demo_sign_in_is_refused_when_debug_is_off(seeded, client):
    user = User.objects.get(email="priya.shah@example.com")
    seeded.DEBUG = False
    response = client.post(f"/demo/sign-in/{user.pk}/")
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session

    # The same request signs in with DEBUG on: the 404 above was the DEBUG check.
    seeded.DEBUG = True
    response = client.post(f"/demo/sign-in/{user.pk}/")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server
        return response.read().decode()


def test_embedded_default_migrates_seeds_and_serves(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "REDIS_URL", "DJANGO_DEBUG", "ALLOWED_HOSTS"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env["DJANGO_SETTINGS_MODULE"] = "ecte.settings.development"

    def manage(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    migrated = manage("migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    seeded = manage("seed_demo")
    assert seeded.returncode == 0, seeded.stderr
    assert "Sign in at http://127.0.0.1:8000/" in seeded.stdout

    port = free_port()
    with open(tmp_path / "runserver.log", "w") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    assert '"ok"' in get(f"http://127.0.0.1:{port}/healthcheck")
                    break
                except (urllib.error.URLError, ConnectionError):
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail((tmp_path / "runserver.log").read_text())
                    time.sleep(0.3)
            page = get(f"http://127.0.0.1:{port}/")
            assert "Demo accounts" in page
            assert "Rachel Adeyemi" in page
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

"""Production settings (HTTPS only, HSTS, secure cookies, `check --deploy` clean), session
expiry, and the size and row limits of every upload: a clear error and nothing saved."""

import datetime
import json
import os
import subprocess
import sys

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ecte.imports.models import ImportBatch
from induction.models import BulkUpload
from programmes.models import StudyRecord

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "ecte.settings.production",
    "SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-enough-0123456789",
    "ALLOWED_HOSTS": "manage-ect-induction.example.org",
}
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
]


def run_with_production_settings(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, **PRODUCTION_ENV}
    return subprocess.run(  # the interpreter running the tests, with fixed arguments
        [sys.executable, *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def production():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SECURITY_SETTINGS!r}}}))"
    )
    result = run_with_production_settings("-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_https_only_with_a_year_of_hsts_and_secure_host_only_cookies(production):
    assert production["DEBUG"] is False
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SECURE"] is True
    # __Host- cookies: the browser refuses them unless Secure, Path=/ and no Domain.
    assert production["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert production["CSRF_COOKIE_NAME"].startswith("__Host-")


def test_production_settings_pass_check_deploy_without_a_warning():
    result = run_with_production_settings(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


@pytest.fixture
def as_in_production(settings, production):
    for name in SECURITY_SETTINGS:
        if name != "DEBUG":
            value = production[name]
            setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return settings


def test_plain_http_is_redirected_to_https(as_in_production):
    response = Client().get("/cookies/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/cookies/"
    behind_proxy = Client().get("/cookies/", headers={"x-forwarded-proto": "https"})
    assert behind_proxy.status_code == 200


def test_https_responses_carry_hsts(as_in_production):
    response = Client().get("/cookies/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_the_session_and_csrf_cookies_are_secure_http_only_and_end_with_the_browser(
    as_in_production,
):
    client = Client()
    client.get("/accounts/login/code/", secure=True)
    response = client.post("/accounts/login/code/", {"email": "a@example.org"}, secure=True)
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert session["path"] == "/"
    assert not session["domain"]
    # No Max-Age or Expires: a browser-session cookie, gone when the browser closes.
    assert not session["max-age"] and not session["expires"]
    csrf = client.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"]


# --- session expiry ------------------------------------------------------------------------

SIGNED_IN_AT = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=datetime.UTC)


def test_a_session_ends_eight_hours_after_it_last_changed(world):
    client = Client()
    with time_machine.travel(SIGNED_IN_AT, tick=False):
        client.force_login(world["own"].members["tutor"].user)
        # The first page stores the active role: the session's last change.
        assert client.get("/school/").status_code == 200
    with time_machine.travel(SIGNED_IN_AT + datetime.timedelta(hours=7, minutes=59), tick=False):
        assert client.get("/school/").status_code == 200
    with time_machine.travel(SIGNED_IN_AT + datetime.timedelta(hours=8, minutes=1), tick=False):
        response = client.get("/school/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/code/")


def test_session_expiry_is_the_documented_choice():
    assert django_settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSION_SAVE_EVERY_REQUEST is False


# --- request and upload sizes --------------------------------------------------------------


def signed_in(world, role):
    client = Client()
    client.force_login(world["own"].members[role].user)
    return client


def test_a_form_post_over_the_size_limit_is_a_bad_request(world):
    client = signed_in(world, "tutor")
    response = client.post(
        "/school/ects/register/find/",
        {"trn": "1" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
    )
    assert response.status_code == 400


def test_more_than_one_file_in_a_request_is_a_bad_request(world):
    client = signed_in(world, "ab")
    files = [SimpleUploadedFile(f"{n}.csv", b"TRN\n", "text/csv") for n in range(2)]
    response = client.post("/appropriate-body/bulk/", {"kind": "claim", "file": files})
    assert response.status_code == 400
    assert BulkUpload.objects.count() == 2  # the world's own two


CLAIM_HEADER = b"TRN,Date of birth,Induction programme,Start date\n"
CLAIM_ROW = b"1234567,12/04/1998,Provider-led,01/09/2026\n"


def test_a_bulk_upload_over_two_megabytes_is_refused_and_nothing_saved(world):
    before = BulkUpload.objects.count()
    big = CLAIM_HEADER + CLAIM_ROW * (2 * 1024 * 1024 // len(CLAIM_ROW) + 1)
    page = signed_in(world, "ab").post(
        "/appropriate-body/bulk/",
        {"kind": "claim", "file": SimpleUploadedFile("claims.csv", big, "text/csv")},
    )
    assert page.status_code == 200
    assert "The selected file must be smaller than 2MB" in page.content.decode()
    assert BulkUpload.objects.count() == before


def test_a_bulk_upload_of_more_than_a_thousand_rows_is_refused_and_nothing_saved(world):
    before = BulkUpload.objects.count()
    page = signed_in(world, "ab").post(
        "/appropriate-body/bulk/",
        {
            "kind": "claim",
            "file": SimpleUploadedFile("claims.csv", CLAIM_HEADER + CLAIM_ROW * 1001, "text/csv"),
        },
    )
    assert "The selected file must have no more than 1,000 rows" in page.content.decode()
    assert BulkUpload.objects.count() == before


SELF_STUDY_HEADER = b"trn,activity_code,completed_on\n"
SELF_STUDY_ROW = b"1234567,Y1-B-CORE,2026-11-20\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (2 * 1024 * 1024 // len(SELF_STUDY_ROW) + 1, "The selected file must be smaller than 2MB"),
        (20_001, "The file must have no more than 20,000 rows"),
    ],
    ids=["over-2MB", "over-20000-rows"],
)
def test_a_self_study_upload_over_its_limits_is_refused_and_nothing_saved(world, rows, message):
    before = StudyRecord.objects.count()
    content = SELF_STUDY_HEADER + SELF_STUDY_ROW * rows
    page = signed_in(world, "lp").post(
        "/lead-provider/self-study/",
        {"file": SimpleUploadedFile("self-study.csv", content, "text/csv")},
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    assert StudyRecord.objects.count() == before


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_BYTES", 1024, "The file must be smaller than 50MB"),
        ("MAX_ROWS", 10, "The file must have at most 10 rows"),
    ],
    ids=["too-big", "too-many-rows"],
)
def test_an_admin_import_over_its_limits_is_refused_and_nothing_saved(
    staff_client, monkeypatch, limit, value, message
):
    # The real limits are 50MB and 200,000 rows: lowered here so the test stays fast.
    monkeypatch.setattr(f"ecte.imports.parsers.{limit}", value)
    header = b"TRN,First name,Last name,Date of birth\n"
    rows = b"".join(b"%07d,Ann,Lee,1998-04-12\n" % n for n in range(1000000, 1000040))
    page = staff_client.post(
        reverse("admin:imports_teacher_records"),
        {"file": SimpleUploadedFile("records.csv", header + rows, "text/csv")},
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    assert ImportBatch.objects.count() == 0

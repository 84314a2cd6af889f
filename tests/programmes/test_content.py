"""Programme content as data: the seeded NIoT and BPN-style programmes, import and export."""

import io
import json
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ecte.accounts.models import User
from programmes import content_io
from programmes.errors import ProgrammeError
from programmes.models import (
    MeetingFocus,
    Module,
    Programme,
    ProgrammeYear,
    Session,
    StudyItem,
    StudyKind,
)
from tests.factories import LeadProviderFactory, MembershipFactory
from tests.programmes.factories import NIOT_FILE

pytestmark = pytest.mark.django_db


def test_niot_programme_has_modules_a_to_f_with_a_fixed_first_in_both_years(niot):
    for number in (1, 2):
        modules = list(
            Module.objects.filter(programme_year__programme=niot, programme_year__number=number)
        )
        assert [m.code for m in modules] == list("ABCDEF")
        assert [m.title for m in modules] == [
            "Behaviour and Relationships",
            "Memory and Learning",
            "Planning and Delivery",
            "Subject and Curriculum",
            "Assessment for Learning",
            "Adaptive Practice",
        ]
        assert [m.fixed_position for m in modules] == [True, False, False, False, False, False]


def test_niot_year_1_has_the_30_electives_of_appendix_1_and_its_rule_28_numbers(niot):
    electives = StudyItem.objects.filter(programme=niot, kind=StudyKind.ELECTIVE)
    assert electives.count() == 30
    assert set(electives.values_list("minutes", flat=True)) == {45}
    assert electives.filter(code="Y1-F-E4").get().title == (
        "Effective grouping and deployment of teaching assistants (TAs)"
    )
    core = StudyItem.objects.filter(
        programme=niot, kind=StudyKind.CORE, module__programme_year__number=1
    )
    diagnostic = StudyItem.objects.filter(
        programme=niot, kind=StudyKind.DIAGNOSTIC, module__programme_year__number=1
    )
    assert (core.count(), set(core.values_list("minutes", flat=True))) == (6, {60})
    assert (diagnostic.count(), set(diagnostic.values_list("minutes", flat=True))) == (6, {30})
    year_1 = niot.years.get(number=1)
    assert (year_1.min_choices, year_1.min_choices_first_module, year_1.max_choices) == (3, 2, None)
    assert (year_1.meeting_every_weeks, year_1.drop_in_every_weeks, year_1.max_drop_in_minutes) == (
        1,
        1,
        15,
    )
    assert year_1.meeting_model == "six_step"


def test_niot_year_2_has_the_focus_areas_of_appendix_2_three_per_module_four_in_f(niot):
    counts = {
        module.code: module.items.filter(kind=StudyKind.FOCUS_AREA).count()
        for module in Module.objects.filter(
            programme_year__programme=niot, programme_year__number=2
        )
    }
    assert counts == {"A": 3, "B": 3, "C": 3, "D": 3, "E": 3, "F": 4}
    year_2 = niot.years.get(number=2)
    assert (year_2.min_choices, year_2.max_choices) == (1, 1)
    assert (year_2.meeting_every_weeks, year_2.drop_in_every_weeks) == (2, 2)
    focuses = list(MeetingFocus.objects.filter(programme_year=year_2).values_list("title", "week"))
    assert focuses == [
        ("Prepare and plan", 1),
        ("Review and adapt", 3),
        ("Final review and next steps", 6),
    ]


def test_niot_seminars_run_one_per_half_term_in_a_fixed_order_with_termly_webinars(niot):
    seminars = Session.objects.filter(
        programme=niot, programme_year__number=1, kind="seminar"
    ).exclude(code__endswith="INTRO")
    assert list(seminars.values_list("half_term", "minutes")) == [(n, 90) for n in range(1, 7)]
    assert (
        seminars.first().title == "Seminar A: Ensuring safe and predictable learning environments"
    )
    webinars = Session.objects.filter(programme=niot, programme_year__number=1, kind="webinar")
    assert list(webinars.values_list("term", "presenter")) == [
        (1, "Mohammad Abdallah"),
        (2, "Alex Quigley"),
        (3, "Kate Jones"),
    ]


def test_bpn_programme_runs_modules_1_to_5_then_6_to_9_in_a_fixed_order(bpn):
    year_1 = [
        m.code
        for m in Module.objects.filter(programme_year__programme=bpn, programme_year__number=1)
    ]
    year_2 = [
        m.code
        for m in Module.objects.filter(programme_year__programme=bpn, programme_year__number=2)
    ]
    assert (year_1, year_2) == (["1", "2", "3", "4", "5"], ["6", "7", "8", "9"])
    assert not Module.objects.filter(programme_year__programme=bpn, fixed_position=False).exists()
    assert not bpn.late_joiners_start_with_first_module


def test_export_then_import_is_the_same_file(niot):
    exported = content_io.export_programme(niot)
    original = json.loads(NIOT_FILE.read_text())
    original["lead_provider"] = niot.lead_provider.name
    assert exported == original
    before = StudyItem.objects.count()
    content_io.import_programme(exported)
    assert StudyItem.objects.count() == before
    assert Programme.objects.count() == 1


def test_seed_programmes_loads_both_and_changes_nothing_the_second_time():
    call_command("seed_programmes", stdout=io.StringIO())
    counts = (Programme.objects.count(), StudyItem.objects.count(), Session.objects.count())
    assert counts[0] == 2
    out = io.StringIO()
    call_command("seed_programmes", stdout=out)
    assert (Programme.objects.count(), StudyItem.objects.count(), Session.objects.count()) == counts
    assert "NIoT Early Career Teacher Programme (2026 to 2027)" in out.getvalue()


def test_an_import_can_rename_reorder_and_remove_content(niot):
    data = content_io.export_programme(niot)
    year_1 = data["years"][0]
    year_1["modules"][1]["position"], year_1["modules"][2]["position"] = 3, 2
    year_1["modules"][1]["items"][2]["title"] = "How memory works"
    year_1["modules"][1]["items"].pop()  # the last elective of module B
    content_io.import_programme(data)
    modules = Module.objects.filter(programme_year__programme=niot, programme_year__number=1)
    assert [m.code for m in modules] == ["A", "C", "B", "D", "E", "F"]
    assert StudyItem.objects.get(programme=niot, code="Y1-B-E1").title == "How memory works"
    assert not StudyItem.objects.filter(programme=niot, code="Y1-B-E5").exists()


def _niot_data(**changes) -> dict:
    data = json.loads(NIOT_FILE.read_text())
    data["lead_provider"] = LeadProviderFactory().name
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="csv"), content_io.WRONG_FORMAT),
        (
            lambda d: d.update(lead_provider="Nobody Ltd"),
            "There is no lead provider called Nobody Ltd",
        ),
        (
            lambda d: d.update(academic_year=1999),
            "The programme: academic_year must be a year from 2021",
        ),
        (
            lambda d: d["years"][0].update(meeting_model="weekly chat"),
            "Year 1: meeting_model must be one of six_step, half_term_focus, notes",
        ),
        (
            lambda d: d["years"][0]["modules"][0].pop("title"),
            "Year 1, module A needs a value for title",
        ),
        (
            lambda d: d["years"][0]["modules"][1]["items"][0].update(code="Y1-A-CORE"),
            "Year 1, module B: the code Y1-A-CORE is used twice",
        ),
        (
            lambda d: d["years"][0]["modules"][0].update(position=9),
            "Year 1: the module positions must be 1, 2, 3 and so on",
        ),
        (
            lambda d: d["years"][0]["modules"][0].update(half_terms=2),
            "Year 1: the modules last more than the 6 half-terms of a year",
        ),
        (
            lambda d: d["years"][0]["sessions"][1].update(half_term=None),
            "The content breaks a rule of programmes (session_in_a_half_term_or_a_term)",
        ),
    ],
    ids=[
        "format",
        "provider",
        "year",
        "meeting-model",
        "missing-title",
        "duplicate-code",
        "position",
        "too-long",
        "session-when",
    ],
)
def test_a_bad_file_is_refused_with_a_plain_message_and_nothing_is_saved(mutate, message):
    data = _niot_data()
    mutate(data)
    with pytest.raises(ProgrammeError) as refused:
        content_io.import_programme(data)
    assert str(refused.value) == message
    assert not Programme.objects.exists()
    assert not ProgrammeYear.objects.exists()


def test_a_file_that_is_not_json_is_refused():
    with pytest.raises(ProgrammeError) as refused:
        content_io.parse(b"\x89PNG not json")
    assert str(refused.value) == content_io.NOT_JSON


# --- the admin ----------------------------------------------------------------------------


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user(
        "content@education.gov.uk",
        password="a-long-staff-password",
        is_staff=True,
        is_superuser=True,
    )
    MembershipFactory(user=user, dfe_staff=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-staff-password"})
    client.post(
        "/accounts/2fa/authenticate/",
        {"code": format_hotp_value(hotp_value(secret, int(time.time()) // 30))},
    )
    return client


def test_admin_downloads_a_programme_as_a_file(staff_client, niot):
    response = staff_client.post(
        "/admin/programmes/programme/",
        {"action": "download", "_selected_action": [str(niot.pk)]},
    )
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == content_io.export_programme(niot)


def test_admin_imports_a_programme_from_a_file(staff_client):
    data = _niot_data()
    upload = SimpleUploadedFile("niot.json", json.dumps(data).encode(), "application/json")
    response = staff_client.post("/admin/programmes/programme/import/", {"file": upload})
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert response["Location"] == f"/admin/programmes/programme/{programme.pk}/change/"
    assert programme.lead_provider.name == data["lead_provider"]


def test_admin_import_shows_the_problem_and_saves_nothing(staff_client):
    upload = SimpleUploadedFile("niot.json", b"{}", "application/json")
    page = staff_client.post(
        "/admin/programmes/programme/import/", {"file": upload}
    ).content.decode()
    assert content_io.WRONG_FORMAT in page
    assert not Programme.objects.exists()
    assert (
        "Import a programme from a file"
        in staff_client.get("/admin/programmes/programme/").content.decode()
    )

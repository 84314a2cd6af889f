"""Exports: built by a task from the outbox, scoped to the organisation, neutralised,
expiring after 7 days."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from openpyxl import load_workbook

from ecte.exports import services
from ecte.exports.models import Export, ExportKind, ExportStatus
from ecte.exports.writers import neutralise, write_csv, write_xlsx
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    ExtensionFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    TeacherFactory,
    TrainingPeriodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _csv(export: Export) -> list[list[str]]:
    with default_storage.open(export.file.name, "rb") as file:
        return list(csv.reader(io.StringIO(file.read().decode("utf-8-sig"))))


def _sign_in(client, membership):
    client.force_login(membership.user)
    session = client.session
    session["ecte_active_membership_id"] = membership.pk
    session.save()
    return client


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 113", "'+44 113"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Okafor", "Okafor"),
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_neutralised(value, expected):
    assert neutralise(value) == expected


def test_csv_and_xlsx_writers_neutralise_text_but_not_numbers_or_dates(tmp_path):
    from decimal import Decimal

    rows = [("=1+1", Decimal("-1.5"), datetime.date(2026, 9, 1), None, "@x", "Amara")]
    write_csv(tmp_path / "a.csv", ["A", "B", "C", "D", "E", "F"], rows)
    written = list(csv.reader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    assert written[1] == ["'=1+1", "-1.5", "2026-09-01", "", "'@x", "Amara"]
    write_xlsx(tmp_path / "a.xlsx", ["A", "B", "C", "D", "E", "F"], rows)
    sheet = load_workbook(tmp_path / "a.xlsx").active
    values = [cell.value for cell in sheet[2]]
    assert values[0] == "'=1+1"
    assert values[1] == -1.5
    assert values[2].date() == datetime.date(2026, 9, 1)
    assert values[4] == "'@x"
    assert sheet["A2"].data_type == "s"  # text, never a formula


def test_an_appropriate_body_exports_only_its_own_induction_records(commit, client):
    body = AppropriateBodyFactory()
    membership = MembershipFactory(appropriate_body_user=True, appropriate_body=body)
    teacher = TeacherFactory(first_name="=Amara", last_name="Okafor")
    period = ECTAtSchoolPeriodFactory(teacher=teacher, appropriate_body=body)
    InductionPeriodFactory(teacher=teacher, appropriate_body=body)
    ExtensionFactory(teacher=teacher, appropriate_body=body)
    InductionPeriodFactory()  # another appropriate body's
    with commit():
        export = services.request_export(role=membership, file_format="csv")
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert export.kind == ExportKind.APPROPRIATE_BODY
    rows = _csv(export)
    assert rows[0][:3] == ["TRN", "First name", "Last name"]
    assert len(rows) == 2
    assert rows[1][:6] == [
        teacher.trn,
        "'=Amara",
        "Okafor",
        "1998-04-12",
        period.school.urn,
        period.school.name,
    ]
    assert rows[1][11] == "1.00"  # extension terms
    # The requester is told it is ready.
    assert any("Your export is ready" in email.subject for email in mail.outbox)


def test_an_induction_tutor_exports_the_schools_ects_and_mentors(commit):
    membership = MembershipFactory()
    school = membership.school
    mentorship = MentorshipFactory(
        ect_at_school_period=ECTAtSchoolPeriodFactory(school=school),
        mentor_at_school_period=MentorAtSchoolPeriodFactory(school=school),
    )
    TrainingPeriodFactory(ect_at_school_period=mentorship.ect_at_school_period)
    ECTAtSchoolPeriodFactory()  # another school's
    with commit():
        export = services.request_export(role=membership, file_format="xlsx")
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    with default_storage.open(export.file.name, "rb") as file:
        sheet = load_workbook(file).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[0] for row in rows[1:]] == ["ECT", "Mentor"]
    mentor = mentorship.mentor_at_school_period.teacher
    assert rows[1][9] == mentor.full_name


def test_a_lead_provider_exports_its_participants(commit):
    training = TrainingPeriodFactory()
    provider = training.school_partnership.lead_provider
    membership = MembershipFactory(lead_provider_user=True, lead_provider=provider)
    TrainingPeriodFactory()  # another provider's
    with commit():
        export = services.request_export(role=membership, file_format="csv")
    export.refresh_from_db()
    rows = _csv(export)
    assert len(rows) == 2
    assert rows[1][0] == "ECT"
    assert rows[1][1] == training.ect_at_school_period.teacher.trn
    assert rows[1][8] == "2026 to 2027"


def test_the_national_dataset_has_every_induction_period(commit):
    InductionPeriodFactory.create_batch(3)
    staff = MembershipFactory(dfe_staff=True, user__is_staff=True).user
    with commit():
        export = services.request_national_export(user=staff, file_format="csv")
    export.refresh_from_db()
    rows = _csv(export)
    assert len(rows) == 4
    assert rows[0][-2:] == ["Appropriate body", "Lead provider"]


def test_building_an_export_twice_builds_it_once(commit):
    membership = MembershipFactory()
    with commit():
        export = services.request_export(role=membership, file_format="csv")
    export.refresh_from_db()
    name = export.file.name
    assert services.build_export(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.file.name == name


def test_two_overlapping_runs_of_an_export_keep_one_file_and_tell_once(
    monkeypatch, settings, tmp_path
):
    from ecte.exports import writers
    from ecte.notifications.models import Notification

    settings.MEDIA_ROOT = tmp_path  # only this test's files

    membership = MembershipFactory()
    export = services.request_export(role=membership, file_format="csv")  # not yet run
    write = writers.WRITERS["csv"]
    overlapped = []

    def slow_write(path, *args, **kwargs):
        if not overlapped:
            # While this run writes, a redelivered run of the same export finishes first.
            overlapped.append("started")
            overlapped.append(services.build_export(export_id=export.pk))
        return write(path, *args, **kwargs)

    monkeypatch.setitem(writers.WRITERS, "csv", slow_write)
    assert services.build_export(export_id=export.pk) is False
    assert overlapped == ["started", True]
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert default_storage.exists(export.file.name)
    _, files = default_storage.listdir("exports")
    assert files == [export.file.name.removeprefix("exports/")]
    assert Notification.objects.filter(kind="export_ready").count() == 1


@pytest.mark.parametrize("trait", ["mentor", "ect", "dfe_staff"])
def test_mentors_ects_and_dfe_outside_the_admin_cannot_export(trait):
    with pytest.raises(services.ExportError):
        services.request_export(role=MembershipFactory(**{trait: True}), file_format="csv")


def test_expired_exports_are_deleted_by_the_beat_job(commit):
    membership = MembershipFactory()
    with commit():
        export = services.request_export(role=membership, file_format="csv")
    export.refresh_from_db()
    name = export.file.name
    assert default_storage.exists(name)
    with time_machine.travel(export.expires_at - datetime.timedelta(minutes=1)), commit():
        assert services.delete_expired_exports() == 0
    with time_machine.travel(export.expires_at + datetime.timedelta(minutes=1)), commit():
        assert services.delete_expired_exports() == 1
        assert services.delete_expired_exports() == 0
    export.refresh_from_db()
    assert export.status == ExportStatus.EXPIRED
    assert not default_storage.exists(name)


# --- pages ---------------------------------------------------------------------------------


def test_requesting_an_export_shows_its_progress_page_and_downloads(client, commit):
    membership = MembershipFactory()
    _sign_in(client, membership)
    page = client.get("/exports/")
    assert page.status_code == 200
    assert "Export ECTs and mentors" in page.content.decode()
    with commit():
        response = client.post("/exports/", {"file_format": "csv"})
    export = Export.objects.get()
    assert response.url == f"/exports/{export.pk}/"
    detail = client.get(response.url).content.decode()
    assert "Your export is ready" in detail
    download = client.get(f"/exports/{export.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).decode("utf-8-sig").startswith("Role,TRN")


def test_a_queued_export_shows_a_refresh_link_not_an_automatic_refresh(client):
    membership = MembershipFactory()
    _sign_in(client, membership)
    export = services.request_export(role=membership, file_format="csv")  # never committed
    page = client.get(f"/exports/{export.pk}/").content.decode()
    assert "Your export is being prepared" in page
    assert f'href="/exports/{export.pk}/"' in page
    assert "http-equiv" not in page
    assert client.get(f"/exports/{export.pk}/download/").status_code == 404


def test_choosing_no_format_shows_an_error(client):
    _sign_in(client, MembershipFactory())
    page = client.post("/exports/", {}).content.decode()
    assert "Select CSV or Excel spreadsheet" in page
    assert "<title>Error:" in page


def test_another_organisations_export_is_not_found(client, commit):
    owner = MembershipFactory()
    with commit():
        export = services.request_export(role=owner, file_format="csv")
    _sign_in(client, MembershipFactory())  # another school's tutor
    assert client.get(f"/exports/{export.pk}/").status_code == 404
    assert client.get(f"/exports/{export.pk}/download/").status_code == 404
    # Another user of the same school can download it.
    colleague = MembershipFactory(school=owner.school)
    _sign_in(client, colleague)
    assert client.get(f"/exports/{export.pk}/download/").status_code == 200


def test_the_same_user_in_another_role_cannot_download_their_schools_export(client, commit):
    tutor = MembershipFactory()
    appropriate_body_role = MembershipFactory(appropriate_body_user=True, user=tutor.user)
    with commit():
        export = services.request_export(role=tutor, file_format="csv")
    _sign_in(client, appropriate_body_role)
    assert client.get(f"/exports/{export.pk}/download/").status_code == 404


def test_an_expired_export_cannot_be_downloaded(client, commit):
    membership = MembershipFactory()
    with commit():
        export = services.request_export(role=membership, file_format="csv")
    export.refresh_from_db()
    _sign_in(client, membership)
    assert client.get(f"/exports/{export.pk}/download/").status_code == 200
    Export.objects.filter(pk=export.pk).update(
        expires_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    )
    assert client.get(f"/exports/{export.pk}/download/").status_code == 404


def test_mentors_are_refused_the_export_pages(client):
    _sign_in(client, MembershipFactory(mentor=True))
    assert client.get("/exports/").status_code == 403


def test_the_benchmark_command_reports_rows_per_second_and_memory():
    out = io.StringIO()
    call_command("benchmark_export", rows=2000, format="both", stdout=out)
    text = out.getvalue()
    assert "CSV: 2,000 rows" in text
    assert "XLSX: 2,000 rows" in text
    assert "rows/s" in text
    assert "tracemalloc" in text

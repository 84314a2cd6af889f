"""DfE admin imports: upload, preview with row-level errors, confirm with a note."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecte.events.models import Event
from ecte.imports import parsers, services
from ecte.imports.models import ImportBatch, ImportKind, ImportStatus
from participants.models import InductionStatus, TeacherRecord
from schools.models import School, SchoolPhase, SchoolType, Trust
from tests.factories import SchoolFactory, TeacherRecordFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)

TEACHERS_CSV = (
    "TRN,First name,Last name,Date of birth,QTS date,Induction status\n"
    "1234567,Amara,Okafor,1998-04-12,2026-07-20,In progress\n"
    "7654321,Gareth,Lloyd,12/01/1990,,\n"
    "12345,Bad,Trn,1998-04-12,,\n"
    "2222222,,Nameless,1998-02-30,2026-07-20,Retired\n"
    "1234567,Amara,Again,1998-04-12,,\n"
)


def test_teacher_records_are_read_with_an_error_for_each_bad_value():
    parsed = parsers.parse_teacher_records(TEACHERS_CSV.encode(), today=TODAY)
    assert parsed.row_count == 5
    assert [row["trn"] for row in parsed.rows] == ["1234567", "7654321"]
    assert parsed.rows[1]["date_of_birth"] == "1990-01-12"
    assert parsed.rows[1]["induction_status"] == InductionStatus.REQUIRED_TO_COMPLETE
    assert parsed.errors == [
        {"row": 4, "column": "TRN", "message": "TRN must be 7 digits"},
        {"row": 5, "column": "First name", "message": "Enter the teacher's first name"},
        {
            "row": 5,
            "column": "Date of birth",
            "message": "Date of birth must be a real date, like 2001-04-27",
        },
        {
            "row": 5,
            "column": "Induction status",
            "message": "Induction status must be one of: Required to complete, In progress, "
            "Passed, Failed, Exempt",
        },
        {"row": 6, "column": "TRN", "message": "TRN 1234567 is also on row 2"},
    ]


def test_a_file_without_the_required_columns_is_refused():
    with pytest.raises(parsers.ImportFileError, match="columns: date_of_birth"):
        parsers.parse_teacher_records(b"TRN,First name,Last name\n1234567,A,B\n", today=TODAY)


def test_a_file_with_a_nul_character_is_refused_as_not_a_csv():
    with pytest.raises(parsers.ImportFileError, match="contains a NUL character"):
        parsers.parse_schools(
            b"URN,Name,TypeOfEstablishment (name),Phase,Local authority,Status\n,,\x00\n",
            today=TODAY,
        )


def test_uploading_previews_without_changing_anything(staff_user):
    TeacherRecordFactory(trn="1234567", first_name="Amara", last_name="Okafor")
    batch = services.upload(
        kind=ImportKind.TEACHER_RECORDS,
        data=TEACHERS_CSV.encode(),
        filename="records.csv",
        user=staff_user,
    )
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (1, 1, 0)
    assert batch.error_row_count == 3
    assert not TeacherRecord.objects.filter(trn="7654321").exists()


def test_confirming_applies_the_valid_rows_once_with_a_note_and_an_event(staff_user):
    TeacherRecordFactory(trn="1234567", first_name="Amara", last_name="Old")
    batch = services.upload(
        kind=ImportKind.TEACHER_RECORDS,
        data=TEACHERS_CSV.encode(),
        filename="records.csv",
        user=staff_user,
    )
    with pytest.raises(services.ImportNotAllowed, match=services.NOTE_REQUIRED):
        services.apply_import(batch=batch, user=staff_user, note="  ")
    batch = services.apply_import(batch=batch, user=staff_user, note="Monthly TRS refresh")
    assert batch.status == ImportStatus.APPLIED
    amara = TeacherRecord.objects.get(trn="1234567")
    assert amara.last_name == "Okafor"
    assert amara.induction_status == InductionStatus.IN_PROGRESS
    assert TeacherRecord.objects.get(trn="7654321").qts_awarded_on is None
    assert TeacherRecord.objects.count() == 2
    event = Event.objects.get(event_type="teacher_records_imported")
    assert event.body == "Monthly TRS refresh"
    assert event.author == staff_user
    assert event.after["created"] == 1 and event.after["updated"] == 1
    with pytest.raises(services.ImportNotAllowed, match=services.ALREADY_APPLIED):
        services.apply_import(batch=batch, user=staff_user, note="again")


GIAS_CSV = (
    "URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),LA (name),"
    "Trusts (name),EstablishmentStatus (name),OpenDate,CloseDate\n"
    "100001,Harbour View Academy,Academy converter,Secondary,Cornwall,Coastal Trust,Open,"
    "01-09-2012,\n"
    "100002,St Brigid\xe2\x80\x99s School,Voluntary aided school,Primary,Leeds,,Closed,,"
    "31/08/2025\n"
    "100003,Ghost School,Secret school,Secondary,Leeds,,Closed,,\n"
)


def test_a_gias_file_in_windows_1252_is_read(staff_user):
    data = GIAS_CSV.replace("\xe2\x80\x99", "'").encode(
        "cp1252"
    ) + "100004,Café École,Community school,Nursery,Leeds,,Open,,\n".encode("cp1252")
    parsed = parsers.parse_schools(data, today=TODAY)
    assert [row["urn"] for row in parsed.rows] == ["100001", "100002", "100004"]
    assert parsed.rows[2]["name"] == "Café École"
    assert parsed.rows[0]["school_type"] == SchoolType.ACADEMY
    assert parsed.rows[1]["closed_on"] == "2025-08-31"
    assert {e["message"] for e in parsed.errors} == {
        "Type 'Secret school' is not a school type we know",
        "Enter the date a closed school closed",
    }


def test_schools_are_created_and_updated_by_urn_with_their_trusts(staff_user):
    SchoolFactory(urn="100002", name="Old name", trust=Trust.objects.create(name="Old Trust"))
    data = GIAS_CSV.replace("\xe2\x80\x99", "'").encode()
    batch = services.upload(
        kind=ImportKind.SCHOOLS, data=data, filename="gias.csv", user=staff_user
    )
    services.apply_import(batch=batch, user=staff_user, note="GIAS weekly")
    harbour = School.objects.get(urn="100001")
    assert harbour.trust.name == "Coastal Trust"
    assert harbour.opened_on == datetime.date(2012, 9, 1)
    assert harbour.phase == SchoolPhase.SECONDARY
    brigid = School.objects.get(urn="100002")
    assert brigid.name == "St Brigid's School"
    assert brigid.trust is None  # the file says it has no trust
    assert brigid.closed_on == datetime.date(2025, 8, 31)
    assert not School.objects.filter(urn="100003").exists()


# --- the admin pages ------------------------------------------------------------------------


def test_the_admin_index_links_to_the_tools(staff_client):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:imports_teacher_records") in page
    assert reverse("admin:imports_schools") in page
    assert reverse("admin:exports_national") in page


def test_upload_preview_and_confirm_in_the_admin(staff_client):
    upload = SimpleUploadedFile("records.csv", TEACHERS_CSV.encode(), "text/csv")
    response = staff_client.post(reverse("admin:imports_teacher_records"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.url == reverse("admin:imports_preview", args=[batch.pk])
    preview = staff_client.get(response.url).content.decode()
    assert "TRN 1234567 is also on row 2" in preview
    assert "Import 2 rows" in preview
    refused = staff_client.post(response.url, {"note": ""}).content.decode()
    assert "Enter a note saying why you are making this import" in refused
    assert TeacherRecord.objects.count() == 0
    staff_client.post(response.url, {"note": "New ITT graduates"})
    assert TeacherRecord.objects.count() == 2
    assert "Imported" in staff_client.get(response.url).content.decode()


def test_an_unreadable_file_is_shown_as_an_error_on_the_upload_page(staff_client):
    upload = SimpleUploadedFile("empty.csv", b"URN\n", "text/csv")
    page = staff_client.post(reverse("admin:imports_schools"), {"file": upload})
    assert "The file must have a header row with the columns" in page.content.decode()
    assert ImportBatch.objects.count() == 0


def test_the_tools_need_a_staff_sign_in(client):
    response = client.get(reverse("admin:imports_teacher_records"))
    assert response.status_code == 302
    assert "login" in response.url


def test_dfe_staff_export_the_national_dataset_from_the_admin(
    staff_client, settings, tmp_path, django_capture_on_commit_callbacks
):
    from ecte.exports.models import Export
    from tests.factories import InductionPeriodFactory

    settings.MEDIA_ROOT = tmp_path
    period = InductionPeriodFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:exports_national"), {"file_format": "csv"})
    assert response.url == reverse("admin:exports_national")
    export = Export.objects.get()
    page = staff_client.get(response.url).content.decode()
    download_url = reverse("admin:exports_national_download", args=[export.pk])
    assert download_url in page
    download = staff_client.get(download_url)
    assert period.teacher.trn in b"".join(download.streaming_content).decode("utf-8-sig")


def test_a_schools_export_is_not_downloadable_from_the_national_page(staff_client):
    from ecte.exports import services as export_services
    from tests.factories import MembershipFactory

    export = export_services.request_export(role=MembershipFactory(), file_format="csv")
    url = reverse("admin:exports_national_download", args=[export.pk])
    assert staff_client.get(url).status_code == 404

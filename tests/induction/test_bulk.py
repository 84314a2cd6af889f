"""Bulk CSV uploads: every row validated first (nothing changes while any row has a problem),
errors per row and as a CSV, check your answers, then applied through the same services in a
Celery task, exactly once per row."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecte.events.models import Event
from ecte.events.record import Actor
from induction import bulk, errors
from induction.models import BulkUpload, InductionPeriod
from induction.services import InductionError
from induction.services.bulk import apply_bulk_upload, create_bulk_upload, start_bulk_upload
from participants.models import Teacher
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    TeacherFactory,
    TeacherRecordFactory,
)
from tests.induction.factories import held_ect

pytestmark = pytest.mark.django_db

AB = "/appropriate-body"
CLAIM_HEADER = "TRN,Date of birth,Induction programme,Start date\n"
RELEASE_HEADER = "TRN,Date of birth,End date,Number of terms,Outcome\n"


def upload(ab_user, kind, text):
    return create_bulk_upload(
        appropriate_body=ab_user.appropriate_body,
        kind=kind,
        filename="ects.csv",
        content=text.encode(),
        by=Actor.for_membership(ab_user),
    )


def claim_line(teacher, programme="Provider-led", start="02/09/2026"):
    return f"{teacher.trn},{teacher.date_of_birth:%d/%m/%Y},{programme},{start}\n"


def test_a_valid_claims_file_is_checked_then_applied(ab_user, django_capture_on_commit_callbacks):
    teachers = [
        ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher
        for _ in range(3)
    ]
    created = upload(ab_user, "claim", CLAIM_HEADER + "".join(claim_line(t) for t in teachers))
    assert created.status == "ready"
    assert created.row_count == 3
    assert not InductionPeriod.objects.exists()  # nothing changes before confirmation
    with django_capture_on_commit_callbacks(execute=True):
        start_bulk_upload(
            upload=created,
            appropriate_body=ab_user.appropriate_body,
            by=Actor.for_membership(ab_user),
        )
    created.refresh_from_db()
    assert created.status == "done"
    assert created.applied_count == 3
    assert InductionPeriod.objects.filter(appropriate_body=ab_user.appropriate_body).count() == 3
    event = Event.objects.filter(event_type="induction_period_opened").first()
    assert event.author == ab_user.user


def test_a_teacher_only_in_the_register_is_created_and_claimed(ab_user):
    record = TeacherRecordFactory()
    created = upload(ab_user, "claim", CLAIM_HEADER + claim_line(record))
    assert created.status == "ready", created.errors
    start_bulk_upload(
        upload=created, appropriate_body=ab_user.appropriate_body, by=Actor.for_membership(ab_user)
    )
    apply_bulk_upload(created.pk)
    assert InductionPeriod.objects.get().teacher == Teacher.objects.get(trn=record.trn)


def test_every_row_is_checked_and_nothing_changes_while_any_has_a_problem(ab_user):
    good = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher
    no_qts = TeacherFactory(no_qts=True)
    held = InductionPeriodFactory().teacher
    passed = InductionPeriodFactory(passed=True).teacher
    text = (
        CLAIM_HEADER
        + claim_line(good)
        + "12345,12/04/1998,Provider-led,02/09/2026\n"
        + f"{good.trn},{good.date_of_birth:%d/%m/%Y},Provider-led,02/09/2026\n"
        + f"{no_qts.trn},{no_qts.date_of_birth:%d/%m/%Y},Cheap,31/02/2026\n"
        + claim_line(no_qts)
        + claim_line(held)
        + claim_line(passed)
        + "9999999,01/01/1990,School-led,02/09/2026\n"
        + claim_line(good, start="01/07/2026")
    )
    # Line 10 repeats a TRN: the start before QTS is not even looked at.
    created = upload(ab_user, "claim", text)
    assert created.status == "invalid"
    by_line = {}
    for problem in created.errors:
        by_line.setdefault(problem["line"], []).append(problem["message"])
    assert 2 not in by_line
    assert by_line[3] == [bulk.TRN_INVALID]
    assert by_line[4] == [bulk.DUPLICATE]
    assert by_line[5] == [
        bulk.PROGRAMME_INVALID,
        "Start date must be a real date, like 27/03/2026",
    ]
    assert by_line[6] == [bulk.DUPLICATE]
    assert by_line[7] == [
        errors.HELD_BY_ANOTHER.format(name=held.induction_periods.get().appropriate_body.name)
    ]
    assert by_line[8] == [errors.ALREADY_PASSED]
    assert by_line[9] == [bulk.NOT_FOUND]
    assert by_line[10] == [bulk.DUPLICATE]
    assert not InductionPeriod.objects.filter(appropriate_body=ab_user.appropriate_body).exists()
    with pytest.raises(InductionError, match="already been confirmed"):
        start_bulk_upload(
            upload=created,
            appropriate_body=ab_user.appropriate_body,
            by=Actor.for_membership(ab_user),
        )


def test_a_teacher_without_qts_cannot_be_claimed_in_bulk(ab_user):
    no_qts = TeacherFactory(no_qts=True)
    created = upload(ab_user, "claim", CLAIM_HEADER + claim_line(no_qts))
    assert [p["message"] for p in created.errors] == [errors.NO_QTS]


def test_the_error_csv_has_each_problem_row_as_uploaded_with_its_error(ab_user):
    created = upload(ab_user, "claim", CLAIM_HEADER + "12345,12/04/1998,Provider-led,02/09/2026\n")
    rows = list(csv.reader(io.StringIO(bulk.error_csv(created.raw_rows, created.errors))))
    assert rows[0] == ["TRN", "Date of birth", "Induction programme", "Start date", "Line", "Error"]
    assert rows[1] == ["12345", "12/04/1998", "Provider-led", "02/09/2026", "2", bulk.TRN_INVALID]


def test_releases_and_passes_are_applied_and_a_fail_is_never_bulk(ab_user):
    released, released_period = held_ect(appropriate_body=ab_user.appropriate_body)
    passed, passed_period = held_ect(appropriate_body=ab_user.appropriate_body)
    other, _ = held_ect()
    rows = [
        f"{released.teacher.trn},12/04/1998,18/12/2026,1,Release\n",
        f"{passed.teacher.trn},12/04/1998,14/07/2028,6,pass\n",
    ]
    bad = upload(
        ab_user,
        "release",
        RELEASE_HEADER + "".join(rows) + f"{other.teacher.trn},12/04/1998,18/12/2026,1.255,Fail\n",
    )
    messages = [p["message"] for p in bad.errors]
    assert messages == [errors.TERMS_TOO_PRECISE, bulk.FAIL_NOT_IN_BULK]
    created = upload(ab_user, "release", RELEASE_HEADER + "".join(rows))
    assert created.status == "ready"
    start_bulk_upload(
        upload=created, appropriate_body=ab_user.appropriate_body, by=Actor.for_membership(ab_user)
    )
    apply_bulk_upload(created.pk)
    released_period.refresh_from_db()
    passed_period.refresh_from_db()
    assert released_period.finished_on == datetime.date(2026, 12, 18)
    assert released_period.outcome == ""
    assert passed_period.outcome == "pass"


def test_you_can_only_release_teachers_you_hold(ab_user):
    other, _ = held_ect()
    created = upload(
        ab_user, "release", RELEASE_HEADER + f"{other.teacher.trn},12/04/1998,18/12/2026,1,\n"
    )
    assert [p["message"] for p in created.errors] == [bulk.NOT_HELD_BY_YOU]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Name,Email\nAnn,a@example.org\n",
            bulk.MISSING_COLUMNS.format(
                columns="TRN, Date of birth, Induction programme, Start date"
            ),
        ),
        (CLAIM_HEADER, bulk.EMPTY),
        ("", bulk.EMPTY),
        (CLAIM_HEADER + "1234567,01/01/1990,Provider-led,02/09/2026\n" * 1001, bulk.TOO_MANY_ROWS),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(ab_user, text, message):
    with pytest.raises(InductionError) as error:
        upload(ab_user, "claim", text)
    assert str(error.value) == message
    assert not BulkUpload.objects.exists()


def test_a_file_not_in_utf8_is_refused(ab_user):
    with pytest.raises(InductionError, match=bulk.NOT_UTF8):
        create_bulk_upload(
            appropriate_body=ab_user.appropriate_body,
            kind="claim",
            filename="ects.csv",
            content="TRN,Date of birth,Induction programme,Start date\n\xff\xfe".encode("latin-1"),
            by=Actor.for_membership(ab_user),
        )


def test_headings_in_any_order_and_case_are_read(ab_user):
    teacher = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher
    text = "start date,TRN,induction_programme,DATE OF BIRTH\n" + (
        f"2026-09-02,{teacher.trn},school-led,{teacher.date_of_birth:%d/%m/%Y}\n"
    )
    created = upload(ab_user, "claim", text)
    assert created.status == "ready", created.errors
    assert created.rows[0]["induction_programme"] == "school_led"


def test_validation_takes_the_same_number_of_queries_for_10_or_100_rows(ab_user):
    def file_of(n):
        return CLAIM_HEADER + "".join(
            claim_line(ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher)
            for _ in range(n)
        )

    few_text, many_text = file_of(10), file_of(100)
    with CaptureQueriesContext(connection) as few:
        upload(ab_user, "claim", few_text)
    with CaptureQueriesContext(connection) as many:
        upload(ab_user, "claim", many_text)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_applying_is_exactly_once_per_row_and_carries_on_after_a_stop(ab_user):
    teachers = [
        ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher
        for _ in range(3)
    ]
    created = upload(ab_user, "claim", CLAIM_HEADER + "".join(claim_line(t) for t in teachers))
    # As if a worker stopped after the first row: applied, counted, then the process died.
    BulkUpload.objects.filter(pk=created.pk).update(status="processing")
    from induction.services.bulk import _claim_rows

    _claim_rows(created, created.rows[:1], Actor.for_membership(ab_user), {}, [])
    BulkUpload.objects.filter(pk=created.pk).update(processed_count=1, applied_count=1)
    apply_bulk_upload(created.pk)
    apply_bulk_upload(created.pk)  # a second run does nothing
    created.refresh_from_db()
    assert created.applied_count == 3
    assert created.failures == []
    assert InductionPeriod.objects.count() == 3


def test_a_row_that_became_invalid_after_checking_fails_alone(ab_user):
    teachers = [
        ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher
        for _ in range(2)
    ]
    created = upload(ab_user, "claim", CLAIM_HEADER + "".join(claim_line(t) for t in teachers))
    holder = InductionPeriodFactory(teacher=teachers[0]).appropriate_body  # claimed meanwhile
    start_bulk_upload(
        upload=created, appropriate_body=ab_user.appropriate_body, by=Actor.for_membership(ab_user)
    )
    apply_bulk_upload(created.pk)
    created.refresh_from_db()
    assert created.status == "done"
    assert created.applied_count == 1
    assert created.failures == [
        {
            "line": 2,
            "trn": teachers[0].trn,
            "message": errors.HELD_BY_ANOTHER.format(name=holder.name),
        }
    ]


# --- pages ------------------------------------------------------------------------------


def post_file(client, kind, text, name="ects.csv"):
    return client.post(
        f"{AB}/bulk/",
        {"kind": kind, "file": SimpleUploadedFile(name, text.encode(), content_type="text/csv")},
    )


def test_uploading_checking_and_confirming_through_the_pages(
    signed_in, ab_user, django_capture_on_commit_callbacks
):
    teacher = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher
    response = post_file(signed_in, "claim", CLAIM_HEADER + claim_line(teacher))
    created = BulkUpload.objects.get()
    assert response["Location"] == f"{AB}/bulk/{created.pk}/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Check your upload" in page
    assert teacher.full_name in page
    with django_capture_on_commit_callbacks(execute=True):  # the task runs after the commit
        response = signed_in.post(f"{AB}/bulk/{created.pk}/")
    page = signed_in.get(response["Location"]).content.decode()
    assert "Upload applied" in page
    assert "1 of 1 rows applied" in page


def test_a_file_with_problems_lists_them_and_offers_the_error_csv(signed_in):
    post_file(signed_in, "claim", CLAIM_HEADER + "12345,12/04/1998,Provider-led,02/09/2026\n")
    created = BulkUpload.objects.get()
    page = signed_in.get(f"{AB}/bulk/{created.pk}/").content.decode()
    assert "has problems to fix" in page
    assert bulk.TRN_INVALID in page
    response = signed_in.get(f"{AB}/bulk/{created.pk}/errors.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert bulk.TRN_INVALID in response.content.decode()
    # A file with problems can never be confirmed.
    signed_in.post(f"{AB}/bulk/{created.pk}/")
    created.refresh_from_db()
    assert created.status == "invalid"


def test_the_progress_page_works_without_javascript_and_never_refreshes_by_itself(
    signed_in, ab_user
):
    created = BulkUpload.objects.create(
        appropriate_body=ab_user.appropriate_body,
        kind="claim",
        filename="ects.csv",
        status="processing",
        row_count=10,
        processed_count=4,
    )
    page = signed_in.get(f"{AB}/bulk/{created.pk}/").content.decode()
    assert 'http-equiv="refresh"' not in page  # a timed refresh fails WCAG 2.2.1
    assert f'href="{AB}/bulk/{created.pk}/"' in page  # the Refresh progress button
    assert 'max="10" value="4"' in page
    assert "4 of 10 rows done (40%)" in page
    progress = signed_in.get(f"{AB}/bulk/{created.pk}/progress.json").json()
    assert progress == {"processed": 4, "total": 10, "percent": 40, "done": False}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "claim"}, "Select a CSV file"),
        ({"file": "x"}, "Select what the file does"),
    ],
)
def test_the_upload_form_refuses_missing_answers(signed_in, data, message):
    if "file" in data:
        data = {"file": SimpleUploadedFile("a.csv", b"TRN\n1", content_type="text/csv")}
    page = signed_in.post(f"{AB}/bulk/", data).content.decode()
    assert message in page


def test_a_file_that_is_not_a_csv_is_refused(signed_in):
    page = post_file(signed_in, "claim", "hello", name="ects.xlsx").content.decode()
    assert "The selected file must be a CSV" in page


def test_the_templates_download(signed_in):
    response = signed_in.get(f"{AB}/bulk/template/claim.csv")
    assert response.content.decode().startswith("TRN,Date of birth,Induction programme,Start date")
    assert signed_in.get(f"{AB}/bulk/template/nope.csv").status_code == 404


def test_another_bodys_upload_is_not_found(signed_in):
    theirs = BulkUpload.objects.create(
        appropriate_body=MembershipFactory(appropriate_body_user=True).appropriate_body,
        kind="claim",
        filename="theirs.csv",
        status="ready",
    )
    assert signed_in.get(f"{AB}/bulk/{theirs.pk}/").status_code == 404
    assert signed_in.post(f"{AB}/bulk/{theirs.pk}/").status_code == 404
    assert signed_in.get(f"{AB}/bulk/{theirs.pk}/errors.csv").status_code == 404
    assert signed_in.get(f"{AB}/bulk/{theirs.pk}/progress.json").status_code == 404


def test_the_wrong_role_cannot_upload(client):
    client.force_login(MembershipFactory().user)
    assert client.get(f"{AB}/bulk/").status_code == 403


def test_a_claim_starting_before_qts_is_refused_in_bulk(ab_user):
    teacher = ECTAtSchoolPeriodFactory(appropriate_body=ab_user.appropriate_body).teacher
    created = upload(ab_user, "claim", CLAIM_HEADER + claim_line(teacher, start="01/07/2026"))
    assert [p["message"] for p in created.errors] == [
        errors.STARTS_BEFORE_QTS.format(qts=teacher.qts_awarded_on)
    ]

"""The CSV uploads under random and hostile files: never a server error, and a refused file
saves nothing (a file with good rows and one bad row saves none of them)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from ecte.imports.models import ImportBatch
from induction.bulk import COLUMNS
from induction.models import BulkUpload, InductionPeriod
from participants.models import Teacher, TeacherRecord
from programmes.models import StudyItem, StudyRecord
from schools.models import School
from tests.properties.strategies import HOSTILE, csv_bytes

pytestmark = pytest.mark.django_db


def client_for(world, role) -> Client:
    client = Client()
    client.force_login(world["own"].members[role].user)
    return client


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "text/csv")


def test_a_bulk_upload_with_a_nul_byte_in_a_cell_is_a_clear_error(world, db):
    content = b"TRN,Date of birth,Induction programme,Start date\n12\x0034567,12/04/1998,Provider-led,01/09/2026\n"
    uploads = BulkUpload.objects.count()
    response = client_for(world, "ab").post(
        "/appropriate-body/bulk/", {"kind": "claim", "file": upload("ects.csv", content)}
    )
    assert response.status_code == 200
    assert "it contains a NUL character" in response.content.decode()
    assert BulkUpload.objects.count() == uploads


@given(
    kind=st.one_of(st.sampled_from(["claim", "release"]), HOSTILE),
    content=st.one_of(csv_bytes(COLUMNS["claim"]), csv_bytes(COLUMNS["release"])),
)
@example(kind="claim", content=b'TRN,Date of birth,Induction programme,Start date\n"=1+1,@SUM(A1)')
@example(kind="release", content="TRN,Date of birth\n".encode("utf-16"))
def test_an_appropriate_bodys_bulk_claims_and_releases(world, db, kind, content):
    uploads, periods = BulkUpload.objects.count(), InductionPeriod.objects.count()
    response = client_for(world, "ab").post(
        "/appropriate-body/bulk/", {"kind": kind, "file": upload("ects.csv", content)}
    )
    assert response.status_code < 500
    # An upload is only checked here: nothing is applied before the user confirms.
    assert InductionPeriod.objects.count() == periods
    if response.status_code == 200:
        assert BulkUpload.objects.count() == uploads


def self_study_cells(world):
    """Cells that are sometimes right (a participant's TRN, a real activity code, a good
    date), so a file can mix good rows with bad ones."""
    own = world["own"]
    teacher = Teacher.objects.get(pk=own.ids["teacher"])
    codes = list(
        StudyItem.objects.filter(pk__in=[own.ids["ect_item"], own.ids["mentor_item"]]).values_list(
            "code", flat=True
        )
    )
    return st.one_of(st.sampled_from([teacher.trn, *codes, "2026-11-20", "20/11/2026"]), HOSTILE)


@given(data=st.data())
@example(data=None)
def test_a_lead_providers_self_study_upload(world, db, data):
    own = world["own"]
    teacher = Teacher.objects.get(pk=own.ids["teacher"])
    code = StudyItem.objects.get(pk=own.ids["ect_item"]).code
    if data is None:
        # One good row and one bad one: nothing at all is saved.
        content = f"trn,activity_code,completed_on\n{teacher.trn},{code},2026-11-20\n{teacher.trn},{code},=1+1\n".encode()
    else:
        content = data.draw(
            csv_bytes(["trn", "activity_code", "completed_on"], cells=self_study_cells(world))
        )
    before = StudyRecord.objects.count()
    response = client_for(world, "lp").post(
        "/lead-provider/self-study/", {"file": upload("self-study.csv", content)}
    )
    assert response.status_code < 500
    if response.status_code == 200:
        assert StudyRecord.objects.count() == before


TEACHER_HEADER = ["TRN", "First name", "Last name", "Date of birth", "QTS date", "Induction status"]
SCHOOL_HEADER = ["URN", "Name", "TypeOfEstablishment (name)", "Phase", "Local authority", "Status"]


@pytest.mark.parametrize(
    ("tool", "header"),
    [("imports_teacher_records", TEACHER_HEADER), ("imports_schools", SCHOOL_HEADER)],
    ids=["teacher-records", "schools"],
)
@given(data=st.data())
def test_a_dfe_admin_import(staff_client, tool, header, data):
    content = data.draw(csv_bytes(header))
    counts = (ImportBatch.objects.count(), TeacherRecord.objects.count(), School.objects.count())
    response = staff_client.post(reverse(f"admin:{tool}"), {"file": upload("import.csv", content)})
    assert response.status_code < 500
    # An upload only makes a preview: the records change when DfE staff confirm it.
    assert (TeacherRecord.objects.count(), School.objects.count()) == counts[1:]
    if response.status_code == 200:
        assert ImportBatch.objects.count() == counts[0]

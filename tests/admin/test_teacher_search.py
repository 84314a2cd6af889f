"""The admin's teacher search: an exact TRN, part of a name (served by the trigram indexes on
the teacher table, no joins), or an ECT's or mentor's full email address."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Teacher
from tests.factories import ECTAtSchoolPeriodFactory, MentorAtSchoolPeriodFactory, TeacherFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("admin:participants_teacher_changelist")


def search(client, term: str) -> str:
    response = client.get(SEARCH, {"q": term})
    assert response.status_code == 200
    return response.content.decode()


def test_a_seven_digit_trn_finds_only_that_teacher(staff_client):
    wanted = TeacherFactory(trn="7654321", last_name="Okonjo")
    TeacherFactory(trn="7654320", last_name="Hartnell")
    page = search(staff_client, " 7654321 ")
    assert wanted.last_name in page
    assert "Hartnell" not in page


def test_part_of_a_name_finds_the_teacher_whatever_the_case(staff_client):
    TeacherFactory(first_name="Amara", last_name="Okafor")
    TeacherFactory(first_name="Gareth", last_name="Llewelyn")
    page = search(staff_client, "okaf")
    assert "Okafor" in page
    assert "Llewelyn" not in page


def test_a_first_and_last_name_together_find_the_teacher(staff_client):
    TeacherFactory(first_name="Amara", last_name="Okafor")
    TeacherFactory(first_name="Amara", last_name="Llewelyn")
    page = search(staff_client, "amara oka")
    assert "Okafor" in page
    assert "Llewelyn" not in page


def test_part_of_a_trn_finds_the_teachers_it_is_in(staff_client):
    TeacherFactory(trn="7654321", last_name="Okonjo")
    TeacherFactory(trn="1111111", last_name="Hartnell")
    page = search(staff_client, "76543")
    assert "Okonjo" in page
    assert "Hartnell" not in page


def test_an_ects_or_mentors_full_email_finds_them(staff_client):
    ect = ECTAtSchoolPeriodFactory(email="amara.okafor@harbour.example.org").teacher
    mentor = MentorAtSchoolPeriodFactory(email="gareth.lloyd@harbour.example.org").teacher
    assert ect.last_name in search(staff_client, "amara.okafor@harbour.example.org")
    page = search(staff_client, "gareth.lloyd@harbour.example.org")
    assert mentor.last_name in page
    assert ect.last_name not in page


def test_the_search_joins_no_other_table_and_counts_no_total(staff_client):
    TeacherFactory.create_batch(3, last_name="Okafor")
    with CaptureQueriesContext(connection) as queries:
        search(staff_client, "okafor")
    teacher_queries = [q["sql"] for q in queries if '"participants_teacher"' in q["sql"]]
    assert teacher_queries
    assert not any("JOIN" in sql for sql in teacher_queries)
    # No "N total" count of every teacher on each page.
    assert not any(
        "COUNT(*)" in sql and "WHERE" not in sql and 'FROM "participants_teacher"' in sql
        for sql in teacher_queries
    )


def test_the_teacher_search_fields_use_only_the_indexed_columns():
    model_admin = admin.site._registry[Teacher]
    assert list(model_admin.search_fields) == ["trn", "first_name", "last_name"]
    assert model_admin.show_full_result_count is False

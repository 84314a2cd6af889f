"""The CSV writer: text quoted and neutralised a batch at a time, numbers and dates left
as they are, and any value read back by a CSV reader exactly as it went in."""

import csv
import datetime
from decimal import Decimal

import pytest
from django.db import models

from ecte.exports.writers import PROGRESS_EVERY, write_csv


def _file(path) -> str:
    with path.open(newline="", encoding="utf-8-sig") as file:
        return file.read()


def _read(path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as file:
        return list(csv.reader(file))


def test_text_is_quoted_and_numbers_dates_and_empty_cells_are_not(tmp_path):
    rows = [("Amara", Decimal("-1.5"), datetime.date(2026, 9, 1), None, "=1+1", 7, "")]
    write_csv(tmp_path / "a.csv", ["Name", "A", "B", "C", "D", "E", "F"], rows)
    assert _file(tmp_path / "a.csv") == (
        'Name,A,B,C,D,E,F\n"Amara",-1.5,2026-09-01,,"\'=1+1",7,""\n'
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('a,"=b"', 'a,"=b"'),  # a formula start inside a value is not the value's start
        ("x\n=y", "x\n=y"),
        ("x,\r", "x,\r"),  # a value ending in a comma and a carriage return
        ("\r=1", "'\r=1"),
        ("\t-1", "'\t-1"),
        ('"=1', '"=1'),  # begins with a quote, which no spreadsheet runs
        ("@x,+y", "'@x,+y"),
        ("", ""),
        ("Zoë 👩‍🏫", "Zoë 👩‍🏫"),
    ],
)
def test_quotes_commas_and_line_breaks_read_back_with_only_the_start_neutralised(
    tmp_path, value, shown
):
    rows = [("Before", value, value), (value, "After", 1)]
    write_csv(tmp_path / "a.csv", ["A", "B", "C"], rows)
    assert _read(tmp_path / "a.csv")[1:] == [["Before", shown, shown], [shown, "After", "1"]]


def test_the_first_value_of_every_batch_is_neutralised(tmp_path):
    rows = [("=1", "x")] * (PROGRESS_EVERY + 1)
    write_csv(tmp_path / "a.csv", ["A", "B"], rows)
    read = _read(tmp_path / "a.csv")
    assert read[1] == read[PROGRESS_EVERY] == read[PROGRESS_EVERY + 1] == ["'=1", "x"]


def test_the_header_is_plain_and_neutralised(tmp_path):
    write_csv(tmp_path / "a.csv", ["=Name", "TRN"], [])
    assert _file(tmp_path / "a.csv") == "'=Name,TRN\n"


def test_text_choices_are_neutralised_like_any_text(tmp_path):
    class Sign(models.TextChoices):
        MINUS = "-1", "Minus one"

    write_csv(tmp_path / "a.csv", ["A", "B"], [(Sign.MINUS, -1)])
    assert _read(tmp_path / "a.csv")[1] == ["'-1", "-1"]


def test_a_lone_surrogate_becomes_a_question_mark(tmp_path):
    write_csv(tmp_path / "a.csv", ["A"], [("a\ud800b",)])
    assert _read(tmp_path / "a.csv")[1] == ["a?b"]


def test_progress_is_reported_after_each_batch(tmp_path):
    seen = []
    written = write_csv(
        tmp_path / "a.csv", ["N"], ((n,) for n in range(PROGRESS_EVERY + 2)), seen.append
    )
    assert written == PROGRESS_EVERY + 2
    assert seen == [PROGRESS_EVERY, PROGRESS_EVERY + 2]
    assert len(_read(tmp_path / "a.csv")) == PROGRESS_EVERY + 3


def test_a_one_column_export_keeps_its_empty_rows(tmp_path):
    rows = [(None,), ("",), ("a",), ('"q"',), (None,)]  # the quote sends the batch to csv
    write_csv(tmp_path / "a.csv", ["A"], rows[:3])
    write_csv(tmp_path / "b.csv", ["A"], rows)
    assert _read(tmp_path / "a.csv")[1:] == [[""], [""], ["a"]]
    assert _read(tmp_path / "b.csv")[1:] == [[""], [""], ["a"], ['"q"'], [""]]


def test_values_of_other_types_are_written_as_neutralised_text(tmp_path):
    import uuid

    class Minus:
        def __str__(self):
            return "-1, or so"

    key = uuid.UUID(int=1)
    for name, extra in (("a.csv", "plain"), ("b.csv", 'with "quotes"')):
        write_csv(tmp_path / name, ["A", "B", "C"], [(key, Minus(), extra)])
        assert _read(tmp_path / name)[1] == [str(key), "'-1, or so", extra]

"""The XLSX writer: a minimal workbook written directly, which a spreadsheet library opens
with every value in its column, text kept as text, and formulas never run."""

import datetime
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from ecte.exports import xlsx
from ecte.exports.writers import PROGRESS_EVERY, write_xlsx
from tests.exports.spreadsheet import as_excel_shows

HEADER = ["Name", "Started", "Terms", "Note", "Count"]


def _read(path):
    sheet = load_workbook(path, read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_workbook_opens_with_the_header_and_every_value_in_its_column(tmp_path):
    rows = [
        ("Amara Okafor", datetime.date(2024, 9, 2), Decimal("6.00"), None, 3),
        ("Tom Bennett", None, None, "Left early", 0),
    ]
    assert write_xlsx(tmp_path / "a.xlsx", HEADER, rows, title="Induction records") == 2
    values = _read(tmp_path / "a.xlsx")
    assert values[0] == HEADER
    assert values[1][0] == "Amara Okafor"
    assert values[1][1] == datetime.datetime(2024, 9, 2)
    assert values[1][2] == 6
    assert values[1][3] is None
    assert values[1][4] == 3
    assert values[2][:4] == ["Tom Bennett", None, None, "Left early"]
    assert load_workbook(tmp_path / "a.xlsx").sheetnames == ["Induction records"]


@pytest.mark.parametrize("value", ["=1+1", "+44 113", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_a_spreadsheet_would_run_is_kept_as_text(tmp_path, value):
    write_xlsx(tmp_path / "a.xlsx", ["A", "B"], [(value, "=B2")])
    cell = load_workbook(tmp_path / "a.xlsx").active["A2"]
    assert cell.data_type == "s"
    assert cell.value == "'" + value
    assert load_workbook(tmp_path / "a.xlsx").active["B2"].value == "'=B2"


def test_a_header_that_looks_like_a_formula_is_neutralised_too(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", ["=Name"], [("x",)])
    assert _read(tmp_path / "a.xlsx")[0] == ["'=Name"]


def test_a_negative_number_stays_a_number(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", ["A", "B"], [(Decimal("-1.5"), -2)])
    assert _read(tmp_path / "a.xlsx")[1] == [-1.5, -2]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("St Mary & St John", "St Mary & St John"),
        ("<b>bold</b>", "<b>bold</b>"),
        ("a > b", "a > b"),
        ("Bell\x07 and NUL\x00 and \ufffe dropped", "Bell and NUL and  dropped"),
        ("Tab\tand\nnew line kept", "Tab\tand\nnew line kept"),
        ("  spaces kept  ", "  spaces kept  "),
        ("Zoë Ní Bhriain 👩‍🏫", "Zoë Ní Bhriain 👩‍🏫"),
        ("100% of 50%s", "100% of 50%s"),
    ],
)
def test_text_is_escaped_so_the_file_stays_valid(tmp_path, value, shown):
    # With a clean row either side, so both the batch check and the row fallback run.
    rows = [("Clean", 1), (value, 2), ("Clean", 3)]
    write_xlsx(tmp_path / "a.xlsx", ["Text", "N"], rows)
    assert _read(tmp_path / "a.xlsx")[1:] == [["Clean", 1], [shown, 2], ["Clean", 3]]


def test_unusual_values_are_written_cell_by_cell(tmp_path):
    when = datetime.datetime(2026, 9, 1, 13, 30)
    rows = [(True, 1.25, when, Decimal("NaN"), float("inf"), 7)]
    write_xlsx(tmp_path / "a.xlsx", list("ABCDEF"), rows)
    assert _read(tmp_path / "a.xlsx")[1] == [True, 1.25, when, "NaN", "inf", 7]


def test_an_aware_datetime_is_shown_in_the_service_time_zone(tmp_path, settings):
    settings.TIME_ZONE = "Europe/London"
    when = datetime.datetime(2026, 7, 1, 12, 0, tzinfo=datetime.UTC)
    write_xlsx(tmp_path / "a.xlsx", ["When"], [(when,)])
    assert _read(tmp_path / "a.xlsx")[1] == [datetime.datetime(2026, 7, 1, 13, 0)]


def test_rows_of_different_shapes_and_an_empty_string_keep_their_columns(tmp_path):
    rows = [("a", "", "c"), ["d", None, "f"], ("g", "h"), ("i", "j", "k", "l")]
    write_xlsx(tmp_path / "a.xlsx", ["A", "B", "C"], rows)
    values = _read(tmp_path / "a.xlsx")[1:]
    assert [row[0] for row in values] == ["a", "d", "g", "i"]
    assert values[0][2] == "c" and values[1][1] is None and values[1][2] == "f"
    assert values[2][:2] == ["g", "h"] and values[3][3] == "l"


def test_progress_is_reported_after_each_batch(tmp_path):
    seen = []
    rows = (("Name", n) for n in range(PROGRESS_EVERY + 5))
    written = write_xlsx(tmp_path / "a.xlsx", ["Name", "N"], rows, seen.append)
    assert written == PROGRESS_EVERY + 5
    assert seen == [PROGRESS_EVERY, PROGRESS_EVERY + 5]
    assert len(_read(tmp_path / "a.xlsx")) == PROGRESS_EVERY + 6


def test_the_package_holds_only_the_parts_a_spreadsheet_needs(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", ["A"], [("x",)], title="Bad [name]: */?\\ that is far too long")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert sorted(archive.namelist()) == [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
        ]
    name = load_workbook(tmp_path / "a.xlsx").sheetnames[0]
    assert name == "Bad name  that is far too long"[:31]


def test_more_rows_than_a_spreadsheet_holds_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    with pytest.raises(ValueError, match="at most 3 rows"):
        write_xlsx(tmp_path / "a.xlsx", ["A"], [("x",)] * 3)


def test_a_value_that_would_break_the_markup_leaves_its_neighbours_as_they_were(tmp_path):
    awkward = ["<b>bold</b>", "a ]]> b", "it's'>=1", "Tom & Jerry <3"]
    rows = [(f"Clean {n}", n) for n in range(5)] + [(value, 9) for value in awkward]
    rows += [(f"Clean {n}", n) for n in range(5, 10)]
    write_xlsx(tmp_path / "a.xlsx", ["Text", "N"], rows)
    assert _read(tmp_path / "a.xlsx")[1:] == [list(row) for row in rows]


def test_text_longer_than_a_cell_holds_is_cut_to_32767_characters(tmp_path):
    rows = [("x" * 40_000,), ("a" + "😀" * 20_000,), ("=" + "y" * 40_000,)]
    write_xlsx(tmp_path / "a.xlsx", ["Note"], rows)
    long, emoji, formula = (row[0] for row in _read(tmp_path / "a.xlsx")[1:])
    assert long == "x" * 32_767
    # Excel counts a character outside the BMP as two: none is cut in half.
    assert emoji == "a" + "😀" * 16_383
    assert formula == "'=" + "y" * 32_765


def test_characters_outside_the_bmp_and_accents_are_kept(tmp_path):
    rows = [("Zoë 👩‍🏫 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", 1)] * 3
    write_xlsx(tmp_path / "a.xlsx", ["Name", "N"], rows)
    assert _read(tmp_path / "a.xlsx")[1:] == [["Zoë 👩‍🏫 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", 1]] * 3


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("\x00=1+1", "'=1+1"),
        ("\x07@SUM(A1)", "'@SUM(A1)"),
        ("\ufffe+44", "'+44"),
        ("\r-1", "'\r-1"),
    ],
)
def test_text_that_is_a_formula_once_forbidden_characters_go_is_neutralised(tmp_path, value, shown):
    write_xlsx(
        tmp_path / "a.xlsx", ["Text", "More"], [("Clean", "x"), (value, "<b>"), (value, "y")]
    )
    values = _read(tmp_path / "a.xlsx")[1:]
    # The second row goes cell by cell (its "<b>"), the third with the rest of its chunk.
    assert [row[0] for row in values] == ["Clean", shown, shown]


def test_a_lone_surrogate_becomes_a_question_mark(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", ["Text"], [("a\ud800b",), ("c\udfff<",)])
    assert _read(tmp_path / "a.xlsx")[1:] == [["a?b"], ["c?<"]]


def test_text_that_looks_like_a_number_stays_text(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", ["TRN", "URN"], [("0123456", "100000")])
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("0123456", "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("100000", "s")


def test_dates_times_booleans_and_numbers_keep_their_types_row_after_row(tmp_path):
    when = datetime.datetime(2026, 9, 1, 13, 30, 15)
    rows = [(datetime.date(2024, 9, 2), when, True, 1.25, None, 10**15, Decimal("0.10"))] * 3
    write_xlsx(tmp_path / "a.xlsx", list("ABCDEFG"), rows)
    expected = [datetime.datetime(2024, 9, 2), when, True, 1.25, None, 10**15, 0.1]
    assert _read(tmp_path / "a.xlsx")[1:] == [expected] * 3
    sheet = load_workbook(tmp_path / "a.xlsx").active
    assert sheet["A2"].number_format == "yyyy-mm-dd"
    assert sheet["B2"].number_format == "yyyy-mm-dd hh:mm:ss"


def test_text_choices_are_written_as_their_text_and_neutralised(tmp_path):
    from django.db import models

    class Sign(models.TextChoices):
        PLUS = "+1", "Plus one"
        WORD = "Passed", "Passed"

    write_xlsx(tmp_path / "a.xlsx", ["A", "B"], [(Sign.PLUS, Sign.WORD)])
    assert _read(tmp_path / "a.xlsx")[1] == ["'+1", "Passed"]


def test_rows_of_many_patterns_across_many_chunks_all_reach_the_file(tmp_path):
    patterns = [("a", 1, None), (None, None, datetime.date(2025, 1, 1)), ("=b", Decimal("2.5"), "")]
    rows = [patterns[n % 3] for n in range(xlsx.CHUNK_ROWS * 3 + 6)]
    assert write_xlsx(tmp_path / "a.xlsx", ["A", "B", "C"], rows) == len(rows)
    values = _read(tmp_path / "a.xlsx")[1:]
    assert len(values) == len(rows)
    assert values[-3:] == [
        ["a", 1, None],
        [None, None, datetime.datetime(2025, 1, 1)],
        ["'=b", 2.5, ""],
    ]


def _as_a_spreadsheet_reads(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    return [as_excel_shows(t.text or "") for t in sheet.iter() if t.tag.endswith("}t")]


@pytest.mark.parametrize(
    "value",
    ["_x0041_", "Ref _x000D_ and _X0041_", "_x005F_", "__x0041__", "_x00e9_x0041_", "_x004_"],
)
def test_text_that_looks_like_an_ooxml_escape_is_shown_as_it_was_typed(tmp_path, value):
    # Alone (the batch), beside a "<" (row by row) and in the header (cell by cell).
    rows = [(value, 1), (value, "<")]
    write_xlsx(tmp_path / "a.xlsx", [value, "N"], rows)
    assert _as_a_spreadsheet_reads(tmp_path / "a.xlsx") == [value, "N", value, value, "<"]


def test_a_control_character_dropped_from_inside_an_escape_does_not_make_one(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", ["A"], [("_x00\x0041_",), ("_x00\x0141_", "<")])
    assert _as_a_spreadsheet_reads(tmp_path / "a.xlsx") == ["A", "_x0041_", "_x0041_", "<"]

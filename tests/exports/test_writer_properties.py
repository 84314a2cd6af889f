"""Property-based tests of the CSV and XLSX writers: hypothesis drives rows of random and
hostile values through both, and each file is read back with a real reader. Whatever the
input, the file opens, every value is in its column, text is text, and no text cell
starts with a formula."""

import csv
import datetime
import re
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ecte.exports.formulas import neutralise
from ecte.exports.writers import write_csv, write_xlsx
from ecte.exports.xlsx import MAX_CELL_CHARACTERS
from tests.exports.spreadsheet import as_excel_shows
from tests.properties.strategies import HOSTILE_STRINGS

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
COLUMNS = 4
# Any text at all: control characters, lone surrogates, characters outside the BMP.
TEXT = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_STRINGS))
VALUES = st.one_of(
    TEXT,
    TEXT,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2),
    st.sampled_from([Decimal("NaN"), Decimal("-Infinity"), Decimal("sNaN")]),
    # From 1 March 1900: Excel counts a 29 February 1900 that never was.
    st.dates(min_value=datetime.date(1900, 3, 1)),
)
ROWS = st.lists(st.tuples(*[VALUES] * COLUMNS), min_size=1, max_size=30)
FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_text(value: str) -> str:
    """What a text value becomes in a spreadsheet cell."""
    value = LONE_SURROGATE.sub("?", FORBIDDEN_IN_XML.sub("", value))
    value = neutralise(value)
    units = value.encode("utf-16-le", "surrogatepass")[: 2 * MAX_CELL_CHARACTERS]
    return units.decode("utf-16-le", "ignore")


def _in_xlsx(value):
    if value is None:
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else _as_text(str(value))
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return _as_text(value)


def _in_csv(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(LONE_SURROGATE.sub("?", value))
    return str(value)


@SETTINGS
@given(ROWS)
def test_any_rows_make_a_workbook_that_opens_with_each_value_in_its_column(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.xlsx"
        assert write_xlsx(path, ["A", "B", "C", "D"], rows) == len(rows)
        with zipfile.ZipFile(path) as archive:
            ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))  # strict XML
        sheet = load_workbook(path, read_only=True).active
        read = [
            [as_excel_shows(value) for value in row]
            for row in sheet.iter_rows(values_only=True, min_row=2)
        ]
    assert read == [[_in_xlsx(value) for value in row] for row in rows]


@SETTINGS
@given(ROWS)
def test_any_rows_make_a_csv_file_that_reads_back_neutralised(rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.csv"
        assert write_csv(path, ["A", "B", "C", "D"], rows) == len(rows)
        with path.open(newline="", encoding="utf-8-sig") as file:
            read = list(csv.reader(file))
    assert read[0] == ["A", "B", "C", "D"]
    assert read[1:] == [[_in_csv(value) for value in row] for row in rows]

"""Random and hostile input: unicode, very long strings, NUL bytes, spreadsheet formulas,
huge numbers, far dates, broken CSV and the wrong encodings."""

import csv
import io

from hypothesis import strategies as st

HOSTILE_STRINGS = [
    "",
    " ",
    "\x00",
    "1234\x00567",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example")',
    "+1+1",
    "@SUM(A1:A9)",
    "<script>alert(1)</script>",
    "'; DROP TABLE participants_teacher; --",
    "1" * 400,
    "9" * 40,
    "-1",
    "0",
    "1e309",
    "NaN",
    "Infinity",
    "１２３４５６７",  # full-width digits
    "١٢٣٤٥٦٧",  # Arabic-Indic digits
    "Zoë O’Brien-Smith",
    "\u202eevil",  # right-to-left override
    "a" * 100_000,
    "😀" * 300,
    "\r\n\r\n",
    "%s%s%n",
    "{{ 7 * 7 }}",
    "_x0041_",  # OOXML's escape for "A"
    "_x003D_1+1",  # and for "=": a formula once read
]

# Text that can be sent in a form (no lone surrogates: they cannot be encoded as UTF-8).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
HOSTILE = st.one_of(TEXT, st.sampled_from(HOSTILE_STRINGS))

NUMBER_TEXT = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    HOSTILE,
)


def date_parts(name: str):
    """A GOV.UK date input's three fields, each anything: far past and future years, day 0,
    month 13, words and huge numbers."""
    part = st.one_of(
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.integers(min_value=0, max_value=10_000).map(str),
        HOSTILE,
    )
    return st.fixed_dictionaries({f"{name}-day": part, f"{name}-month": part, f"{name}-year": part})


def csv_bytes(header: list[str], cells=HOSTILE, max_rows: int = 8):
    """A CSV with this header (sometimes mangled) and hostile cells, in an encoding that may
    not be UTF-8; or random bytes."""

    @st.composite
    def build(draw):
        columns = draw(st.one_of(st.just(header), st.lists(HOSTILE, max_size=6)))
        rows = draw(
            st.lists(st.lists(cells, min_size=0, max_size=len(columns) + 2), max_size=max_rows)
        )
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        text = out.getvalue()
        if draw(st.booleans()):
            # Break the CSV: an unclosed quote, a stray NUL, a truncated line.
            text = draw(st.sampled_from(['"' + text, text + '\x00"', text[: len(text) // 2]]))
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
        return text.encode(encoding, errors="replace")

    return st.one_of(build(), st.binary(max_size=2000))

"""A minimal XLSX writer: one worksheet of inline strings, written straight into its zip.

An XLSX file is a zip of XML parts. This writes the few parts a spreadsheet needs
([Content_Types].xml, the package and workbook relationships, the workbook, a
style sheet for dates and the header, one worksheet) and streams the worksheet's
rows into the zip a batch at a time, so memory is a batch or two whatever the size.
Text is written inline (no shared-strings table, which would have to be held in
memory), escaped for XML and for OOXML's own "_xHHHH_" escapes, stripped of the
characters XML 1.0 forbids, cut to the 32,767 characters a cell holds, and neutralised
when a spreadsheet would run it as a formula.
"""

from __future__ import annotations

import datetime
import math
import operator
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from ecte.exports.formulas import DANGEROUS_FIRST, FORMULA_START_CLASS

# Level 1 deflate: most of the size saving for a fraction of the time of the default.
COMPRESS_LEVEL = 1
MAX_COLUMNS = 16_384  # Excel's limit (XFD)
MAX_ROWS = 1_048_576
EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Styles, by their index in the style sheet's cellXfs below.
DATE_STYLE = 1
DATETIME_STYLE = 2
HEADER_STYLE = 3

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CONTENT_TYPES = (
    _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    _XML + f'<Relationships xmlns="{_PKG_REL_NS}">'
    '<Relationship Id="rId1" Type='
    '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    _XML + f'<Relationships xmlns="{_PKG_REL_NS}">'
    '<Relationship Id="rId1" Type='
    '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type='
    '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    "</Relationships>"
)
STYLES = (
    _XML + f'<styleSheet xmlns="{_NS}">'
    '<numFmts count="2">'
    '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/>'
    "</numFmts>"
    '<fonts count="2">'
    '<font><sz val="11"/><name val="Arial"/></font>'
    '<font><b/><sz val="11"/><name val="Arial"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="4">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
SHEET_START = (
    _XML + f'<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    "</sheetView></sheetViews>"
    "<sheetData>"
)
SHEET_END = "</sheetData></worksheet>"

MAX_CELL_CHARACTERS = 32_767  # Excel's limit, in UTF-16 code units
# Rows are formatted and compressed this many at a time: big enough that the work per
# chunk is negligible, small enough that a few chunks in flight hold little memory.
CHUNK_ROWS = 2_000

# A text cell's markup around its value. Its end, 'xml:space="preserve">', appears
# nowhere else in the markup, so formulas are neutralised by finding it.
TEXT_START = '<c t="inlineStr"><is><t xml:space="preserve">'
TEXT_END = "</t></is></c>"
EMPTY_CELL = "<c/>"  # cells have no references (they are optional): position is order
_EXCEL_ORDINAL = EXCEL_EPOCH.toordinal()  # a date's serial number is its ordinal less this

# --- one cell at a time: the header and rows holding something unusual --------------------

# The characters XML 1.0 does not allow at all (dropped), then the XML escapes.
_DROP_TABLE = {
    **{code: None for code in range(32) if chr(code) not in "\t\n\r"},
    0xFFFE: None,
    0xFFFF: None,
}
_ESCAPE_TABLE = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("\r"): "&#13;",  # a bare one would be read back as a line feed
}
# OOXML text reads "_xHHHH_" as the character U+HHHH (ECMA-376 Part 1, 22.9.2.19), so
# "_x0041_" typed into a name would show as "A": the underscore that starts one is
# written as its own escape, "_x005F_". Last of all, as dropping a character can make one.
_STARTS_AN_ESCAPE = "_(?=[xX][0-9A-Fa-f]{4}_)"
_ESCAPE_ESCAPES = re.compile(_STARTS_AN_ESCAPE).sub
_ESCAPE_ESCAPES_BYTES = re.compile(_STARTS_AN_ESCAPE.encode()).sub
_NEEDS_DROPPING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]").search
_NEEDS_ESCAPING = re.compile("[&<>\r]").search
_ATTRIBUTE_TABLE = {**_DROP_TABLE, **_ESCAPE_TABLE, ord('"'): "&quot;"}
# Characters Excel does not allow in a sheet's name.
_SHEET_NAME_TABLE = {ord(c): None for c in "[]:*?/\\"}


def _fit(value: str) -> str:
    """The value cut to what a cell holds (Excel counts UTF-16 code units)."""
    if len(value) <= MAX_CELL_CHARACTERS // 2:
        return value
    units = value.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * MAX_CELL_CHARACTERS:
        return value
    # "ignore": half a character left at the cut goes.
    return units[: 2 * MAX_CELL_CHARACTERS].decode("utf-16-le", "ignore")


def _text_cell(value: str, style: str = "") -> str:
    """A text cell, escaped and neutralised: right for any text, and the slow path."""
    if _NEEDS_DROPPING(value):
        value = value.translate(_DROP_TABLE)  # first, so what is left is what is checked
    if value[:1] in DANGEROUS_FIRST:
        value = "'" + value
    value = _fit(value)
    if _NEEDS_ESCAPING(value):
        value = value.translate(_ESCAPE_TABLE)
    if "_" in value:
        value = _ESCAPE_ESCAPES("_x005F_", value)
    return f'<c{style} t="inlineStr"><is><t xml:space="preserve">{value}{TEXT_END}'


def _datetime_serial(value: datetime.datetime) -> float:
    if timezone.is_aware(value):
        # Spreadsheets have no time zones: show the time as it was in this service's.
        value = timezone.make_naive(value)
    delta = value - datetime.datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86_400 + delta.microseconds / 86_400_000_000


def _value_cell(value) -> str:
    """A cell for anything but None and text."""
    cls = value.__class__
    if cls is datetime.date:
        return f'<c s="{DATE_STYLE}"><v>{value.toordinal() - _EXCEL_ORDINAL}</v></c>'
    if cls is datetime.datetime:
        return f'<c s="{DATETIME_STYLE}"><v>{_datetime_serial(value)!r}</v></c>'
    if cls is bool:
        return f'<c t="b"><v>{value:d}</v></c>'
    if cls is int:
        return f"<c><v>{value}</v></c>"
    if cls is Decimal and value.is_finite():
        return f"<c><v>{value}</v></c>"
    if cls is float and math.isfinite(value):
        return f"<c><v>{value!r}</v></c>"
    return _text_cell(str(value))


def _cell(value) -> str:
    if value is None:
        return EMPTY_CELL
    if value.__class__ is str:
        return _text_cell(value)
    return _value_cell(value)


def _row_xml(row: Sequence) -> str:
    """One row's XML, cell by cell: right for any values, and the slow path."""
    return f"<row>{''.join(map(_cell, row))}</row>"


# --- the fast path: many rows at once ------------------------------------------------------
#
# Rows of an export mostly have the same types in the same columns, so each pattern of
# types ("str, str, date, None, Decimal...") gets a row writer, made once: one f-string
# of the row's XML with the values put in as they are (an f-string is the fastest way
# Python has to join many pieces; %-formatting the same template takes half as long
# again). The XML of a chunk of rows is then checked and fixed all at once, over bytes:
# the markup holds no "&", "\r" or control characters and a known number of "<" and
# ">", so anything beyond those came from a value. A chunk with a "<" or ">" in a value,
# a number that is not finite or a row too long to rule out an overlong cell goes row
# by row, and a row that fails the same check goes cell by cell.

_NONE = type(None)
_FORBIDDEN_BYTES = bytes(code for code in range(32) if chr(code) not in "\t\n\r")
_SPECIAL_BYTES = b"<>&\r" + _FORBIDDEN_BYTES
_TEXT_ANCHOR = b'xml:space="preserve">'
_NEUTRALISE_FORMULAS = re.compile(
    re.escape(_TEXT_ANCHOR) + f"(?={FORMULA_START_CLASS})".encode()
).sub
_NEUTRALISED = _TEXT_ANCHOR + b"'"


class Memo(dict):
    """A function's results by argument, each worked out once, for values an export
    repeats (dates above all): a look-up is cheaper than the work. Bounded in size."""

    def __init__(self, function: Callable, limit: int = 100_000):
        super().__init__()
        self.function = function
        self.limit = limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        result = self[key] = self.function(key)
        return result


def _date_serial(value: datetime.date) -> str:
    return str(value.toordinal() - _EXCEL_ORDINAL)


# What a row writer's source may use: nothing else, not even the builtins.
_WRITER_GLOBALS = {
    "__builtins__": {},
    "_date_serials": Memo(_date_serial),
    "_datetime_serial": _datetime_serial,
    "_isfinite": math.isfinite,
}
_ANGLES = operator.attrgetter("angles")
# A row no longer than this cannot hold a value too long for a cell, even one of
# characters outside the BMP (two UTF-16 code units each); a longer one goes cell by cell.
_LONGEST_SAFE_ROW = MAX_CELL_CHARACTERS // 2


def _row_writer(types: tuple[type, ...]) -> Callable[[Sequence], str | None]:
    """A function writing a row of values of these types as XML, its text not yet
    escaped or neutralised; it returns None when a number is not finite."""
    cells, finite = [], []
    for index, cls in enumerate(types):
        value = f"r[{index}]"
        if cls is str:
            cells.append(f"{TEXT_START}{{{value}}}{TEXT_END}")
        elif cls is _NONE:
            cells.append(EMPTY_CELL)
        elif cls is datetime.date:
            cells.append(f'<c s="{DATE_STYLE}"><v>{{_date_serials[{value}]}}</v></c>')
        elif cls is datetime.datetime:
            cells.append(f'<c s="{DATETIME_STYLE}"><v>{{_datetime_serial({value})!r}}</v></c>')
        elif cls is bool:
            cells.append(f'<c t="b"><v>{{{value}:d}}</v></c>')
        elif cls is int or cls is Decimal:
            cells.append(f"<c><v>{{{value}!s}}</v></c>")  # str(): quicker than format()
            if cls is Decimal:
                finite.append(f"{value}.is_finite()")
        elif cls is float:
            cells.append(f"<c><v>{{{value}!r}}</v></c>")
            finite.append(f"_isfinite({value})")
        else:
            cells.append(f"{TEXT_START}{{{value}!s}}{TEXT_END}")
    xml = f"<row>{''.join(cells)}</row>"
    body = f"f'''{xml}'''"
    if finite:
        body = f"({body} if {' and '.join(finite)} else None)"
    # The source is this module's markup and row indexes, never a value: safe to compile.
    writer = eval(f"lambda r: {body}", _WRITER_GLOBALS)  # noqa: S307  # nosec B307
    writer.angles = xml.count("<")  # as many as ">"; the values' places hold neither
    return writer


class _RowWriters(dict):
    """The row writer for each pattern of types, made on first use."""

    def __missing__(self, types: tuple[type, ...]):
        if len(self) >= 4_096:  # an export of ever-new patterns must not grow this forever
            self.clear()
        writer = self[types] = _row_writer(types)
        return writer


def _clean(xml: str, angles: int) -> bytes | None:
    """Rows' XML as UTF-8 with their values' "&" and "\\r" escaped, the characters XML
    forbids dropped and formulas neutralised; None when a value held "<" or ">"."""
    if not xml.isascii() and ("\ufffe" in xml or "\uffff" in xml):
        xml = xml.replace("\ufffe", "").replace("\uffff", "")
    data = xml.encode("utf-8", "replace")  # "replace": a lone surrogate becomes "?"
    # One pass to see whether the values hold anything to change, which they rarely do.
    if len(data) - len(data.translate(None, _SPECIAL_BYTES)) == 2 * angles:
        data = _NEUTRALISE_FORMULAS(_NEUTRALISED, data)
    elif data.count(b"<") != angles or data.count(b">") != angles:
        return None
    else:
        if b"&" in data:
            data = data.replace(b"&", b"&amp;")
        # Dropped before neutralising, so a value that starts "\x00=" is a formula's start.
        data = _NEUTRALISE_FORMULAS(_NEUTRALISED, data.translate(None, _FORBIDDEN_BYTES))
        # After neutralising, as a carriage return can start a formula.
        data = data.replace(b"\r", b"&#13;")
    # The markup holds no "_" and escaping adds no angle: any found came from a value. One
    # byte is looked for (memchr) and the pattern only where it is found: looking for
    # "_x" and "_X" took a quarter of the time of writing a chunk.
    if b"_" in data:
        data = _ESCAPE_ESCAPES_BYTES(b"_x005F_", data)
    return data


def _rows_xml(rows: Sequence[Sequence], writers: _RowWriters) -> bytes:
    """The XML of some rows, as UTF-8: the hot loop of a large export."""
    get = writers.__getitem__
    row_writers = [get((*map(type, row),)) for row in rows]
    parts = list(map(operator.call, row_writers, rows))
    if None not in parts and max(map(len, parts), default=0) <= _LONGEST_SAFE_ROW:
        data = _clean("".join(parts), sum(map(_ANGLES, row_writers)))
        if data is not None:
            return data
    return b"".join(map(_row_bytes, row_writers, rows, parts))


def _row_bytes(writer, row: Sequence, xml: str | None) -> bytes:
    if xml is not None and len(xml) <= _LONGEST_SAFE_ROW:
        data = _clean(xml, writer.angles)
        if data is not None:
            return data
    return _row_xml(row).encode("utf-8", "replace")


def _workbook_xml(title: str) -> str:
    name = title.translate(_SHEET_NAME_TABLE).strip("'")[:31] or "Export"
    return (
        _XML + f'<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}">'
        f'<sheets><sheet name="{name.translate(_ATTRIBUTE_TABLE)}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )


def write(
    path: Path | str,
    header: Sequence[str],
    batches: Iterable[Sequence[Sequence]],
    progress: Callable[[int], None] | None = None,
    title: str = "Export",
) -> int:
    """Write the header and each batch of rows as one worksheet. Returns rows written.

    Each chunk of rows is compressed in a second thread while the next is formatted:
    zlib lets go of the interpreter while it works, so the two overlap.
    """
    written = 0
    writers = _RowWriters()
    with zipfile.ZipFile(
        path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
    ) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", _workbook_xml(title))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        # The sheet's size is not known until the end: zip64 lets it pass 4 GB.
        with (
            archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet,
            ThreadPoolExecutor(1, thread_name_prefix="xlsx-deflate") as deflater,
        ):
            heading = "".join(_text_cell(str(name), f' s="{HEADER_STYLE}"') for name in header)
            sheet.write(f"{SHEET_START}<row>{heading}</row>".encode("utf-8", "replace"))
            compressing: Future | None = None
            for batch in batches:
                if max(map(len, batch), default=0) > MAX_COLUMNS:
                    raise ValueError(f"A spreadsheet has at most {MAX_COLUMNS:,} columns.")
                if written + len(batch) + 1 > MAX_ROWS:
                    raise ValueError(f"A spreadsheet has at most {MAX_ROWS:,} rows.")
                for start in range(0, len(batch), CHUNK_ROWS):
                    data = _rows_xml(batch[start : start + CHUNK_ROWS], writers)
                    if compressing is not None:
                        compressing.result()  # one chunk in flight: memory stays flat
                    compressing = deflater.submit(sheet.write, data)
                written += len(batch)
                if progress:
                    progress(written)
            if compressing is not None:
                compressing.result()
            sheet.write(SHEET_END.encode())
    return written

"""A minimal XLSX writer: one worksheet of inline strings, written straight into its zip.

An XLSX file is a zip of XML parts. This writes the few parts a spreadsheet needs
([Content_Types].xml, the package and workbook relationships, the workbook, a
style sheet for dates and the header, one worksheet) and streams the worksheet's
rows into the zip a batch at a time, so memory is one batch whatever the size.
Text is written inline (no shared-strings table, which would have to be held in
memory), escaped for XML, stripped of the control characters XML 1.0 forbids, and
neutralised when a spreadsheet would run it as a formula.
"""

from __future__ import annotations

import datetime
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.utils import timezone

from ecte.exports.formulas import DANGEROUS_FIRST

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

# XML escapes, and the control characters XML 1.0 does not allow at all (dropped).
_TEXT_TABLE = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("\r"): "&#13;",  # a bare one would be read back as a line feed
    **{code: None for code in range(32) if chr(code) not in "\t\n\r"},
    0xFFFE: None,
    0xFFFF: None,
}
# str.translate looks up every character: far slower than a search that almost never
# matches, so text is translated only when the search finds something to change.
_NEEDS_ESCAPING = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]").search
_ATTRIBUTE_TABLE = {**_TEXT_TABLE, ord('"'): "&quot;"}
# Characters Excel does not allow in a sheet's name.
_SHEET_NAME_TABLE = {ord(c): None for c in "[]:*?/\\"}


def _text_cell(value: str, style: str = "") -> str:
    if value[:1] in DANGEROUS_FIRST:
        value = "'" + value
    if _NEEDS_ESCAPING(value):
        value = value.translate(_TEXT_TABLE)
    return f'<c{style} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>'


def _datetime_serial(value: datetime.datetime) -> float:
    if timezone.is_aware(value):
        # Spreadsheets have no time zones: show the time as it was in this service's.
        value = timezone.make_naive(value)
    delta = value - datetime.datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86_400 + delta.microseconds / 86_400_000_000


def _other_cell(value) -> str:
    """A cell that is not text or empty."""
    cls = value.__class__
    if cls is datetime.date:
        return f'<c s="{DATE_STYLE}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if cls is datetime.datetime:
        return f'<c s="{DATETIME_STYLE}"><v>{_datetime_serial(value)!r}</v></c>'
    if cls is bool:
        return f'<c t="b"><v>{int(value)}</v></c>'
    if cls is int or cls is Decimal:
        if cls is Decimal and not value.is_finite():
            return _text_cell(str(value))
        return f"<c><v>{value}</v></c>"
    if cls is float:
        if not math.isfinite(value):
            return _text_cell(str(value))
        return f"<c><v>{value!r}</v></c>"
    return _text_cell(str(value))


def _row_xml(row: Sequence) -> str:
    """One row's XML, cell by cell: right for any values, and the fast path's fallback."""
    parts = ["<row>"]
    append = parts.append
    for value in row:
        if value is None or value == "":
            append(EMPTY_CELL)
        elif value.__class__ is str:
            append(_text_cell(value))
        else:
            append(_other_cell(value))
    append("</row>")
    return "".join(parts)


# The fast path. Rows of an export mostly have the same types in the same columns, so
# each pattern of types ("str, str, date, None, Decimal...") gets a %-format template
# of the row's XML, made once; a row is then one C-level format. The values go in as
# they are and the batch's XML is checked once afterwards: the templates hold no "&"
# and no control characters, and a known number of "<" and ">", so any found beyond
# those came from a value. "&" and control characters are then fixed in the whole
# batch at once; a stray "<" or ">" (or a number that is not finite) sends the batch
# row by row, each row that fails the check going cell by cell. Formulas are
# neutralised last, in the XML, where every text value follows its <t> tag (an
# apostrophe is not itself a formula start, so rows the cell-by-cell path neutralised
# already are left as they are).
_TEXT_START = '<t xml:space="preserve">'
_TEXT_START_BYTES = _TEXT_START.encode()
_NEUTRALISE_FORMULAS = re.compile(_TEXT_START_BYTES + b"(?=[=+\\-@\t\r])").sub
_FORBIDDEN_BYTES = bytes(code for code in range(32) if chr(code) not in "\t\n\r")
EMPTY_CELL = "<c/>"  # cells have no references (they are optional): position is order
_NONE = type(None)
_TEMPLATE_TYPES = frozenset({str, int, Decimal, datetime.date, _NONE})
# Excel's day 0 is 30 December 1899: a date's serial number is its ordinal less this.
_EXCEL_ORDINAL = EXCEL_EPOCH.toordinal()


class _Template(NamedTuple):
    format: str
    dates: tuple[int, ...]  # indexes of the dates, written as day numbers
    angles: int  # how many "<" (and as many ">") the format holds


def _row_template(types: tuple[type, ...]) -> _Template | None:
    if not _TEMPLATE_TYPES.issuperset(types):
        return None
    cells = []
    for cls in types:
        if cls is str:
            cells.append(f'<c t="inlineStr"><is>{_TEXT_START}%s</t></is></c>')
        elif cls is datetime.date:
            cells.append(f'<c s="{DATE_STYLE}"><v>%s</v></c>')
        elif cls is _NONE:
            cells.append(f"%.0s{EMPTY_CELL}")  # takes the None and writes nothing of it
        else:
            cells.append("<c><v>%s</v></c>")
    row = f"<row>{''.join(cells)}</row>"
    dates = tuple(i for i, cls in enumerate(types) if cls is datetime.date)
    return _Template(row, dates, row.count("<"))


def _format(row: Sequence, template: _Template) -> str:
    if template.dates:
        values = list(row)
        for index in template.dates:
            values[index] = values[index].toordinal() - _EXCEL_ORDINAL
        return template.format % tuple(values)
    return template.format % (row if row.__class__ is tuple else tuple(row))


def _clean(xml: str, angles: int) -> bytes | None:
    """The batch's (or a row's) XML as UTF-8, with its values' "&" escaped and the
    characters XML forbids dropped; None when a value held "<", ">" or a number that
    is not finite. Bytes, because these whole-batch scans are fastest on bytes."""
    data = xml.encode("utf-8", "replace")  # "replace": a lone surrogate becomes "?"
    if data.count(b"<") != angles or data.count(b">") != angles:
        return None
    if b"NaN" in data or b"Infinity" in data:
        return None
    if b"&" in data:
        data = data.replace(b"&", b"&amp;")
    data = data.translate(None, _FORBIDDEN_BYTES)
    if b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:  # U+FFFE, U+FFFF
        data = data.replace(b"\xef\xbf\xbe", b"").replace(b"\xef\xbf\xbf", b"")
    return data


def _neutralise_formulas(data: bytes) -> bytes:
    data = _NEUTRALISE_FORMULAS(_TEXT_START_BYTES + b"'", data)
    # After, as a carriage return can start a formula: a bare one would be read back
    # as a line feed.
    return data.replace(b"\r", b"&#13;") if b"\r" in data else data


def _rows_xml(batch: Sequence[Sequence]) -> bytes:
    """The XML of a batch of rows, as UTF-8: the hot loop of a large export."""
    templates: dict[tuple[type, ...], _Template | None] = {}
    parts = []
    append = parts.append
    angles = 0
    for row in batch:
        types = tuple(map(type, row))
        try:
            template = templates[types]
        except KeyError:
            template = templates[types] = _row_template(types)
        if template is None:
            cells = _row_xml(row)  # escaped already, so "&" must not be escaped again
            if "&" in cells:
                break
            append(cells)
            angles += cells.count("<")
        else:
            append(_format(row, template))
            angles += template.angles
    else:
        data = _clean("".join(parts), angles)
        if data is not None:
            return _neutralise_formulas(data)
    return _neutralise_formulas(_rows_xml_one_by_one(batch, templates))


def _rows_xml_one_by_one(batch: Sequence[Sequence], templates: dict) -> bytes:
    parts = []
    for row in batch:
        types = tuple(map(type, row))
        if types not in templates:
            templates[types] = _row_template(types)
        template = templates[types]
        data = _clean(_format(row, template), template.angles) if template else None
        parts.append(_row_xml(row).encode("utf-8", "replace") if data is None else data)
    return b"".join(parts)


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
    """Write the header and each batch of rows as one worksheet. Returns rows written."""
    written = 0
    with zipfile.ZipFile(
        path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
    ) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", _workbook_xml(title))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        # The sheet's size is not known until the end: zip64 lets it pass 4 GB.
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            heading = "".join(_text_cell(str(name), f' s="{HEADER_STYLE}"') for name in header)
            sheet.write(f"{SHEET_START}<row>{heading}</row>".encode())
            for batch in batches:
                if max(map(len, batch)) > MAX_COLUMNS:
                    raise ValueError(f"A spreadsheet has at most {MAX_COLUMNS:,} columns.")
                if written + len(batch) + 1 > MAX_ROWS:
                    raise ValueError(f"A spreadsheet has at most {MAX_ROWS:,} rows.")
                sheet.write(_rows_xml(batch))
                written += len(batch)
                if progress:
                    progress(written)
            sheet.write(SHEET_END.encode())
    return written

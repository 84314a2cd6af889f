"""Streaming CSV and XLSX writers: a batch of rows in memory at a time, whatever the size.

Every text cell that a spreadsheet would read as a formula (it begins with =, +, -
or @, or a tab or carriage return that some programs skip) is neutralised with a
leading apostrophe, so an exported name like "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import csv
import datetime
import io
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from ecte.exports import xlsx
from ecte.exports.formulas import DANGEROUS_FIRST, FORMULA_START_CLASS, FORMULA_STARTS, neutralise

__all__ = ["FORMULA_STARTS", "WRITERS", "neutralise", "write_csv", "write_xlsx"]

PROGRESS_EVERY = 10_000

# CSV text is quoted and nothing else is (csv.QUOTE_STRINGS), so a text value starts
# with a quote at the start of a line or after a comma, and a number (-1.5) never does.
# Inside a value a quote is doubled, and after a closing quote comes a comma or a line
# feed, so a quote after a comma or line feed and before a formula's start always opens
# a value; lines end "\n", not "\r\n", so that holds for a carriage return too. A batch's
# text is then neutralised all at once, in C, rather than value by value in Python.
_NEUTRALISE_CSV = re.compile(f'"(?<=[,\\n]")(?={FORMULA_START_CLASS})').sub

# Rows are written as the XLSX worksheet's are (see xlsx._row_writer): a line-writing
# f-string per pattern of types, made once. Text goes in quoted as it is, so a batch
# whose values hold a quote (which must be doubled) is written by the csv module
# instead; values of the plain types never hold a comma, quote or line break.
_NONE = type(None)
_PLAIN_TYPES = frozenset({int, float, bool, Decimal, datetime.date, datetime.datetime})
_QUOTES = operator.attrgetter("quotes")
# What a line writer's source may use: nothing else, not even the builtins.
_LINE_WRITER_GLOBALS = {"__builtins__": {}, "_date_texts": xlsx.Memo(datetime.date.isoformat)}


def _line_writer(types: tuple[type, ...]) -> Callable[[Sequence], str]:
    """A function writing a row of values of these types as a CSV line, not yet
    neutralised. A value of any other type (a UUID, a str subclass) is written as text."""
    fields = []
    for index, cls in enumerate(types):
        if cls is _NONE:
            fields.append("")
        elif cls is datetime.date:
            fields.append(f"{{_date_texts[r[{index}]]}}")
        elif cls in _PLAIN_TYPES:
            fields.append(f"{{r[{index}]!s}}")  # str(): far quicker than format() for most
        else:
            fields.append(f'"{{r[{index}]!s}}"')
    line = ",".join(fields) if fields != [""] else '""'  # a lone empty value is quoted
    # The source is this module's punctuation and row indexes, never a value.
    writer = eval(f"lambda r: f'''{line}\\n'''", _LINE_WRITER_GLOBALS)  # noqa: S307  # nosec B307
    writer.quotes = line.count('"')
    return writer


class _LineWriters(dict):
    """The line writer for each pattern of types, made on first use."""

    def __missing__(self, types: tuple[type, ...]):
        if len(self) >= 4_096:  # an export of ever-new patterns must not grow this forever
            self.clear()
        writer = self[types] = _line_writer(types)
        return writer


def _csv_values(row: Sequence) -> list:
    """A row for the csv module, to be written as the line writers write it."""
    values = [
        value
        if value is None or value.__class__ is str or value.__class__ in _PLAIN_TYPES
        else str(value)
        for value in row
    ]
    return [""] if values == [None] else values


def _csv_text(
    batch: Sequence[Sequence],
    writers: _LineWriters,
    with_csv_module: Callable[[Sequence[Sequence]], str],
) -> str:
    """A batch's CSV lines, neutralised."""
    get = writers.__getitem__
    line_writers = [get((*map(type, row),)) for row in batch]
    text = "".join(map(operator.call, line_writers, batch))
    if text.count('"') != sum(map(_QUOTES, line_writers)):  # a value held a quote
        text = with_csv_module(batch)
    text = _NEUTRALISE_CSV("\"'", text)
    if text[:1] == '"' and text[1:2] in DANGEROUS_FIRST:  # the first value has no comma
        text = "\"'" + text[1:]
    return text


def _in_batches(rows: Iterable[Sequence], size: int):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write UTF-8 CSV (with a byte order mark, so that Excel reads accents). Returns rows."""
    written = 0
    writers = _LineWriters()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_STRINGS, lineterminator="\n")

    def with_csv_module(batch: Sequence[Sequence]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(map(_csv_values, batch))
        return buffer.getvalue()

    # "replace": a lone surrogate, which UTF-8 cannot hold, becomes "?" as in the XLSX.
    with open(path, "w", newline="", encoding="utf-8-sig", errors="replace") as file:
        # The header is the one row written plainly (the body's quoting is for speed).
        csv.writer(file, lineterminator="\n").writerow([neutralise(str(h)) for h in header])
        for batch in _in_batches(rows, PROGRESS_EVERY):
            file.write(_csv_text(batch, writers, with_csv_module))
            written += len(batch)
            if progress:
                progress(written)
    return written


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence],
    progress: Callable[[int], None] | None = None,
    title: str = "Export",
) -> int:
    """Write a minimal XLSX workbook (one sheet, inline strings) streamed into its zip.

    The worksheet XML is written directly, a batch of rows at a time, rather than
    through a spreadsheet library: a million rows take seconds, not minutes, and
    memory stays that of one batch. Returns rows.
    """
    return xlsx.write(path, header, _in_batches(rows, PROGRESS_EVERY), progress, title)


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}

"""Streaming CSV and XLSX writers: one row in memory at a time, whatever the file's size.

Every text cell that a spreadsheet would read as a formula (it begins with =, +, -
or @, or a tab or carriage return that some programs skip) is neutralised with a
leading apostrophe, so an exported name like "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 10_000


def neutralise(value: str) -> str:
    """'=1+1' -> "'=1+1": a spreadsheet shows it as text and never runs it."""
    if value and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


_DANGEROUS_FIRST = frozenset(FORMULA_STARTS)


def _csv_row(row: Sequence) -> list:
    # csv writes None as "" and str() of everything else (a date is its ISO form), so
    # only text needs looking at: this is the hot loop of a million-row export.
    return [
        "'" + value if value.__class__ is str and value[:1] in _DANGEROUS_FIRST else value
        for value in row
    ]


def _xlsx_row(row: Sequence) -> list:
    return [
        "'" + value if value.__class__ is str and value[:1] in _DANGEROUS_FIRST else value
        for value in row
    ]


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
    with open(path, "w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow([neutralise(str(h)) for h in header])
        for batch in _in_batches(rows, PROGRESS_EVERY):
            writer.writerows(map(_csv_row, batch))
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
    """Write an XLSX workbook with openpyxl's write-only mode (rows stream to disk)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([neutralise(str(h)) for h in header])
    written = 0
    append = sheet.append
    for batch in _in_batches(rows, PROGRESS_EVERY):
        for row in batch:
            append(_xlsx_row(row))
        written += len(batch)
        if progress:
            progress(written)
    workbook.save(path)
    return written


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}

"""Streaming CSV and XLSX writers: one row in memory at a time, whatever the file's size.

Every text cell that a spreadsheet would read as a formula (it begins with =, +, -
or @, or a tab or carriage return that some programs skip) is neutralised with a
leading apostrophe, so an exported name like "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ecte.exports import xlsx
from ecte.exports.formulas import DANGEROUS_FIRST, FORMULA_STARTS, neutralise

__all__ = ["FORMULA_STARTS", "WRITERS", "neutralise", "write_csv", "write_xlsx"]

PROGRESS_EVERY = 10_000
_DANGEROUS_FIRST = DANGEROUS_FIRST


def _csv_row(row: Sequence) -> list:
    # csv writes None as "" and str() of everything else (a date is its ISO form), so
    # only text needs looking at: this is the hot loop of a million-row export.
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
    """Write a minimal XLSX workbook (one sheet, inline strings) streamed into its zip.

    The worksheet XML is written directly, a batch of rows at a time, rather than
    through a spreadsheet library: a million rows take seconds, not minutes, and
    memory stays that of one batch. Returns rows.
    """
    return xlsx.write(path, header, _in_batches(rows, PROGRESS_EVERY), progress, title)


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}

"""Reference data kept in each process between requests: the school calendar and the
lead providers' programme content.

Mentors', ECTs' and induction tutors' pages read them on every request (nine queries on a
mentor's home page), yet DfE staff change them a few times a year. Each entry is stamped
with the version of the reference data it was read at, and used only while that is still
the version: a PostgreSQL statement trigger on every reference table takes a new version
from a sequence whenever one of them changes (admin edits, content imports, bulk writes,
COPY), so every process sees a change on its next read, as before. Reading the version
is one plain query, far cheaper than the queries and objects it saves.

A version comes from a sequence, never reused, so an entry read inside a transaction that
changed the data and then rolled back can never match again. On SQLite (the embedded
default for trying the service) nothing is kept: every read goes to the database.

The trigger updates one row, so transactions that write reference data take turns: only
DfE staff's admin edits and content imports do, never the journeys' pages.

Cached values are shared by the threads of a process: treat them as read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.db import connection

# The tables whose rows make up cached values: a change to any of them is a new version.
REFERENCE_TABLES = (
    "academic_calendar_academicyear",
    "programmes_leadprovider",
    "programmes_programme",
    "programmes_programmeyear",
    "programmes_module",
    "programmes_meetingfocus",
    "programmes_studyitem",
    "programmes_session",
)

_entries: dict[Hashable, tuple[int, Any]] = {}
_MISSING = object()


def current_version() -> int | None:
    """The reference data's version now, or None where versions are not kept (SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM ecte_reference_version")
        row = cursor.fetchone()
    return row[0] if row else None


def get(key: Hashable, version: int | None) -> Any:
    """The value kept for `key` at `version`, or `MISSING`."""
    if version is None:
        return _MISSING
    entry = _entries.get(key)
    return entry[1] if entry is not None and entry[0] == version else _MISSING


def put(key: Hashable, version: int | None, value: Any) -> None:
    if version is not None:
        _entries[key] = (version, value)


def cached(key: Hashable, load: Callable[[], Any]) -> Any:
    """`load()`'s value for `key`, read again only when the reference data has changed."""
    version = current_version()
    value = get(key, version)
    if value is _MISSING:
        # The version is read before the data: a change in between leaves the entry
        # stamped with the older version, so the next read loads it again.
        value = load()
        put(key, version, value)
    return value


def clear() -> None:
    _entries.clear()


MISSING = _MISSING

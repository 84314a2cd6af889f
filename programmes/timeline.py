"""The six half-terms of a year, each with the module taken in it. Pure functions.

A school's timeline lays its modules (in the school's order) across the
half-terms, each module lasting as many half-terms as its content says. An ECT
who joins after the first half-term follows rule 26 when the programme says so:
the fixed first module first, then the school's timeline from the point it has
reached; the modules the school did before that are not theirs this year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ecte.calendar.dates import HalfTerm


@dataclass(frozen=True)
class Slot:
    half_term: HalfTerm
    module: object | None  # a programmes.models.Module, or None
    before_joining: bool = False
    is_current: bool = False


def school_slots(modules_in_order: list, half_terms: list[HalfTerm]) -> list[Slot]:
    """Each half-term with the module the school's sequence puts in it."""
    slots = []
    modules = iter(modules_in_order)
    module, left = None, 0
    for half_term in half_terms:
        if left == 0:
            module = next(modules, None)
            left = module.half_terms if module is not None else 0
        slots.append(Slot(half_term=half_term, module=module))
        left = max(left - 1, 0)
    return slots


def joining_half_term(half_terms: list[HalfTerm], joined_on: datetime.date | None) -> int:
    """The number of the first half-term the ECT is there for: 1 when they joined by the end of
    Autumn half-term 1 (or earlier years), 7 when they joined after the year's last one."""
    if joined_on is None:
        return 1
    for half_term in half_terms:
        if joined_on <= half_term.ends_on:
            return half_term.number
    return len(half_terms) + 1


def ect_slots(
    modules_in_order: list,
    half_terms: list[HalfTerm],
    *,
    joined_on: datetime.date | None,
    late_joiners_start_with_first_module: bool,
    today: datetime.date,
) -> list[Slot]:
    """The ECT's own six half-terms (rule 26 applied), the current one marked."""
    school = school_slots(modules_in_order, half_terms)
    joined = joining_half_term(half_terms, joined_on)
    first = modules_in_order[0] if modules_in_order else None
    slots: list[Slot] = []
    first_left = first.half_terms if (first is not None and joined > 1) else 0
    for slot in school:
        number = slot.half_term.number
        current = today in slot.half_term
        if number < joined:
            slots.append(Slot(slot.half_term, None, before_joining=True, is_current=current))
            continue
        module = slot.module
        if late_joiners_start_with_first_module and first_left:
            module = first
            first_left -= 1
        elif late_joiners_start_with_first_module and joined > 1 and module is first:
            module = None  # already done on joining
        slots.append(Slot(slot.half_term, module, is_current=current))
    return slots


def is_late_joiner(half_terms: list[HalfTerm], joined_on: datetime.date | None) -> bool:
    return joining_half_term(half_terms, joined_on) > 1

"""Reminder sweeps: each finds what is due on a day and tells the people who must act.

A sweep is a function of the day (`on`), registered here and run by a beat-scheduled
task (`notifications.remind.<name>`). It runs on working days only; what falls due on
a weekend or a bank holiday is sent on the next working day, because every sweep
asks "has the time passed?", never "is it exactly today?". Each notification's key
names the object and the occasion, so a sweep that runs twice sends once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ecte.calendar import dates


@dataclass(frozen=True)
class Reminder:
    name: str
    kind: str
    sweep: Callable[[date], int]


REMINDERS: dict[str, Reminder] = {}


def reminder(name: str, *, kind: str):
    """Register a sweep `sweep(on) -> number of notifications sent`."""

    def register(sweep: Callable[[date], int]) -> Callable[[date], int]:
        REMINDERS[name] = Reminder(name=name, kind=kind, sweep=sweep)
        return sweep

    return register


def run(name: str, *, on: date | None = None) -> int:
    """Run one sweep for a day (today by default). Nothing is sent on non-working days."""
    _load()
    on = on or dates.today()
    if not dates.is_working_day(on):
        return 0
    return REMINDERS[name].sweep(on)


def _load() -> None:
    # Importing the modules registers their sweeps.
    from ecte.notifications.reminders import (  # noqa: F401
        induction,
        programmes,
        registration,
        terms,
    )

import datetime

import pytest

from tests.programmes.factories import BPN_FILE, NIOT_FILE, load_programme


@pytest.fixture
def on(monkeypatch):
    """`on(date)`: make the service's "today" that date (ecte.calendar.dates.today)."""

    def set_today(day: datetime.date) -> datetime.date:
        monkeypatch.setattr("ecte.calendar.dates.today", lambda: day)
        return day

    return set_today


@pytest.fixture
def niot():
    """The NIoT 2026 to 2027 programme from the handbook, for a lead provider of its own."""
    return load_programme(NIOT_FILE)


@pytest.fixture
def bpn():
    """The Best Practice Network style fixed programme for 2026 to 2027."""
    return load_programme(BPN_FILE)

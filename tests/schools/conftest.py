import datetime

import pytest

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Every rule about "4 months from today" sees the same Monday in November 2026."""
    monkeypatch.setattr("ecte.calendar.dates.today", lambda: TODAY)
    return TODAY

"""The six half-terms with their modules; the late joiner rule (rule 26)."""

import datetime

import pytest

from ecte.calendar.dates import default_half_terms
from programmes import sequencing, timeline

pytestmark = pytest.mark.django_db

HALF_TERMS = default_half_terms(2026)
CHOSEN = ["A", "F", "C", "E", "B", "D"]


def codes(slots):
    return [slot.module.code if slot.module else None for slot in slots]


def niot_modules(niot, order=CHOSEN):
    return sequencing.ordered_modules(sequencing.sequence_modules(niot), order)


def test_the_school_timeline_puts_one_module_in_each_half_term(niot):
    assert codes(timeline.school_slots(niot_modules(niot), HALF_TERMS)) == CHOSEN


def test_an_ect_there_from_september_follows_the_school_sequence(niot):
    slots = timeline.ect_slots(
        niot_modules(niot),
        HALF_TERMS,
        joined_on=datetime.date(2026, 9, 1),
        late_joiners_start_with_first_module=True,
        today=datetime.date(2026, 11, 23),
    )
    assert codes(slots) == CHOSEN
    assert [slot.is_current for slot in slots] == [False, True, False, False, False, False]


def test_an_ect_who_joins_in_autumn_half_term_1_is_not_a_late_joiner(niot):
    assert not timeline.is_late_joiner(HALF_TERMS, datetime.date(2026, 10, 12))


def test_a_late_joiner_does_module_a_first_then_joins_the_school_where_it_has_reached(niot):
    joined = datetime.date(2027, 1, 11)  # Spring half-term 1
    slots = timeline.ect_slots(
        niot_modules(niot),
        HALF_TERMS,
        joined_on=joined,
        late_joiners_start_with_first_module=True,
        today=joined,
    )
    assert codes(slots) == [None, None, "A", "E", "B", "D"]
    assert [slot.before_joining for slot in slots] == [True, True, False, False, False, False]
    assert timeline.is_late_joiner(HALF_TERMS, joined)


def test_a_joiner_in_the_october_holiday_starts_with_autumn_half_term_2(niot):
    slots = timeline.ect_slots(
        niot_modules(niot),
        HALF_TERMS,
        joined_on=datetime.date(2026, 10, 28),
        late_joiners_start_with_first_module=True,
        today=datetime.date(2026, 11, 2),
    )
    assert codes(slots) == [None, "A", "C", "E", "B", "D"]


def test_without_the_late_joiner_rule_an_ect_joins_the_programme_where_it_is(bpn):
    year_1 = bpn.years.get(number=1)
    modules = list(year_1.modules.order_by("position"))
    slots = timeline.ect_slots(
        modules,
        HALF_TERMS,
        joined_on=datetime.date(2027, 1, 11),
        late_joiners_start_with_first_module=False,
        today=datetime.date(2027, 1, 11),
    )
    # Module 3 lasts two half-terms in this programme.
    assert codes(slots) == [None, None, "3", "3", "4", "5"]


def test_a_module_can_last_several_half_terms(bpn):
    modules = list(bpn.years.get(number=2).modules.order_by("position"))
    assert codes(timeline.school_slots(modules, HALF_TERMS)) == ["6", "6", "7", "8", "8", "9"]

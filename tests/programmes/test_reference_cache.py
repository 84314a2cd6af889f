"""Programme content and the school calendar are kept between requests, and a change to
them, however it is written, is read on the next request (ecte/reference_cache.py)."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ecte.calendar import dates
from ecte.calendar.models import AcademicYear
from programmes import sequencing
from programmes.models import Module

pytestmark = pytest.mark.django_db


def _first_module_title(niot) -> str:
    programme = sequencing.programme_for(niot.lead_provider, niot.academic_year)
    return programme.years.all()[0].modules.all()[0].title


def test_content_read_again_costs_only_the_version_query(niot):
    _first_module_title(niot)
    with CaptureQueriesContext(connection) as queries:
        _first_module_title(niot)
    assert [q["sql"] for q in queries] == ["SELECT version FROM ecte_reference_version"]


def test_a_module_edited_and_saved_is_read_at_once(niot):
    _first_module_title(niot)
    module = Module.objects.get(pk=niot.years.all()[0].modules.order_by("position")[0].pk)
    module.title = "Behaviour, edited"
    module.save()
    assert _first_module_title(niot) == "Behaviour, edited"


def test_a_bulk_update_of_modules_is_read_at_once(niot):
    _first_module_title(niot)
    Module.objects.filter(programme_year__programme=niot).update(title="Renamed in bulk")
    assert _first_module_title(niot) == "Renamed in bulk"


def test_content_from_a_change_that_was_rolled_back_is_never_used(niot):
    before = _first_module_title(niot)
    with pytest.raises(RuntimeError), transaction.atomic():
        Module.objects.filter(programme_year__programme=niot).update(title="Never committed")
        assert _first_module_title(niot) == "Never committed"
        raise RuntimeError("roll back")
    assert _first_module_title(niot) == before


def test_half_term_dates_edited_in_the_admin_are_read_on_the_next_request():
    default_end = dates.half_terms(2031)[0].ends_on
    row = AcademicYear.defaults_for(2031)
    row.half_term_1_ends_on = default_end - datetime.timedelta(days=7)
    row.save()
    assert dates.half_terms(2031)[0].ends_on == default_end - datetime.timedelta(days=7)
    AcademicYear.objects.filter(start_year=2031).delete()
    assert dates.half_terms(2031)[0].ends_on == default_end


def test_a_renamed_lead_provider_is_read_at_once(niot):
    sequencing.programme_for(niot.lead_provider, niot.academic_year)
    niot.lead_provider.name = "Renamed provider"
    niot.lead_provider.save()
    programme = sequencing.programme_for(niot.lead_provider, niot.academic_year)
    assert programme.lead_provider.name == "Renamed provider"

"""ecte.pagination: GOV.UK pagination params that keep the rest of the query string."""

from django.core.paginator import Paginator
from django.http import QueryDict

from ecte.pagination import page_of, pagination, showing


def test_links_keep_the_search_and_filters_of_the_page():
    query = QueryDict("q=Ahmed&status=held&page=2")
    page = page_of(list(range(120)), query)
    params = pagination(page, query)
    assert params["previous"]["href"] == "?q=Ahmed&status=held&page=1"
    assert params["next"]["href"] == "?q=Ahmed&status=held&page=3"
    assert [item.get("number") for item in params["items"]] == [1, 2, 3]
    assert [item["current"] for item in params["items"]] == [False, True, False]


def test_far_pages_are_elided():
    query = QueryDict("page=10")
    params = pagination(page_of(list(range(1000)), query), query)
    numbers = [item.get("number", "…") for item in params["items"]]
    assert numbers == [1, "…", 9, 10, 11, "…", 20]


def test_a_single_page_has_no_pagination():
    query = QueryDict("")
    page = page_of(list(range(50)), query)
    assert pagination(page, query) is None
    assert showing(page, "participants") == "50 participants"


def test_showing_one_row_uses_the_singular():
    page = page_of(["Ada"], QueryDict(""))
    assert showing(page, "participants", "participant") == "1 participant"


def test_showing_counts_with_thousands_separators():
    page = Paginator(list(range(20_551)), 50).page(2)
    assert showing(page, "participants") == "Showing 51 to 100 of 20,551 participants"

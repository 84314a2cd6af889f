"""Long lists a page at a time, with the GOV.UK pagination component.

Every link keeps the rest of the query string, so a search or filter still applies on
the next page.
"""

from django.core.paginator import Page, Paginator
from django.http import QueryDict
from django.utils.functional import cached_property

PAGE_SIZE = 50


class _CountedPaginator(Paginator):
    """A paginator told how many rows there are, by a query cheaper than `rows.count()`."""

    def __init__(self, rows, per_page: int, *, count: int):
        super().__init__(rows, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


def page_of(rows, query: QueryDict, *, per_page: int = PAGE_SIZE, count: int | None = None) -> Page:
    """The page the query string asks for (`?page=`); the first or last page when it names
    no page or one past the end, as Django's `get_page` does. `count`, when given, is the
    number of rows, so they are not counted again."""
    if count is None:
        paginator = Paginator(rows, per_page)
    else:
        paginator = _CountedPaginator(rows, per_page, count=count)
    return paginator.get_page(query.get("page"))


def pagination(page: Page, query: QueryDict) -> dict | None:
    """govukPagination params for a Django page, or None when everything fits on one."""
    if page.paginator.num_pages < 2:
        return None

    def href(number: int) -> str:
        kept = query.copy()
        kept["page"] = str(number)
        return f"?{kept.urlencode()}"

    params: dict = {"items": []}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            params["items"].append({"ellipsis": True})
        else:
            params["items"].append(
                {"number": number, "href": href(number), "current": number == page.number}
            )
    return params


def showing(page: Page, noun: str, one: str = "") -> str:
    """'Showing 51 to 100 of 20,551 participants', for the line above a paginated table;
    `one` is the noun for a single row ("participant"), when it is not `noun`."""
    count = page.paginator.count
    if page.paginator.num_pages < 2:
        return f"{count:,} {one if count == 1 and one else noun}"
    return f"Showing {page.start_index():,} to {page.end_index():,} of {count:,} {noun}"

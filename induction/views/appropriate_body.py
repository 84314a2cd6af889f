"""The appropriate body's home (its task lists), the full list pages and the teacher page."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from induction.selectors import appropriate_body as lists
from induction.selectors.teacher import appropriate_body_view_of
from induction.views.base import AppropriateBodyView

HOME_ROWS = 5
PAGE_SIZE = 50


@dataclass
class TaskList:
    slug: str
    title: str
    count: int
    rows: list
    empty: str

    @property
    def url(self) -> str:
        return reverse("induction:list", args=[self.slug])


# (slug, title, queryset, decorate, empty text)
def _lists(appropriate_body):
    ab = appropriate_body
    return {
        "to-claim": (
            "ECTs to claim",
            lambda: lists.to_claim(ab),
            list,
            "No ECTs are waiting for you to claim them.",
        ),
        "waiting-for-qts": (
            "Waiting for QTS",
            lambda: lists.waiting_for_qts(ab),
            list,
            "No ECTs are waiting for QTS.",
        ),
        "held-elsewhere": (
            "Held by another appropriate body",
            lambda: lists.held_elsewhere(ab),
            lambda rows: lists.decorate_held_elsewhere(rows, ab),
            "No ECTs whose school chose you are held by another appropriate body.",
        ),
        "leavers": (
            "Leavers to release",
            lambda: lists.leavers(ab),
            lists.decorate_leavers,
            "No ECTs you hold have left their school.",
        ),
        "decisions": (
            "Decisions due",
            lambda: lists.decisions_due(ab),
            lists.decorate_decisions,
            "No final recommendations are waiting for your decision.",
        ),
        "release-requests": (
            "Release requests from other appropriate bodies",
            lambda: lists.release_requests_received(ab),
            list,
            "No appropriate body has asked you to release an ECT.",
        ),
        "in-induction": (
            "ECTs in induction with you",
            lambda: lists.held(ab),
            lists.decorate_held,
            "You do not hold any ECTs’ induction yet.",
        ),
    }


class AppropriateBodyHomeView(AppropriateBodyView, View):
    """Task lists with counts and the first rows of each: a fixed number of queries."""

    def get(self, request):
        ab = self.appropriate_body
        tasks = []
        for slug, (title, queryset, decorate, empty) in _lists(ab).items():
            rows = queryset()
            tasks.append(TaskList(slug, title, rows.count(), decorate(rows[:HOME_ROWS]), empty))
        received = TaskList(
            "received",
            "Assessments and reviews received",
            lists.received_count(ab),
            lists.received(ab, limit=HOME_ROWS),
            "Nothing new from schools.",
        )
        by_slug = {task.slug: task for task in tasks}
        return render(
            request,
            "induction/home.html",
            {
                "appropriate_body": ab,
                "tasks": [*tasks[:4], received, *tasks[4:]],
                "by_slug": by_slug | {"received": received},
            },
        )


class TaskListView(AppropriateBodyView, View):
    """One task list in full, 50 rows a page."""

    def get(self, request, slug: str):
        ab = self.appropriate_body
        if slug == "received":
            task = TaskList(
                "received",
                "Assessments and reviews received",
                lists.received_count(ab),
                lists.received(ab),
                "Nothing new from schools.",
            )
            return render(request, "induction/list.html", {"task": task, "page": None})
        available = _lists(ab)
        if slug not in available:
            raise Http404
        title, queryset, decorate, empty = available[slug]
        rows = queryset()
        search = request.GET.get("q", "") if slug == "in-induction" else ""
        if search:
            rows = lists.held(ab, search)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        task = TaskList(slug, title, page.paginator.count, decorate(page.object_list), empty)
        return render(
            request,
            "induction/list.html",
            {"task": task, "page": page, "search": search, "pagination": _pagination(page)},
        )


def _pagination(page) -> dict | None:
    """govukPagination params for a Django page, or None for a single page."""
    if page.paginator.num_pages < 2:
        return None
    params: dict = {"items": []}
    if page.has_previous():
        params["previous"] = {"href": f"?page={page.previous_page_number()}"}
    if page.has_next():
        params["next"] = {"href": f"?page={page.next_page_number()}"}
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            params["items"].append({"ellipsis": True})
        else:
            params["items"].append(
                {"number": number, "href": f"?page={number}", "current": number == page.number}
            )
    return params


class TeacherView(AppropriateBodyView, View):
    """The appropriate body's page for one teacher: summary, periods, timeline, reviews."""

    def get(self, request, teacher_id: int):
        teacher = self.get_teacher(teacher_id)
        return render(
            request,
            "induction/teacher.html",
            appropriate_body_view_of(teacher, self.appropriate_body),
        )

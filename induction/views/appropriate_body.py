"""The appropriate body's home (its task lists), the full list pages and the teacher page."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from ecte.pagination import page_of, pagination
from induction.selectors import appropriate_body as lists
from induction.selectors.teacher import appropriate_body_view_of
from induction.views.base import AppropriateBodyView

HOME_ROWS = 5


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
    """Task lists with counts and the first rows of each, in a number of queries that does not
    grow with the rows."""

    def get(self, request):
        ab = self.appropriate_body
        counts = lists.task_counts(ab)
        heads = lists.unclaimed_heads(ab, HOME_ROWS)
        tasks = []
        for slug, (title, queryset, decorate, empty) in _lists(ab).items():
            if slug in heads:
                count, rows = heads[slug].count, heads[slug].rows
            else:
                count = counts[slug]
                # An empty list needs no rows: its count already said so.
                rows = decorate(queryset()[:HOME_ROWS]) if count else []
            tasks.append(TaskList(slug, title, count, rows, empty))
        received = TaskList(
            "received",
            "Assessments and reviews received",
            counts["received"],
            lists.received(ab, limit=HOME_ROWS) if counts["received"] else [],
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
        page = page_of(rows, request.GET)
        task = TaskList(slug, title, page.paginator.count, decorate(page.object_list), empty)
        return render(
            request,
            "induction/list.html",
            {
                "task": task,
                "page": page,
                "search": search,
                "pagination": pagination(page, request.GET),
            },
        )


class TeacherView(AppropriateBodyView, View):
    """The appropriate body's page for one teacher: summary, periods, timeline, reviews."""

    def get(self, request, teacher_id: int):
        teacher = self.get_teacher(teacher_id)
        return render(
            request,
            "induction/teacher.html",
            appropriate_body_view_of(teacher, self.appropriate_body),
        )

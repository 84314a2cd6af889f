"""A user's notifications: the list, opening one, marking them read, and opting out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from ecte.formatting import format_date
from ecte.notifications import services
from ecte.notifications.kinds import get_kind
from ecte.notifications.selectors import notifications_for, unread_count
from ecte.pagination import page_of, pagination

PAGE_SIZE = 20


class NotificationListView(View):
    def get(self, request):
        page = page_of(notifications_for(user=request.user), request.GET, per_page=PAGE_SIZE)
        return render(
            request,
            "notifications/list.html",
            {
                "page": page,
                "notifications": list(page.object_list),
                "unread": unread_count(user=request.user),
                "pagination": pagination(page, request.GET),
            },
        )


class OpenNotificationView(View):
    """Follow a notification's link, marking it read on the way."""

    def get(self, request, notification_id: int):
        notification = get_object_or_404(notifications_for(user=request.user), pk=notification_id)
        services.mark_read(notification=notification)
        link = notification.link
        if link and url_has_allowed_host_and_scheme(link, {request.get_host()}):
            return redirect(link)
        return redirect("notifications:list")


class MarkReadView(View):
    def post(self, request, notification_id: int):
        notification = get_object_or_404(notifications_for(user=request.user), pk=notification_id)
        services.mark_read(notification=notification)
        page = request.POST.get("page", "")
        suffix = f"?page={page}" if page.isdigit() else ""
        return redirect(f"{_list_url()}{suffix}")


class MarkAllReadView(View):
    def post(self, request):
        count = services.mark_all_read(user=request.user)
        if count:
            messages.success(request, "All notifications marked as read")
        return redirect("notifications:list")


def _list_url() -> str:
    from django.urls import reverse

    return reverse("notifications:list")


@method_decorator(login_not_required, name="dispatch")
class OptOutView(View):
    """The link in a non-statutory email. GET asks; POST turns the kind off for the term.

    The signed token is the proof of who asked, so no sign-in is needed; a GET
    changes nothing, so a mail scanner following links cannot opt anyone out.
    """

    def _read(self, token: str):
        try:
            user_id, kind = services.read_opt_out_token(token)
        except services.OptOutLinkInvalid:
            return None, None
        return user_id, get_kind(kind)

    def get(self, request, token: str):
        user_id, kind = self._read(token)
        if kind is None or kind.statutory:
            return render(request, "notifications/opt_out_invalid.html", status=404)
        until = services.end_of_term(services.dates.today())
        return render(
            request,
            "notifications/opt_out.html",
            {"kind": kind, "until": format_date(until), "token": token},
        )

    def post(self, request, token: str):
        user_id, kind = self._read(token)
        if kind is None or kind.statutory:
            return render(request, "notifications/opt_out_invalid.html", status=404)
        try:
            opt_out = services.opt_out(user_id=user_id, kind=kind.slug)
        except services.NotificationError:
            return render(request, "notifications/opt_out_invalid.html", status=404)
        return render(
            request,
            "notifications/opted_out.html",
            {"kind": kind, "until": format_date(opt_out.until)},
        )

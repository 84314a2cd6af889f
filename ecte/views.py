"""Pages that belong to no single role: start, home, choose role, footer pages, errors."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from ecte.accounts.models import Role
from ecte.accounts.roles import active_memberships, set_active_role
from ecte.demo import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, demo_accounts, demo_staff_code

ROLE_HOMES = {
    Role.INDUCTION_TUTOR: "schools:home",
    Role.APPROPRIATE_BODY: "induction:home",
    Role.LEAD_PROVIDER: "programmes:home",
    Role.MENTOR: "participants:mentor_home",
    Role.ECT: "participants:ect_home",
    Role.DFE_STAFF: "admin:index",
    Role.TRUST_INDUCTION_LEAD: "schools:trust_home",
}


@method_decorator(login_not_required, name="dispatch")
class StartView(View):
    def get(self, request):
        context = {"demo_accounts": [], "demo_staff": None}
        if settings.DEMO_MODE and settings.DEBUG:
            context["demo_accounts"] = demo_accounts()
            context["demo_staff"] = {
                "email": DEMO_STAFF_EMAIL,
                "password": DEMO_STAFF_PASSWORD,
                "code": demo_staff_code(),
            }
        return render(request, "pages/start.html", context)


class HomeView(View):
    """Send the user to their active role's home, or ask which role to use."""

    def get(self, request):
        role = request.active_role
        if not role:
            return redirect("choose_role")
        return redirect(ROLE_HOMES[role.role])


class ChooseRoleForm(forms.Form):
    membership = forms.ChoiceField(
        label="Which role do you want to use?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the role you want to use",
            "invalid_choice": "Select the role you want to use",
        },
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.pk): m for m in memberships}
        self.fields["membership"].choices = [(str(m.pk), m.label) for m in memberships]


class ChooseRoleView(View):
    def _form(self, request, data=None):
        return ChooseRoleForm(data, memberships=list(active_memberships(request.user)))

    def _next(self, request) -> str | None:
        target = request.POST.get("next") or request.GET.get("next")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
            return target
        return None

    def get(self, request):
        form = self._form(request)
        if not form.memberships:
            return render(request, "pages/no_role.html", status=403)
        current = request.active_role
        if current:
            form.initial = {"membership": str(current.pk)}
        return render(
            request, "pages/choose_role.html", {"form": form, "next": self._next(request)}
        )

    def post(self, request):
        form = self._form(request, request.POST)
        if not form.is_valid():
            return render(
                request, "pages/choose_role.html", {"form": form, "next": self._next(request)}
            )
        membership = form.memberships[form.cleaned_data["membership"]]
        set_active_role(request, membership)
        return redirect(self._next(request) or ROLE_HOMES[membership.role])


def _static_page(template: str):
    @login_not_required
    def view(request):
        return render(request, template)

    return view


accessibility = _static_page("pages/accessibility.html")
cookies = _static_page("pages/cookies.html")
privacy = _static_page("pages/privacy.html")


@login_not_required
def healthcheck(request):
    """For load balancers and the Docker HEALTHCHECK: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_not_required
def demo_sign_in(request, user_id: int):
    """One-click sign-in for the demo accounts: only in the embedded default (DEBUG on)."""
    from django.contrib.auth import get_user_model, login

    if not settings.DEMO_MODE or not settings.DEBUG or request.method != "POST":
        raise Http404
    user = get_user_model().objects.filter(pk=user_id, is_staff=False).first()
    if user is None or user.pk not in {account.user.pk for account in demo_accounts()}:
        raise Http404
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home")


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_500(request):
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:  # the error page must never fail itself
        return HttpResponse("Sorry, there is a problem with the service.", status=500)

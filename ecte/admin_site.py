"""The DfE admin site, and the way DfE staff change induction data in it.

Induction data (periods, outcomes, extensions, reductions, school periods, mentorships,
training, teachers and their register records) is read-only in admin: a raw ModelAdmin save
would skip the rules the services check and the events they write. Each change DfE staff may
make is instead a `ServiceAction`: a page asking for what the service needs and a required
note saying why, which calls the same service the journeys call, so the teacher's timeline
records who made the change and why.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import Action, ActionLocation
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from ecte.accounts.mfa import staff_has_passed_mfa, staff_has_totp
from ecte.events.record import Actor

NOTE_LABEL = "Note: why are you making this change?"
NOTE_REQUIRED = "Enter why you are making this change"
NOTE_HELP = "This is kept in the teacher's history with your name."
CHOOSE_ONE = "Choose one {thing} to {action}"
NOT_AVAILABLE = "You cannot {action} here: {why}"
STAFF_ROLE_LABEL = "DfE staff (admin)"


class NoteForm(forms.Form):
    """The fields a service needs, then the required note. `obj` is the record changed."""

    def __init__(self, *args, obj, **kwargs):
        self.obj = obj
        super().__init__(*args, **kwargs)
        # Last, whatever the subclass declares: the question that ends every change.
        self.fields["note"] = forms.CharField(
            label=NOTE_LABEL,
            help_text=NOTE_HELP,
            widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
            error_messages={"required": NOTE_REQUIRED},
        )


class DateInput(forms.DateInput):
    """The browser's own date picker: accessible, and no admin calendar script to load."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    """A date question on a service action's page, with its error messages."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date",
        },
    )


@dataclass(frozen=True)
class ServiceAction:
    """One change DfE staff can make to a record from admin, through a service.

    `perform(obj, cleaned_data, actor)` calls the service (passing the note on) and returns
    the confirmation to show; `unavailable(obj)` returns why the change does not apply to
    this record now (the link is then hidden), or "" when it does.
    """

    name: str
    label: str
    form_class: type[NoteForm]
    perform: Callable[[object, dict, Actor], str]
    initial: Callable[[object], dict] | None = None
    unavailable: Callable[[object], str] | None = None

    def why_unavailable(self, obj) -> str:
        return self.unavailable(obj) if self.unavailable else ""


def _service_errors() -> tuple[type[Exception], ...]:
    # Imported when first needed: the admin site is built while the apps load.
    from induction.errors import InductionError
    from participants.services import ParticipantError

    return (InductionError, ParticipantError)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through the services, which check the rules and keep
    history (or never change): DfE staff can search and read them here, not add, edit or
    delete them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceActionsAdmin(ReadOnlyAdmin):
    """Read-only in admin, with `service_actions` as the only way to change a record: each a
    page linked from the record's admin page and a list action."""

    service_actions: tuple[ServiceAction, ...] = ()
    # Offer each change as a list action too (a checkbox on every row of the list).
    list_service_actions = True
    change_form_template = "admin/ecte/change_form_with_service_actions.html"

    def has_service_action_permission(self, request) -> bool:
        """The model's Django "change" permission (every superuser has it): the ModelAdmin's
        own change permission is always refused, so raw edits stay impossible."""
        codename = get_permission_codename("change", self.opts)
        return request.user.has_perm(f"{self.opts.app_label}.{codename}")

    def service_action_url_name(self, action: ServiceAction) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{action.name.replace('-', '_')}"

    def get_urls(self):
        def view_for(action):
            def view(request, object_id):
                return self.service_action_view(request, object_id, action)

            return self.admin_site.admin_view(view)

        return [
            path(
                f"<path:object_id>/{action.name}/",
                view_for(action),
                name=self.service_action_url_name(action),
            )
            for action in self.service_actions
        ] + super().get_urls()

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # The record's own page links to each change instead (object tools).
        if (
            action_location == ActionLocation.CHANGE_LIST
            and self.list_service_actions
            and self.has_service_action_permission(request)
        ):
            for action in self.service_actions:
                name = f"service_{action.name.replace('-', '_')}"
                actions[name] = Action(
                    func=self._list_action(action),
                    name=name,
                    description=action.label,
                    plural_description=action.label,
                    locations=[ActionLocation.CHANGE_LIST],
                )
        return actions

    def _list_action(self, action: ServiceAction):
        def list_action(modeladmin, request, queryset):
            if queryset.count() != 1:
                thing = self.opts.verbose_name
                self.message_user(
                    request,
                    CHOOSE_ONE.format(thing=thing, action=action.label.lower()),
                    messages.ERROR,
                )
                return None
            url_name = f"{self.admin_site.name}:{self.service_action_url_name(action)}"
            return HttpResponseRedirect(reverse(url_name, args=[quote(queryset.get().pk)]))

        return list_action

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        links = []
        if obj is not None and self.has_service_action_permission(request):
            links = [
                {
                    "label": action.label,
                    "url": reverse(
                        f"{self.admin_site.name}:{self.service_action_url_name(action)}",
                        args=[quote(obj.pk)],
                    ),
                }
                for action in self.service_actions
                if not action.why_unavailable(obj)
            ]
        extra_context = {**(extra_context or {}), "service_action_links": links}
        return super().change_view(request, object_id, form_url, extra_context)

    def service_action_done_url(self, obj) -> str:
        """Where to go after a change: the record's own admin page."""
        return reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
        )

    def service_action_view(self, request, object_id, action: ServiceAction):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_service_action_permission(request):
            raise PermissionDenied
        done_url = self.service_action_done_url(obj)
        why = action.why_unavailable(obj)
        if why:
            self.message_user(
                request, NOT_AVAILABLE.format(action=action.label.lower(), why=why), messages.ERROR
            )
            return HttpResponseRedirect(done_url)
        initial = action.initial(obj) if action.initial else None
        form = action.form_class(request.POST or None, obj=obj, initial=initial)
        if request.method == "POST" and form.is_valid():
            actor = Actor(user=request.user, role_label=STAFF_ROLE_LABEL)
            try:
                confirmation = action.perform(obj, form.cleaned_data, actor)
            except _service_errors() as error:
                # The service refused under its own transaction: nothing was saved.
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.log_change(request, obj, f"{action.label}. {form.cleaned_data['note']}")
                self.message_user(request, confirmation, messages.SUCCESS)
                return HttpResponseRedirect(done_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{action.label}: {obj}",
            "subtitle": None,
            "object": obj,
            "object_url": done_url,
            "action": action,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/ecte/service_action.html", context)


class ECTEAdminSite(admin.AdminSite):
    site_header = "Manage early career teacher induction: DfE admin"
    site_title = "DfE admin"
    index_title = "Administer the service"
    # The index adds DfE's tools (imports, national export) above the models.
    index_template = "admin/ecte_index.html"

    def has_permission(self, request) -> bool:
        # Password plus authenticator app, always (defence in depth beside the middleware).
        return (
            super().has_permission(request)
            and staff_has_totp(request.user)
            and staff_has_passed_mfa(request)
        )

    def get_urls(self):
        from ecte.imports import admin_views
        from ecte.imports.models import ImportKind

        tools = [
            path(
                "tools/import/teacher-records/",
                self.admin_view(admin_views.upload_view(self, ImportKind.TEACHER_RECORDS)),
                name="imports_teacher_records",
            ),
            path(
                "tools/import/schools/",
                self.admin_view(admin_views.upload_view(self, ImportKind.SCHOOLS)),
                name="imports_schools",
            ),
            path(
                "tools/import/<int:batch_id>/",
                self.admin_view(admin_views.preview_view(self)),
                name="imports_preview",
            ),
            path(
                "tools/export/national/",
                self.admin_view(admin_views.national_export_view(self)),
                name="exports_national",
            ),
            path(
                "tools/export/national/<int:export_id>/download/",
                self.admin_view(admin_views.national_download_view(self)),
                name="exports_national_download",
            ),
        ]
        return tools + super().get_urls()

"""Question-page journeys: one form per question, answers in the session, check your answers.

A journey subclasses WizardView, names its steps and their forms, and implements
`done()` (one service call). URLs take the step in the path:

    path("register-ect/<slug:step>/", RegisterECTWizard.as_view(), name="register_ect")

Answers are stored raw (as the user typed them) under a namespaced session key, so
a form rebinds exactly what was typed when the user comes back with "Change". Every
answer is validated again on the check your answers page, and once more inside the
service, because anything can change between two requests.

The journey has a token minted when it starts. `done()` receives it, so the service
can make a double submission (refresh, back button, double click) a no-op.
"""

import secrets
from abc import ABCMeta, abstractmethod
from dataclasses import dataclass

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

CHECK_ANSWERS = "check-answers"


@dataclass
class SummaryRow:
    key: str
    value: str
    step: str
    visually_hidden: str = ""


class WizardStore:
    """One journey's answers in the session: {"token": ..., "steps": {step: raw data}}."""

    def __init__(self, request, key: str):
        self.session = request.session
        self.key = f"wizard:{key}"

    @property
    def data(self) -> dict:
        return self.session.setdefault(self.key, {"token": secrets.token_urlsafe(16), "steps": {}})

    @property
    def token(self) -> str:
        return self.data["token"]

    def answers(self, step: str) -> dict | None:
        return self.data["steps"].get(step)

    def save(self, step: str, raw: dict) -> None:
        data = self.data
        data["steps"][step] = raw
        self.session[self.key] = data
        self.session.modified = True

    def forget(self, *steps: str) -> None:
        data = self.data
        for step in steps:
            data["steps"].pop(step, None)
        self.session.modified = True

    def clear(self) -> None:
        self.session.pop(self.key, None)


def raw_answers(form: forms.Form) -> dict:
    """What the user typed for this form's fields, ready to store in the session."""
    raw = {}
    for name, field in form.fields.items():
        html_name = form.add_prefix(name)
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.SelectMultiple):
            raw[html_name] = form.data.getlist(html_name)
            continue
        parts = getattr(widget, "PARTS", None)
        if parts:  # a GOV.UK date input posts three fields
            for part in parts:
                raw[f"{html_name}-{part}"] = form.data.get(f"{html_name}-{part}", "")
            continue
        raw[html_name] = form.data.get(html_name, "")
    return raw


class WizardView(View, metaclass=ABCMeta):
    """Subclasses set `steps` ({slug: form class}), `title`, `url_name`, and implement
    `summary_rows()` and `done()`.

    A step's form may set `title` (the question, used as the page heading) and
    `field_params` ({field name: extra GOV.UK macro parameters})."""

    steps: dict[str, type[forms.Form]] = {}
    title = ""
    url_name = ""
    step_template = "wizard/step.html"
    check_template = "wizard/check_answers.html"
    check_title = "Check your answers"
    submit_text = "Confirm"

    # --- hooks -------------------------------------------------------------------------

    def store_key(self) -> str:
        """Namespace in the session: the journey plus whatever it is about."""
        return self.url_name

    def url_kwargs(self) -> dict:
        return {}

    def form_kwargs(self, step: str) -> dict:
        """Extra keyword arguments for the step's form (the school, earlier answers...)."""
        return {}

    def step_is_needed(self, step: str) -> bool:
        return True

    def step_context(self, step: str, form) -> dict:
        return {}

    @abstractmethod
    def summary_rows(self, cleaned: dict[str, dict]) -> list[SummaryRow]:
        """The rows of check your answers, each naming the step its Change link opens."""

    @abstractmethod
    def done(self, cleaned: dict[str, dict], token: str):
        """Call the one service that makes the change; clear the store; redirect."""

    def back_url_for_first_step(self) -> str:
        return reverse("home")

    # --- machinery ---------------------------------------------------------------------

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.step = kwargs.get("step")

    def store(self) -> WizardStore:
        if not hasattr(self, "_store"):
            self._store = WizardStore(self.request, self.store_key())
        return self._store

    def step_url(self, step: str, *, change: bool = False) -> str:
        url = reverse(self.url_name, kwargs={**self.url_kwargs(), "step": step})
        return f"{url}?change=1" if change else url

    def needed_steps(self) -> list[str]:
        return [step for step in self.steps if self.step_is_needed(step)]

    def make_form(self, step: str, data=None):
        form_class = self.steps[step]
        if data is None:
            data = self.store().answers(step)
        return form_class(data=data, **self.form_kwargs(step))

    def cleaned_answers(self, up_to: str | None = None) -> dict[str, dict] | None:
        """Every answered step validated again; None if any is missing or now invalid."""
        cleaned = {}
        for step in self.needed_steps():
            if step == up_to:
                break
            self._cleaned_so_far = cleaned
            form = self.make_form(step)
            if not form.is_bound or not form.is_valid():
                return None
            cleaned[step] = form.cleaned_data
        return cleaned

    def first_unanswered(self) -> str:
        for step in self.needed_steps():
            self._cleaned_so_far = self.cleaned_answers(up_to=step) or {}
            form = self.make_form(step)
            if not form.is_bound or not form.is_valid():
                return step
        return CHECK_ANSWERS

    def earlier_answers(self) -> dict[str, dict]:
        """Cleaned answers of the steps before the current one, for form_kwargs."""
        return getattr(self, "_cleaned_so_far", {})

    def previous_url(self, step: str) -> str:
        needed = self.needed_steps()
        if step == CHECK_ANSWERS:
            return self.step_url(needed[-1])
        index = needed.index(step)
        if index == 0:
            return self.back_url_for_first_step()
        return self.step_url(needed[index - 1])

    def next_url(self, step: str) -> str:
        if self.request.GET.get("change"):
            following = self.first_unanswered()
            return self.step_url(following, change=following != CHECK_ANSWERS)
        needed = self.needed_steps()
        index = needed.index(step)
        if index + 1 < len(needed):
            return self.step_url(needed[index + 1])
        return self.step_url(CHECK_ANSWERS)

    def get(self, request, *args, **kwargs):
        if self.step == CHECK_ANSWERS:
            return self.check_answers()
        if self.step not in self.needed_steps():
            raise Http404
        self._cleaned_so_far = self.cleaned_answers(up_to=self.step) or {}
        form = self.make_form(self.step)
        if form.is_bound:
            form.full_clean()
            form._errors = {}  # show what was typed, without errors, when coming back
        return self.render_step(form)

    def post(self, request, *args, **kwargs):
        if self.step == CHECK_ANSWERS:
            cleaned = self.cleaned_answers()
            if cleaned is None:
                return HttpResponseRedirect(self.step_url(self.first_unanswered()))
            return self.done(cleaned, self.store().token)
        if self.step not in self.needed_steps():
            raise Http404
        self._cleaned_so_far = self.cleaned_answers(up_to=self.step) or {}
        form = self.make_form(self.step, data=request.POST)
        if not form.is_valid():
            return self.render_step(form)
        self.store().save(self.step, raw_answers(form))
        return HttpResponseRedirect(self.next_url(self.step))

    def render_step(self, form):
        context = {
            "form": form,
            "journey_title": self.title,
            "back_url": self.previous_url(self.step),
            **self.step_context(self.step, form),
        }
        return render(
            self.request, getattr(form, "template_name_step", None) or self.step_template, context
        )

    def check_answers(self):
        cleaned = self.cleaned_answers()
        if cleaned is None:
            return HttpResponseRedirect(self.step_url(self.first_unanswered()))
        rows = [
            {
                "key": {"text": row.key},
                "value": {"text": row.value},
                "actions": {
                    "items": [
                        {
                            "href": self.step_url(row.step, change=True),
                            "text": "Change",
                            "visuallyHiddenText": row.visually_hidden or row.key.lower(),
                        }
                    ]
                },
            }
            for row in self.summary_rows(cleaned)
        ]
        return render(
            self.request,
            self.check_template,
            {
                "rows": rows,
                "title": self.check_title,
                "journey_title": self.title,
                "submit_text": self.submit_text,
                "back_url": self.previous_url(CHECK_ANSWERS),
            },
        )

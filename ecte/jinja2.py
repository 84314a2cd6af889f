"""The one Jinja2 environment every page renders through."""

import functools

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader, PrefixLoader

from ecte.formatting import format_date, format_datetime, format_terms
from ecte.forms.govuk import error_summary_params, field_params


def url(name: str, *args, **kwargs) -> str:
    try:
        return _reverse(
            settings.ROOT_URLCONF,
            get_urlconf(),
            get_script_prefix(),
            name,
            args,
            tuple(sorted(kwargs.items())),
        )
    except TypeError:  # an argument that cannot be a key: reverse it each time
        return reverse(name, args=args or None, kwargs=kwargs or None)


@functools.lru_cache(maxsize=16384)
def _reverse(urlconf, request_urlconf, prefix, name, args, kwargs) -> str:
    # A list of 60 ECTs links each one: reversing costs more than the rest of its row, and
    # the same link is asked for again and again. The key holds everything reverse() reads.
    return reverse(name, args=args or None, kwargs=dict(kwargs) or None)


def environment(**options) -> Environment:
    # ChainableUndefined: the GOV.UK template calls header/footer macros with no
    # params, which fails under plain Undefined, and DebugUndefined (Django's
    # choice under DEBUG) prints garbage into the macros.
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    # GOV.UK macros are imported as "govuk_frontend_jinja/components/...".
    options["loader"] = ChoiceLoader(
        [
            options["loader"],
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    env = Environment(**options)  # noqa: S701 - autoescape is on above
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "govuk_field": field_params,
            "govuk_error_summary": error_summary_params,
            "SERVICE_NAME": settings.SERVICE_NAME,
            "now": timezone.localtime,
        }
    )
    env.filters.update(
        {
            "date": format_date,
            "datetime": format_datetime,
            "terms": format_terms,
        }
    )
    return env

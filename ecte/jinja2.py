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


# The layout's GOV.UK header, phase banner and footer are the same on every page, yet their
# macros cost about 3,500 Python calls a page (12% of a short one): each is rendered once
# per process and parameters. A GOV.UK macro sees only its parameters (macros are imported
# without the page's context), so the same parameters always make the same HTML.
_CONSTANT_HTML_LIMIT = 64
_constant_html: dict = {}


def constant_html(macro, params: dict):
    """`macro(params)`, rendered once per process for each set of parameters. Only for
    parameters that do not change from request to request: anything per user or per
    request (a CSRF token, a name) would be shown to the next person."""
    key = (macro.name, repr(params))
    html = _constant_html.get(key)
    if html is None:
        if len(_constant_html) >= _CONSTANT_HTML_LIMIT:  # misuse must not grow it forever
            _constant_html.clear()
        html = _constant_html[key] = macro(params)
    return html


class _Environment(Environment):
    def make_globals(self, d):
        # Jinja2 lays a template's globals over the environment's in a ChainMap, so each
        # look-up of a global (every GOV.UK macro asks for several) runs Python code, and
        # every render copies it key by key: 1,400 to 5,200 calls a page. A plain dict
        # copy holds the same names: this environment's globals are all set before any
        # template loads, below, and never change after.
        return {**self.globals, **(d or {})}


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
    env = _Environment(**options)  # noqa: S701 - autoescape is on above
    env.globals.update(
        {
            "url": url,
            "constant_html": constant_html,
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

"""Let allauth's Django-language pages render inside the one Jinja2 GOV.UK layout.

{% govuk_page %}title{% govuk_content %}content{% endgovuk_page %} renders its
two parts, then renders templates/layouts/django_wrapper.html (Jinja2) with
them, so the header, navigation, footer and scripts are never written twice.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()


class GovukPageNode(template.Node):
    child_nodelists = ("nodelist_title", "nodelist_content")

    def __init__(self, nodelist_title, nodelist_content):
        self.nodelist_title = nodelist_title
        self.nodelist_content = nodelist_content

    def render(self, context):
        title = " ".join(self.nodelist_title.render(context).split())
        content = self.nodelist_content.render(context)
        request = context.get("request")
        return render_to_string(
            "layouts/django_wrapper.html",
            {"title": title, "content": mark_safe(content)},  # noqa: S308 - rendered by Django's autoescaping engine
            request=request,
            using="jinja2",
        )


@register.tag
def govuk_page(parser, token):
    nodelist_title = parser.parse(("govuk_content",))
    parser.delete_first_token()
    nodelist_content = parser.parse(("endgovuk_page",))
    parser.delete_first_token()
    return GovukPageNode(nodelist_title, nodelist_content)


@register.simple_tag
def govuk_fields(form):
    """Render a form's fields through the same GOV.UK adapter the Jinja pages use."""
    from django.template import engines

    jinja = engines["jinja2"]
    tpl = jinja.from_string('{% from "macros/forms.html" import fields %}{{ fields(form) }}')
    return mark_safe(tpl.render({"form": form}))  # noqa: S308 - Jinja2 autoescapes

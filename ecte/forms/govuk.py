"""Turn bound Django form fields into GOV.UK Frontend macro parameters.

One adapter for every form in the service (Jinja pages and the allauth pages
alike), so that ids always equal the names the error summary links to.
"""

from django import forms
from markupsafe import Markup

from ecte.forms.fields import GovukDateInput


def _label_text(bf) -> str:
    return str(bf.label) if bf.label else ""


def _error(bf) -> dict | None:
    if not bf.errors:
        return None
    return {"text": str(bf.errors[0])}


def _hint(bf) -> dict | None:
    if not bf.help_text:
        return None
    return {"text": str(bf.help_text)}


def _choice_items(bf, selected: set[str]) -> list[dict]:
    items = []
    for value, label in bf.field.choices:
        if value in ("", None):
            continue
        item = {
            "value": str(value),
            "text": str(label),
            "checked": str(value) in selected,
        }
        if not items:
            item["id"] = bf.auto_id
        items.append(item)
    return items


def _selected_values(bf) -> set[str]:
    value = bf.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


def field_params(bf, params: dict | None = None) -> dict:
    """Return {"component": <macro name>, "params": <macro params>} for a bound field.

    `params` overrides or adds any macro parameter (label classes, hints,
    conditional reveals, widths).
    """
    widget = bf.field.widget
    name = bf.html_name
    field_id = bf.id_for_label or bf.auto_id
    label = {"text": _label_text(bf)}
    common = {"hint": _hint(bf), "errorMessage": _error(bf)}
    extra = dict(params or {})

    if isinstance(widget, GovukDateInput):
        values = widget.parts_for(bf.value(), bf.form.data if bf.form.is_bound else None, name)
        error_class = " govuk-input--error" if bf.errors else ""
        items = [
            {
                "name": "day",
                "label": "Day",
                "classes": "govuk-input--width-2" + error_class,
                "value": values["day"],
                "id": f"{name}-day",
            },
            {
                "name": "month",
                "label": "Month",
                "classes": "govuk-input--width-2" + error_class,
                "value": values["month"],
                "id": f"{name}-month",
            },
            {
                "name": "year",
                "label": "Year",
                "classes": "govuk-input--width-4" + error_class,
                "value": values["year"],
                "id": f"{name}-year",
            },
        ]
        result = {
            "id": name,
            "namePrefix": name,
            "fieldset": {
                "legend": {"text": _label_text(bf), "classes": "govuk-fieldset__legend--s"}
            },
            "items": items,
            **common,
        }
        result.update(extra)
        return {"component": "date", "params": result}

    # CheckboxSelectMultiple subclasses RadioSelect in Django, so it must be matched first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        result = {
            "name": name,
            "idPrefix": field_id,
            "fieldset": {
                "legend": {"text": _label_text(bf), "classes": "govuk-fieldset__legend--s"}
            },
            "items": _choice_items(bf, _selected_values(bf)),
            **common,
        }
        result.update(extra)
        return {"component": "checkboxes", "params": result}

    if isinstance(widget, forms.RadioSelect):
        result = {
            "name": name,
            "idPrefix": field_id,
            "fieldset": {
                "legend": {"text": _label_text(bf), "classes": "govuk-fieldset__legend--s"}
            },
            "items": _choice_items(bf, _selected_values(bf)),
            **common,
        }
        result.update(extra)
        return {"component": "radios", "params": result}

    if isinstance(widget, forms.CheckboxInput):
        result = {
            "name": name,
            "idPrefix": field_id,
            "items": [
                {
                    "value": "true",
                    "text": _label_text(bf),
                    "checked": bool(bf.value()),
                    "id": field_id,
                }
            ],
            **common,
        }
        result.update(extra)
        return {"component": "checkboxes", "params": result}

    if isinstance(widget, forms.Select):
        selected = _selected_values(bf)
        result = {
            "id": field_id,
            "name": name,
            "label": label,
            "items": [
                {"value": str(v), "text": str(t), "selected": str(v) in selected}
                for v, t in bf.field.choices
            ],
            **common,
        }
        result.update(extra)
        return {"component": "select", "params": result}

    if isinstance(widget, forms.Textarea):
        result = {"id": field_id, "name": name, "label": label, "value": bf.value() or "", **common}
        result.update(extra)
        return {"component": "textarea", "params": result}

    input_type = getattr(widget, "input_type", "text")
    value = bf.value()
    if input_type == "password":
        value = ""  # never echo a password back
    result = {
        "id": field_id,
        "name": name,
        "label": label,
        "type": input_type,
        "value": "" if value is None else str(value),
        "attributes": {
            k: v
            for k, v in widget.attrs.items()
            if k in {"inputmode", "pattern", "maxlength", "spellcheck"}
        },
        **common,
    }
    autocomplete = widget.attrs.get("autocomplete")
    if autocomplete:
        result["autocomplete"] = autocomplete
    if input_type == "email":
        result["spellcheck"] = False
    result.update(extra)
    return {"component": "input", "params": result}


def error_summary_params(form) -> dict | None:
    """Error summary items in field order, each linking to the first input of its field."""
    if form is None or not form.errors:
        return None
    items = []
    for error in form.non_field_errors():
        items.append({"text": str(error)})
    for bf in form:
        if not bf.errors:
            continue
        if isinstance(bf.field.widget, GovukDateInput):
            anchor = (
                f"{bf.html_name}-{bf.field.widget.first_invalid_part(bf.form.data, bf.html_name)}"
            )
        elif isinstance(bf.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            # The first radio or checkbox carries the field's id (see _choice_items).
            anchor = bf.auto_id
        else:
            anchor = bf.id_for_label or bf.auto_id
        items.append({"text": str(bf.errors[0]), "href": f"#{anchor}"})
    return {"titleText": "There is a problem", "errorList": items}


def safe(html: str) -> Markup:
    return Markup(html)  # noqa: S704 - callers pass HTML built from escaped parts

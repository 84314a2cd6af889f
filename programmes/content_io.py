"""Programme content as a file: export a programme to JSON, import one back.

The admin's import and export and `manage.py seed_programmes` all come through
here. An import creates or updates the provider's programme for the year, matching
rows by their codes, so loading the same file twice changes nothing; content the
file no longer lists is removed, unless participants already have records against
it (then the import stops and says so, and nothing is saved).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from programmes.errors import ProgrammeError
from programmes.models import (
    Audience,
    ChoiceKind,
    LeadProvider,
    MeetingFocus,
    MeetingModel,
    Module,
    Programme,
    ProgrammeYear,
    Session,
    SessionKind,
    StudyItem,
    StudyKind,
)
from programmes.models.content import HALF_TERMS_IN_A_YEAR

FORMAT = "ecte-programme/1"
CONTENT_DIR = Path(__file__).resolve().parent / "content"

NOT_JSON = "The file must be a programme exported from this service (JSON)"
WRONG_FORMAT = "The file is not a programme file: its format must be ecte-programme/1"
MISSING_FIELD = "{where} needs a value for {field}"
BAD_VALUE = "{where}: {field} must be {expected}"
UNKNOWN_PROVIDER = "There is no lead provider called {name}"
STILL_USED = "{what} cannot be removed: participants already have records against it"
DUPLICATE_CODE = "{where}: the code {code} is used twice"
LONGER_THAN_A_YEAR = "{where}: the modules last more than the 6 half-terms of a year"
INVALID_CONTENT = "The content breaks a rule of programmes ({rule})"

_PROGRAMME_FIELDS = {
    "name": str,
    "source": str,
    "late_joiners_start_with_first_module": bool,
    "mentor_self_studies_required": int,
    "mentor_sessions_required": int,
    "engagement_threshold": int,
}
_YEAR_FIELDS = {
    "title": str,
    "meeting_model": MeetingModel.values,
    "meeting_every_weeks": int,
    "drop_in_every_weeks": int,
    "max_drop_in_minutes": int,
    "choice_kind": ChoiceKind.values,
    "min_choices": int,
    "max_choices": (int, None),
    "min_choices_first_module": (int, None),
}
_MODULE_FIELDS = {
    "title": str,
    "position": int,
    "fixed_position": bool,
    "half_terms": int,
    "summary": str,
}
_ITEM_FIELDS = {
    "kind": StudyKind.values,
    "number": int,
    "title": str,
    "minutes": int,
    "summary": str,
}
_SESSION_FIELDS = {
    "kind": SessionKind.values,
    "title": str,
    "presenter": str,
    "minutes": int,
    "half_term": (int, None),
    "term": (int, None),
    "position": int,
}
_FOCUS_FIELDS = {"title": str, "week": int, "guidance": str}


# --- export -------------------------------------------------------------------------------


def _values(obj, fields: dict) -> dict:
    return {name: getattr(obj, name) for name in fields}


def _item(item: StudyItem) -> dict:
    return {"code": item.code, **_values(item, _ITEM_FIELDS)}


def _session(session: Session) -> dict:
    return {"code": session.code, **_values(session, _SESSION_FIELDS)}


def export_programme(programme: Programme) -> dict:
    """The programme as a dict ready for JSON; `import_programme` reads it back."""
    items = list(programme.study_items.select_related("module").order_by("number", "code"))
    sessions = list(programme.sessions.order_by("position", "code"))
    years = []
    for year in programme.years.order_by("number"):
        modules = []
        for module in year.modules.order_by("position"):
            modules.append(
                {
                    "code": module.code,
                    **_values(module, _MODULE_FIELDS),
                    "items": [_item(i) for i in items if i.module_id == module.pk],
                }
            )
        years.append(
            {
                "number": year.number,
                **_values(year, _YEAR_FIELDS),
                "modules": modules,
                "sessions": [_session(s) for s in sessions if s.programme_year_id == year.pk],
                "meeting_focuses": [
                    {"number": focus.number, **_values(focus, _FOCUS_FIELDS)}
                    for focus in year.meeting_focuses.order_by("number")
                ],
            }
        )
    return {
        "format": FORMAT,
        "lead_provider": programme.lead_provider.name,
        "academic_year": programme.academic_year,
        **_values(programme, _PROGRAMME_FIELDS),
        "years": years,
        "mentor": {
            "items": [_item(i) for i in items if i.module_id is None],
            "sessions": [_session(s) for s in sessions if s.audience == Audience.MENTOR],
        },
    }


def export_json(programme: Programme) -> str:
    return json.dumps(export_programme(programme), indent=2, ensure_ascii=False) + "\n"


# --- import -------------------------------------------------------------------------------


def _describe(expected) -> str:
    if isinstance(expected, list):
        return "one of " + ", ".join(expected)
    if isinstance(expected, tuple):
        return "a whole number or empty"
    return {str: "text", int: "a whole number", bool: "true or false"}[expected]


def _clean(data: Any, fields: dict, where: str) -> dict:
    if not isinstance(data, dict):
        raise ProgrammeError(
            BAD_VALUE.format(where=where, field="each entry", expected="an object")
        )
    cleaned = {}
    for name, expected in fields.items():
        if name not in data:
            raise ProgrammeError(MISSING_FIELD.format(where=where, field=name))
        value = data[name]
        if isinstance(expected, list):
            ok = value in expected
        elif isinstance(expected, tuple):
            ok = value is None or (isinstance(value, int) and not isinstance(value, bool))
        elif expected is int:
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, expected)
        if not ok:
            raise ProgrammeError(
                BAD_VALUE.format(where=where, field=name, expected=_describe(expected))
            )
        cleaned[name] = value
    return cleaned


def _code(data: dict, where: str) -> str:
    code = data.get("code") if isinstance(data, dict) else None
    if not isinstance(code, str) or not code.strip():
        raise ProgrammeError(MISSING_FIELD.format(where=where, field="code"))
    return code.strip()


def _list(data: dict, key: str, where: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ProgrammeError(BAD_VALUE.format(where=where, field=key, expected="a list"))
    return value


def _upsert(model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj


def _remove_others(queryset, keep_ids: set[int], what) -> None:
    for obj in queryset.exclude(pk__in=keep_ids):
        try:
            obj.delete()
        except ProtectedError:
            raise ProgrammeError(STILL_USED.format(what=what(obj))) from None


def parse(text: str | bytes) -> dict:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise ProgrammeError(NOT_JSON) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgrammeError(WRONG_FORMAT)
    return data


@transaction.atomic
def import_programme(data: dict, *, create_lead_provider: bool = False) -> Programme:
    """Create or update a programme from `data` (the shape `export_programme` writes).

    All or nothing: a problem anywhere raises ProgrammeError and saves nothing.
    """
    if data.get("format") != FORMAT:
        raise ProgrammeError(WRONG_FORMAT)
    name = data.get("lead_provider")
    if not isinstance(name, str) or not name.strip():
        raise ProgrammeError(MISSING_FIELD.format(where="The programme", field="lead_provider"))
    year = data.get("academic_year")
    if not isinstance(year, int) or isinstance(year, bool) or year < 2021:
        raise ProgrammeError(
            BAD_VALUE.format(
                where="The programme", field="academic_year", expected="a year from 2021"
            )
        )
    provider = LeadProvider.objects.filter(name=name).first()
    if provider is None:
        if not create_lead_provider:
            raise ProgrammeError(UNKNOWN_PROVIDER.format(name=name))
        provider = LeadProvider.objects.create(name=name)
    try:
        return _import(data, provider, year)
    except IntegrityError as error:
        raise ProgrammeError(INVALID_CONTENT.format(rule=_constraint_name(error))) from None


def _constraint_name(error: IntegrityError) -> str:
    diag = getattr(getattr(error, "__cause__", None), "diag", None)
    return getattr(diag, "constraint_name", None) or str(error).splitlines()[0]


def _import(data: dict, provider: LeadProvider, academic_year: int) -> Programme:
    programme = _upsert(
        Programme,
        {"lead_provider": provider, "academic_year": academic_year},
        _clean(data, _PROGRAMME_FIELDS, "The programme"),
    )
    item_codes: set[str] = set()
    session_codes: set[str] = set()

    def unique(codes: set[str], code: str, where: str) -> str:
        if code in codes:
            raise ProgrammeError(DUPLICATE_CODE.format(where=where, code=code))
        codes.add(code)
        return code

    kept_years, kept_modules, kept_items, kept_sessions, kept_focuses = (set() for _ in range(5))
    for year_data in _list(data, "years", "The programme"):
        number = year_data.get("number") if isinstance(year_data, dict) else None
        where_year = f"Year {number}"
        if number not in (1, 2):
            raise ProgrammeError(
                BAD_VALUE.format(where="A year", field="number", expected="1 or 2")
            )
        year = _upsert(
            ProgrammeYear,
            {"programme": programme, "number": number},
            _clean(year_data, _YEAR_FIELDS, where_year),
        )
        kept_years.add(year.pk)
        modules_data = _list(year_data, "modules", where_year)
        _check_layout(modules_data, where_year)
        _park_positions(year)
        module_codes: set[str] = set()
        for module_data in modules_data:
            code = unique(module_codes, _code(module_data, f"{where_year}, a module"), where_year)
            where_module = f"{where_year}, module {code}"
            module = _upsert(
                Module,
                {"programme_year": year, "code": code},
                _clean(module_data, _MODULE_FIELDS, where_module),
            )
            kept_modules.add(module.pk)
            for item_data in _list(module_data, "items", where_module):
                item_code = unique(item_codes, _code(item_data, where_module), where_module)
                values = _clean(item_data, _ITEM_FIELDS, f"{where_module}, {item_code}")
                if values["kind"] == StudyKind.MENTOR_SELF_STUDY:
                    raise ProgrammeError(
                        BAD_VALUE.format(
                            where=f"{where_module}, {item_code}",
                            field="kind",
                            expected="an ECT's study (mentor self-study goes under mentor)",
                        )
                    )
                item = _upsert(
                    StudyItem,
                    {"programme": programme, "code": item_code},
                    {**values, "module": module},
                )
                kept_items.add(item.pk)
        for session_data in _list(year_data, "sessions", where_year):
            code = unique(session_codes, _code(session_data, where_year), where_year)
            session = _upsert(
                Session,
                {"programme": programme, "code": code},
                {
                    **_clean(session_data, _SESSION_FIELDS, f"{where_year}, {code}"),
                    "programme_year": year,
                    "audience": Audience.ECT,
                },
            )
            kept_sessions.add(session.pk)
        focus_numbers: set[str] = set()
        for focus_data in _list(year_data, "meeting_focuses", where_year):
            focus_number = focus_data.get("number") if isinstance(focus_data, dict) else None
            if not isinstance(focus_number, int):
                raise ProgrammeError(
                    MISSING_FIELD.format(where=f"{where_year}, a meeting focus", field="number")
                )
            unique(focus_numbers, str(focus_number), f"{where_year}, meeting focuses")
            focus = _upsert(
                MeetingFocus,
                {"programme_year": year, "number": focus_number},
                _clean(focus_data, _FOCUS_FIELDS, f"{where_year}, meeting focus {focus_number}"),
            )
            kept_focuses.add(focus.pk)
        _remove_others(
            MeetingFocus.objects.filter(programme_year=year),
            kept_focuses,
            lambda focus: f"Meeting focus {focus.number}",
        )
    mentor = data.get("mentor") or {}
    if not isinstance(mentor, dict):
        raise ProgrammeError(
            BAD_VALUE.format(where="The programme", field="mentor", expected="an object")
        )
    for item_data in _list(mentor, "items", "Mentor content"):
        item_code = unique(item_codes, _code(item_data, "Mentor content"), "Mentor content")
        values = _clean(item_data, _ITEM_FIELDS, f"Mentor content, {item_code}")
        if values["kind"] != StudyKind.MENTOR_SELF_STUDY:
            raise ProgrammeError(
                BAD_VALUE.format(
                    where=f"Mentor content, {item_code}", field="kind", expected="mentor_self_study"
                )
            )
        item = _upsert(
            StudyItem, {"programme": programme, "code": item_code}, {**values, "module": None}
        )
        kept_items.add(item.pk)
    for session_data in _list(mentor, "sessions", "Mentor content"):
        code = unique(session_codes, _code(session_data, "Mentor content"), "Mentor content")
        session = _upsert(
            Session,
            {"programme": programme, "code": code},
            {
                **_clean(session_data, _SESSION_FIELDS, f"Mentor content, {code}"),
                "programme_year": None,
                "audience": Audience.MENTOR,
            },
        )
        kept_sessions.add(session.pk)

    _remove_others(programme.study_items.all(), kept_items, lambda item: item.code)
    _remove_others(programme.sessions.all(), kept_sessions, lambda session: session.code)
    _remove_others(
        Module.objects.filter(programme_year__programme=programme),
        kept_modules,
        lambda module: module.label,
    )
    _remove_others(programme.years.all(), kept_years, lambda year: f"Year {year.number}")
    return programme


def _check_layout(modules_data: list, where: str) -> None:
    """Modules take places 1, 2, 3... and fit in the year's six half-terms."""
    positions = sorted(m.get("position") for m in modules_data if isinstance(m, dict))
    if positions != list(range(1, len(positions) + 1)):
        raise ProgrammeError(
            BAD_VALUE.format(
                where=where, field="the module positions", expected="1, 2, 3 and so on"
            )
        )
    lengths = [m.get("half_terms") for m in modules_data if isinstance(m, dict)]
    if all(isinstance(n, int) for n in lengths) and sum(lengths) > HALF_TERMS_IN_A_YEAR:
        raise ProgrammeError(LONGER_THAN_A_YEAR.format(where=where))


def _park_positions(year: ProgrammeYear) -> None:
    """Positions are unique within a year, so a file that swaps two modules would clash
    half-way: park the existing ones beyond any real position first."""
    for offset, module in enumerate(year.modules.order_by("position")):
        Module.objects.filter(pk=module.pk).update(position=100 + offset)


def import_file(path: Path, *, create_lead_provider: bool = False) -> Programme:
    return import_programme(parse(path.read_bytes()), create_lead_provider=create_lead_provider)


def bundled_files() -> list[Path]:
    """The real programmes shipped with the service (the NIoT handbook, a BPN-style one)."""
    return sorted(CONTENT_DIR.glob("*.json"))

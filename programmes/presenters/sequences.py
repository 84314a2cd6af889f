"""The module sequence pages (rules 23-26): the six half-terms, who decided, what can change."""

from django.utils import timezone

from ecte.calendar import dates
from ecte.formatting import format_date, format_datetime
from programmes import sequencing, timeline
from programmes.sequencing import EffectiveSequence


def sequence_is_editable(school, sequence: EffectiveSequence, year: int) -> bool:
    """Until the end of Autumn half-term 1 (rule 25), and never when the trust decided."""
    return not sequencing.is_locked(year) and sequence.source != "trust"


def decided_text(sequence: EffectiveSequence) -> str:
    if sequence.source == "trust":
        person = f" ({sequence.confirmed_by})" if sequence.confirmed_by else ""
        on = format_date(timezone.localtime(sequence.confirmed_at).date())
        return f"Decided by {sequence.decided_by}{person} on {on}"
    if sequence.source == "school":
        return f"Confirmed by {sequence.confirmed_by or 'your school'} on {format_datetime(sequence.confirmed_at)}"
    return "The designed order: your school has not chosen another"


def trust_decided_text(sequence) -> str:
    """The trust's own page: who in the trust confirmed its sequence, and when."""
    confirmed_by = sequence.confirmed_by
    person = f" ({confirmed_by.full_name or confirmed_by.email})" if confirmed_by else ""
    on = format_date(timezone.localtime(sequence.confirmed_at).date())
    return f"Decided by {sequence.decided_by_name}{person} on {on}"


def timeline_rows(programme, codes: list[str], year: int) -> list[dict]:
    """The six half-terms with the module the order puts in each (for a GOV.UK table)."""
    modules = sequencing.ordered_modules(sequencing.sequence_modules(programme), codes)
    return [
        {
            "half_term": slot.half_term.name,
            "dates": f"{format_date(slot.half_term.starts_on)} to {format_date(slot.half_term.ends_on)}",
            "module": slot.module.label if slot.module else "No module",
            "fixed": bool(slot.module and slot.module.fixed_position),
        }
        for slot in timeline.school_slots(modules, dates.half_terms(year))
    ]


def late_joiner_text(programme) -> str:
    modules = sequencing.sequence_modules(programme)
    if not programme.late_joiners_start_with_first_module or not modules:
        return ""
    return (
        f"An ECT who joins after Autumn half-term 1 does {modules[0].label} first, "
        "then follows the school's sequence from the point it has reached."
    )


def timeline_table(rows: list[dict]) -> list[list[dict]]:
    return [
        [
            {"text": row["half_term"]},
            {"text": row["dates"]},
            {"text": row["module"] + (" (always first)" if row["fixed"] and index == 0 else "")},
        ]
        for index, row in enumerate(rows)
    ]


def sequence_page(school, programme, sequence: EffectiveSequence, year: int) -> dict:
    editable = sequence_is_editable(school, sequence, year)
    rows = timeline_rows(programme, sequence.codes, year)
    return {
        "provider": programme.lead_provider,
        "sequence": sequence,
        "timeline_table": timeline_table(rows),
        "decided": decided_text(sequence),
        "editable": editable,
        "locked_reason": ""
        if editable or sequence.source == "trust"
        else sequencing.locked_reason(year),
        "deadline": sequencing.sequence_deadline(year),
        "draft_pending": editable and bool(sequence.draft),
        "late_joiner": late_joiner_text(programme),
    }


def sequence_rows(programme, codes: list[str], year: int, change_url: str) -> list[dict]:
    """Check your answers: one row per half-term, a Change link on each module that can move."""
    rows = []
    for position, row in enumerate(timeline_rows(programme, codes, year), start=1):
        item = {"key": {"text": row["half_term"]}, "value": {"text": row["module"]}}
        if not row["fixed"]:
            item["actions"] = {
                "items": [
                    {
                        "href": f"{change_url}#id_place_{position}",
                        "text": "Change",
                        "visuallyHiddenText": f"the module for {row['half_term']}",
                    }
                ]
            }
        rows.append(item)
    return rows

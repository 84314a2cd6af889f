"""The ECT's own programme page and module pages (rules 22-28)."""

from ecte.calendar import dates
from ecte.formatting import format_date
from programmes import participation
from programmes.presenters.mentor import current_module_text, pace_text


def _sequence_text(ect) -> str:
    sequence = ect.sequence
    if sequence is None:
        return ""
    if sequence.source == "trust":
        return f"Your modules follow the order {sequence.decided_by} set for its schools."
    if sequence.source == "school":
        return "Your modules follow the order your school chose."
    return "Your modules follow the programme's designed order."


def _late_joiner_text(ect) -> str:
    if not (
        ect.late_joiner and ect.programme and ect.programme.late_joiners_start_with_first_module
    ):
        return ""
    first = next((s for s in ect.slots if not s.before_joining), None)
    if first is None or first.module is None:
        return ""
    return (
        f"You joined after Autumn half-term 1, so you do {first.module.label} first, "
        "then follow your school's sequence from the point it has reached."
    )


def _slot_status(ect, slot, records) -> dict:
    if slot.before_joining:
        return {"text": "Before you joined", "classes": "govuk-tag--grey"}
    if slot.module is None:
        return {"text": "No module", "classes": "govuk-tag--grey"}
    if slot.is_current or slot == ect.current_slot:
        return {"text": "Current", "classes": "govuk-tag--blue"}
    progress = module_progress_of(ect, slot.module, records)
    if progress.expected and progress.done >= progress.expected:
        return {"text": "Completed", "classes": "govuk-tag--green"}
    if slot.half_term.ends_on < ect.catalogue.today:
        return {"text": "Not finished", "classes": "govuk-tag--yellow"}
    return {"text": "Not started", "classes": "govuk-tag--grey"}


def module_progress_of(ect, module, records):
    return participation.module_progress(ect, module, records)


def session_half_term(session, half_terms) -> str:
    if session.half_term:
        return half_terms[session.half_term - 1].name
    return ["Autumn term", "Spring term", "Summer term"][session.term - 1]


def attendance_tag(value) -> dict:
    if value is True:
        return {"text": "Attended", "classes": "govuk-tag--green"}
    if value is False:
        return {"text": "Absent", "classes": "govuk-tag--red"}
    return {"text": "Not recorded yet", "classes": "govuk-tag--grey"}


def my_programme(ect, records, attended) -> dict:
    page = {
        "ect": ect,
        "year_label": dates.academic_year_label(ect.catalogue.academic_year),
        "summary": current_module_text(ect),
        "has_content": ect.has_content,
    }
    if not ect.has_content:
        return page
    current = ect.current_slot
    current_module = current.module if current else None
    page.update(
        {
            "programme_name": ect.programme.name,
            "sequence_text": _sequence_text(ect),
            "late_joiner_text": _late_joiner_text(ect),
            "pace_text": pace_text(ect),
            "timeline": [
                {
                    "half_term": slot.half_term.name,
                    "dates": f"{format_date(slot.half_term.starts_on)} to {format_date(slot.half_term.ends_on)}",
                    "module": slot.module,
                    "status": _slot_status(ect, slot, records),
                    "is_current": slot == current,
                }
                for slot in ect.slots
            ],
            "current_module": current_module,
            "module_progress": module_progress_of(ect, current_module, records)
            if current_module
            else None,
            "year_progress": participation.year_progress(ect, records),
            "sessions": [
                {
                    "title": s.title,
                    "kind": s.get_kind_display(),
                    "when": session_half_term(s, ect.catalogue.half_terms),
                    "minutes": s.minutes,
                    "presenter": s.presenter,
                    "attendance": attendance_tag(attended.get(s.pk)),
                }
                for s in ect.seminars()
            ],
        }
    )
    return page


def module_page(ect, module, records) -> dict:
    slots = ect.slots_of(module)

    def item_row(item):
        record = records.get(item.pk)
        return {
            "item": item,
            "done": bool(record and record.completed_on),
            "chosen": bool(record and record.chosen_at),
            "by_provider": bool(record and record.completion_source == "lead_provider"),
            "completed_on": format_date(record.completed_on)
            if record and record.completed_on
            else "",
        }

    choosable = [item_row(item) for item in ect.choosable_items(module)]
    return {
        "ect": ect,
        "module": module,
        "when": ", ".join(slot.half_term.name for slot in slots),
        "required": [item_row(item) for item in ect.required_items(module)],
        "chosen": [row for row in choosable if row["chosen"]],
        "minimum": ect.min_choices(module),
        "progress": module_progress_of(ect, module, records),
    }

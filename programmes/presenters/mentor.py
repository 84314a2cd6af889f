"""The mentor's "My ECTs" cards and the one-line programme summary other pages reuse."""

from ecte.formatting import format_date
from programmes.presenters.due import due_text, held_text, overdue_text


def current_module_text(ect) -> str:
    if not ect.has_content:
        if ect.training is None or ect.training.school_partnership is None:
            return "School-led training"
        return f"{ect.training.school_partnership.lead_provider.name} has not published this year's programme"
    slot = ect.current_slot
    if slot is None:
        return f"Year {ect.year_number}: the year's modules are finished"
    if slot.module is None:
        return f"Year {ect.year_number}: not started yet"
    return f"Year {ect.year_number}, {slot.module.label}"


def pace_text(ect) -> str:
    """Why a part-time ECT's figures are lower: the programme is paced pro rata (rule 4)."""
    if not ect.part_time:
        return ""
    fte = f"{ect.fte.normalize():f}"
    return (
        f"Part-time ({fte} FTE): drop-ins, meetings and the engagement expected so far are "
        f"paced pro rata, at {fte} of a full-time ECT's (at 0.5 FTE the programme takes four "
        "years instead of two), unless the lead provider, the school and the appropriate body "
        "agree a different pace."
    )


def mentor_time_text(ect) -> str:
    """Rule 20: the mentor's time with the ECT, an hour for each meeting the year's cadence sets
    (weekly in year 1, fortnightly in year 2)."""
    every = ect.programme_year.meeting_every_weeks if ect.programme_year else 1
    if every == 1:
        return "One hour a week"
    if every == 2:
        return "One hour a fortnight"
    return f"One hour every {every} weeks"


def mentor_card(entry: dict) -> dict:
    """A GOV.UK summary card for one ECT on the mentor's home page."""
    mentorship, ect, status = entry["mentorship"], entry["ect"], entry["status"]
    period = mentorship.ect_at_school_period
    drop_in = due_text(status.drop_ins, "drop-in")
    meeting = due_text(status.meetings, "meeting")
    overdue = [
        text
        for text in (
            overdue_text(status.drop_ins, "drop-in"),
            overdue_text(status.meetings, "meeting"),
        )
        if text
    ]
    return {
        "period": period,
        "name": period.teacher.full_name,
        "school": period.school.name,
        "programme": current_module_text(ect),
        "pace": pace_text(ect),
        "mentor_time": mentor_time_text(ect),
        "drop_in": drop_in,
        "meeting": meeting,
        "last_drop_in": format_date(status.last_drop_in, "None logged yet"),
        "last_meeting": format_date(status.last_meeting, "None logged yet"),
        "drop_ins_held": held_text(status.drop_ins, "drop-ins"),
        "meetings_held": held_text(status.meetings, "meetings"),
        "overdue": overdue,
        "progress": mentorship.progress if hasattr(mentorship, "progress") else None,
    }

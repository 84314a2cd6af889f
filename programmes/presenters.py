"""Page data prepared in Python so templates only lay it out (STYLE.md, templates)."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from ecte.calendar import dates
from ecte.formatting import format_date, format_datetime
from programmes import participation, selectors, sequencing, timeline
from programmes.models import SessionAttendance
from programmes.sequencing import EffectiveSequence
from programmes.services.mentoring import edit_window_open


def sequence_is_editable(school, sequence: EffectiveSequence, year: int) -> bool:
    """Until the end of Autumn half-term 1 (rule 25), and never when the trust decided."""
    return not sequencing.is_locked(year) and sequence.source != "trust"


def decided_text(sequence: EffectiveSequence) -> str:
    if sequence.source == "trust":
        return f"Set by {sequence.decided_by} for its schools" + (
            f" ({sequence.confirmed_by}, {format_datetime(sequence.confirmed_at)})"
            if sequence.confirmed_by
            else ""
        )
    if sequence.source == "school":
        return f"Confirmed by {sequence.confirmed_by or 'your school'} on {format_datetime(sequence.confirmed_at)}"
    return "The designed order: your school has not chosen another"


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


# --- mentoring ----------------------------------------------------------------------------


def _friday_of(window) -> "object":
    """The last school day of a window: its Friday, or the day the half-term ends."""
    day = window.ends_on
    while day.weekday() > 4:
        day -= datetime.timedelta(days=1)
    return day


def _period_text(window) -> str:
    if (window.ends_on - window.starts_on).days <= 7:
        return f"the week of {format_date(window.starts_on)}"
    return f"{format_date(window.starts_on)} to {format_date(_friday_of(window))}"


def due_text(due, noun: str) -> dict:
    """What is due this week for one kind of log: {"text", "tag"} for a GOV.UK tag."""
    if due.current is None:
        return {"text": f"No {noun} due: it is a school holiday", "tag": None}
    focus = f" ({_focus_label(due.current.focus)})" if due.current.focus else ""
    if due.met_now:
        return {
            "text": f"Logged on {format_date(due.met_now)}{focus}",
            "tag": {"text": "Done", "classes": "govuk-tag--green"},
        }
    return {
        "text": f"Due by {format_date(_friday_of(due.current))}{focus}",
        "tag": {"text": "Due", "classes": "govuk-tag--blue"},
    }


def overdue_text(due, noun: str) -> str:
    if not due.overdue:
        return ""
    return f"No {noun} logged for {_period_text(due.last_missed)}"


def _focus_label(focus) -> str:
    return f"meeting {focus.number}: {focus.title}"


def held_text(due, noun_plural: str) -> str:
    return f"{due.held} of {due.expected} {noun_plural} held so far"


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
        "drop_in": drop_in,
        "meeting": meeting,
        "last_drop_in": format_date(status.last_drop_in.held_on, "None logged yet")
        if status.last_drop_in
        else "None logged yet",
        "last_meeting": format_date(status.last_meeting.held_on)
        if status.last_meeting
        else "None logged yet",
        "drop_ins_held": held_text(status.drop_ins, "drop-ins"),
        "meetings_held": held_text(status.meetings, "meetings"),
        "overdue": overdue,
        "progress": mentorship.progress if hasattr(mentorship, "progress") else None,
    }


def can_change(log, user) -> bool:
    """Its mentor may change a log for 7 days after writing it (issue 5, item 7)."""
    return log.logged_by_id == user.pk and edit_window_open(log, dates.today())


def drop_in_rows(drop_ins, role) -> list[dict]:
    return [
        {
            "held_on": format_date(d.held_on),
            "minutes": d.minutes,
            "mode": d.get_mode_display(),
            "focus": d.focus_action.description if d.focus_action else "",
            "notes": d.notes,
            "change_url": reverse("mentoring:change_drop_in", args=[d.pk])
            if role.role == "mentor" and can_change(d, role.user)
            else None,
        }
        for d in drop_ins
    ]


def meeting_title(meeting) -> str:
    if meeting.focus_id:
        return f"Meeting {meeting.focus.number}: {meeting.focus.title}"
    return meeting.get_meeting_model_display()


def meeting_rows(meetings, role, url_name: str = "mentoring:meeting") -> list[dict]:
    return [
        {
            "held_on": format_date(m.held_on),
            "title": meeting_title(m),
            "minutes": m.minutes,
            "url": reverse(url_name, args=[m.pk]) if url_name else None,
        }
        for m in meetings
    ]


ACTION_TAGS = {
    "open": "govuk-tag--blue",
    "achieved": "govuk-tag--green",
    "carried_forward": "govuk-tag--yellow",
}


def action_rows(actions) -> list[dict]:
    return [
        {
            "description": a.description,
            "set_on": format_date(a.set_in.held_on),
            "status": a.get_status_display(),
            "tag_classes": ACTION_TAGS[a.status],
            "reviewed_on": format_date(a.reviewed_on, ""),
        }
        for a in actions
    ]


def meeting_detail(meeting, user=None) -> dict:
    """The meeting as summary list rows, in the order of its model."""
    rows = [("Date", format_date(meeting.held_on)), ("Length", f"{meeting.minutes} minutes")]
    if meeting.meeting_model == "six_step":
        rows += [
            ("1. Praise", meeting.praise),
            ("2. Probe", meeting.probe),
            (
                "3. Precise action",
                "; ".join(a.description for a in meeting.actions_set.all()) or "None",
            ),
            ("4. Plan", meeting.plan),
            ("5. Practise", meeting.practice),
            ("6. Follow-up observation", format_date(meeting.follow_up_on)),
        ]
    if meeting.focus_id:
        rows.append(("Meeting focus", meeting_title(meeting)))
    if meeting.meeting_model != "six_step":
        actions = "; ".join(a.description for a in meeting.actions_set.all())
        rows.append(("Actions set", actions or "None"))
    reviewed = [
        f"{a.description}: {a.get_status_display()}" for a in meeting.actions_reviewed.all()
    ]
    rows.append(("Actions reviewed", "; ".join(reviewed) or "None"))
    if meeting.notes:
        rows.append(("Notes", meeting.notes))
    revisions = [f"Changed {format_datetime(r.revised_at)}" for r in meeting.revisions.all()]
    return {
        "title": meeting_title(meeting),
        "rows": [{"key": {"text": k}, "value": {"text": v}} for k, v in rows],
        "revisions": revisions,
    }


def meeting_model_hint(ect) -> str:
    if ect.meeting_model == "six_step":
        return (
            "Use the six-step observation and feedback model: praise, probe, set a precise "
            "action, plan, practise, and arrange a follow-up observation."
        )
    if ect.meeting_model == "half_term_focus":
        return (
            "Each half-term's meetings have a fixed focus: prepare and plan (week 1), review and "
            "adapt (week 3), final review and next steps (week 6)."
        )
    return "Record what you discussed and any action for the ECT."


# --- the ECT's programme ------------------------------------------------------------------


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


def _when(session, half_terms) -> str:
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
                    "when": _when(s, ect.catalogue.half_terms),
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


# --- lead providers -----------------------------------------------------------------------


def register_counts(sessions) -> dict[int, tuple[int, int]]:
    """{session id: (recorded, attended)} in one query."""
    rows = (
        SessionAttendance.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(recorded=Count("id"), attended=Count("id", filter=Q(attended=True)))
    )
    return {row["session_id"]: (row["recorded"], row["attended"]) for row in rows}


def session_when(session, year: int) -> str:
    half_terms = dates.half_terms(year)
    return _when(session, half_terms)


def session_rows(sessions, participants, recorded, year: int) -> list[dict]:
    half_terms = dates.half_terms(year)
    rows = []
    for session in sessions:
        expected = len(selectors.session_participants(session, participants))
        done, attended = recorded.get(session.pk, (0, 0))
        audience = (
            "Mentors"
            if session.audience == "mentor"
            else f"ECTs, year {session.programme_year.number}"
        )
        rows.append(
            {
                "session": session,
                "audience": audience,
                "when": _when(session, half_terms),
                "status": f"{attended} attended, {done} of {expected} recorded"
                if done
                else f"Not recorded ({expected} expected)",
            }
        )
    return rows


def register_items(participants, attended: dict) -> list[dict]:
    """GOV.UK checkbox items for a register, ticked where attendance was recorded."""
    items = []
    for p in participants:
        hint = f"{p.school.name}, {p.delivery_partner.name}"
        if attended.get(p.teacher.pk) is False:
            hint += ", recorded as absent"
        items.append(
            {
                "value": str(p.teacher.pk),
                "text": f"{p.teacher.full_name} (TRN {p.teacher.trn})",
                "hint": {"text": hint},
                "checked": attended.get(p.teacher.pk) is True,
            }
        )
    return items


def partner_items(partners, chosen: str) -> list[dict]:
    """The delivery partner filter; empty when there is only one partner to choose."""
    if len(partners) < 2:
        return []
    return [
        {"value": "", "text": "All delivery partners"},
        *[{"value": str(p.pk), "text": p.name, "selected": chosen == str(p.pk)} for p in partners],
    ]


# --- the induction tutor's engagement dashboard --------------------------------------------


def percent_text(progress) -> str:
    return "Nothing due yet" if progress.percent is None else f"{progress.percent}%"


def engagement_rows(engagement: dict) -> list[dict]:
    rows = []
    for row in engagement["ects"]:
        status = row.status
        rows.append(
            {
                "row": row,
                "period": row.ect.ect_period,
                "name": row.ect.ect_period.teacher.full_name,
                "programme": current_module_text(row.ect),
                "mentor": row.mentor.full_name if row.mentor else "No mentor",
                "meetings": held_text(status.meetings, "meetings") if status else "No mentor",
                "drop_ins": held_text(status.drop_ins, "drop-ins") if status else "No mentor",
                "overdue": [
                    text
                    for text in (
                        overdue_text(status.drop_ins, "drop-in") if status else "",
                        overdue_text(status.meetings, "meeting") if status else "",
                    )
                    if text
                ],
            }
        )
    return rows


CSV_HEADER = [
    "name",
    "trn",
    "programme year",
    "current module",
    "self-study done",
    "self-study due",
    "self-study %",
    "seminars attended",
    "seminars due",
    "seminars %",
    "electives or focus areas chosen",
    "mentor",
    "meetings held",
    "meetings due",
    "drop-ins held",
    "drop-ins due",
]


def engagement_csv_rows(engagement: dict) -> list[list]:
    rows = []
    for row in engagement["ects"]:
        ect, status = row.ect, row.status
        slot = ect.current_slot
        rows.append(
            [
                ect.ect_period.teacher.full_name,
                ect.ect_period.teacher.trn,
                ect.year_number,
                slot.module.label if slot and slot.module else "",
                row.self_study.done,
                row.self_study.expected,
                "" if row.self_study.percent is None else row.self_study.percent,
                row.seminars.done,
                row.seminars.expected,
                "" if row.seminars.percent is None else row.seminars.percent,
                row.chosen,
                row.mentor.full_name if row.mentor else "",
                status.meetings.held if status else "",
                status.meetings.expected if status else "",
                status.drop_ins.held if status else "",
                status.drop_ins.expected if status else "",
            ]
        )
    return rows


def module_rows(ect, records) -> list[dict]:
    """Each of the ECT's modules with its half-terms and progress (for the drill-down)."""
    return [
        {
            "module": module,
            "when": ", ".join(slot.half_term.name for slot in ect.slots_of(module)),
            "progress": participation.module_progress(ect, module, records),
            "chosen": [
                item.title
                for item in ect.choosable_items(module)
                if item.pk in records and records[item.pk].chosen_at
            ],
        }
        for module in ect.modules
    ]
